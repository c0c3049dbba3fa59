/**
 * Nightly scans: jobs from a config file, run by node-cron in the Asia/Shanghai time zone.
 *
 * - discovery: keyword search + domain feeds + permutations of the official hosts, through the funnel;
 * - recheck: every known counterfeit again — alive, changed (title, text, screenshot), or gone, the date it
 *   went down kept (data/sites.ts) so time-to-takedown can be reported;
 * - summary: counts over the last days.
 *
 * A run never overlaps the previous run of its job: a lock file holds the pid and start time, and a lock whose
 * pid is dead is stale (the process crashed) and taken over. A killed run resumes: the run's target list is
 * fixed in the store at its start, so the same (job, date) gives the same scan fingerprint and runScan
 * resumes it. Each run stores its diff (new, changed, gone) and can POST it to a webhook.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { NetSchema } from '../config/index.js';
import { findChromium } from '../crawler/browser.js';
import { parseFeedSpec, readFeed } from '../crawler/seeds/feeds/index.js';
import { permute } from '../crawler/seeds/permutations/index.js';
import { findSearchProvider } from '../crawler/seeds/search/index.js';
import { builtinKeywords } from '../crawler/seeds/search/keywords.js';
import { finishRun, getRun, setRunScan, startRun, unfinishedRun, type ScheduleRun } from '../data/schedule-runs.js';
import { fingerprintChanges, knownCounterfeits, lastAliveFingerprint, periodSummary, siteFingerprint, siteHistory, type PeriodSummary, type SiteFingerprint, type SiteHistory } from '../data/sites.js';
import { openStore, type Store, type StoreLocation } from '../data/store.js';
import { type TargetResult } from '../model/result.js';
import { JianzhenError, UsageError, errorMessage } from '../errors.js';
import { ensureFolder, processAlive } from '../files.js';
import { loadRules } from '../rules/index.js';
import type { TargetSource } from '../rules/funnel.js';
import { RENDER_MODES, type RenderMode } from './funnel.js';
import { ScanUnfinishedError } from './result-writer.js';
import { runScan, type ScanProgress, type ScanReport, type ScanRequest } from './scan.js';
import { hostOf } from '../model/host.js';

export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

const cronExpr = z.string().refine((s) => cron.validate(s), 'not a valid cron expression (5 or 6 fields)');
const jobName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case job name');
const renderMode = z.enum(RENDER_MODES as [RenderMode, ...RenderMode[]]);

const discoveryJob = z.object({
  name: jobName,
  cron: cronExpr,
  kind: z.literal('discovery'),
  /** Keywords searched as given, and bundled keyword sets (crawler/seeds/keywords.json) by name. */
  keywords: z.array(z.string().min(1)).default([]),
  keywordSets: z.array(z.string().min(1)).default([]),
  /** Search providers by id (crawler/seeds/search): searxng, baidu, bing, sogou, so360. */
  engines: z.array(z.string().min(1)).default(['searxng']),
  searxng: z.string().url().nullable().default(null),
  pages: z.number().int().min(1).max(10).default(1),
  /** Feeds as `--feed` takes them: FILE|URL, `#column` for CSV, zipped or not. */
  feeds: z.array(z.string().min(1)).default([]),
  /** Permutations of the official hosts (all platforms' when `hosts` is omitted). */
  permutations: z
    .union([z.boolean(), z.object({ hosts: z.array(z.string().min(1)).optional(), fuzzers: z.array(z.string().min(1)).optional() })])
    .default(false),
  /** At most this many targets a night (after de-duplication, in seed order). */
  limit: z.number().int().min(1).optional(),
  render: renderMode.default('discovered'),
});
const recheckJob = z.object({
  name: jobName,
  cron: cronExpr,
  kind: z.literal('recheck'),
  // Re-checks render by default: the takedown packet wants tonight's screenshot, and change is judged on it.
  render: renderMode.default('all'),
});
const summaryJob = z.object({ name: jobName, cron: cronExpr, kind: z.literal('summary'), days: z.number().int().min(1).max(366).default(7) });

export const ScheduleConfigSchema = z
  .object({
    $comment: z.string().optional(),
    timezone: z.string().default(SCHEDULE_TIME_ZONE),
    db: z.string().min(1),
    chromium: z.string().nullable().default(null),
    concurrency: z.number().int().min(1).max(32).default(4),
    net: NetSchema.default({ proxy: null, dns: null, whois: null, allowPrivate: false }),
    webhook: z.object({ url: z.string().url(), timeoutMs: z.number().int().min(100).max(60_000).default(5000) }).nullable().default(null),
    jobs: z.array(z.discriminatedUnion('kind', [discoveryJob, recheckJob, summaryJob])).min(1),
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    for (const j of c.jobs) {
      if (names.has(j.name)) ctx.addIssue({ code: 'custom', message: `duplicate job name ${j.name}` });
      names.add(j.name);
    }
  });

