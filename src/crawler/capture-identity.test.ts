/**
 * A real capture (Chromium through the guard proxy and the sandbox) records what the operator linking reads:
 * an https:// site's certificate — the sandbox terminates TLS for sites that declare it — and the bytes of the
 * page's same-site scripts, stored as artifacts; a site without TLS still falls back to http:// with no certificate.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { captureInSandbox } from '../../test/fixtures/capture.js';

const BUNDLE = 'document.getElementById("q").textContent = "证书查询系统";\n';
const html = (title: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1 id="q"></h1><p>客服微信：kefu_2026</p><script src="/static/bundle.js"></script></body></html>`;
const whois = { created: '2026-10-01', registrar: 'NameSilo, LLC', registrant: 'REDACTED FOR PRIVACY', privacy: true };
const site = (host: string, a: string, tls: CorpusSite['tls']): CorpusSite => ({
  host, label: 'counterfeit', platform: 'mem-cx', note: 'identity capture', a: [a], whois, ...(tls ? { tls } : {}),
  routes: { '/': { kind: 'page', body: html(host) }, '/static/bundle.js': { kind: 'page', body: BUNDLE, contentType: 'application/javascript' } },
});
const sites = [site('tls-a.example.com', '8.8.4.21', { certificate: 'gang' }), site('tls-b.example.com', '8.8.4.22', { certificate: 'gang' }), site('plain.example.com', '8.8.4.23', undefined)];

const { outcomes } = captureInSandbox(
  sites,
  sites.map((s) => s.host),
  { probe: false, ocr: false, mobile: false, plainFetch: false, depth: 0 },
);
const ok = (host: string) => outcomes.ok(host);

describe('capture of what links sites to an operator', () => {
  it('visits a site that declares TLS over https:// and records the certificate it shares with its sibling', () => {
    const a = ok('tls-a.example.com').snapshot;
    const b = ok('tls-b.example.com').snapshot;
    expect(a.finalUrl).toBe('https://tls-a.example.com/');
    expect(a.text).toContain('证书查询系统');
    expect(a.tls?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.tls?.sha256).toBe(a.tls?.sha256);
    expect([...(a.tls?.sans ?? [])].sort()).toEqual(['tls-a.example.com', 'tls-b.example.com']);
  });

  it('stores the same-site script the page loads, byte for byte', () => {
    const o = ok('tls-a.example.com');
    const sha = createHash('sha256').update(BUNDLE).digest('hex');
    expect(o.snapshot.scripts).toEqual([{ url: 'https://tls-a.example.com/static/bundle.js', artifact: { sha256: sha, mime: 'application/javascript', bytes: Buffer.byteLength(BUNDLE) } }]);
    expect(o.artifacts.find((x) => x.ref.sha256 === sha)?.data.toString()).toBe(BUNDLE);
  });

  it('falls back to http:// for a site without TLS and records no certificate', () => {
    const p = ok('plain.example.com').snapshot;
    expect(p.finalUrl).toBe('http://plain.example.com/');
    expect(p.tls).toBeNull();
    expect(p.notes.join(' ')).toMatch(/retried over http/);
    expect(p.scripts?.[0]?.artifact?.sha256).toBe(createHash('sha256').update(BUNDLE).digest('hex'));
  });
});
