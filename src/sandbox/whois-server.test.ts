import net from 'node:net';
import whois from 'whois-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_NOW, type CorpusSite } from './corpus/types.js';
import { ageInDays } from '../detectors/registration-record/index.js';
import { creationDate } from '../model/whois.js';
import { parseWhoisFields } from '../model/whois.js';
import { formatIcann, startWhoisServer, type RunningServer } from './whois-server.js';

const corpus: CorpusSite[] = [
  {
    host: 'www.cx-mem-gov.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'fresh .cn look-alike registered by a person',
    a: ['203.0.113.40'],
    whois: {
      created: '2026-10-01T10:11:12Z',
      registrar: '阿里云计算有限公司（万网）',
      registrant: '张三',
      privacy: false,
      registrantEmail: 'zhangsan@example.cn',
      nameServers: ['dns7.hichina.com', 'dns8.hichina.com'],
    },
    routes: {},
  },
  {
    host: 'mem-cx-query.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'gTLD look-alike behind a privacy service',
    a: ['203.0.113.41'],
    whois: {
      created: '2026-09-15',
      expires: '2027-09-15',
      registrar: 'NameSilo, LLC',
      registrant: 'PrivacyGuardian.org llc',
      privacy: true,
      nameServers: ['ns1.dnsowl.com'],
    },
    routes: {},
  },
];

let server: RunningServer;
let address: string;

/** Sends a raw query line and returns the raw answer, as a port-43 client sees it. */
function rawQuery(line: string, port = server.port): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(line));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  server = await startWhoisServer({ corpus, host: '127.0.0.1', port: 0, clock: new Date(CORPUS_NOW) });
  address = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
});

describe('sandbox WHOIS server', () => {
  it.each([
    {
      what: 'a .cn domain in CNNIC format with the Chinese registrar intact',
      domain: 'cx-mem-gov.cn',
      fields: {
        domainName: 'cx-mem-gov.cn',
        sponsoringRegistrar: '阿里云计算有限公司（万网）',
        registrant: '张三',
        registrationTime: '2026-10-01 10:11:12',
        expirationTime: '2027-10-01 10:11:12',
        nameServer: 'dns7.hichina.com dns8.hichina.com',
      },
    },
    {
      what: 'a gTLD domain in ICANN format',
      domain: 'mem-cx-query.com',
      fields: {
        domainName: 'MEM-CX-QUERY.COM',
        registrar: 'NameSilo, LLC',
        registrantOrganization: 'PrivacyGuardian.org llc',
        creationDate: '2026-09-15T00:00:00Z',
        registryExpiryDate: '2027-09-15T00:00:00Z',
      },
    },
  ])('answers $what', async ({ domain, fields }) => {
    expect(await whois(domain, { server: address, follow: 0, encoding: 'utf8' })).toMatchObject(fields);
  });

  it('finds a record by a subdomain of the registrable domain', async () => {
    const raw = await rawQuery('WWW.CX-MEM-GOV.CN\r\n');
    expect(raw).toContain('Domain Name: cx-mem-gov.cn');
    expect(raw).toContain('ROID: ');
  });

  it('points the registrar referral back at itself so a following client stays on loopback', async () => {
    const record = await whois('mem-cx-query.com', { server: address, follow: 1, encoding: 'utf8' });
    expect(record.registrarWhoisServer).toBe(address);
    expect(record.registrar).toBe('NameSilo, LLC');
  });

  it('keeps an old creation date and shows a recent transfer as the update of a domain bought second-hand', () => {
    const facts = { created: '2013-06-04', updated: '2026-08-27', expires: '2027-06-04', registrar: 'NameSilo, LLC', registrant: 'PrivacyGuardian.org llc', privacy: true };
    const record = formatIcann('old-name.org', facts, '127.0.0.1:43', new Date(CORPUS_NOW));
    expect(record).toContain('Creation Date: 2013-06-04T00:00:00Z');
    expect(record).toContain('Updated Date: 2026-08-27T00:00:00Z');
    const { updated: _updated, ...untouched } = facts;
    expect(formatIcann('old-name.org', untouched, '127.0.0.1:43', new Date(CORPUS_NOW))).toContain('Updated Date: 2013-06-04T00:00:00Z');
  });

  it('answers the registries\' "no match" wording for unknown domains', async () => {
    expect(await rawQuery('unknown.cn\r\n')).toBe('No matching record.\n');
    expect(await rawQuery('unknown.com\r\n')).toMatch(/^No match for "UNKNOWN\.COM"\./);
  });
});

describe('the sandbox clock', () => {
  it('tells every date as of its own clock, so an age measured at a visit never drifts with the calendar', async () => {
    const ages: number[] = [];
    for (const clock of ['2026-11-22T00:00:00Z', '2027-03-09T15:42:00Z', '2031-07-01T23:59:00Z']) {
      const s = await startWhoisServer({ corpus, host: '127.0.0.1', port: 0, clock: new Date(clock) });
      try {
        for (const domain of ['cx-mem-gov.cn', 'mem-cx-query.com']) {
          const raw = await rawQuery(`${domain}\r\n`, s.port);
          const created = creationDate({ domain, server: null, raw, fields: parseWhoisFields(raw), error: null });
          // A visit a few minutes after the sandbox started.
          ages.push(ageInDays(created!, new Date(new Date(clock).getTime() + 7 * 60_000)));
        }
      } finally {
        await s.close();
      }
    }
    expect(ages.slice(0, 2)).toEqual([51, 68]);
    expect(ages).toEqual([...ages.slice(0, 2), ...ages.slice(0, 2), ...ages.slice(0, 2)]);
  });
});
