import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../data/store.js';
import { type TargetResult } from '../model/result.js';
import { loadRules } from '../rules/index.js';
import { loadFunnelRules, parseFunnelRules } from '../rules/funnel.js';
import { CORPUS_NOW, type CorpusSite } from '../sandbox/corpus/types.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { screenHost, usesFunnel } from './funnel.js';
import { runScan, type ScanReport } from './scan.js';
import { sandboxCapture } from '../../test/fixtures/sandbox.js';

// A small sandbox corpus: one of each way through the funnel. Real proxy, DNS, WHOIS, one real Chromium.
const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const old = { created: '2012-03-01', registrar: 'Alibaba Cloud Computing (Beijing) Co., Ltd.', registrant: '某建筑有限公司', privacy: false };
const fresh = { created: '2026-10-01', registrar: 'NameSilo, LLC', registrant: 'REDACTED FOR PRIVACY', privacy: true };
const fake = page(
  '特种作业操作证及安全生产知识和管理能力考核合格信息查询',
  `<h1>特种作业操作证查询</h1><p>中华人民共和国应急管理部 版权所有 京ICP备18048542号</p>
   <form action="/query" method="post"><label for="zjhm">证件号码</label><input id="zjhm" name="zjhm">
   <label for="xm">姓名</label><input id="xm" name="xm"><button type="submit">查询</button></form>`,
);
const sites: CorpusSite[] = [
  { host: 'flowers-shop.com', label: 'benign', platform: null, note: 'unrelated name', a: ['8.8.5.1'], whois: old, routes: { '/': { kind: 'page', body: page('鲜花店', '鲜花 速递 全国') } } },
  { host: 'jianzhu-gongsi.com', label: 'benign', platform: null, note: 'weakly alike name, a builder', a: ['8.8.5.2'], whois: old,
    routes: { '/': { kind: 'page', body: page('某某建筑工程有限公司', '<p>公司承接房屋建筑工程施工总承包，地址：某市某区某路 18 号。联系电话 0000-0000000。欢迎合作。</p>') } } },
  { host: 'cx-mem-gov.cn', label: 'counterfeit', platform: 'mem-cx', note: 'copy of the MEM query', a: ['8.8.5.3'], whois: fresh, routes: { '/': { kind: 'page', body: fake } } },
  { host: 'cx-mem-gov.com.cn', label: 'unregistered', platform: null, note: 'NXDOMAIN', routes: {} },
  { host: 'named.example.com', label: 'benign', platform: null, note: 'named explicitly', a: ['8.8.5.4'], whois: old, routes: { '/': { kind: 'page', body: page('示例', '示例网站的正文内容') } } },
];

let sandbox: Sandbox;
let store: Store;
let report: ScanReport;
const byInput = new Map<string, TargetResult>();
const targets = ['flowers-shop.com', 'jianzhu-gongsi.com', 'cx-mem-gov.cn', 'cx-mem-gov.com.cn', 'cx.mem.gov.cn', 'http://named.example.com/'];

beforeAll(async () => {
  sandbox = await startSandbox({ corpus: sites, searchFixtures: [], clock: new Date(CORPUS_NOW) });
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'jianzhen-funnel-')), 'jianzhen.db'));
  report = await runScan(store, {
    targets,
    capture: sandboxCapture(sandbox, 2),
    // A newly-registered-domain feed, plus one target an analyst named.
    sources: ['feed', 'feed', 'feed', 'feed', 'feed', 'explicit'],
  });
  for (const r of await store.listResults(report.scan.id)) byInput.set(r.input, r);
}, 300_000);

afterAll(async () => {
  await store?.close();
  await sandbox?.close();
});

