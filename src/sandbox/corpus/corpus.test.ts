import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpus, searchFixtures } from './index.js';
import { pageForUserAgent } from '../proxy.js';
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

/** The files a page route serves: its own and its User-Agent variants'. */
function filesOf(route: PageRoute): string[] {
  return [route.file, ...(route.variants ?? []).map((v) => v.file)].filter((f): f is string => f !== undefined);
}

/** The HTML of every HTML page route of a site, every User-Agent variant included. */
function htmlOf(site: CorpusSite): string[] {
  return pageRoutes(site)
    .filter(([, r]) => isHtml(r))
    .flatMap(([, r]) => [r, ...(r.variants ?? [])])
    .map((r) => (r.file ? readFileSync(join(pagesDir, r.file), 'utf8') : (r.body ?? '')));
}

type QueryRoute = Extract<Route, { kind: 'query' }>;

function queryRoutes(site: CorpusSite): [string, QueryRoute][] {
  return Object.entries(site.routes).filter((e): e is [string, QueryRoute] => e[1].kind === 'query');
}

/** GB 11643 check digit: whether an 18-character resident ID number is well formed. */
function idChecksumOk(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN';
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const PLAIN_UA = 'python-requests/2.32.3';

/** The HTML a site's entry page gives to a client with this User-Agent. */
function entryFor(site: CorpusSite, userAgent: string): string {
  const route = site.routes['/'];
  if (route?.kind !== 'page') throw new Error(`${site.host}: no page at /`);
  const chosen = pageForUserAgent(route, userAgent);
  return chosen.file ? readFileSync(join(pagesDir, chosen.file), 'utf8') : (chosen.body ?? '');
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
        for (const r of [route, ...(route.variants ?? [])]) {
          expect(r.file !== undefined || r.body !== undefined, `${site.host}${path}`).toBe(true);
          if (r.file) expect(existsSync(join(pagesDir, r.file)), `${site.host}${path} → ${r.file}`).toBe(true);
        }
      }
    }
  });

  it('leaves no file under pages/ that no route serves', () => {
    const served = new Set(corpus.flatMap((s) => pageRoutes(s).flatMap(([, r]) => filesOf(r))));
    const orphans = walk(pagesDir)
      .map((p) => relative(pagesDir, p).split('\\').join('/'))
      .filter((f) => !served.has(f));
    expect(orphans).toEqual([]);
  });

  it('declares UTF-8 and a <title> on every HTML page', () => {
    for (const site of corpus) {
      for (const html of htmlOf(site)) {
        // Title text is RCDATA: an injection page may put markup in it, so match up to the first </title>.
        expect(html, site.host).toMatch(/<title>[\s\S]+?<\/title>/);
        expect(html, site.host).toMatch(/<meta charset="utf-8">/i);
      }
    }
  });

  it('meets the minimum count for every label', () => {
    // Enough to measure detection: at least 40 counterfeits and 25 benign or official sites.
    const minimum: Record<Label, number> = { official: 4, counterfeit: 40, benign: 21, unregistered: 4, hostile: 6 };
    for (const [label, min] of Object.entries(minimum)) {
      expect(corpus.filter((s) => s.label === label).length, label).toBeGreaterThanOrEqual(min);
    }
    expect(corpus.filter((s) => s.label === 'official' || s.label === 'benign').length).toBeGreaterThanOrEqual(25);
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

  it('answers no record on official and benign query routes, and valid for something on counterfeit ones', () => {
    for (const site of corpus) {
      for (const [path, route] of queryRoutes(site)) {
        const where = `${site.host}${path}`;
        if (site.label === 'counterfeit') {
          // A fake validates everything, or the forged records it sold (and answers "no record" to the rest).
          expect(route.answer === 'always-valid' || (route.records ?? []).length > 0, where).toBe(true);
        } else {
          expect(route.answer, where).toBe('no-record');
          expect(route.records ?? [], where).toEqual([]);
        }
      }
    }
  });

  it('gives every forged record a well-formed ID number (GB 11643 check digit) and a name', () => {
    const records = corpus.flatMap((s) => queryRoutes(s).flatMap(([, r]) => r.records ?? []));
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const r of records) {
      expect(idChecksumOk(r.idcard), r.idcard).toBe(true);
      expect(r.name.length, r.idcard).toBeGreaterThanOrEqual(2);
    }
  });

  it('has a fake whose form posts to another corpus host that answers "no record" except for its forged records', () => {
    const crossHost = corpus.filter((s) => s.label === 'counterfeit').flatMap((site) =>
      htmlOf(site).flatMap((html) =>
        [...html.matchAll(/<form[^>]*\baction="(https?:\/\/[^"]+)"/g)].map((m) => ({ site, action: new URL(m[1]!) })),
      ),
    ).filter(({ site, action }) => action.hostname !== site.host);
    expect(crossHost.length).toBeGreaterThan(0);
    for (const { site, action } of crossHost) {
      const backend = corpus.find((s) => s.host === action.hostname);
      const route = backend?.routes[action.pathname];
      expect(route?.kind, `${site.host} → ${action.href}`).toBe('query');
      if (route?.kind === 'query') expect(route.answer).toBe('no-record');
    }
  });

  it('has a fake whose page script fetches a JSON query endpoint of its own and draws the answer', () => {
    const jsonSites = corpus.filter((s) => queryRoutes(s).some(([, r]) => r.format === 'json'));
    expect(jsonSites.length).toBeGreaterThan(0);
    for (const site of jsonSites) {
      const [path] = queryRoutes(site).find(([, r]) => r.format === 'json')!;
      const scripts = pageRoutes(site)
        .filter(([, r]) => r.contentType?.includes('javascript'))
        .map(([, r]) => readFileSync(join(pagesDir, r.file!), 'utf8'))
        .join('\n');
      expect(scripts, site.host).toContain(`fetch('${path}'`);
      // The entry HTML itself has no form action: nothing to see without running the script.
      expect(entryFor(site, DESKTOP_UA), site.host).not.toMatch(/<form[^>]*action=/);
    }
  });

  it('cloaks by User-Agent: the query only inside WeChat on one fake, an innocent stub for plain HTTP clients on another', () => {
    const cloaked = corpus.filter((s) => s.routes['/']?.kind === 'page' && ((s.routes['/'] as PageRoute).variants ?? []).length > 0);
    const hasQuery = (html: string) => /<form[^>]*action=[^>]*>[\s\S]*name="(?:zjhm|sfzh|idcard)"/.test(html);
    const wechat = cloaked.filter((s) => entryFor(s, WECHAT_UA) !== entryFor(s, DESKTOP_UA));
    expect(wechat.length).toBeGreaterThan(0);
    for (const s of wechat) {
      expect(hasQuery(entryFor(s, WECHAT_UA)), s.host).toBe(true);
      expect(hasQuery(entryFor(s, DESKTOP_UA)), s.host).toBe(false);
    }
    const plain = cloaked.filter((s) => entryFor(s, PLAIN_UA) !== entryFor(s, DESKTOP_UA));
    expect(plain.length).toBeGreaterThan(0);
    for (const s of plain) {
      expect(hasQuery(entryFor(s, DESKTOP_UA)), s.host).toBe(true);
      expect(hasQuery(entryFor(s, PLAIN_UA)), s.host).toBe(false);
    }
    for (const s of cloaked) expect(s.label, s.host).toBe('counterfeit');
  });

  it('keeps every page file light enough for the end-to-end scan of the whole corpus', () => {
    for (const file of walk(pagesDir)) expect(statSync(file).size, relative(pagesDir, file)).toBeLessThan(64 * 1024);
  });

  it('has injection pages whose titles carry markup and attribute-breaking quotes, and a javascript: link', () => {
    const titles = corpus.flatMap((s) => (s.expect?.title ? [s.expect.title] : []));
    expect(titles.some((t) => t.includes('<script>'))).toBe(true);
    expect(titles.some((t) => t.includes('"') && t.includes("'"))).toBe(true);
    expect(corpus.some((s) => htmlOf(s).some((h) => /href="javascript:/.test(h)))).toBe(true);
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
    // A fake planted at a path of an old company's site carries that site's old registration; a domain bought
    // second-hand keeps its old creation date and shows the recent transfer as its update.
    for (const site of corpus) {
      const created = site.whois?.created;
      if (!created) continue;
      const updated = site.whois?.updated;
      if (site.label === 'counterfeit' && site.entry !== undefined) expect(created < '2020-01-01', site.host).toBe(true);
      else if (site.label === 'counterfeit' && updated !== undefined) expect(created < '2020-01-01' && updated >= '2026-01-01' && updated < '2026-11-22', site.host).toBe(true);
      else if (site.label === 'counterfeit') expect(created >= '2026-01-01' && created < '2026-11-22', site.host).toBe(true);
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

  it('holds out rounds of counterfeits and benign sites (never tuned on), each big enough to say something, and keeps a tuning part', () => {
    for (const label of ['counterfeit', 'benign'] as const) {
      const all = corpus.filter((s) => s.label === label);
      expect(all.filter((s) => s.holdout === undefined).length, `${label}, tuning part`).toBeGreaterThanOrEqual(label === 'counterfeit' ? 30 : 15);
      for (const round of [1, 2, 3, 4, 5, 6, 7] as const) expect(all.filter((s) => s.holdout === round).length, `${label}, round ${round}`).toBeGreaterThanOrEqual(5);
    }
    for (const platform of ['mem-cx', 'mohurd-zlaq', 'samr-cnse']) {
      for (const round of [1, 2, 3, 4, 5, 6, 7] as const) expect(corpus.some((s) => s.holdout === round && s.platform === platform), `${platform}, round ${round}`).toBe(true);
    }
  });

  it('names the operator of every round-4 to round-7 counterfeit, groups most into gangs of two to five, and gives no other site one', () => {
    for (const site of corpus) {
      if (site.label === 'counterfeit' && (site.holdout ?? 0) >= 4) expect(site.operator, site.host).toMatch(/\S/);
      if (site.label !== 'counterfeit') expect(site.operator, site.host).toBeUndefined();
    }
    const sizes = new Map<string, number>();
    for (const site of corpus) if (site.operator) sizes.set(site.operator, (sizes.get(site.operator) ?? 0) + 1);
    const gangs = [...sizes.values()].filter((n) => n >= 2);
    expect(gangs.length).toBeGreaterThanOrEqual(4);
    for (const n of gangs) expect(n).toBeLessThanOrEqual(5);
    expect([...sizes.values()]).toContain(1);
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

describe('corpus addresses mean what the real IP databases say', () => {
  // Scans of the corpus look each address up in the same ip-location-db tables a real scan uses (the sandbox
  // proxy serves every host itself, so the addresses are never contacted): an address has to be one whose real
  // answer is what the page means — mainland hosting for a platform or a .gov.cn site — and known to the tables.
  it('puts official replicas and .gov.cn sites on mainland networks, and every address in the databases', async () => {
    const { lookupHosting } = await import('../../crawler/hosting.js');
    const unknown: string[] = [];
    const notMainland: string[] = [];
    for (const site of corpus) {
      for (const ip of site.a ?? []) {
        if (/^(10|127|192\.168|172\.(1[6-9]|2\d|3[01]))\./.test(ip)) continue; // private-address probes
        const facts = lookupHosting(ip);
        if (facts.country === null) unknown.push(`${site.host} ${ip}`);
        if ((site.label === 'official' || site.host.endsWith('.gov.cn')) && facts.country !== 'CN') notMainland.push(`${site.host} ${ip} ${facts.country}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(notMainland).toEqual([]);
  });
});

describe('the corpus is honest about the probe', () => {
  it('has most counterfeits answer "no record" to a certificate they did not sell, as real fakes do', () => {
    const queries = corpus
      .filter((s) => s.label === 'counterfeit')
      .flatMap((s) => Object.values(s.routes).filter((r): r is Extract<Route, { kind: 'query' }> => r.kind === 'query'));
    const refuses = queries.filter((q) => q.answer === 'no-record');
    expect(refuses.length / queries.length).toBeGreaterThanOrEqual(0.7);
    // Most in their own words (查无此人), some in the official platform's.
    expect(refuses.filter((q) => q.noRecordText === '查无此人').length).toBeGreaterThan(refuses.length / 2);
  });
});
