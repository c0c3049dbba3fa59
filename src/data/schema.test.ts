import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { statements } from './database.js';
import { postgresMigrations, sqliteMigrations } from './schema.js';

/**
 * Every released migration, as the statements each backend ran (SHA-256, first 16 hex digits). Stores in the
 * field were built by exactly these: a new store must end up the same, so a released migration is never edited
 * (append one, and its hash here once it is released). SQLite keeps the text of each CREATE in sqlite_master, so
 * its statements are held to the byte; PostgreSQL keeps no DDL text, so there runs of white space count as one.
 */
const RELEASED = {
  sqlite: [
    '788e561129bc18c2',
    'fc446d1bcd88441a',
    'cbfbfd6563d5bf07',
    'dcb371481d1d8e5f',
    'f36a7c77c2cd4e9b',
    '2b80f081ca92b6fe',
    'f0fd30e26b6f2d37',
    '2d3588d7c89caced',
    '6ff06e55e55af1fc',
  ],
  postgres: [
    'b4298cde121aadb3',
    'a1c4fba3a5b75eeb',
    '10cfb68c5f7a2f77',
    'b70e6741a8789e8a',
    '3d9f315096499051',
    '53abd26c8d91db45',
    'f0fd30e26b6f2d37',
    '21bd46d8f90abae1',
    'bab525ee1f9943ba',
  ],
};

const digest = (parts: readonly string[]): string => createHash('sha256').update(parts.join(';\n')).digest('hex').slice(0, 16);

describe('migrations', () => {
  it('number the same steps in both dialects', () => {
    expect(postgresMigrations.length).toBe(sqliteMigrations.length);
  });

  it('run the released SQL unchanged on SQLite, to the byte', () => {
    const ran = sqliteMigrations.map((m) => digest(statements(m)));
    expect(ran.slice(0, RELEASED.sqlite.length)).toEqual(RELEASED.sqlite);
  });

  it('run the released SQL unchanged on PostgreSQL, white space aside', () => {
    const ran = postgresMigrations.map((m) => digest(statements(m).map((s) => s.replace(/\s+/g, ' '))));
    expect(ran.slice(0, RELEASED.postgres.length)).toEqual(RELEASED.postgres);
  });
});
