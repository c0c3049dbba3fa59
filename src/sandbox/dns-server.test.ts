import { promises as dns } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from './corpus/types.js';
import { startDnsServer } from './dns-server.js';
import type { RunningServer } from './whois-server.js';

const corpus: CorpusSite[] = [
  {
    host: 'fake-cx.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'registered look-alike with every record type',
    a: ['203.0.113.20', '203.0.113.21'],
    aaaa: ['2001:db8::20'],
    ns: ['ns1.dns-host.test', 'NS2.DNS-HOST.TEST.'],
    mx: ['10 mx1.fake-cx.com', 'mx2.fake-cx.com'],
    routes: {},
  },
  {
    host: 'v4only.test',
    label: 'benign',
    platform: null,
    note: 'A only',
    a: ['203.0.113.30'],
    routes: {},
  },
  {
    host: 'parked.test',
    label: 'unregistered',
    platform: null,
    note: 'no address records: NXDOMAIN',
    ns: ['ns1.dns-host.test'],
    routes: {},
  },
];

let server: RunningServer;
let resolver: dns.Resolver;

/** The resolver error code for a lookup that must fail. */
async function failure(lookup: Promise<unknown>): Promise<string | undefined> {
  return lookup.then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e.code,
  );
}

beforeAll(async () => {
  server = await startDnsServer({ corpus, host: '127.0.0.1', port: 0 });
  resolver = new dns.Resolver({ timeout: 60_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${server.port}`]);
});

afterAll(async () => {
  await server.close();
});

describe('sandbox DNS server', () => {
  it('answers A records from the corpus', async () => {
    expect((await resolver.resolve4('fake-cx.com')).sort()).toEqual(['203.0.113.20', '203.0.113.21']);
  });

  it('compares names case-insensitively', async () => {
    expect(await resolver.resolve4('FAKE-CX.Com')).toHaveLength(2);
  });

  it('answers AAAA, NS and MX records', async () => {
    expect(await resolver.resolve6('fake-cx.com')).toEqual(['2001:db8::20']);
    expect((await resolver.resolveNs('fake-cx.com')).sort()).toEqual(['ns1.dns-host.test', 'ns2.dns-host.test']);
    const mx = await resolver.resolveMx('fake-cx.com');
    expect(mx).toEqual(
      expect.arrayContaining([
        { exchange: 'mx1.fake-cx.com', priority: 10 },
        { exchange: 'mx2.fake-cx.com', priority: 10 },
      ]),
    );
  });

  it('answers NXDOMAIN for a name not in the corpus', async () => {
    expect(await failure(resolver.resolve4('nowhere.test'))).toBe('ENOTFOUND');
  });

  it('answers NXDOMAIN for an unlisted child of a corpus host', async () => {
    expect(await failure(resolver.resolve4('www.fake-cx.com'))).toBe('ENOTFOUND');
  });

  it('answers NXDOMAIN for a corpus host without address records', async () => {
    expect(await failure(resolver.resolveNs('parked.test'))).toBe('ENOTFOUND');
  });

  it('answers NOERROR with no records when the name exists but the type does not', async () => {
    expect(await failure(resolver.resolve6('v4only.test'))).toBe('ENODATA');
  });
});
