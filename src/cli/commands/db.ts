import * as fs from 'node:fs';
import type { Command } from 'commander';
import { copyConfig, loadConfig } from '../../config/index.js';
import { copyStore } from '../../data/copy.js';
import { isPostgresUrl } from '../../data/database.js';
import { migrateStore, openStore } from '../../data/store.js';
import { UsageError } from '../../errors.js';
import { addStoreOptions, type RegisterCommand } from '../options.js';

/** `jianzhen db migrate`: brings the store's schema up to date (every command also does on open). */
async function migrateCommand(flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(flags);
  const { location, from, to } = await migrateStore(config.store.database);
  process.stdout.write(from === to ? `${location}: schema version ${to}, up to date\n` : `${location}: schema version ${from} → ${to}\n`);
  return 0;
}

/** `jianzhen db copy`: every table and the artifact bytes into an empty store, then the counts of both. */
async function copyCommand(flags: Record<string, unknown>): Promise<number> {
  const { from, to } = copyConfig(flags);
  if (!isPostgresUrl(from.database) && !fs.existsSync(from.database)) throw new UsageError(`--from ${from.database}: no such store`);
  const source = await openStore(from);
  try {
    const target = await openStore(to);
    try {
      process.stderr.write(`db copy: ${source.location} (${source.artifacts.location}) → ${target.location} (${target.artifacts.location})\n`);
      const report = await copyStore(source, target, (line) => process.stderr.write(`db copy: ${line}\n`));
      const width = Math.max(...report.tables.map((t) => t.table.length));
      process.stdout.write(`${'table'.padEnd(width)}  ${'source'.padStart(8)}  ${'target'.padStart(8)}\n`);
      for (const t of report.tables) {
        process.stdout.write(`${t.table.padEnd(width)}  ${String(t.source).padStart(8)}  ${String(t.target).padStart(8)}${t.source === t.target ? '' : '  MISMATCH'}\n`);
      }
      const a = report.artifacts;
      process.stdout.write(`artifact bytes: ${a.rows} recorded, ${a.copied} copied, ${a.present} already in the target store\n`);
      if (a.missingInSource.length) {
        process.stdout.write(`  ${a.missingInSource.length} recorded in the source but missing from its artifact store: ${a.missingInSource.slice(0, 5).join(', ')}${a.missingInSource.length > 5 ? ', …' : ''}\n`);
      }
      const lost = report.missingInTarget.filter((sha) => !a.missingInSource.includes(sha));
      if (lost.length) process.stdout.write(`  ${lost.length} missing from the target store after the copy\n`);
      process.stdout.write(report.ok ? 'copy verified: every table has the same row count on both sides\n' : 'copy NOT verified: see the mismatches above\n');
      return report.ok ? 0 : 1;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** `jianzhen db migrate|copy`: the store's schema and moving a store to another backend. */
export const registerDb: RegisterCommand = (program: Command, setExit) => {
  const db = program.command('db').description('the store: bring its schema up to date, or copy it into another (SQLite → PostgreSQL)');
  addStoreOptions(db.command('migrate').description('apply the schema migrations the store lacks (a SQLite file or --database postgres://…)')).action(
    async (flags: Record<string, unknown>) => setExit(await migrateCommand(flags)),
  );
  db.command('copy')
    .description('copy every table and the artifact bytes into an empty store, then verify the row count of every table')
    .requiredOption('--from <file|url>', 'the store to copy: a SQLite file or postgres://…')
    .requiredOption('--to <file|url>', 'an empty store: postgres://… (or a SQLite file)')
    .option('--artifacts-from <s3-url|dir>', "the source's artifacts (default: beside the SQLite file, or .jianzhen/ for PostgreSQL)")
    .option('--artifacts-to <s3-url|dir>', "the target's artifacts, e.g. s3://BUCKET/PREFIX (default as for --artifacts-from)")
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3)')
    .action(async (flags: Record<string, unknown>) => setExit(await copyCommand(flags)));
};
