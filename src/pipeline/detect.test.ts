import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from '../detectors/visual-match/image.js';
import type { Reference } from '../model/reference.js';
import type { Artifact, PageSnapshot } from '../model/snapshot.js';
import { loadRules } from '../rules/index.js';
import { decodeScreenshot, detect, DetectorRunner, sameForDetectors } from './detect.js';

const now = new Date(0).toISOString();
const snapshot: PageSnapshot = {
  version: 1, input: 'cx-mem-gov.cn', url: 'http://cx-mem-gov.cn/', finalUrl: 'http://cx-mem-gov.cn/', redirects: [], status: 200,
  contentType: 'text/html', title: '特种作业操作证查询', text: '中华人民共和国应急管理部 特种作业操作证及安全生产知识和管理能力考核合格信息查询',
  staticText: null, forms: [], links: [], favicon: null, screenshot: null, html: null, dns: null, whois: null, notes: [], blockedRequests: [],
  timings: { startedAt: now, finishedAt: now, dnsMs: null, whoisMs: null, renderMs: null, totalMs: 0 },
};
const platforms = loadRules().platforms;
const runner = new DetectorRunner({ references: [], platforms, readArtifact: () => null });
afterAll(() => runner.close());

describe('DetectorRunner', () => {
  it('finds on its worker thread what the detectors find on this one, each detector timed', async () => {
    const here = detect({ snapshot, references: [], platforms, readArtifact: () => null }, true);
    const there = await runner.detect(snapshot, []);
    expect(there.signals).toEqual(here.signals);
    expect(there.signals.map((s) => s.id)).toContain('domain.lookalike');
    expect(Object.keys(there.steps)).toEqual(Object.keys(here.steps));
    expect(runner.thread).toBe('worker');
  });

  it('answers every snapshot asked at once, each with its own findings', async () => {
    const other = { ...snapshot, input: 'flowers.example', url: 'http://flowers.example/', finalUrl: 'http://flowers.example/', title: '鲜花', text: '鲜花速递' };
    const [a, b] = await Promise.all([runner.detect(snapshot, []), runner.detect(other, [])]);
    expect(a.signals.some((s) => s.id === 'domain.lookalike')).toBe(true);
    expect(b.signals.some((s) => s.id === 'domain.lookalike')).toBe(false);
  });
});

describe('sameForDetectors', () => {
  it('ignores notes, timings and the extras decisions, and nothing a detector reads', () => {
    const later = { ...snapshot, notes: ['x'], timings: { ...snapshot.timings, finishedAt: 'later' }, extras: [] };
    expect(sameForDetectors(snapshot, later)).toBe(true);
    expect(sameForDetectors(snapshot, { ...later, ocrText: '应急管理部' })).toBe(false);
    expect(sameForDetectors(snapshot, { ...later, timings: { ...later.timings, startedAt: 'other' } })).toBe(false);
  });
});

describe('the screenshot decoded before the detectors run', () => {
  /** A page-like PNG: a dark banner, a band of text-like stripes, a box; `shift` moves it down. */
  async function png(shift: number): Promise<Artifact> {
    const stripes = Array.from({ length: 12 }, (_, i) => `<rect x="${120 + i * 80}" y="${150 + shift}" width="50" height="14" fill="#333"/>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="900"><rect width="1280" height="900" fill="#fff"/><rect y="${shift}" width="1280" height="110" fill="#0b3d91"/>${stripes}<rect x="440" y="${300 + shift}" width="400" height="220" fill="none" stroke="#999" stroke-width="3"/></svg>`;
    const data = await sharp(Buffer.from(svg)).png().toBuffer();
    return { ref: { sha256: createHash('sha256').update(data).digest('hex'), mime: 'image/png', bytes: data.length }, data };
  }

  it('gives the detectors the very pixels their own decoder reads, and the same visual match', async () => {
    const [page, official] = await Promise.all([png(40), png(0)]);
    const decoded = await decodeScreenshot({ ...snapshot, screenshot: page.ref }, () => page.data);
    const own = decodePng(page.data)!;
    expect(decoded?.[1].width).toBe(own.width);
    expect(Buffer.compare(Buffer.from(decoded![1].data), Buffer.from(own.data))).toBe(0);

    const references: Reference[] = [{ platform: 'mem-cx', snapshot: { ...snapshot, screenshot: official.ref } }];
    const readArtifact = (sha: string) => (sha === official.ref.sha256 ? official.data : null);
    const withShot = { ...snapshot, input: 'cx-mem-gov.top', screenshot: page.ref };
    const here = detect({ snapshot: withShot, references, platforms, readArtifact: (sha) => (sha === page.ref.sha256 ? page.data : readArtifact(sha)) }, false);
    const pixelsRunner = new DetectorRunner({ references, platforms, readArtifact });
    try {
      const there = await pixelsRunner.detect(withShot, [page]);
      const visual = (signals: typeof here.signals) => signals.find((x) => x.id === 'visual.match');
      expect(visual(here.signals)?.score).toBeGreaterThan(0.3);
      expect(visual(there.signals)).toEqual(visual(here.signals));
      expect(there.steps['decode']).toBeTypeOf('number');
    } finally {
      await pixelsRunner.close();
    }
  });

  it('decodes nothing for a snapshot without a screenshot or with bytes that are not an image', async () => {
    expect(await decodeScreenshot(snapshot, () => null)).toBeNull();
    const bogus = { sha256: 'f'.repeat(64), mime: 'image/png', bytes: 4 };
    expect(await decodeScreenshot({ ...snapshot, screenshot: bogus }, () => Buffer.from('nope'))).toBeNull();
  });
});
