import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../crawler/browser.js';
import { listRuns, startRun } from '../data/schedule-runs.js';
import { siteHistory, type SiteHistory } from '../data/sites.js';
import { openStore } from '../data/store.js';
import { type TargetResult } from '../model/result.js';
import type { CorpusSite } from '../sandbox/corpus/types.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { acquireLock, computeDiff, lockFileFor, parseScheduleConfig, postWebhook, runDateIn, runJob, scanRequestFor, startSchedule, type JobOutcome } from './schedule.js';
import { runScan } from './scan.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'jianzhen-schedule-'));

/** A local webhook receiver: records each POST body; answers after `delayMs` with `status`. */
async function receiver(opts: { delayMs?: number; status?: number } = {}): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      setTimeout(() => res.writeHead(opts.status ?? 204).end(), opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe('the schedule lock', () => {
  it('refuses a lock held by a live process', () => {
    const file = join(tmp(), 'job.lock');
    writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: '2026-11-22T16:00:00.000Z', job: 'nightly' }));
    const got = acquireLock(file, 'nightly');
    expect(got.acquired).toBe(false);
    expect(!got.acquired && got.holder.pid).toBe(process.pid);
  });

  it('takes over a stale lock whose process died, and releases only its own', () => {
    const file = join(tmp(), 'job.lock');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(file, JSON.stringify({ pid: dead, startedAt: '2026-11-22T16:00:00.000Z', job: 'nightly' }));
    const got = acquireLock(file, 'nightly');
    expect(got.acquired).toBe(true);
    if (!got.acquired) return;
    expect(got.tookOverStale?.pid).toBe(dead);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    expect(acquireLock(file, 'nightly').acquired).toBe(false); // no overlap with ourselves either
    got.release();
    const again = acquireLock(file, 'nightly');
    expect(again.acquired).toBe(true);
    if (again.acquired) again.release();
  });
});

describe('computeDiff', () => {
  const none: SiteHistory = { host: '', firstSeen: null, lastSeenAlive: null, goneSince: null, daysToTakedown: null, everCounterfeit: false, everFlagged: false, latestVerdict: null, latestAt: null, observations: 0 };
  const snap = (title: string, text: string) => ({ title, text, finalUrl: 'http://a/', screenshot: null }) as unknown as TargetResult['snapshot'];
  const result = (host: string, verdict: TargetResult['verdict'], snapshot: TargetResult['snapshot'] = null): TargetResult => ({
    index: 0, input: host, url: `http://${host}/`, finalUrl: null, host, registrableDomain: host, verdict, score: 80, platform: 'mem-cx',
    signals: [], evidence: null, error: verdict === 'unreachable' ? 'DNS: NXDOMAIN' : null, snapshot, capturedAt: '2026-11-23T18:00:00.000Z', stage: 'render', stageReason: '',
  });
  it('finds new, changed, gone and back sites against the state before the run', () => {
    const alive = { ...none, firstSeen: '2026-11-01T00:00:00.000Z', lastSeenAlive: '2026-11-22T00:00:00.000Z', everCounterfeit: true, everFlagged: true };
    const before = { title: 'old', textSha256: 'x', screenshot: null, finalUrl: 'http://a/' };
    const diff = computeDiff([
      { result: result('new.example', 'counterfeit', snap('t', 'x')), before: none, beforeFingerprint: null },
      { result: result('changed.example', 'counterfeit', snap('new title', 'x')), before: alive, beforeFingerprint: before },
      { result: result('gone.example', 'unreachable'), before: alive, beforeFingerprint: before },
      { result: result('back.example', 'counterfeit', snap('old', 'y')), before: { ...alive, goneSince: '2026-11-20T00:00:00.000Z' }, beforeFingerprint: null },
    ]);
    expect(diff.new.map((n) => n.host)).toEqual(['new.example']);
    expect(diff.changed).toEqual([{ host: 'changed.example', what: ['title', 'text'] }]);
    expect(diff.gone).toEqual([{ host: 'gone.example', since: '2026-11-23T18:00:00.000Z', firstSeen: '2026-11-01T00:00:00.000Z', error: 'DNS: NXDOMAIN' }]);
    expect(diff.back).toEqual([{ host: 'back.example' }]);
    expect(diff.verdicts).toEqual({ counterfeit: 3, unreachable: 1 });
  });
});

