import { describe, expect, it } from 'vitest';
import type { TargetResult } from '../model/result.js';
import type { ExtraDecision, PageSnapshot } from '../model/snapshot.js';
import { formatProfile, profileOf, viewCounts } from './profile.js';

function result(index: number, steps: Record<string, number>, extras: ExtraDecision[] = []): TargetResult {
  const now = new Date(0).toISOString();
  const snapshot = {
    timings: { startedAt: now, finishedAt: now, dnsMs: null, whoisMs: null, renderMs: null, totalMs: 0, steps },
    extras,
  } as unknown as PageSnapshot;
  return { index, input: `t${index}`, url: null, finalUrl: null, host: null, registrableDomain: null, verdict: 'benign', score: 0, platform: null, signals: [], evidence: null, error: null, snapshot, capturedAt: now };
}

describe('profileOf', () => {
  it('sums each step over the results, in the order a visit takes them, detectors last', () => {
    const rows = profileOf([
      result(0, { 'detector.visual-match': 300, settle: 500, dns: 5, navigation: 900 }),
      result(1, { settle: 700, dns: 3, navigation: 1100, 'extra.probe': 4000 }),
    ]);
    expect(rows.map((r) => r.step)).toEqual(['dns', 'navigation', 'settle', 'extra.probe', 'detector.visual-match']);
    expect(rows.find((r) => r.step === 'settle')).toEqual({ step: 'settle', visits: 2, totalMs: 1200, medianMs: 600, maxMs: 700 });
    const table = formatProfile(rows, viewCounts([result(2, {}, [{ view: 'probe', ran: true, reason: 'r', reasonZh: 'r' }, { view: 'ocr', ran: false, reason: 'r', reasonZh: 'r' }])]));
    expect(table).toMatch(/^settle\s+2\s+1\.2s/m);
    expect(table).toMatch(/all steps\s+7\.5s/);
    expect(table).toMatch(/extra views taken\/skipped: ocr 0\/1, probe 1\/0/);
  });
});
