import { createHash } from 'node:crypto';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../model/snapshot.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import type { DetectorInput } from '../types.js';
import type { Reference } from '../../model/reference.js';
import type { Signal } from '../../model/signal.js';
import { VISUAL_SIGNAL, visualMatch } from './index.js';
import { adBarPage, narrowPage, newsPage, officialPage, recolouredPage, shopPage, svgHeadingPage } from './pages.js';

const { platforms } = loadRules();
const PAGES = {
  official: officialPage,
  recoloured: recolouredPage,
  adBar: adBarPage,
  narrow: narrowPage,
  svgHeading: svgHeadingPage,
  news: newsPage,
  shop: shopPage,
} as const;
type PageName = keyof typeof PAGES;

// Screenshots taken once with real Chromium (one launch for the file), stored like the artifact store does.
const store = new Map<string, Buffer>();
const shaOf: Partial<Record<PageName, string>> = {};
let browser: Browser | null = null;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  for (const [name, html] of Object.entries(PAGES) as [PageName, string][]) {
    await page.setContent(html, { waitUntil: 'load' });
    const png = await page.screenshot({ fullPage: true });
    const sha = createHash('sha256').update(png).digest('hex');
    store.set(sha, png);
    shaOf[name] = sha;
  }
  await context.close();
});

afterAll(async () => {
  await browser?.close();
});

function snapshotOf(name: PageName, url: string): PageSnapshot {
  const sha = shaOf[name];
  if (sha === undefined) throw new Error(`no screenshot of ${name}`);
  return pageSnapshot(url, { screenshot: { sha256: sha, mime: 'image/png', bytes: store.get(sha)?.length ?? 0 } });
}

function run(name: PageName, refs?: Reference[], read: (sha: string) => Buffer | null = (s) => store.get(s) ?? null): Signal[] {
  const references = refs ?? [{ platform: 'mem-cx', snapshot: snapshotOf('official', 'https://cx.mem.gov.cn/') }];
  const input: DetectorInput = { snapshot: snapshotOf(name, `http://${name}.test/`), references, platforms, readArtifact: read };
  return visualMatch.detect(input);
}
const scoreOf = (signals: Signal[]): number => signals.find((s) => s.id === VISUAL_SIGNAL)?.score ?? 0;

describe('visual-match recognises altered copies of the official look', () => {
  const copies: { name: PageName; why: string; min: number }[] = [
    { name: 'official', why: 'an exact copy', min: 0.95 },
    { name: 'recoloured', why: 'a recoloured copy (hue shift)', min: 0.8 },
    { name: 'adBar', why: 'a copy under an added advertising bar', min: 0.8 },
    { name: 'narrow', why: 'a narrower centred copy', min: 0.5 },
    { name: 'svgHeading', why: 'a copy whose heading is an SVG image', min: 0.8 },
  ];
  for (const c of copies) {
    it(`scores ${c.why} high`, () => {
      const signals = run(c.name);
      expect(signals).toHaveLength(1);
      const s = signals[0];
      expect(s?.id).toBe(VISUAL_SIGNAL);
      expect(s?.platform).toBe('mem-cx');
      expect(s?.score).toBeGreaterThanOrEqual(c.min);
      expect(s?.detail).toMatch(/mem-cx/);
    });
  }

  it('finds the header pushed down by the advertising bar', () => {
    const e = run('adBar')[0]?.evidence as { offset: { x: number; y: number } };
    expect(e.offset.y).toBeGreaterThanOrEqual(60);
    expect(e.offset.y).toBeLessThanOrEqual(120);
  });

  it('records hashes, Hamming distances and pixel ratios as evidence', () => {
    const e = run('recoloured')[0]?.evidence as Record<string, { hamming: number; pixelSimilarity: number; hashA: string }>;
    expect(e.header?.hashA).toMatch(/^[0-9a-f]{16}$/);
    expect(typeof e.header?.hamming).toBe('number');
    expect(e.firstScreen?.pixelSimilarity).toBeGreaterThan(0);
  });
});

describe('visual-match leaves unrelated pages alone', () => {
  const unrelated: { name: PageName; why: string }[] = [
    { name: 'news', why: 'a news article' },
    { name: 'shop', why: 'a shop' },
  ];
  for (const c of unrelated) {
    it(`scores ${c.why} low`, () => {
      expect(scoreOf(run(c.name))).toBeLessThan(0.25);
    });
  }

  it('scores every copy above every unrelated page', () => {
    const lowestCopy = Math.min(...(['recoloured', 'adBar', 'narrow', 'svgHeading'] as const).map((n) => scoreOf(run(n))));
    const highestOther = Math.max(...(['news', 'shop'] as const).map((n) => scoreOf(run(n))));
    expect(lowestCopy).toBeGreaterThan(highestOther + 0.3);
  });
});

describe('visual-match compares a screenshot once', () => {
  it('gives the same outcome again without reading the page again (a visit is judged after each round of views)', () => {
    let reads = 0;
    const counting = (s: string) => {
      if (s === shaOf.adBar) reads++;
      return store.get(s) ?? null;
    };
    const first = run('adBar', undefined, counting);
    const again = run('adBar', undefined, counting);
    expect(again).toEqual(first);
    expect(first).toHaveLength(1);
    expect(reads).toBeLessThanOrEqual(1);
  });
});

describe('visual-match without screenshots', () => {
  it('returns [] when the page has no screenshot', () => {
    const input: DetectorInput = {
      snapshot: pageSnapshot('http://x.test/'),
      references: [{ platform: 'mem-cx', snapshot: snapshotOf('official', 'https://cx.mem.gov.cn/') }],
      platforms,
      readArtifact: (s) => store.get(s) ?? null,
    };
    expect(visualMatch.detect(input)).toEqual([]);
  });
  it('returns [] when the reference screenshot is missing from the store', () => {
    // A reference never read before: a reference already read stays cached by its hash, as artifacts never change.
    const refs: Reference[] = [{ platform: 'mem-cx', snapshot: snapshotOf('shop', 'https://cx.mem.gov.cn/') }];
    expect(run('shop', refs, (s) => (s === shaOf.shop ? null : (store.get(s) ?? null)))).toEqual([]);
  });
  it('returns [] when there is no reference', () => {
    expect(run('official', [])).toEqual([]);
  });
  it('returns [] when the screenshot bytes are not a PNG', () => {
    // Artifacts are named by their bytes' hash (the detector remembers outcomes by it), so the bad bytes get their own.
    const bad = Buffer.from('not a png');
    const sha = createHash('sha256').update(bad).digest('hex');
    const snapshot = pageSnapshot('http://bad.test/', { screenshot: { sha256: sha, mime: 'image/png', bytes: bad.length } });
    const references = [{ platform: 'mem-cx', snapshot: snapshotOf('official', 'https://cx.mem.gov.cn/') }];
    expect(visualMatch.detect({ snapshot, references, platforms, readArtifact: (s) => (s === sha ? bad : (store.get(s) ?? null)) })).toEqual([]);
  });
});
