import { describe, expect, it } from 'vitest';
import type { ScanRecord } from '../data/store.js';
import type { TargetResult } from '../model/result.js';
import { loadConfig } from '../config/index.js';
import { fixtureResult } from '../../test/fixtures/snapshots.js';
import { scanJson, summaryTable } from './output.js';

const scanOf = (targets: string[]): ScanRecord => ({ id: 's', fingerprint: 'f', createdAt: '', startedAt: '', finishedAt: null, targets, options: {} });
const invalid = (input: string): TargetResult => ({
  index: 0, input, url: null, finalUrl: null, host: null, registrableDomain: null, verdict: 'unreachable', score: 0, platform: null,
  signals: [], evidence: null, error: `invalid target: not a URL or host name`, snapshot: null, capturedAt: '',
});

describe('summaryTable', () => {
  it('cuts a 5 MB input to its column in one pass instead of trimming it a character at a time', () => {
    const line = 'x'.repeat(5 * 1024 * 1024);
    const table = summaryTable(scanOf([line]), [invalid(line)], 1000);
    const row = table.split('\n').at(-1)!;
    expect(row.length).toBeLessThan(200);
    expect(row).toContain('x'.repeat(40));
  });

  it('counts CJK characters as two columns', () => {
    const r = { ...invalid('网址.中国'), host: '特种作业操作证查询.中国' };
    const row = summaryTable(scanOf(['网址.中国']), [r], null).split('\n').at(-1)!;
    // "#", verdict, score and platform columns, then the host padded to 40 columns = 20 wide characters.
    expect(row.slice(0, 4 + 1 + 12 + 1 + 5 + 1 + 12 + 1)).toMatch(/^1 +unreachable +0 +- +$/);
  });
});

const { result } = fixtureResult(0, 'http://cx-mem-gov.cn/');
const scan = { id: 's1', fingerprint: 'f', targets: [result.input], options: {}, startedAt: '2026-11-22T00:00:00Z', finishedAt: '2026-11-22T00:01:00Z', status: 'done' } as unknown as Parameters<typeof scanJson>[0];

describe('--lang', () => {
  it('writes each reason of --json in the chosen language, with the message beside it', () => {
    const zh = scanJson(scan, [result], 'zh').results[0]!.signals[0]!;
    expect(zh.detail).toBe('域名cx-mem-gov.cn仿冒cx.mem.gov.cn（用连字符拼出官方域名）');
    expect(zh.message).toEqual(result.signals[0]!.message);
    expect(scanJson(scan, [result], 'en').results[0]!.signals[0]!.detail).toBe('host cx-mem-gov.cn looks like cx.mem.gov.cn (hyphenated-copy)');
    // A signal stored without a message keeps the detail it was saved with.
    expect(scanJson(scan, [result], 'zh').results[0]!.signals[1]).toMatchObject({ detail: 'title copies the official one' });
  });

  it('prints the summary\'s reasons in the chosen language', () => {
    expect(summaryTable(scan, [result], null, 'zh')).toContain('域名cx-mem-gov.cn仿冒cx.mem.gov.cn');
  });

  it('defaults to the locale (LC_ALL, LC_MESSAGES, LANG) and refuses another language', () => {
    expect(loadConfig({}, { LANG: 'zh_CN.UTF-8' }).lang).toBe('zh');
    expect(loadConfig({}, { LANG: 'en_GB.UTF-8' }).lang).toBe('en');
    expect(loadConfig({ lang: 'en' }, { LC_ALL: 'zh_CN.UTF-8' }).lang).toBe('en');
    expect(() => loadConfig({ lang: 'fr' }, {})).toThrow(/--lang: expected zh or en/);
  });
});
