import http from 'node:http';
import net from 'node:net';
import { promises as dns } from 'node:dns';
import { describe, expect, it } from 'vitest';
import type { CorpusSite } from './corpus/types.js';
import { startSandbox } from './index.js';

const corpus: CorpusSite[] = [
  {
    host: 'one.test',
    label: 'benign',
    platform: null,
    note: 'one page, one address, one WHOIS record',
    a: ['203.0.113.50'],
    whois: { created: '2020-01-01', registrar: 'Example Registrar', registrant: 'Example Org', privacy: false },
    routes: { '/': { kind: 'page', body: '<title>one</title>' } },
  },
];
const searchFixtures = [{ query: 'one', results: [{ url: 'http://one.test/', title: 'one', content: '' }] }];

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('startSandbox', () => {
  it('starts all four servers on loopback and reports them in the forms the scan flags take', async () => {
    const sandbox = await startSandbox({ corpus, searchFixtures });
    try {
      expect(sandbox.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.dnsServer).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(sandbox.whoisServer).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(sandbox.searxngUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const resolver = new dns.Resolver({ timeout: 60_000, tries: 1 });
      resolver.setServers([sandbox.dnsServer]);
      expect(await resolver.resolve4('one.test')).toEqual(['203.0.113.50']);

      const search = (await (await fetch(`${sandbox.searxngUrl}/search?q=one&format=json`)).json()) as { results: unknown[] };
      expect(search.results).toHaveLength(1);

      const [whoisHost, whoisPort] = sandbox.whoisServer.split(':');
      const whoisText = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(whoisPort), whoisHost ?? '127.0.0.1', () => socket.write('one.test\r\n'));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (c: string) => (text += c));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(whoisText).toContain('Registrar: Example Registrar');

      const proxy = new URL(sandbox.proxyUrl);
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: proxy.hostname, port: proxy.port, path: 'http://one.test/', agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
      expect(sandbox.requests).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it('closes everything it started when one port is already taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const proxyPort = await freePort();
    try {
      await expect(startSandbox({ corpus, searchFixtures, ports: { proxy: proxyPort, whois: taken } })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
      // The proxy started before the WHOIS server failed; its port must be free again.
      const again = net.createServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(proxyPort, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => again.close(resolve));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('close() can be called twice', async () => {
    const sandbox = await startSandbox({ corpus, searchFixtures });
    await sandbox.close();
    await expect(sandbox.close()).resolves.toBeUndefined();
  });
});
