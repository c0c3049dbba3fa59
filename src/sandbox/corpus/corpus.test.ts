import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpus, searchFixtures } from './index.js';
import type { CorpusSite, Label, Route } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const pagesDir = join(here, 'pages');

interface PlatformEntry {
  id: string;
  officialHosts: string[];
  registrationNumbers: string[];
}
const platforms: PlatformEntry[] = (
  JSON.parse(readFileSync(join(here, '../../rules/platforms.json'), 'utf8')) as { platforms: PlatformEntry[] }
).platforms;

const hosts = new Set(corpus.map((s) => s.host));
const officialHosts = new Set(platforms.flatMap((p) => p.officialHosts));

type PageRoute = Extract<Route, { kind: 'page' }>;

function pageRoutes(site: CorpusSite): [string, PageRoute][] {
  return Object.entries(site.routes).filter((e): e is [string, PageRoute] => e[1].kind === 'page');
}

function isHtml(route: PageRoute): boolean {
  if (route.contentType) return route.contentType.startsWith('text/html');
  return route.file ? /\.html?$/.test(route.file) : true;
}

/** The HTML of every HTML page route of a site. */
function htmlOf(site: CorpusSite): string[] {
  return pageRoutes(site)
    .filter(([, r]) => isHtml(r))
    .map(([, r]) => (r.file ? readFileSync(join(pagesDir, r.file), 'utf8') : (r.body ?? '')));
}

