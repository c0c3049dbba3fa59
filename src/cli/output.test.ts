import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { fixtureResult } from '../../test/fixtures/snapshots.js';
import { scanJson, summaryTable } from './output.js';

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
