import { beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/services/backends.js';
import { pageSnapshot } from '../../test/fixtures/snapshots.js';
import type { TargetResult } from '../model/result.js';
import { claimSite } from './claims.js';
import { beijingDayEnd, beijingDayStart, queueHosts, queuePage } from './console-queries.js';
import type { Store } from './store.js';

describeEachBackend('the review queue', (fresh) => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });

  /** Stores one flagged visit of a host as its own scan. */
  async function site(host: string, o: { at: string; score: number; title?: string; ip?: string; whois?: string; text?: string; icp?: string }): Promise<void> {
    const id = `scan-${host}-${o.at}`;
    await store.createScan({ id, fingerprint: id, targets: [host], options: {} });
    const snapshot = pageSnapshot(`http://${host}/`, {
      title: o.title ?? '查询',
      text: o.text ?? '证件查询',
      dns: { host, a: [o.ip ?? '127.0.0.1'], aaaa: [], ns: [], mx: [], error: null, server: 'system' },
      whois: o.whois ? { domain: host, server: 'whois.test', raw: o.whois, fields: {}, error: null } : null,
    });
    const result: TargetResult = {
      index: 0, input: host, url: `http://${host}/`, finalUrl: `http://${host}/`, host, registrableDomain: host,
      verdict: 'counterfeit', score: o.score, platform: 'mem-cx',
      signals: o.icp ? [{ id: 'registration.copied', score: 1, weight: 30, detail: 'copied', evidence: { numbers: [{ canonical: o.icp, kind: 'icp-filing' }] } }] : [],
      evidence: null, error: null, snapshot, capturedAt: o.at, stage: 'render', stageReason: 'test',
    };
    await store.saveTargetResult(id, result, []);
  }

  const hosts = async (filter: Parameters<typeof queuePage>[1]) => (await queuePage(store, filter, { offset: 0, limit: 50 })).rows.map((r) => r.host);

  it('searches host, title, IP, registrar, page contacts and ICP numbers from the signals', async () => {
    await site('cx-mem-gov.cn', { at: '2026-11-01T02:00:00.000Z', score: 90, title: '特种作业操作证查询', ip: '203.0.113.7' });
    await site('zlaq-query.com', { at: '2026-11-02T02:00:00.000Z', score: 80, whois: 'Registrar: Porkbun LLC\nRegistrant Email: seller@example.net' });
    await site('cert-check.net', { at: '2026-11-03T02:00:00.000Z', score: 70, text: '办证请加微信 zhengshu888 或 QQ 123456789' });
    await site('xn--fiqs8s.cn', { at: '2026-11-04T02:00:00.000Z', score: 60, icp: '京ICP备12345678号' });
    expect(await hosts({ search: 'CX-MEM' })).toEqual(['cx-mem-gov.cn']);
    expect(await hosts({ search: '操作证' })).toEqual(['cx-mem-gov.cn']);
    expect(await hosts({ search: '203.0.113' })).toEqual(['cx-mem-gov.cn']);
    expect(await hosts({ search: 'porkbun' })).toEqual(['zlaq-query.com']);
    expect(await hosts({ search: 'seller@example.net' })).toEqual(['zlaq-query.com']);
    expect(await hosts({ search: 'zhengshu888' })).toEqual(['cert-check.net']);
    expect(await hosts({ search: '京ICP备12345678' })).toEqual(['xn--fiqs8s.cn']);
    expect(await hosts({ search: '中国.cn' })).toEqual(['xn--fiqs8s.cn']);
    expect(await hosts({ search: '100%_' })).toEqual([]);
  });

  it('sorts by score, by newest first sighting and by latest scan', async () => {
    await site('a.example', { at: '2026-11-01T02:00:00.000Z', score: 50 });
    await site('b.example', { at: '2026-11-03T02:00:00.000Z', score: 90 });
    await site('c.example', { at: '2026-11-02T02:00:00.000Z', score: 70 });
    expect(await hosts({})).toEqual(['b.example', 'c.example', 'a.example']);
    expect(await hosts({ sort: 'newest' })).toEqual(['b.example', 'c.example', 'a.example']);
    await site('a.example', { at: '2026-11-05T02:00:00.000Z', score: 50 });
    expect(await hosts({ sort: 'recent' })).toEqual(['a.example', 'b.example', 'c.example']);
    expect(await hosts({ sort: 'newest' })).toEqual(['b.example', 'c.example', 'a.example']);
  });

  it('reads the first-seen dates as Beijing days', async () => {
    // 2026-11-01 20:00 UTC is already 2026-11-02 04:00 in Beijing.
    await site('late.example', { at: '2026-11-01T20:00:00.000Z', score: 50 });
    await site('early.example', { at: '2026-11-01T10:00:00.000Z', score: 40 });
    expect(beijingDayStart('2026-11-02')).toBe('2026-11-01T16:00:00.000Z');
    expect(beijingDayEnd('2026-11-01')).toBe('2026-11-01T16:00:00.000Z');
    expect(await hosts({ firstSeenFrom: '2026-11-02', firstSeenTo: '2026-11-02' })).toEqual(['late.example']);
    expect(await hosts({ firstSeenTo: '2026-11-01' })).toEqual(['early.example']);
  });

  it('names who claims a site until the claim expires', async () => {
    await site('a.example', { at: '2026-11-01T02:00:00.000Z', score: 50 });
    const now = new Date('2026-11-20T02:00:00.000Z');
    await claimSite(store, { host: 'a.example', actor: 'wang', ttlMs: 60_000, now });
    expect((await queuePage(store, {}, { offset: 0, limit: 5 }, now)).rows[0]).toMatchObject({ claimedBy: 'wang' });
    expect(await queueHosts(store, {}, now)).toEqual([{ host: 'a.example', claimedBy: 'wang' }]);
    const later = new Date(now.getTime() + 61_000);
    expect((await queuePage(store, {}, { offset: 0, limit: 5 }, later)).rows[0]).toMatchObject({ claimedBy: null });
  });
});
