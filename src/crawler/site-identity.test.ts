/**
 * The identity capture against the real sandbox on loopback: its TLS (a sandbox CA, one certificate shared by
 * the sites that name it, one of their own for others, CONNECT refused for sites without TLS) read through the
 * guard proxy as a scan reads it, and same-site scripts fetched and hashed byte for byte.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { startGuardProxy, type GuardProxy } from './guard-proxy.js';
import { plainGet } from './plain-fetch.js';
import { captureSiteIdentity, fetchCertificate, sameSiteScripts } from './site-identity.js';

const APP = 'function q(){return "查询"}\n';
const page = (title: string) => ({ kind: 'page' as const, body: `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${title}</p>`, contentType: 'text/html; charset=utf-8' });
const site = (host: string, a: string, extra: Partial<CorpusSite>): CorpusSite => ({
  host,
  label: 'counterfeit',
  platform: 'mem-cx',
  note: 'identity capture test',
  a: [a],
  routes: { '/': page(host), '/js/app.js': { kind: 'page', body: APP, contentType: 'application/javascript' } },
  ...extra,
});

const corpus: CorpusSite[] = [
  site('gang-a.test', '47.96.10.1', { tls: { certificate: 'gang' } }),
  site('gang-b.test', '47.96.10.2', { tls: { certificate: 'gang' } }),
  site('own.test', '47.96.10.3', { tls: { alsoNames: ['sister.test'] } }),
  site('plain.test', '47.96.10.4', {}),
];

let sandbox: Sandbox;
let guard: GuardProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ corpus, searchFixtures: [] });
  guard = await startGuardProxy({ upstreamProxy: sandbox.proxyUrl, dnsServer: sandbox.dnsServer, allowPrivate: false, onBlocked: () => undefined });
});

afterAll(async () => {
  await guard?.close();
  await sandbox?.close();
});

describe('sandbox TLS, read through the guard proxy', () => {
  it('serves the sites that declare TLS over https://, with the same pages as over http://', async () => {
    const opts = { proxy: guard.url, userAgent: 'test', maxRedirects: 0, maxBytes: 10_000, timeoutMs: 10_000 };
    expect((await plainGet('https://gang-a.test/', opts)).body).toContain('<title>gang-a.test</title>');
    expect((await plainGet('http://gang-a.test/', opts)).body).toContain('<title>gang-a.test</title>');
    expect(sandbox.requests.some((r) => r.method === 'CONNECT' && r.host === 'gang-a.test' && r.status === 200)).toBe(true);
  });

  it('still refuses CONNECT to every other site, so clients fall back to http://', async () => {
    await expect(fetchCertificate('https://plain.test/', guard.url, 10_000)).rejects.toThrow(/refused CONNECT/);
    expect(sandbox.requests.some((r) => r.method === 'CONNECT' && r.host === 'plain.test' && r.status === 403)).toBe(true);
  });

  it('gives the sites naming one certificate that certificate, listing all of them, and others their own', async () => {
    const a = await fetchCertificate('https://gang-a.test/', guard.url, 10_000);
    const b = await fetchCertificate('https://gang-b.test/', guard.url, 10_000);
    const own = await fetchCertificate('https://own.test/', guard.url, 10_000);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect([...a.sans].sort()).toEqual(['gang-a.test', 'gang-b.test']);
    expect(own.sha256).not.toBe(a.sha256);
    expect(own.sans).toEqual(['own.test', 'sister.test']);
    expect(own.issuer).toMatch(/jianzhen sandbox CA/);
    // The leaf is signed by the sandbox CA.
    const ca = new X509Certificate(await sandboxCa());
    expect(ca.subject).toMatch(/jianzhen sandbox CA/);
  });
});

/** The sandbox CA, as a test reads it from a served chain (the proxy sends leaf + CA). */
async function sandboxCa(): Promise<string> {
  const { tunnel } = await import('./plain-fetch.js');
  const socket = (await tunnel(new URL(guard.url), 'own.test', 443, new AbortController().signal)) as import('node:tls').TLSSocket;
  await new Promise((r) => socket.once('secureConnect', r));
  const chain = socket.getPeerCertificate(true);
  socket.destroy();
  const issuer = chain.issuerCertificate;
  return `-----BEGIN CERTIFICATE-----\n${issuer.raw.toString('base64')}\n-----END CERTIFICATE-----\n`;
}

describe('captureSiteIdentity', () => {
  it('lists only same-site scripts, absolute and once', () => {
    const html = '<script src="/js/app.js"></script><script src="js/app.js#x"></script><script src="https://cdn.other.test/lib.js"></script><script src="//static.gang-a.test/k.js"></script><script>inline()</script>';
    expect(sameSiteScripts(html, 'https://gang-a.test/')).toEqual(['https://gang-a.test/js/app.js', 'https://static.gang-a.test/k.js']);
  });

  it('fetches and hashes same-site scripts and reads the certificate of an https:// page', async () => {
    const html = '<script src="/js/app.js"></script><script src="/js/missing.js"></script>';
    const r = await captureSiteIdentity({ html, finalUrl: 'https://gang-b.test/', guardProxy: guard.url, deadline: Date.now() + 120_000 });
    const sha = createHash('sha256').update(APP).digest('hex');
    expect(r.fields.scripts).toEqual([
      { url: 'https://gang-b.test/js/app.js', artifact: { sha256: sha, mime: 'application/javascript', bytes: Buffer.byteLength(APP) } },
      { url: 'https://gang-b.test/js/missing.js', artifact: null, error: 'HTTP 404' },
    ]);
    expect(r.artifacts.map((a) => a.data.toString())).toEqual([APP]);
    expect([...(r.fields.tls?.sans ?? [])].sort()).toEqual(['gang-a.test', 'gang-b.test']);
    expect(r.notes).toEqual(['1 of 2 same-site script(s) not fetched for the identifier check']);
  });

  it('records no certificate for an http:// page, and says why when a handshake fails', async () => {
    const plain = await captureSiteIdentity({ html: '', finalUrl: 'http://plain.test/', guardProxy: guard.url, deadline: Date.now() + 120_000 });
    expect(plain.fields).toEqual({ tls: null });
    const refused = await captureSiteIdentity({ html: '', finalUrl: 'https://plain.test/', guardProxy: guard.url, deadline: Date.now() + 120_000 });
    expect(refused.fields.tls).toBeNull();
    expect(refused.notes.join(' ')).toMatch(/TLS certificate not read: .*refused CONNECT/);
  });
});
