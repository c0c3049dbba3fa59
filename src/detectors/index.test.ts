import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { PageSnapshot } from '../model/snapshot.js';
import { loadRules } from '../rules/index.js';
import { detectors, runDetectors, selectDetectors } from './index.js';
import type { Detector, DetectorInput } from './types.js';

function inputFor(url: string): DetectorInput {
  const now = new Date(0).toISOString();
  const snapshot: PageSnapshot = {
    version: 1, input: url, url, finalUrl: url, redirects: [], status: 200, contentType: 'text/html',
    title: '', text: '', staticText: null, forms: [], links: [], favicon: null, screenshot: null, html: null,
    dns: null, whois: null, notes: [], blockedRequests: [],
    timings: { startedAt: now, finishedAt: now, dnsMs: null, whoisMs: null, renderMs: null, totalMs: 0 },
  };
  return { snapshot, references: [], platforms: loadRules().platforms, readArtifact: () => null };
}

const throwing: Detector = { id: 'throws', describe: 'always fails', detect: () => { throw new Error('boom\nstack'); } };
const malformed: Detector = { id: 'bad-score', describe: 'bad score', detect: () => [{ id: 'x.y', score: 2, detail: '' }] };

describe('runDetectors', () => {
  it('runs the registered detectors on a snapshot', () => {
    const { signals, failures } = runDetectors(inputFor('http://cx-mem-gov.cn/'));
    expect(failures).toEqual([]);
    expect(signals.map((s) => s.id)).toContain('domain.lookalike');
  });

  it('records a throwing detector as a failure and still runs the rest', () => {
    const { signals, failures } = runDetectors(inputFor('http://cx-mem-gov.cn/'), [throwing, ...detectors]);
    expect(failures).toEqual([{ detector: 'throws', error: 'boom' }]);
    expect(signals).toHaveLength(1);
  });

  it('drops and reports a detector whose signal score is outside 0..1', () => {
    const { signals, failures } = runDetectors(inputFor('http://example.com/'), [malformed]);
    expect(signals).toEqual([]);
    expect(failures[0]?.detector).toBe('bad-score');
  });
});

describe('selectDetectors', () => {
  it('picks detectors by id and refuses an unknown id as a usage error', () => {
    expect(selectDetectors(['domain-lookalike']).map((d) => d.id)).toEqual(['domain-lookalike']);
    expect(() => selectDetectors(['nope'])).toThrow(UsageError);
  });
});
