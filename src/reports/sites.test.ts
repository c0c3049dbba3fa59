import { describe, expect, it } from 'vitest';
import type { WhoisAnswer } from '../model/snapshot.js';
import { registrationDateOf } from './sites.js';
import { renderTakedown, type TakedownRow } from './takedown/index.js';

const whois = (fields: Record<string, string>, raw = ''): WhoisAnswer => ({ domain: 'x.cn', server: '127.0.0.1:43', raw, fields, error: null });

describe('registrationDateOf', () => {
  it("reads CNNIC's zone-less registration time as Beijing time", () => {
    expect(registrationDateOf(whois({ registrationTime: '2026-09-03 00:00:00' }))).toBe('2026-09-02T16:00:00Z');
  });
  it('keeps a time that names its zone, in UTC', () => {
    expect(registrationDateOf(whois({ creationDate: '2026-09-03T10:11:12Z' }))).toBe('2026-09-03T10:11:12Z');
    expect(registrationDateOf(whois({ createdDate: '2026-09-03T10:11:12+02:00' }))).toBe('2026-09-03T08:11:12Z');
  });
  it('falls back to the raw text, and keeps a date it cannot read as the registry wrote it', () => {
    expect(registrationDateOf(whois({}, 'Domain Name: x.com\nCreation Date: 2026-01-02T03:04:05Z\n'))).toBe('2026-01-02T03:04:05Z');
    expect(registrationDateOf(whois({ created: '03-Sep-2026' }))).toBe('03-Sep-2026');
    expect(registrationDateOf(whois({}))).toBe('');
    expect(registrationDateOf(null)).toBe('');
  });
});

describe('IODEF registration date', () => {
  const row = (registrationDate: string): TakedownRow => ({
    host: 'x.cn', url: 'http://x.cn/', registrableDomain: 'x.cn', ips: [], hostingNetwork: '', hostingCountry: '', registrar: '',
    registrationDate, icp: '', platform: 'mem-cx', verdict: 'counterfeit', score: 90, firstSeen: '2026-09-03T02:00:00.000Z',
    lastSeenAlive: '', packetId: '', packetSha256: '', decision: 'confirmed', reasons: [], operator: '',
  });
  it('writes a readable date and leaves out one that is not a DATETIME', () => {
    expect(renderTakedown([row('2026-09-02T16:00:00Z')], 'iodef').toString()).toContain('<phish:RegistrationDate>2026-09-02T16:00:00Z<');
    expect(renderTakedown([row('03-Sep-2026')], 'iodef').toString()).not.toContain('RegistrationDate');
  });
});