export type ScheduleConfig = z.infer<typeof ScheduleConfigSchema>;
export type ScheduleJob = ScheduleConfig['jobs'][number];

/** Reads and validates a schedule file; `db` is resolved against the file's folder. Bad file → UsageError. */
export function loadScheduleConfig(file: string): ScheduleConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--config ${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(err)}`);
  }
  return parseScheduleConfig(raw, dirname(resolve(file)));
}

/** Validates a schedule document (as parsed from JSON); relative paths are resolved against `baseDir`. */
export function parseScheduleConfig(raw: unknown, baseDir = process.cwd()): ScheduleConfig {
  const parsed = ScheduleConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`schedule config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: parsed.data.timezone });
  } catch {
    throw new UsageError(`schedule config: timezone: unknown time zone ${parsed.data.timezone}`);
  }
  return { ...parsed.data, db: resolve(baseDir, parsed.data.db) };
}

/** The calendar date (YYYY-MM-DD) of `now` in a time zone: one target list per job and date. */
export function runDateIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// ---------------------------------------------------------------------------------------------------
// The lock: one run of a job at a time, across processes, surviving a crash

/** What a lock file holds. */
export interface LockInfo {
  readonly pid: number;
  readonly startedAt: string;
  readonly job: string;
}

export type LockResult = { acquired: true; release: () => void; tookOverStale: LockInfo | null } | { acquired: false; holder: LockInfo };

/**
 * Takes the lock file for a job: created exclusively (O_EXCL) with pid and start time. A lock held by a live
 * pid is refused; one whose pid is dead, or that cannot be read, was left by a crash and is taken over.
 */
