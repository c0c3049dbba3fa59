/**
 * Test fixture for the report tests: a real SQLite store in a temp folder holding two scans of a few
 * sites — counterfeits (one later found down), a sales page, a benign site — with decisions and a packet.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactOf, pageSnapshot } from '../data/fixtures.js';
import { recordEvidencePacket } from '../data/reports.js';
import { recordDecision } from '../data/review.js';
import { openStore, type Store, type StoredSignal, type TargetResult } from '../data/store.js';
import type { Verdict } from '../rules/types.js';

interface SiteSpec {
  host: string;
  verdict: Verdict;
  score: number;
  platform: string | null;
  ips?: string[];
  signals?: StoredSignal[];
  text?: string;
  /** Where the visit ended, when not where it started. */
  finalUrl?: string;
}

function result(index: number, s: SiteSpec, at: string): { result: TargetResult; artifacts: ReturnType<typeof artifactOf>[] } {
  const url = `http://${s.host}/`;
  const alive = s.verdict !== 'unreachable';
  const shot = artifactOf(Buffer.from(`png of ${s.host}`), 'image/png');
  const snapshot = alive
    ? pageSnapshot(url, {
        text: s.text ?? '特种作业操作证查询 京ICP备18046060号-1',
        screenshot: shot.ref,
        dns: { host: s.host, a: s.ips ?? ['103.145.87.12'], aaaa: [], ns: [], mx: [], error: null, server: '127.0.0.1:53' },
        whois: { domain: s.host, server: '127.0.0.1:43', raw: `Domain Name: ${s.host}\n`, fields: { sponsoringRegistrar: '成都西维数码科技有限公司', registrationTime: '2026-09-03 00:00:00' }, error: null },
        timings: { startedAt: at, finishedAt: at, dnsMs: 1, whoisMs: 1, renderMs: 1, totalMs: 3 },
      })
    : null;
  return {
    result: {
      index, input: url, url, finalUrl: alive ? (s.finalUrl ?? url) : null, host: s.host, registrableDomain: s.host,
      verdict: s.verdict, score: s.score, platform: s.platform, signals: s.signals ?? [], evidence: null,
      error: alive ? null : 'NXDOMAIN', snapshot, failure: null, capturedAt: at,
    },
    artifacts: alive ? [shot] : [],
  };
}

/** The sites of the fixture's first scan. */
export const FIRST_SCAN: readonly SiteSpec[] = [
  {
    host: 'cx-mem-gov.cn', verdict: 'counterfeit', score: 91, platform: 'mem-cx', ips: ['103.145.87.12'],
    signals: [{ id: 'registration.number-copied', score: 0.9, weight: 30, detail: 'copied', evidence: { numbers: [{ kind: 'icp-filing', number: '京ICP备18046060号-1' }] } }],
  },
  { host: 'zlaq-mohurd.com', verdict: 'counterfeit', score: 80, platform: 'mohurd-zlaq', ips: ['45.8.1.2', '45.8.1.3'], text: '没有备案号', finalUrl: 'http://zlaq-mohurd.com/personnel/safety' },
  // Sends its visitors on to another listed site.
  { host: 'zhengshu-ban.com', verdict: 'suspicious', score: 60, platform: 'mem-cx', signals: [{ id: 'sales.certificate-sales', score: 0.8, weight: 20, detail: '办证' }], text: '代办特种作业操作证', finalUrl: 'http://cx-mem-gov.cn/' },
  { host: "o'brien.example", verdict: 'suspicious', score: 55, platform: 'samr-cnse', text: '查询' },
  { host: 'news.example.cn', verdict: 'benign', score: 5, platform: null },
];

/** Builds the fixture store: scan 1 on 2026-09-03 (Beijing), scan 2 on 2026-09-10 where two sites are down. */
export function fixtureStore(): { store: Store; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jianzhen-reports-'));
  const store = openStore(join(dir, 'jianzhen.db'));
  const t1 = '2026-09-03T02:00:00.000Z';
  const t2 = '2026-09-10T02:00:00.000Z';
  const scan1 = store.createScan({ id: 's1', fingerprint: 'f1', targets: FIRST_SCAN.map((s) => `http://${s.host}/`), options: {}, now: new Date(t1) });
  FIRST_SCAN.forEach((s, i) => {
    const r = result(i, s, t1);
    store.saveTargetResult(scan1.id, r.result, r.artifacts);
  });
  const second: SiteSpec[] = [
    { ...FIRST_SCAN[0]!, verdict: 'unreachable', score: 0 },
    { ...FIRST_SCAN[1]! },
    { ...FIRST_SCAN[2]!, verdict: 'unreachable', score: 0 },
  ];
  const scan2 = store.createScan({ id: 's2', fingerprint: 'f2', targets: second.map((s) => `http://${s.host}/`), options: {}, now: new Date(t2) });
  second.forEach((s, i) => {
    const r = result(i, s, t2);
    store.saveTargetResult(scan2.id, r.result, r.artifacts);
  });
  for (const host of ['cx-mem-gov.cn', 'zlaq-mohurd.com', 'zhengshu-ban.com']) {
    recordDecision(store, { host, decision: 'confirmed', actor: 'analyst', at: new Date('2026-09-04T01:00:00Z') });
  }
  recordDecision(store, { host: 'news.example.cn', decision: 'rejected', actor: 'analyst', at: new Date('2026-09-04T01:00:00Z') });
  recordEvidencePacket(store, {
    id: 'JZ-20260905T000000Z-cx-mem-gov.cn', host: 'cx-mem-gov.cn', scanId: 's1', index: 0, builtAt: '2026-09-05T00:00:00.000Z', actor: 'analyst',
    manifestSha256: 'a'.repeat(64), manifestSm3: 'b'.repeat(64), folder: '/x', zip: '/x.zip', zipSha256: 'c'.repeat(64),
  });
  return { store, dir };
}
