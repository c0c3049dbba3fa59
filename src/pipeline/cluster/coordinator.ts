/**
 * The coordinator of a scan on a cluster (`jianzhen scan --redis URL`): opens (or resumes) the scan in the
 * shared store exactly as a scan in one process does, stores the results of inputs that do not parse, puts
 * every other unfinished target on the resolve queue, then follows the store until every input has its result.
 * It keeps no state of its own: killed and run again with the same targets and options, it finds the same
 * scan by its fingerprint, and re-adding a job that is still queued, running or finished adds nothing.
 */
import type { Store } from '../../data/store.js';
import { openScan, parseTargets, progressOf, splitByFunnel, type ScanProgress, type ScanReport, type ScanRequest } from '../scan.js';
import { redactUrl } from '../../data/database.js';
import { closeQueues, connectRedis, SCAN_STAGES, jobId, stageQueues, type ScanSettings, type ScanStage, type TargetJob } from './queues.js';

export interface ClusterScanOptions {
  readonly redis: string;
  /** How often the store is read for new results. */
  readonly pollMs?: number;
  /** Notes for the operator (stderr in the CLI): e.g. a stage no worker takes. */
  readonly log?: (line: string) => void;
  /** Stops following the scan (its jobs stay queued; running the same scan again resumes it). */
  readonly signal?: AbortSignal;
}

/** Runs a scan on the cluster's workers; resolves with the same report `runScan` gives, once every input has its result. */
export async function runClusterScan(store: Store, req: ScanRequest, opts: ClusterScanOptions, onProgress?: (p: ScanProgress) => void): Promise<ScanReport> {
  const log = opts.log ?? (() => {});
  const connection = await connectRedis(opts.redis);
  const queues = stageQueues(connection);
  try {
    const scan = await openScan(store, req);
    const done = await store.doneIndexes(scan.id);
    const resumedIndexes: ReadonlySet<number> = new Set(done);
    const total = req.targets.length;
    const seen = progressOf(total, done, onProgress);
    const { toCapture, invalid } = await parseTargets(req.targets, done, async (result) => {
      await store.saveTargetResult(scan.id, result, []);
      seen(result);
    });

    const capture = req.capture;
    const settings: ScanSettings = {
      proxy: capture.proxy,
      dnsServer: capture.dnsServer,
      whoisServer: capture.whoisServer,
      allowPrivate: capture.allowPrivate ?? false,
      whois: capture.whois ?? true,
      probe: capture.probe ?? true,
    };
    const { direct, funnelled } = splitByFunnel(req, toCapture);
    const jobs: TargetJob[] = [
      ...direct.map((d) => ({ scanId: scan.id, index: d.index, input: d.target.input, funnel: false, source: req.sources?.[d.index] ?? null, reason: d.reason, settings })),
      ...funnelled.map((f) => ({ scanId: scan.id, index: f.index, input: f.target.input, funnel: true, source: f.source ?? null, reason: null, settings })),
    ].sort((a, b) => a.index - b.index);
    // Ids are per (scan, input): a job that is already waiting, running or done is not added again.
    for (let i = 0; i < jobs.length; i += 500) {
      await queues.resolve.addBulk(jobs.slice(i, i + 500).map((data) => ({ name: 'resolve', data, opts: { jobId: jobId(scan.id, data.index) } })));
    }

    // Follow the store: a result is there once a worker stored it, whichever worker and stage it was.
    const warned = new Set<ScanStage>();
    let lastCheck = 0;
    while (done.size < total) {
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 1_000));
      opts.signal?.throwIfAborted();
      const now = await store.doneIndexes(scan.id);
      for (const index of [...now].sort((a, b) => a - b)) {
        if (done.has(index)) continue;
        const result = await store.getResult(scan.id, index);
        if (result) seen(result);
      }
      if (Date.now() - lastCheck > 15_000) {
        lastCheck = Date.now();
        for (const stage of SCAN_STAGES) {
          const waiting = await queues[stage].getJobCounts('waiting', 'delayed', 'active', 'prioritized');
          const queued = Object.values(waiting).reduce((a, b) => a + b, 0);
          if (queued > 0 && (await queues[stage].getWorkersCount()) === 0 && !warned.has(stage)) {
            warned.add(stage);
            log(`no worker takes ${stage} jobs (${queued} queued): start one with \`jianzhen worker --stages ${stage} --redis ${redactUrl(opts.redis)} …\` on a machine that reaches this Redis and the store`);
          }
        }
      }
    }

    await store.finishScan(scan.id);
    const results = await store.listResults(scan.id);
    return {
      scan: (await store.getScan(scan.id))!,
      results,
      resumed: resumedIndexes.size,
      resumedIndexes,
      invalid,
      // Workers log the detectors that threw; the coordinator sees only what was stored.
      detectorFailures: [],
      renders: results.filter((r) => r.stage === 'render' && !resumedIndexes.has(r.index)).length,
    };
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}