describe('postWebhook', () => {
  it('POSTs the JSON, and reports an error status or no answer without throwing', async () => {
    const ok = await receiver();
    expect(await postWebhook(ok.url, { a: 1 }, 2000)).toEqual({ ok: true, status: 204 });
    expect(ok.bodies).toEqual([{ a: 1 }]);
    const bad = await receiver({ status: 500 });
    expect(await postWebhook(bad.url, {}, 2000)).toEqual({ ok: false, error: 'HTTP 500' });
    const slow = await receiver({ delayMs: 3000 });
    const r = await postWebhook(slow.url, {}, 300);
    expect(r).toEqual({ ok: false, error: 'no answer within 300 ms' });
    for (const s of [ok, bad, slow]) s.server.closeAllConnections(), s.server.close();
  });
});

describe('runDateIn', () => {
  it('dates a run in Asia/Shanghai (UTC+8)', () => {
    expect(runDateIn('Asia/Shanghai', new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
  });
});

// Jobs end to end through a sandbox: a feed of names, the funnel, a recheck after the site went down.
const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const fake = page('特种作业操作证及安全生产知识和管理能力考核合格信息查询', `<h1>特种作业操作证查询</h1><form action="/query" method="post"><label for="z">证件号码</label><input id="z" name="z"><button>查询</button></form>`);
const fresh = { created: '2026-10-01', registrar: 'NameSilo, LLC', registrant: 'REDACTED FOR PRIVACY', privacy: true };
const counterfeit: CorpusSite = { host: 'cx-mem-gov.cn', label: 'counterfeit', platform: 'mem-cx', note: 'copy', a: ['8.8.6.1'], whois: fresh, routes: { '/': { kind: 'page', body: fake } } };
const filler: CorpusSite[] = Array.from({ length: 12 }, (_, i) => ({
  host: `flowers-${i}.com`, label: 'benign' as const, platform: null, note: 'unrelated', a: [`8.8.7.${i + 1}`], routes: { '/': { kind: 'page' as const, body: page('花', '花') } },
}));

describe('jobs', () => {
  let dir: string;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let up: Sandbox;
  let config: ReturnType<typeof parseScheduleConfig>;
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);
  const chromiumPath = findChromium();

  beforeAll(async () => {
    dir = tmp();
    hook = await receiver();
    up = await startSandbox({ corpus: [counterfeit, ...filler], searchFixtures: [] });
    writeFileSync(join(dir, 'feed.txt'), ['cx-mem-gov.cn', 'cx-mem-gov.com.cn', ...filler.map((f) => f.host)].join('\n'));
    config = parseScheduleConfig(
      {
        db: 'store/jianzhen.db',
        net: { proxy: up.proxyUrl, dns: up.dnsServer, whois: up.whoisServer },
        concurrency: 2,
        webhook: { url: hook.url, timeoutMs: 60_000 },
        jobs: [
          { name: 'nightly', cron: '0 2 * * *', kind: 'discovery', feeds: [join(dir, 'feed.txt')] },
          { name: 'recheck', cron: '0 4 * * *', kind: 'recheck' },
          { name: 'weekly', cron: '* * * * * *', kind: 'summary' },
        ],
      },
      dir,
    );
  }, 300_000);

  afterAll(async () => {
    hook?.server.closeAllConnections();
    hook?.server.close();
    await up?.close();
  });

  it('runs a nightly discovery through the funnel, stores its diff and calls the webhook', async () => {
    const out = (await runJob(config, 'nightly', { log, chromiumPath, now: new Date('2026-11-22T18:00:00Z') })) as JobOutcome;
    expect(out.skipped).toBe(false);
    expect(out.diff?.new.map((n) => n.host)).toEqual(['cx-mem-gov.cn']);
    expect(out.run.status).toBe('done');
    expect(out.run.runDate).toBe('2026-11-23');
    expect((out.run.diff as { diff: { new: unknown[] } }).diff.new).toHaveLength(1);
    expect(out.webhook).toEqual({ ok: true, status: 204 });
    expect(hook.bodies.at(-1)).toMatchObject({ job: 'nightly', kind: 'discovery', diff: { new: [{ host: 'cx-mem-gov.cn', verdict: 'counterfeit' }] } });
  }, 1_800_000);

  it('re-checks known counterfeits and keeps the date a site went down', async () => {
    await up.close();
    // The counterfeit is taken down: the sandbox now answers NXDOMAIN for it.
    up = await startSandbox({ corpus: filler, searchFixtures: [] });
    const downConfig = { ...config, net: { ...config.net, proxy: up.proxyUrl, dns: up.dnsServer, whois: up.whoisServer } };
    const out = (await runJob(downConfig, 'recheck', { log, chromiumPath, now: new Date('2026-11-24T20:00:00Z') })) as JobOutcome;
    expect(out.run.targets).toEqual(['cx-mem-gov.cn']);
    expect(out.diff?.gone.map((g) => g.host)).toEqual(['cx-mem-gov.cn']);
    const store = await openStore(config.db);
    try {
      const h = await siteHistory(store, 'cx-mem-gov.cn');
      expect(h.goneSince).toBe(out.diff!.gone[0]!.since);
      expect(h.firstSeen).not.toBeNull();
      expect(h.daysToTakedown).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 1_800_000);

  it('resumes a run left unfinished by a killed process with the same target list', async () => {
    const now = new Date('2026-11-25T18:00:00Z');
    const store = await openStore(config.db);
    const targets = filler.map((f) => f.host);
    const run = await startRun(store, { id: 'nightly@killed', job: 'nightly', kind: 'discovery', runDate: runDateIn(config.timezone, now), startedAt: now.toISOString(), targets, sources: targets.map(() => 'feed') });
    // The killed process got 5 targets done, then died without finishing the scan or the run.
    await expect(
      runScan(store, scanRequestFor(config, config.jobs[0] as never, run, chromiumPath), (p) => {
        if (p.done === 5) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    await store.close();
    const out = (await runJob(config, 'nightly', { log, chromiumPath, now: new Date(now.getTime() + 60_000) })) as JobOutcome;
    expect(out.run.id).toBe('nightly@killed');
    expect(out.resumed).toBe(5);
    expect(out.run.status).toBe('done');
    expect(logs.some((l) => /resuming the run of 2026-11-26/.test(l))).toBe(true);
  }, 1_800_000);

  it('runs a seconds-level cron job without overlapping runs', async () => {
    const slow = await receiver({ delayMs: 1500 });
    const cronConfig = { ...config, webhook: { url: slow.url, timeoutMs: 60_000 } };
    const running = startSchedule(cronConfig, { log, chromiumPath });
    // Two runs delivered and a tick skipped while a run held the lock, however long a run takes on a busy machine.
    const skipped = (l: string) => /weekly: the previous run .* still holds the lock; skipped/.test(l);
    await expect.poll(() => slow.bodies.length >= 2 && logs.some(skipped)).toBe(true);
    await running.stop();
    // A tick takes the lock before its first await, so once the lock file is gone no run is in flight.
    await expect.poll(() => existsSync(lockFileFor(cronConfig, 'weekly'))).toBe(false);
    slow.server.closeAllConnections();
    slow.server.close();
    const store = await openStore(config.db);
    const runs = (await listRuns(store, 'weekly')).reverse();
    await store.close();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(slow.bodies.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt >= runs[i - 1]!.finishedAt!).toBe(true);
    expect(runs.every((r) => r.status === 'done' && (r.diff as { summary: { targets: number } }).summary.targets >= 0)).toBe(true);
  }, 300_000);
});