/** Absolute http(s) URLs a page points at: src/href/action attributes and meta refresh targets. */
function referencedUrls(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/\b(?:src|href|action)\s*=\s*["']([^"']+)["']/gi)) urls.push(m[1]!);
  for (const m of html.matchAll(/http-equiv=["']refresh["'][^>]*content=["'][^"']*url=([^"']+)["']/gi)) urls.push(m[1]!.trim());
  return urls.filter((u) => /^https?:\/\//i.test(u));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('sandbox corpus integrity', () => {
  it('gives every site a unique, lower-case ASCII host name', () => {
    expect(hosts.size).toBe(corpus.length);
    for (const { host } of corpus) {
      expect(host, host).toMatch(/^[a-z0-9.-]+$/);
      expect(domainToASCII(host), host).toBe(host);
    }
  });

  it('points every page route at a file that exists', () => {
    for (const site of corpus) {
      for (const [path, route] of pageRoutes(site)) {
        expect(route.file !== undefined || route.body !== undefined, `${site.host}${path}`).toBe(true);
        if (route.file) expect(existsSync(join(pagesDir, route.file)), `${site.host}${path} → ${route.file}`).toBe(true);
      }
    }
  });

  it('leaves no file under pages/ that no route serves', () => {
    const served = new Set(corpus.flatMap((s) => pageRoutes(s).flatMap(([, r]) => (r.file ? [r.file] : []))));
    const orphans = walk(pagesDir)
      .map((p) => relative(pagesDir, p).split('\\').join('/'))
      .filter((f) => !served.has(f));
    expect(orphans).toEqual([]);
  });

  it('declares UTF-8 and a <title> on every HTML page', () => {
    for (const site of corpus) {
      for (const html of htmlOf(site)) {
        expect(html, site.host).toMatch(/<title>[^<]+<\/title>/);
        expect(html, site.host).toMatch(/<meta charset="utf-8">/i);
      }
    }
  });

  it('meets the minimum count for every label', () => {
    const minimum: Record<Label, number> = { official: 4, counterfeit: 18, benign: 12, unregistered: 4, hostile: 6 };
    for (const [label, min] of Object.entries(minimum)) {
      expect(corpus.filter((s) => s.label === label).length, label).toBeGreaterThanOrEqual(min);
    }
  });

  it('names a known platform for officials and counterfeits and none for the rest', () => {
    const ids = new Set(platforms.map((p) => p.id));
    for (const site of corpus) {
      if (site.label === 'official' || site.label === 'counterfeit') {
        expect(ids.has(site.platform ?? ''), site.host).toBe(true);
      } else {
        expect(site.platform, site.host).toBeNull();
      }
    }
  });

  it('has exactly the official hosts of platforms.json as official replicas, each under its own platform', () => {
    const replicas = corpus.filter((s) => s.label === 'official');
    expect(new Set(replicas.map((s) => s.host))).toEqual(officialHosts);
    for (const site of replicas) {
      const platform = platforms.find((p) => p.id === site.platform);
      expect(platform?.officialHosts, site.host).toContain(site.host);
    }
    for (const site of corpus.filter((s) => s.label !== 'official')) expect(officialHosts.has(site.host), site.host).toBe(false);
  });

  it('shows the platform registration numbers on every page of an official replica', () => {
    for (const site of corpus.filter((s) => s.label === 'official')) {
      const numbers = platforms.find((p) => p.id === site.platform)!.registrationNumbers;
      const pages = htmlOf(site);
      expect(pages.length, site.host).toBeGreaterThan(0);
      for (const html of pages) for (const n of numbers) expect(html, `${site.host} ${n}`).toContain(n);
    }
  });

  it('answers no-record on official query routes and always-valid on counterfeit ones', () => {
    for (const site of corpus) {
      for (const route of Object.values(site.routes)) {
        if (route.kind !== 'query') continue;
        expect(route.answer, site.host).toBe(site.label === 'official' ? 'no-record' : 'always-valid');
      }
    }
  });

  it('gives unregistered names no address, no WHOIS and no routes', () => {
    for (const site of corpus.filter((s) => s.label === 'unregistered')) {
      expect(site.a ?? [], site.host).toEqual([]);
      expect(site.aaaa ?? [], site.host).toEqual([]);
      expect(site.whois, site.host).toBeUndefined();
      expect(Object.keys(site.routes), site.host).toEqual([]);
    }
  });

  it('gives every other site an address and WHOIS facts', () => {
    for (const site of corpus.filter((s) => s.label !== 'unregistered')) {
      expect((site.a ?? []).length + (site.aaaa ?? []).length, site.host).toBeGreaterThan(0);
      expect(site.whois?.created, site.host).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('registers counterfeits recently and officials and benign sites long ago', () => {
    for (const site of corpus) {
      const created = site.whois?.created;
      if (!created) continue;
      if (site.label === 'counterfeit') expect(created >= '2026-01-01' && created < '2026-11-22', site.host).toBe(true);
      if (site.label === 'official' || site.label === 'benign') expect(created < '2020-01-01', site.host).toBe(true);
    }
  });

  it('sends every absolute redirect to a corpus host', () => {
    for (const site of corpus) {
      for (const route of Object.values(site.routes)) {
        if (route.kind !== 'redirect' || !/^https?:\/\//.test(route.location)) continue;
        expect(hosts.has(new URL(route.location).hostname), `${site.host} → ${route.location}`).toBe(true);
      }
    }
  });

  it('references no external host outside the corpus from any page', () => {
    for (const site of corpus) {
      for (const html of htmlOf(site)) {
        for (const url of referencedUrls(html)) {
          expect(hosts.has(new URL(url).hostname), `${site.host} references ${url}`).toBe(true);
        }
      }
    }
  });

  it('puts the private-address probe and the loopback host in place', () => {
    const router = corpus.find((s) => s.host === 'router-admin.cx-mem-gov.top');
    expect(router?.a).toEqual(['10.20.30.40']);
    const probe = corpus.find((s) => s.host === 'intranet-probe.example-cx.com')!;
    expect(htmlOf(probe).join('')).toContain('http://router-admin.cx-mem-gov.top/logo.png');
    expect(corpus.some((s) => s.label === 'hostile' && s.a?.includes('127.0.0.1'))).toBe(true);
    const behaviours = corpus.flatMap((s) => Object.values(s.routes).flatMap((r) => (r.kind === 'hostile' ? [r.behaviour] : [])));
    expect(new Set(behaviours)).toEqual(new Set(['redirect-loop', 'stall', 'huge-body', 'download', 'dialogs', 'malformed']));
  });

  it('hides script-written text from the HTML it expects a script to write', () => {
    const scripted = corpus.filter((s) => s.expect?.scriptText);
    expect(scripted.length).toBeGreaterThan(0);
    for (const site of scripted) expect(htmlOf(site).join(''), site.host).not.toContain(site.expect!.scriptText!);
  });

  it('holds out at least one counterfeit and one benign site', () => {
    expect(corpus.some((s) => s.holdout && s.label === 'counterfeit')).toBe(true);
    expect(corpus.some((s) => s.holdout && s.label === 'benign')).toBe(true);
  });

  it('points search results only at corpus hosts', () => {
    expect(searchFixtures.length).toBeGreaterThanOrEqual(6);
    for (const fixture of searchFixtures) {
      expect(fixture.results.length, fixture.query).toBeGreaterThan(0);
      for (const r of fixture.results) {
        const host = new URL(r.url).hostname;
        expect(hosts.has(host) || officialHosts.has(host), `${fixture.query}: ${r.url}`).toBe(true);
      }
    }
  });
});
