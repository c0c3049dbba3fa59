import { describe, expect, it } from 'vitest';
import type { ScanRecord } from '../data/store.js';
import type { TargetResult } from '../model/result.js';
import { summaryTable } from './output.js';

const scan = (targets: string[]): ScanRecord => ({ id: 's', fingerprint: 'f', createdAt: '', startedAt: '', finishedAt: null, targets, options: {} });
const invalid = (input: string): TargetResult => ({
  index: 0, input, url: null, finalUrl: null, host: null, registrableDomain: null, verdict: 'unreachable', score: 0, platform: null,
  signals: [], evidence: null, error: `invalid target: not a URL or host name`, snapshot: null, capturedAt: '',
});

describe('summaryTable', () => {
  it('cuts a 5 MB input to its column in one pass instead of trimming it a character at a time', () => {
    const line = 'x'.repeat(5 * 1024 * 1024);
    const table = summaryTable(scan([line]), [invalid(line)], 1000);
    const row = table.split('\n').at(-1)!;
    expect(row.length).toBeLessThan(200);
    expect(row).toContain('x'.repeat(40));
  });

  it('counts CJK characters as two columns', () => {
    const r = { ...invalid('网址.中国'), host: '特种作业操作证查询.中国' };
    const row = summaryTable(scan(['网址.中国']), [r], null).split('\n').at(-1)!;
    // "#", verdict, score and platform columns, then the host padded to 40 columns = 20 wide characters.
    expect(row.slice(0, 4 + 1 + 12 + 1 + 5 + 1 + 12 + 1)).toMatch(/^1 +unreachable +0 +- +$/);
  });
});
