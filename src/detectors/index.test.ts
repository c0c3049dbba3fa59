import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { PageSnapshot } from '../model/snapshot.js';
import { loadRules, score } from '../rules/index.js';
import { detectors, runDetectors, selectDetectors } from './index.js';
import type { Detector, DetectorInput } from './types.js';
import { pageSnapshot } from '../../test/fixtures/snapshots.js';

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

describe('traditional and simplified Chinese read alike', () => {
  const field = (name: string, label: string) => ({ tag: 'input' as const, type: 'text', name, id: name, label, placeholder: null });
  // One seller's copy of the MEM query, written once in simplified and once in traditional characters (as pages
  // from Hong Kong and Taiwan, and copies made to dodge keyword filters, are).
  const page = (script: 'simplified' | 'traditional'): DetectorInput => {
    const s = script === 'simplified';
    const snapshot = pageSnapshot('http://cx-mem-gov.top/', {
      title: s ? '特种作业操作证及安全生产知识和管理能力考核合格信息查询' : '特種作業操作證及安全生產知識和管理能力考核合格信息查詢',
      text: s
        ? '应急管理部\n特种作业操作证查询\n证件号码 姓名 验证码\n电工证免考包过，官网可查 微信：bz88669\n中华人民共和国应急管理部 主办'
        : '應急管理部\n特種作業操作證查詢\n證件號碼 姓名 驗證碼\n電工證免考包過，官網可查 微信：bz88669\n中華人民共和國應急管理部 主辦',
      staticText: null,
      ocrText: s ? '中华人民共和国应急管理部' : '中華人民共和國應急管理部',
      forms: [{ action: 'http://cx-mem-gov.top/query', method: 'post', fields: [field('zjhm', s ? '证件号码' : '證件號碼'), field('xm', '姓名')] }],
    });
    return { snapshot, references: [], platforms: loadRules().platforms, readArtifact: () => null };
  };
  it('gives a traditional-script page the signals of the same page in simplified script', () => {
    const read = (i: DetectorInput) => runDetectors(i).signals.map((x) => `${x.id} ${x.score.toFixed(3)} ${x.platform ?? ''}`).sort();
    const simplified = read(page('simplified'));
    expect(simplified.map((x) => x.split(' ')[0])).toEqual(
      expect.arrayContaining(['content.phrases', 'content.query-form', 'sales.certificate-sales', 'registration.gov-claim']),
    );
    expect(read(page('traditional'))).toEqual(simplified);
  });
});

describe('a page is judged on what any client is shown', () => {
  // A WeChat-only fake: the desktop browser gets a web studio's page; the mobile WeChat browser gets the query
  // (the copy's phrases, a sales line and the ministry's copied ICP number).
  const rules = loadRules();
  const desktopText = '星辰网络工作室\n网站建设 小程序开发 联系我们\n版权所有 星辰网络工作室';
  const mobileText = [
    '中华人民共和国应急管理部',
    '特种作业操作证及安全生产知识和管理能力考核合格信息查询',
    '证件号码 姓名 验证码 查询',
    '电工证焊工证免考包过，官网可查 微信：tz-cx2026 电话 139 2026 8866',
    '主办单位：中华人民共和国应急管理部 京ICP备18046060号-1',
  ].join('\n');
  const snapshot = pageSnapshot('http://wx-cx-mem.com/', {
    title: '星辰网络工作室',
    text: desktopText,
    staticText: desktopText,
    forms: [],
    mobile: { userAgent: 'MicroMessenger', finalUrl: 'http://wx-cx-mem.com/', title: '特种作业操作证查询', text: mobileText, screenshot: null },
  });
  const input: DetectorInput = { snapshot, references: [], platforms: rules.platforms, readArtifact: () => null };

  it('reads the content, sales and registration evidence of the mobile view, and says so', () => {
    const { signals } = runDetectors(input);
    for (const id of ['content.phrases', 'sales.certificate-sales', 'registration.number-copied']) {
      const s = signals.find((x) => x.id === id);
      expect(s?.evidence?.['view'], id).toBe('mobile');
      expect(s?.detail).toMatch(/^\(the page a mobile WeChat browser is shown\)/);
    }
    const desktopOnly = runDetectors({ ...input, snapshot: { ...snapshot, mobile: null } }).signals;
    expect(desktopOnly.find((x) => x.id === 'content.phrases')).toBeUndefined();
  });

  it('calls the WeChat-only fake counterfeit on what WeChat shows', () => {
    const v = score(runDetectors(input).signals, rules, { host: 'wx-cx-mem.com' });
    expect(v.verdict).toBe('counterfeit');
    expect(v.platform).toBe('mem-cx');
  });
});
