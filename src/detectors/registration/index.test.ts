import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../model/snapshot.js';
import { expectSignal } from '../../../test/fixtures/signals.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import type { DetectorInput } from '../types.js';
import type { Reference } from '../../model/reference.js';
import type { Signal } from '../../model/signal.js';
import {
  COPIED_SIGNAL,
  GOV_CLAIM_SIGNAL,
  MALFORMED_SIGNAL,
  MISSING_SIGNAL,
  isGovOrganisation,
  ocrGovClaims,
  registration,
} from './index.js';

const { platforms } = loadRules();

/** The official MEM footer, as the replica and its faithful copies render it. */
const MEM_FOOTER = [
  '主办单位：中华人民共和国应急管理部　　技术支持：应急管理部信息研究院',
  '京ICP备18046060号-1　　 京公网安备11010202007999号　　网站标识码bm73000001',
].join('\n');

const QUERY_BODY = [
  '特种作业操作证及安全生产知识和管理能力考核合格信息查询',
  '证件信息查询',
  '证件号码',
  '姓　　名',
  '查　询',
  '本平台提供全国范围内特种作业操作证、安全生产知识和管理能力考核合格证的信息查询服务。',
].join('\n');

const NO_FORMS = { forms: [] } as const;

function run(url: string, overrides: Partial<PageSnapshot> = {}, references: Reference[] = []): Signal[] {
  const input: DetectorInput = { snapshot: pageSnapshot(url, overrides), references, platforms, readArtifact: () => null };
  return registration.detect(input);
}

const find = (signals: Signal[], id: string): Signal | undefined => signals.find((s) => s.id === id);

