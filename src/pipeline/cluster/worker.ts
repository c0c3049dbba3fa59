/**
 * A cluster worker: takes jobs from the stage queues it is given and runs the same stage functions a scan
 * runs in one process (funnel.ts screenStage/resolveStage/fetchStage, scan.ts resolveDirect/renderStage and
 * resultOf), storing each result the moment it is known and passing the rest on to the next stage's queue.
 *
 * Stalled jobs: a worker renews the lock of each job it runs every `lockDuration / 2`; a job whose lock
 * lapses (its worker was SIGKILLed, its machine lost) is moved back to the queue by any live worker's
 * stalled check, run every `stalledInterval`. With 30 s and 15 s a killed worker's jobs run again within
 * about 45 s, while a lock is never lost by a live worker (the detectors run on a worker thread, so the
 * event loop that renews locks stays free even on a loaded machine). A job stalled three times fails and
 * its target is recorded with the error, so the scan still ends.
 */
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_CAPTURE, type CaptureOptions } from '../../crawler/capture.js';
import { ResolveSession } from '../../crawler/resolve.js';
import { parseTarget, type Target } from '../../crawler/targets.js';
import type { Store } from '../../data/store.js';
import { errorMessage } from '../../errors.js';
import type { TargetResult } from '../../model/result.js';
import type { Artifact, ArtifactRef } from '../../model/snapshot.js';
import { loadRules } from '../../rules/index.js';
import { loadFunnelRules, type FunnelRules } from '../../rules/funnel.js';
import { DetectorRunner } from '../detect.js';
import { fetchStage, httpOptionsFrom, resolveStage, screenStage, type FunnelHooks, type RenderItem } from '../funnel.js';
import { invalidResult, loadReferences, renderStage, resolveDirect, resultOf, type RecordResult, type RenderStageContext, type ResultContext } from '../scan.js';
import { DomainLimit } from './politeness.js';
import { connectRedis, closeQueues, jobId, PREFIX, stageQueues, type FetchJob, type RenderJob, type ScanSettings, type ScanStage, type StageQueues, type TargetJob } from './queues.js';

export interface WorkerOptions {
  readonly redis: string;
  readonly store: Store;
  /** The scan stages to take (the evidence stage is the console's job queue: review/jobs/queue.ts). */
  readonly stages: readonly ScanStage[];
  /** Renders at once on this machine; the resolve and fetch stages take four times as many (as a scan does). */
  readonly concurrency: number;
  /** This machine's Chromium (needed for the render stage only). */
  readonly chromiumPath: string | null;
  /** Visits at once per registrable domain across the cluster. */
  readonly perDomain: number;
  /** Jobs a second each stage queue starts across the cluster (BullMQ's global rate limiter), or null for no limit. */
  readonly ratePerSecond: number | null;
  /**
   * Whether this machine lets a scan visit loopback, private or link-local addresses. A scan's own
   * --allow-private counts only where the worker allows it too: a coordinator cannot open a worker's network.
   */
  readonly allowPrivate?: boolean;
  /** Lock and stalled-check times (see the header); tests keep the defaults. */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  /** One line per finished job and per problem (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export interface RunningWorker {
  /** Stops taking jobs, lets the running ones finish, closes connections (not the store). */
  close(): Promise<void>;
}

/** What a worker keeps for one scan while its jobs come in: the same per-scan state a scan in one process keeps. */
interface ScanState {
  readonly ctx: ResultContext;
  readonly session: ResolveSession;
  readonly runner: DetectorRunner;
  readonly capture: CaptureOptions;
  readonly funnel: FunnelRules;
  lastUsed: number;
}

/** A scan's state is dropped after this long without a job of it (its detector thread stops). */
const IDLE_SCAN_MS = 5 * 60_000;