export function acquireLock(file: string, job: string, now: Date = new Date()): LockResult {
  ensureFolder(dirname(file), 'the schedule lock');
  const mine: LockInfo = { pid: process.pid, startedAt: now.toISOString(), job };
  let stale: LockInfo | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return {
        acquired: true,
        tookOverStale: stale,
        release: () => {
          try {
            const held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
            if (held.pid === mine.pid && held.startedAt === mine.startedAt) unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let held: LockInfo;
    try {
      held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      held = { pid: -1, startedAt: 'unreadable', job };
    }
    if (held.pid > 0 && processAlive(held.pid)) return { acquired: false, holder: held };
    stale = held;
    try {
      unlinkSync(file);
    } catch {
      // another process took it over first; the next attempt sees its lock
    }
  }
  throw new JianzhenError('lock', `could not take the lock ${file}`, 1);
}

// ---------------------------------------------------------------------------------------------------
// The diff of a run: new, changed, gone

/** What a run found compared with the store before it started. */
export interface RunDiff {
  /** Hosts flagged (counterfeit or suspicious) for the first time. */
  readonly new: readonly { host: string; verdict: string; platform: string | null; score: number }[];
  /** Known, alive before and now, but their page changed. */
  readonly changed: readonly { host: string; what: readonly string[] }[];
  /** Alive before, unreachable now: the takedown date is `since`. */
  readonly gone: readonly { host: string; since: string; firstSeen: string | null; error: string | null }[];
  /** Gone before, answering again. */
  readonly back: readonly { host: string }[];
  /** Counts of this run's results by verdict. */
  readonly verdicts: Readonly<Record<string, number>>;
}

/** One result with what the store knew of its host before the run. */
export interface DiffEntry {
  readonly result: TargetResult;
  readonly before: SiteHistory;
  readonly beforeFingerprint: SiteFingerprint | null;
}

const isAlive = (r: TargetResult) => r.verdict !== 'unreachable' && r.stage !== 'screen';

/** Computes a run's diff from its results and each host's state before the run (pure). */
export function computeDiff(entries: readonly DiffEntry[]): RunDiff {
  const diff = { new: [] as RunDiff['new'][number][], changed: [] as RunDiff['changed'][number][], gone: [] as RunDiff['gone'][number][], back: [] as { host: string }[] };
  const verdicts: Record<string, number> = {};
  const seen = new Set<string>();
  for (const { result: r, before, beforeFingerprint } of entries) {
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    const host = r.host;
    if (host === null || seen.has(host)) continue;
    seen.add(host);
    const flagged = r.verdict === 'counterfeit' || r.verdict === 'suspicious';
    if (flagged && !before.everFlagged) diff.new.push({ host, verdict: r.verdict, platform: r.platform, score: r.score });
    if (!isAlive(r)) {
      if (r.stage !== 'screen' && before.lastSeenAlive !== null && before.goneSince === null) {
        diff.gone.push({ host, since: r.capturedAt, firstSeen: before.firstSeen, error: r.error });
      }
      continue;
    }
    if (before.goneSince !== null) diff.back.push({ host });
    if (beforeFingerprint && r.snapshot) {
      const what = fingerprintChanges(beforeFingerprint, siteFingerprint(r.snapshot));
      if (what.length > 0) diff.changed.push({ host, what });
    }
  }
  return { ...diff, verdicts };
}

// ---------------------------------------------------------------------------------------------------
// The webhook

/** What a webhook call gave. */
export type WebhookResult = { ok: true; status: number } | { ok: false; error: string };

const WEBHOOK_LIST_CAP = 500;

/** POSTs a run's JSON to the webhook, bounded in time; never throws (a failure is returned and logged). */
export async function postWebhook(url: string, payload: unknown, timeoutMs: number): Promise<WebhookResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'jianzhen-schedule' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    await res.body?.cancel().catch(() => undefined);
    return res.ok ? { ok: true, status: res.status } : { ok: false, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error;
    return { ok: false, error: e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : errorMessage((e.cause as Error | undefined) ?? e) };
  }
}

function capLists(diff: RunDiff | null): unknown {
  if (diff === null) return null;
  const cap = <T>(xs: readonly T[]) => xs.slice(0, WEBHOOK_LIST_CAP);
  return { ...diff, new: cap(diff.new), changed: cap(diff.changed), gone: cap(diff.gone), back: cap(diff.back) };
}

// ---------------------------------------------------------------------------------------------------
// Running a job

/** What one run of a job did. */
export interface JobOutcome {
  readonly run: ScheduleRun;
  readonly skipped: false;
  readonly resumed: number;
  readonly diff: RunDiff | null;
  readonly summary: PeriodSummary | null;
  readonly unavailable: readonly string[];
  readonly webhook: WebhookResult | null;
}

/** A run that did not start because the previous one still holds the lock. */
export interface JobSkipped {
  readonly skipped: true;
  readonly holder: LockInfo;
}

export interface RunJobOptions {
  readonly now?: Date;
  /** Progress and problems, one line each (stderr in the CLI). */
  readonly log?: (line: string) => void;
  /** Chromium binary; default findChromium(config.chromium). */
  readonly chromiumPath?: string;
  /** The store to scan into instead of the schedule file's `db` (a cluster's PostgreSQL and S3). */
  readonly store?: StoreLocation;
  /** Runs a run's scan: in this process by default (runScan), or on a cluster's workers. */
  readonly scan?: (store: Store, req: ScanRequest, onProgress: (p: ScanProgress) => void) => Promise<ScanReport>;
}

/** Gathers a discovery job's targets from its seeds; a seed that fails is logged and the others still count. */
async function discoveryTargets(
  job: Extract<ScheduleJob, { kind: 'discovery' }>,
  config: ScheduleConfig,
  log: (line: string) => void,
): Promise<{ targets: string[]; sources: TargetSource[]; unavailable: string[] }> {
  const targets: string[] = [];
  const sources: TargetSource[] = [];
  const unavailable: string[] = [];
  const hosts = new Set<string>();
  const add = (target: string, source: TargetSource) => {
    let host: string;
    try {
      host = new URL(/^https?:\/\//i.test(target) ? target : `http://${target}`).hostname.toLowerCase();
    } catch {
      return;
    }
    if (hosts.has(host)) return;
    hosts.add(host);
    targets.push(target);
    sources.push(source);
  };
  const keywords = [...job.keywords, ...(job.keywordSets.length ? builtinKeywords(job.keywordSets) : [])];
  for (const engine of keywords.length ? job.engines : []) {
    const provider = findSearchProvider(engine);
    for (const q of keywords) {
      try {
        const hits = await provider.search(q, { pages: job.pages, proxy: config.net.proxy, searxngUrl: job.searxng });
        for (const h of hits) add(h.url, 'search');
        log(`${job.name}: search ${engine} "${q}": ${hits.length} results`);
      } catch (err) {
        log(`${job.name}: search ${engine} "${q}" failed: ${errorMessage(err)}`);
        unavailable.push(`search ${engine}: ${errorMessage(err)}`);
      }
    }
  }
  for (const feed of job.feeds) {
    try {
      const got = await readFeed(parseFeedSpec(feed));
      for (const n of got.names) add(n, 'feed');
      log(`${job.name}: feed ${feed}: ${got.names.length} names`);
    } catch (err) {
      log(`${job.name}: feed ${feed} failed: ${errorMessage(err)}`);
      unavailable.push(`feed ${feed}: ${errorMessage(err)}`);
    }
  }
  if (job.permutations !== false) {
    const spec = job.permutations === true ? {} : job.permutations;
    const officials = spec.hosts ?? loadRules().platforms.flatMap((p) => p.officialHosts);
    for (const host of officials) {
      const list = permute(host, spec.fuzzers ? { fuzzers: spec.fuzzers } : {});
      for (const p of list) add(p.host, 'permutation');
      log(`${job.name}: permutations of ${host}: ${list.length}`);
    }
  }
  if (job.limit !== undefined && targets.length > job.limit) {
    log(`${job.name}: ${targets.length} targets, keeping the first ${job.limit} (limit)`);
    return { targets: targets.slice(0, job.limit), sources: sources.slice(0, job.limit), unavailable };
  }
  return { targets, sources, unavailable };
}

/** The lock file of a job, beside the store. */
export function lockFileFor(config: ScheduleConfig, job: string): string {
  return resolve(dirname(config.db), `schedule-${job}.lock`);
}

/** Runs one job once (cron tick or `--run-now`): lock, targets, scan (resumed if killed), diff, webhook. */
export async function runJob(config: ScheduleConfig, name: string, opts: RunJobOptions = {}): Promise<JobOutcome | JobSkipped> {
  const job = config.jobs.find((j) => j.name === name);
  if (!job) throw new UsageError(`no job "${name}" in the schedule; jobs: ${config.jobs.map((j) => j.name).join(', ')}`);
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? new Date();
  const lock = acquireLock(lockFileFor(config, name), name, now);
  if (!lock.acquired) {
    log(`${name}: the previous run (pid ${lock.holder.pid}, started ${lock.holder.startedAt}) still holds the lock; skipped`);
    return { skipped: true, holder: lock.holder };
  }
  if (lock.tookOverStale) log(`${name}: took over a stale lock left by pid ${lock.tookOverStale.pid} (started ${lock.tookOverStale.startedAt})`);
  const store = await openStore(opts.store ?? config.db);
  try {
    return await runLocked(store, config, job, now, log, opts);
  } finally {
    await store.close();
    lock.release();
  }
}

async function runLocked(
  store: Store,
  config: ScheduleConfig,
  job: ScheduleJob,
  now: Date,
  log: (line: string) => void,
  opts: RunJobOptions,
): Promise<JobOutcome> {
  const runDate = runDateIn(config.timezone, now);
  let unavailable: string[] = [];
  // A run of this job and date left unfinished by a killed process is resumed with its own target list.
  let run = await unfinishedRun(store, job.name, runDate);
  if (run) log(`${job.name}: resuming the run of ${runDate} started ${run.startedAt}`);
  if (!run) {
    let targets: string[] = [];
    let sources: TargetSource[] = [];
    if (job.kind === 'discovery') ({ targets, sources, unavailable } = await discoveryTargets(job, config, log));
    if (job.kind === 'recheck') {
      targets = await knownCounterfeits(store);
      sources = targets.map(() => 'recheck');
    }
    run = await startRun(store, { id: `${job.name}@${now.toISOString()}`, job: job.name, kind: job.kind, runDate, startedAt: now.toISOString(), targets, sources });
  }
  const started = run;
  let diff: RunDiff | null = null;
  let summary: PeriodSummary | null = null;
  let resumed = 0;
  try {
    if (job.kind === 'summary') {
      const from = new Date(now.getTime() - job.days * 86_400_000).toISOString();
      summary = await periodSummary(store, from, now.toISOString());
      log(`${job.name}: ${summary.targets} targets, ${summary.newCounterfeits} new counterfeits, ${summary.takenDown} taken down, ${summary.stillAlive} still alive`);
    } else if (started.targets.length > 0) {
      // What the store knew before this run began (a resumed run's own earlier results excluded).
      const hosts = [...new Set(started.targets.map(hostOrInput))];
      const before = new Map<string, { history: SiteHistory; fp: SiteFingerprint | null }>();
      for (const h of hosts) {
        before.set(h, { history: await siteHistory(store, h, started.startedAt), fp: await lastAliveFingerprint(store, h, started.startedAt) });
      }
      const chromiumPath = opts.chromiumPath ?? findChromium(config.chromium);
      log(`${job.name}: scanning ${started.targets.length} targets (render ${job.render})`);
      const report = await (opts.scan ?? runScan)(
        store,
        // One clock for the run: its results are stamped on the time line the diff compares them on.
        { ...scanRequestFor(config, job, started, chromiumPath), clock: runClock(now) },
        (p) => {
          if (p.doneThisRun % 100 === 0 || p.done === p.total) log(`${job.name}: ${p.done}/${p.total} targets`);
        },
      );
      resumed = report.resumed;
      await setRunScan(store, started.id, report.scan.id);
      diff = computeDiff(
        report.results.map((result) => {
          const b = before.get(result.host ?? '') ?? { history: emptyHistory(result.host ?? ''), fp: null };
          return { result, before: b.history, beforeFingerprint: b.fp };
        }),
      );
      log(`${job.name}: ${diff.new.length} new, ${diff.changed.length} changed, ${diff.gone.length} gone, ${diff.back.length} back; ${report.renders} renders`);
    } else {
      diff = computeDiff([]);
      log(`${job.name}: no targets`);
    }
    await finishRun(store, started.id, { status: 'done', diff: { diff, summary, unavailable } });
  } catch (err) {
    // A scan stopped unfinished (its store failed) leaves the run running, so the next start resumes it.
    if (!(err instanceof ScanUnfinishedError)) {
      // The original error is the one to report, even when the store cannot take the run's failure either.
      await finishRun(store, started.id, { status: 'failed', error: errorMessage(err) }).catch(() => undefined);
    }
    throw err;
  }
  let webhook: WebhookResult | null = null;
  if (config.webhook) {
    const final = (await getRun(store, started.id))!;
    webhook = await postWebhook(
      config.webhook.url,
      { job: job.name, kind: job.kind, run: final.id, runDate: final.runDate, scanId: final.scanId, startedAt: final.startedAt, finishedAt: final.finishedAt, diff: capLists(diff), summary, unavailable },
      config.webhook.timeoutMs,
    );
    if (!webhook.ok) log(`${job.name}: webhook ${config.webhook.url} failed: ${webhook.error}`);
  }
  return { run: (await getRun(store, started.id))!, skipped: false, resumed, diff, summary, unavailable, webhook };
}

/**
 * A run's clock: it reads `now` when the run starts and advances with the system clock from there. A run
 * judges "before" and "gone since" by its own `now`, so the results it stores must be stamped by the same
 * clock (with the system's `now` the two are the same).
 */
export function runClock(now: Date): () => Date {
  const offset = now.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The scan a run asks for: its fixed targets and sources, identified by job and date so a killed run resumes it. */
export function scanRequestFor(config: ScheduleConfig, job: Exclude<ScheduleJob, { kind: 'summary' }>, run: ScheduleRun, chromiumPath: string): ScanRequest {
  return {
    targets: run.targets,
    sources: run.sources as TargetSource[],
    render: job.render,
    capture: {
      chromiumPath,
      proxy: config.net.proxy,
      dnsServer: config.net.dns,
      whoisServer: config.net.whois,
      allowPrivate: config.net.allowPrivate,
      concurrency: config.concurrency,
    },
    identity: { job: job.name, runDate: run.runDate },
  };
}


/** The host of a target line, or the line itself when it names none. */
const hostOrInput = (target: string): string => hostOf(target) ?? target;

function emptyHistory(host: string): SiteHistory {
  return { host, firstSeen: null, lastSeenAlive: null, goneSince: null, daysToTakedown: null, everCounterfeit: false, everFlagged: false, latestVerdict: null, latestAt: null, observations: 0 };
}

/** A running schedule: stop() ends the cron tasks (a run in progress finishes on its own). */
export interface RunningSchedule {
  stop(): Promise<void>;
}

/** Starts the cron loop: each job on its expression in the schedule's time zone; a failure is logged, never fatal. */
export function startSchedule(config: ScheduleConfig, opts: Omit<RunJobOptions, 'now'> = {}): RunningSchedule {
  const log = opts.log ?? (() => undefined);
  const tasks = config.jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        try {
          await runJob(config, job.name, opts);
        } catch (err) {
          log(`${job.name}: run failed: ${errorMessage(err)}`);
        }
      },
      { timezone: config.timezone, name: job.name },
    ),
  );
  log(`schedule: ${config.jobs.map((j) => `${j.name} (${j.kind}) at "${j.cron}"`).join(', ')} — time zone ${config.timezone}`);
  return {
    stop: async () => {
      for (const t of tasks) await t.destroy();
    },
  };
}