describe('the funnel in runScan', () => {
  it('stops a benign unrelated name at the screen without any request', () => {
    const r = byInput.get('flowers-shop.com')!;
    expect(r.stage).toBe('screen');
    expect(r.verdict).toBe('benign');
    expect(r.stageReason).toMatch(/alike no official host/);
    expect(sandbox.requests.some((q) => q.host === 'flowers-shop.com')).toBe(false);
  });

  it('stops a weakly alike name with unrelated content after the plain HTTP fetch', () => {
    const r = byInput.get('jianzhu-gongsi.com')!;
    expect(r.stage).toBe('http');
    expect(r.verdict).toBe('benign');
    expect(r.snapshot?.notes).toContain('http-only');
    expect(r.snapshot?.screenshot).toBeNull();
    expect(r.stageReason).toMatch(/HTTP score \d+ < 40/);
  });

  it('renders a counterfeit and gives it the render verdict with a screenshot', () => {
    const r = byInput.get('cx-mem-gov.cn')!;
    expect(r.stage).toBe('render');
    expect(r.verdict).toBe('counterfeit');
    expect(r.snapshot?.screenshot).not.toBeNull();
    expect(r.stageReason).toMatch(/HTTP score/);
  });

  it('stops an NXDOMAIN name at DNS', () => {
    const r = byInput.get('cx-mem-gov.com.cn')!;
    expect(r.stage).toBe('dns');
    expect(r.verdict).toBe('unreachable');
    expect(r.error).toMatch(/NXDOMAIN/);
  });

  it('knows an official host by its name', () => {
    const r = byInput.get('cx.mem.gov.cn')!;
    expect(r.stage).toBe('screen');
    expect(r.verdict).toBe('official');
  });

  it('renders a target named explicitly without the funnel', () => {
    const r = byInput.get('http://named.example.com/')!;
    expect(r.stage).toBe('render');
    expect(r.stageReason).toMatch(/named explicitly/);
    expect(r.snapshot?.screenshot).not.toBeNull();
  });

  it('asks DNS and WHOIS once for a funnelled target that is rendered: the render reuses the resolved record', () => {
    const r = byInput.get('cx-mem-gov.cn')!;
    expect(r.stage).toBe('render');
    // One lookup: each record type asked once (the funnel's HTTP fetch, the render and its extra views ask none).
    const asked = [...sandbox.dnsQueries].filter(([key]) => key.startsWith('cx-mem-gov.cn '));
    expect(asked.map(([key]) => key.split(' ')[1]).sort()).toEqual(['A', 'AAAA', 'MX', 'NS']);
    expect(asked.every(([, n]) => n === 1)).toBe(true);
    expect(sandbox.whoisQueries.get('cx-mem-gov.cn')).toBe(1);
    // The record the render stored is the resolve stage's.
    expect(r.snapshot?.dns?.a).toEqual(['8.8.5.3']);
    expect(r.snapshot?.resolved).toMatchObject({ host: 'cx-mem-gov.cn', registrableDomain: 'cx-mem-gov.cn', addresses: ['8.8.5.3'], privateAddress: null, block: null });
    // CNNIC writes times without a zone, which model/whois.ts reads as Beijing time: 2026-10-01 00:00 is 16:00 UTC the day before.
    expect(r.snapshot?.resolved?.createdAt).toBe('2026-09-30T16:00:00.000Z');
  });

  it('asks DNS once for a target named explicitly, and WHOIS once for its domain', () => {
    const asked = [...sandbox.dnsQueries].filter(([key]) => key.startsWith('named.example.com '));
    expect(asked.every(([, n]) => n === 1)).toBe(true);
    expect(sandbox.whoisQueries.get('example.com')).toBe(1);
  });

  it('spends a browser render only on what passed', () => {
    expect(report.renders).toBe(2);
    expect(report.results.map((r) => r.input)).toEqual(targets);
  });
});

describe('funnel rules and policy', () => {
  it('screens only name-only sources by name', () => {
    const rules = loadRules();
    const funnel = loadFunnelRules();
    expect(screenHost('flowers-shop.com', 'feed', rules, funnel).pass).toBe(false);
    expect(screenHost('flowers-shop.com', 'search', rules, funnel).pass).toBe(true);
    expect(screenHost('cx-mem-gov.cn', 'permutation', rules, funnel).pass).toBe(true);
  });

  it('funnels discovered targets by default, every target with auto, none with all', () => {
    expect(usesFunnel('discovered', 'explicit')).toBe(false);
    expect(usesFunnel('discovered', undefined)).toBe(false);
    expect(usesFunnel('discovered', 'search')).toBe(true);
    expect(usesFunnel('auto', 'explicit')).toBe(true);
    expect(usesFunnel('all', 'feed')).toBe(false);
  });

  it('rejects a funnel file with a score out of range', () => {
    expect(() => parseFunnelRules({ funnel: { ...loadFunnelRules(), screen: { minNameScore: 3, sources: [] } } })).toThrow(/minNameScore/);
  });
});