/** Starts a worker on the given stages; returns once it is taking jobs. */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  if (opts.stages.includes('render') && !opts.chromiumPath) throw new Error('the render stage needs Chromium on this machine');
  const log = opts.log ?? (() => {});
  const connection = await connectRedis(opts.redis);
  const queues: StageQueues = stageQueues(connection);
  const limit = new DomainLimit(connection, opts.perDomain);
  const rules = loadRules();
  const scans = new Map<string, Promise<ScanState>>();

  const stateOf = (scanId: string, settings: ScanSettings): Promise<ScanState> => {
    let s = scans.get(scanId);
    if (settings.allowPrivate && opts.allowPrivate !== true) settings = { ...settings, allowPrivate: false };
    if (!s) {
      s = (async () => {
        // References are read once per scan, as a scan in one process reads them when it starts.
        const { references, artifacts } = await loadReferences(opts.store);
        const capture: CaptureOptions = {
          ...DEFAULT_CAPTURE,
          chromiumPath: opts.chromiumPath ?? '',
          proxy: settings.proxy,
          dnsServer: settings.dnsServer,
          whoisServer: settings.whoisServer,
          allowPrivate: settings.allowPrivate,
          whois: settings.whois,
          probe: settings.probe,
          concurrency: 1,
          neverProbe: rules.platforms.flatMap((p) => p.officialHosts),
        };
        return {
          ctx: { rules, references, artifacts, store: opts.store, timeDetectors: true },
          session: new ResolveSession({ dnsServer: settings.dnsServer, whoisServer: settings.whoisServer, allowPrivate: settings.allowPrivate, whois: settings.whois }),
          runner: new DetectorRunner({ references, platforms: rules.platforms, readArtifact: (sha) => artifacts.get(sha) ?? null }),
          capture,
          funnel: loadFunnelRules(),
          lastUsed: Date.now(),
        };
      })();
      scans.set(scanId, s);
      s.catch(() => scans.delete(scanId));
    }
    return s.then((state) => {
      state.lastUsed = Date.now();
      return state;
    });
  };
  const sweep = setInterval(() => {
    for (const [id, s] of scans) {
      void s.then(async (state) => {
        if (Date.now() - state.lastUsed < IDLE_SCAN_MS) return;
        scans.delete(id);
        await state.runner.close();
      }).catch(() => {});
    }
  }, 60_000);
  sweep.unref();

  const recorder = (job: Job<TargetJob>, stage: ScanStage, started: number): RecordResult => async (result, artifacts) => {
    await opts.store.saveTargetResult(job.data.scanId, result, artifacts);
    log(`${stage} ${job.data.scanId} #${result.index + 1} ${result.host ?? result.input}: ${result.verdict} ${result.score}${result.error ? ` (${result.error})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const hooksOf = (job: Job<TargetJob>, stage: ScanStage, state: ScanState, started: number): FunnelHooks => {
    const record = recorder(job, stage, started);
    return {
      judge: (index, target, outcome) => resultOf(index, target, outcome, state.ctx),
      stop: async (result, artifacts, failures) => {
        for (const f of failures) log(`detector ${f.detector} failed on ${job.data.scanId} #${result.index + 1}: ${f.error}`);
        await record(result, artifacts);
      },
    };
  };
  const targetOf = (job: Job<TargetJob>): Target => {
    const parsed = parseTarget(job.data.input);
    if (!parsed.ok) throw new Error(`target ${JSON.stringify(job.data.input)} does not parse: ${parsed.error}`);
    return parsed.target;
  };
  const next = {
    fetch: (job: Job<TargetJob>, data: FetchJob) => queues.fetch.add('fetch', data, { jobId: jobId(job.data.scanId, job.data.index) }),
    render: (job: Job<TargetJob>, data: RenderJob) => queues.render.add('render', data, { jobId: jobId(job.data.scanId, job.data.index) }),
  };

  /** Waits for a slot on the target's registrable domain; a busy domain puts the job back for a few seconds. */
  const politely = async <T>(job: Job<TargetJob>, token: string | undefined, target: Target, work: () => Promise<T>): Promise<T> => {
    const domain = target.registrableDomain ?? target.host;
    if (!(await limit.acquire(domain, job.id!))) {
      await job.moveToDelayed(Date.now() + 2_000 + Math.floor(Math.random() * 2_000), token);
      throw new DelayedError();
    }
    try {
      return await work();
    } finally {
      await limit.release(domain, job.id!).catch(() => {});
    }
  };

  /** What a job of a resolved target starts with: its scan's state (knowing the record) and its parse. */
  const begin = async (job: Job<FetchJob | RenderJob>) => {
    const started = Date.now();
    const state = await stateOf(job.data.scanId, job.data.settings);
    state.session.remember(job.data.resolved);
    return { started, state, target: targetOf(job) };
  };

  const processors: { [S in ScanStage]: (job: Job<never>, token: string | undefined) => Promise<void> } = {
    resolve: async (j) => {
      const job = j as Job<TargetJob>;
      const started = Date.now();
      const state = await stateOf(job.data.scanId, job.data.settings);
      const target = targetOf(job);
      const { index, settings } = job.data;
      if (!job.data.funnel) {
        const passed = await resolveDirect([{ index, target, reason: job.data.reason ?? 'named explicitly: rendered without the funnel' }], state.session, state.ctx, recorder(job, 'resolve', started));
        for (const p of passed) await next.render(job, { ...job.data, resolved: p.resolved, why: p.reason, fallback: null });
        return;
      }
      const hooks = hooksOf(job, 'resolve', state, started);
      const screened = await screenStage([{ index, target, source: job.data.source ?? undefined }], { rules, funnel: state.funnel }, hooks);
      const resolved = await resolveStage(screened, { funnel: state.funnel, session: state.session, whois: settings.whois }, hooks);
      for (const r of resolved) await next.fetch(job, { ...job.data, resolved: r.resolved });
    },
    fetch: async (j, token) => {
      const job = j as Job<FetchJob>;
      const { started, state, target } = await begin(job);
      const item = { item: { index: job.data.index, target, source: job.data.source ?? undefined }, resolved: job.data.resolved };
      const http = { ...httpOptionsFrom(state.capture), concurrency: 1 };
      const toRender = await politely(job, token, target, () => fetchStage([item], { funnel: state.funnel, session: state.session, http }, hooksOf(job, 'fetch', state, started)));
      for (const r of toRender) {
        // The fallback's bytes go to the artifact store now (by hash, never rewritten): the job carries their names.
        const artifacts = r.fallback?.artifacts ?? [];
        for (const a of artifacts) await opts.store.artifacts.put(a);
        const fallback = r.fallback ? { result: r.fallback.result, artifacts: artifacts.map((a) => a.ref) } : null;
        await next.render(job, { ...job.data, resolved: r.resolved, why: r.reason, fallback });
      }
    },
    render: async (j, token) => {
      const job = j as Job<RenderJob>;
      const { started, state, target } = await begin(job);
      const fallback = job.data.fallback ? { result: job.data.fallback.result, artifacts: await readArtifacts(opts.store, job.data.fallback.artifacts) } : null;
      const item: RenderItem = { index: job.data.index, target, resolved: job.data.resolved, reason: job.data.why, fallback };
      const rc: RenderStageContext = { capture: state.capture, session: state.session, runner: state.runner, ctx: state.ctx, http: { ...httpOptionsFrom(state.capture), concurrency: 1 } };
      const failures: { index: number; detector: string; error: string }[] = [];
      await politely(job, token, target, () => {
        log(`render ${job.data.scanId} #${job.data.index + 1} ${target.host}: started`);
        return renderStage([item], rc, recorder(job, 'render', started), failures);
      });
      for (const f of failures) log(`detector ${f.detector} failed on ${job.data.scanId} #${f.index + 1}: ${f.error}`);
    },
  };

  const workers = opts.stages.map((stage) => {
    const concurrency = stage === 'render' ? opts.concurrency : Math.max(4, opts.concurrency * 4);
    const worker = new Worker(
      stage,
      async (job: Job<never>, token?: string) => {
        try {
          await processors[stage](job, token);
        } catch (err) {
          if (err instanceof DelayedError) throw err;
          const data = job.data as TargetJob;
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          log(`${stage} ${data.scanId} #${data.index + 1} failed${last ? '' : ', will be tried again'}: ${errorMessage(err)}`);
          if (!last) throw err;
          // The last attempt: the target is recorded with the error, so the scan ends and says why.
          await opts.store.saveTargetResult(data.scanId, failedResult(data, stage, errorMessage(err)), []);
        }
      },
      {
        connection,
        prefix: PREFIX,
        concurrency,
        lockDuration: opts.lockDurationMs ?? 30_000,
        stalledInterval: opts.stalledIntervalMs ?? 15_000,
        maxStalledCount: 2,
        ...(opts.ratePerSecond !== null ? { limiter: { max: opts.ratePerSecond, duration: 1_000 } } : {}),
      },
    );
    worker.on('error', (err) => log(`${stage} worker: ${errorMessage(err)} (is Redis at the --redis URL still up?)`));
    worker.on('stalled', (id) => log(`${stage} job ${id} stalled (its worker stopped answering): it runs again`));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    async close() {
      clearInterval(sweep);
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues(queues);
      for (const s of scans.values()) await s.then((state) => state.runner.close()).catch(() => {});
      connection.disconnect();
    },
  };
}

async function readArtifacts(store: Store, refs: readonly ArtifactRef[]): Promise<Artifact[]> {
  const out: Artifact[] = [];
  for (const ref of refs) {
    const data = await store.readArtifact(ref.sha256);
    if (data === null) throw new Error(`artifact ${ref.sha256} of the HTTP fetch is missing from the artifact store of ${store.location}`);
    out.push({ ref, data });
  }
  return out;
}

/** The result of a target whose job failed on every attempt: still one result, with the worker's error. */
function failedResult(job: TargetJob, stage: ScanStage, error: string): TargetResult {
  const parsed = parseTarget(job.input);
  const base = invalidResult(job.index, job.input, '', new Date());
  return {
    ...base,
    ...(parsed.ok ? { url: parsed.target.url, host: parsed.target.host, registrableDomain: parsed.target.registrableDomain } : {}),
    error: `the ${stage} stage failed on every attempt: ${error}`,
  };
}