describe('registration flags counterfeit footers', () => {
  const cases: { name: string; url: string; snap: Partial<PageSnapshot>; id: string; min: number; max?: number; platform?: string | null }[] = [
    { name: 'flags a copy whose footer repeats the official ICP number', url: 'http://cx-mem-gov.cn/', snap: { text: `${QUERY_BODY}\n${MEM_FOOTER}` }, id: COPIED_SIGNAL, min: 0.95, platform: 'mem-cx' },
    { name: 'flags a copy that names the ministry as 主办单位 outside .gov.cn', url: 'http://cx-mem-gov.cn/', snap: { text: `${QUERY_BODY}\n${MEM_FOOTER}` }, id: GOV_CLAIM_SIGNAL, min: 0.75, platform: 'mem-cx' },
    { name: 'flags the MOHURD filing base number without its site suffix', url: 'http://mohurd-zlaq.com.cn/', snap: { text: '安管人员证书查询\n证书编号\n主办：住房和城乡建设部　京ICP备05002298号　技术支持：建设信息服务中心' }, id: COPIED_SIGNAL, min: 0.9, platform: 'mohurd-zlaq' },
    {
      name: 'flags a copied footer hidden from the rendered text but present in the static HTML',
      url: 'http://cnse-ecqs.cn/',
      snap: { text: '持证人员信息查询 姓名 身份证号', staticText: '持证人员信息查询 姓名 身份证号 主办单位：国家市场监督管理总局 京ICP备18022388号-2 京公网安备11010202008888号' },
      id: COPIED_SIGNAL,
      min: 0.9,
      platform: 'samr-cnse',
    },
    {
      name: 'flags a fabricated footer that still claims the ministry and a site code',
      url: 'http://cx-mem.com.cn/',
      snap: { text: `${QUERY_BODY}\n主办单位：中华人民共和国应急管理部\n京ICP备20239876号-1　京公网安备11010502046231号　网站标识码bm73000019` },
      id: GOV_CLAIM_SIGNAL,
      min: 0.75,
      platform: 'mem-cx',
    },
    { name: 'flags a provincial department claimed on a .com host, without naming a platform', url: 'http://hn-yjt-zscx.com/', snap: { text: '证书查询\n主办单位：河南省应急管理厅\n豫ICP备20231234号' }, id: GOV_CLAIM_SIGNAL, min: 0.65, platform: null },
    { name: 'flags an ICP filing with seven digits', url: 'http://tzzy-cx.com/', snap: { text: '证书查询\n版权所有 全国特种作业证书查询中心 京ICP备1804606号' }, id: MALFORMED_SIGNAL, min: 0.5 },
    { name: 'flags a 公网安备 number whose division code is another province', url: 'http://tzzy-cx.com/', snap: { text: '证书查询\n版权所有 某查询中心 京ICP备19012345号 京公网安备44030502000001号' }, id: MALFORMED_SIGNAL, min: 0.5 },
    { name: 'flags an ICP filing of one province beside a 公网安备 number of another', url: 'http://tzzy-cx.com/', snap: { text: '证书查询\n版权所有 某查询中心 京ICP备19012345号 粤公网安备44030502000001号' }, id: MALFORMED_SIGNAL, min: 0.4 },
    { name: 'flags a query form with no ICP number at all', url: 'http://tzzy-chaxun.com/', snap: { text: '全国特种作业证书查询\n证件号码\n姓名\n© 2026 特种作业证书查询服务中心' }, id: MISSING_SIGNAL, min: 0.4 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = expectSignal(run(c.url, c.snap), c.id, c);
      if (c.platform !== undefined) expect(s.platform ?? null).toBe(c.platform);
      // Every number found is recorded, whichever signal fired.
      expect(Array.isArray(s.evidence?.['numbers'])).toBe(true);
    });
  }

  it('learns official numbers from the reference capture as well as platforms.json', () => {
    const ref: Reference = {
      platform: 'mem-cx',
      snapshot: pageSnapshot('https://cx.mem.gov.cn/', { text: `${QUERY_BODY}\n主办单位：中华人民共和国应急管理部\n京ICP备18046061号-2　京公网安备11010202007001号` }),
    };
    const url = 'http://cx-mem-gov.top/';
    const snap = { text: `${QUERY_BODY}\n版权所有 查询中心\n京ICP备18046061号-2` };
    expect(find(run(url, snap), COPIED_SIGNAL)).toBeUndefined();
    const s = find(run(url, snap, [ref]), COPIED_SIGNAL);
    expect(s?.score).toBeGreaterThanOrEqual(0.9);
    expect(s?.platform).toBe('mem-cx');
  });

  it('records every number with its kind and position', () => {
    const s = find(run('http://cx-mem-gov.cn/', { text: `${QUERY_BODY}\n${MEM_FOOTER}` }), COPIED_SIGNAL);
    const numbers = s?.evidence?.['numbers'] as { kind: string; number: string; position: string }[];
    expect(numbers.map((n) => [n.kind, n.number, n.position])).toEqual([
      ['icp-filing', '京ICP备18046060号-1', 'footer'],
      ['psb-filing', '京公网安备11010202007999号', 'footer'],
      ['gov-site-code', 'bm73000001', 'footer'],
    ]);
  });
});

