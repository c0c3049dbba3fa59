import { describe, expect, it } from 'vitest';
import type { WhoisAnswer } from './snapshot.js';
import { creationDate, creationDateAsWritten, parseWhoisDate, registrantOf, registrarOf } from './whois.js';

const answer = (fields: Record<string, string>, raw = ''): WhoisAnswer => ({ domain: 'x.cn', server: null, raw, fields, error: null });

describe('parseWhoisDate', () => {
  it.each([
    ['2026-10-02T00:00:00Z', '2026-10-02T00:00:00.000Z'],
    // CNNIC's zone-less Registration Time is Beijing time.
    ['2026-09-03 10:11:12', '2026-09-03T02:11:12.000Z'],
    ['2026-09-03', '2026-09-02T16:00:00.000Z'],
    ['2019-03-05T08:00:00+08:00', '2019-03-05T00:00:00.000Z'],
    ['2019-03-05T08:00:00.000+0800', '2019-03-05T00:00:00.000Z'],
    ['2019-03-05T08:00:00.000z', '2019-03-05T08:00:00.000Z'],
  ])('reads %s', (input, iso) => {
    expect(parseWhoisDate(input)?.toISOString()).toBe(iso);
  });

  it('returns null for text without a date', () => {
    expect(parseWhoisDate('before 1995')).toBeNull();
  });
});

describe('WHOIS facts', () => {
  it('gives a CNNIC record one age whoever reads it: Beijing midnight, not UTC midnight', () => {
    const w = answer({ registrationTime: '2026-11-22 00:30:00' });
    expect(creationDate(w)?.toISOString()).toBe('2026-11-21T16:30:00.000Z');
    expect(creationDateAsWritten(w)).toBe('2026-11-22 00:30:00');
  });

  it('reads createdDate, which some registries use', () => {
    expect(creationDate(answer({ createdDate: '2020-01-02T03:04:05Z' }))?.toISOString()).toBe('2020-01-02T03:04:05.000Z');
  });

  it('falls back to the raw text for the registrar and the date', () => {
    const w = answer({}, 'Sponsoring Registrar: 阿里云计算有限公司\nRegistration Time: 2026-01-01 08:00:00\n');
    expect(registrarOf(w)).toBe('阿里云计算有限公司');
    expect(creationDate(w)?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads the registrant name, e-mail and phone', () => {
    expect(registrantOf(answer({ registrant: '李伟', registrantContactEmail: 'a@b.cn', registrantPhone: '+86.13800000000' }))).toEqual({
      name: '李伟',
      email: 'a@b.cn',
      phone: '+86.13800000000',
    });
  });
});
