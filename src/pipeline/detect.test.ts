import { afterAll, describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../model/snapshot.js';
import { loadRules } from '../rules/index.js';
import { detect, DetectorRunner, sameForDetectors } from './detect.js';

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