describe('registration stays quiet on genuine and benign pages', () => {
  const cases: { name: string; url: string; snap: Partial<PageSnapshot>; maxAny: number; absent?: string[] }[] = [
    {
      name: 'the official platform itself',
      url: 'https://cx.mem.gov.cn/',
      snap: { text: `${QUERY_BODY}\n${MEM_FOOTER}` },
      maxAny: 0,
    },
    {
      name: 'a news article quoting the official ICP number in a sentence, with its own footer',
      url: 'https://www.workercn.cn/',
      snap: {
        ...NO_FORMS,
        title: '“官网可查”的证书也可能是假的',
        text: [
          '“官网可查”的证书也可能是假的——起底假冒证书查询网站黑产链条',
          '记者注意到，这些假网站的底部都标注着“京ICP备18046060号-1”，与应急管理部官方查询平台的备案号完全一致，普通人很难分辨。',
          '应急管理部相关负责人表示，特种作业操作证唯一官方查询渠道是 cx.mem.gov.cn。',
          '中工网 版权所有 京ICP备05033394号',
        ].join('\n'),
      },
      maxAny: 0.15,
      absent: [GOV_CLAIM_SIGNAL, MALFORMED_SIGNAL, MISSING_SIGNAL],
    },
    {
      name: 'a provincial department on .gov.cn with its own 主办单位 and site code',
      url: 'https://yjt.zj.gov.cn/',
      snap: {
        ...NO_FORMS,
        text: '省应急管理厅开展专项整治\n主办单位：浙江省应急管理厅　浙ICP备19004256号　浙公网安备33010602010472号　网站标识码3300000063',
      },
      maxAny: 0,
    },
    {
      name: 'a company with its own footer',
      url: 'https://cxmem.com/',
      snap: { ...NO_FORMS, title: '创芯存储', text: '产品中心\n© 2026 深圳市创芯存储科技有限公司 CX Memory Technology Co., Ltd.　粤ICP备13046207号' },
      maxAny: 0,
    },
    {
      name: 'a training school that links to the official platform',
      url: 'https://www.jzdgpx.com/',
      snap: {
        ...NO_FORMS,
        title: '金州电工培训学校',
        text: '证书查询请登录应急管理部官方平台 cx.mem.gov.cn ，输入身份证号码和姓名即可查询。\n金州电工培训学校　辽ICP备16008812号-1',
      },
      maxAny: 0,
    },
    {
      name: 'a company whose 主办 is a business department, not a government one',
      url: 'https://example-shop.com/',
      snap: { ...NO_FORMS, text: '欢迎\n主办单位：北京某某科技有限公司市场部　京ICP备2021012345号-1　京B2-20090059' },
      maxAny: 0,
    },
  ];
  for (const c of cases) {
    it(`stays quiet on ${c.name}`, () => {
      const signals = run(c.url, c.snap);
      for (const s of signals) expect(s.score, `${s.id}: ${s.detail}`).toBeLessThanOrEqual(c.maxAny);
      for (const id of c.absent ?? []) expect(find(signals, id)).toBeUndefined();
    });
  }
});

describe('registration organisations', () => {
  it('tells government bodies from companies and schools', () => {
    expect(isGovOrganisation('中华人民共和国应急管理部')).toBe(true);
    expect(isGovOrganisation('河南省应急管理厅')).toBe(true);
    expect(isGovOrganisation('北京某某科技有限公司市场部')).toBe(false);
    expect(isGovOrganisation('金州电工培训学校')).toBe(false);
  });
});

describe('registration reads a masthead drawn as an image (OCR of the header band)', () => {
  // A copy whose footer has only a copyright line; the ministry's name is the banner picture's.
  const page = { text: `${QUERY_BODY}\n版权所有 © 2026`, ...NO_FORMS };
  const ocrText = '中华人民共和国应急管理部\n特种作业操作证及安全生产知识和管理能力考核合格信息查询';

  it('claims the ministry for a non-.gov.cn host whose banner names it', () => {
    expect(find(run('http://cx-mem-gov.example/', page), GOV_CLAIM_SIGNAL)).toBeUndefined();
    const s = find(run('http://cx-mem-gov.example/', { ...page, ocrText }), GOV_CLAIM_SIGNAL);
    expect(s?.score).toBe(0.6);
    expect(s?.platform).toBe('mem-cx');
    expect(s?.detail).toContain('read by OCR');
  });

  it('reads a masthead through OCR noise but not a sentence that mentions a ministry', () => {
    expect(ocrGovClaims('| 中 华 人 民 共 和 国 住 房 和 城 乡 建 设 部 .').map((c) => c.text)).toEqual(['中华人民共和国住房和城乡建设部']);
    expect(ocrGovClaims('特种作业考试由中华人民共和国应急管理部统一组织，本校为考点')).toEqual([]);
    expect(ocrGovClaims('宏达焊工叉车培训中心\n熔化焊接与热切割')).toEqual([]);
    expect(ocrGovClaims(null)).toEqual([]);
  });

  it('makes no claim for a .gov.cn portal whose banner names its department', () => {
    const s = run('http://yjt.zj.gov.cn/', { ...page, ocrText: '浙江省应急管理厅' });
    expect(find(s, GOV_CLAIM_SIGNAL)).toBeUndefined();
  });
});
