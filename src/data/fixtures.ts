/**
 * Test fixtures for the store: deterministic snapshots, artifacts and results, so a test and a child
 * process it spawns (the crash test) build byte-identical values from the same index.
 */
import { createHash } from 'node:crypto';
import type { Artifact, PageSnapshot } from '../crawler/snapshot.js';
import type { TargetResult } from './store.js';

/** Wraps bytes as an artifact with a correct reference. */
export function artifactOf(data: Buffer, mime = 'application/octet-stream'): Artifact {
  return { ref: { sha256: createHash('sha256').update(data).digest('hex'), mime, bytes: data.length }, data };
}

/** A plausible snapshot of a visit to `url`; any field can be overridden. */
export function pageSnapshot(url: string, overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  const host = new URL(url).hostname;
  return {
    version: 1,
    input: url,
    url,
    finalUrl: url,
    redirects: [],
    status: 200,
    contentType: 'text/html; charset=utf-8',
    title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询',
    text: '证件查询 请输入证件号码和姓名',
    staticText: '证件查询',
    forms: [
      {
        action: `${url}query`,
        method: 'post',
        fields: [{ tag: 'input', type: 'text', name: 'zjhm', id: 'zjhm', label: '证件号码', placeholder: null }],
      },
    ],
    links: [{ href: `${url}about`, text: '关于' }],
    favicon: null,
    screenshot: null,
    html: null,
    dns: { host, a: ['127.0.0.1'], aaaa: [], ns: [], mx: [], error: null, server: 'system' },
    whois: null,
    notes: [],
    blockedRequests: [],
    timings: {
      startedAt: '2026-11-22T03:01:00.000Z',
      finishedAt: '2026-11-22T03:01:02.000Z',
      dnsMs: 3,
      whoisMs: null,
      renderMs: null,
      totalMs: 2000,
    },
    ...overrides,
  };
}

/** Target number `index` of a fixture scan, with a screenshot artifact unique to it. */
export function fixtureResult(index: number, input = `http://site-${index}.test/`): { result: TargetResult; artifacts: Artifact[] } {
  const screenshot = artifactOf(Buffer.from(`screenshot of ${input} `.repeat(200)), 'image/png');
  const snapshot = pageSnapshot(input, { screenshot: screenshot.ref, title: `site ${index}` });
  const host = new URL(input).hostname;
  return {
    artifacts: [screenshot],
    result: {
      index,
      input,
      url: input,
      finalUrl: input,
      host,
      registrableDomain: host,
      verdict: index % 2 === 0 ? 'counterfeit' : 'benign',
      score: index % 2 === 0 ? 93 : 4,
      platform: index % 2 === 0 ? 'mem-cx' : null,
      signals: [
        { id: 'domain.lookalike', score: 0.91, weight: 25, detail: `${host} looks like cx.mem.gov.cn`, evidence: { official: 'cx.mem.gov.cn' }, platform: 'mem-cx' },
        { id: 'title.match', score: 1, weight: 20, detail: 'title copies the official one' },
      ],
      evidence: `artifacts/${screenshot.ref.sha256.slice(0, 2)}/${screenshot.ref.sha256}`,
      error: null,
      snapshot,
      failure: null,
      capturedAt: '2026-11-22T03:01:02.000Z',
    },
  };
}
