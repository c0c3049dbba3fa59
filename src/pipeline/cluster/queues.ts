/**
 * The scan's queues on BullMQ (Redis 7), one per pipeline stage, and the typed records their jobs carry
 * (DESIGN.md, "Scale"). A job is one target of one scan: its id is `<scan id>_<input index>`, so a
 * coordinator run again (resuming the scan) adds nothing twice, and a result is stored once whoever runs it.
 */
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { redactUrl } from '../../data/database.js';
import { JianzhenError } from '../../errors.js';
import type { ArtifactRef } from '../../model/snapshot.js';
import type { ResolvedTarget } from '../../model/resolved.js';
import type { TargetResult } from '../../model/result.js';
import type { TargetSource } from '../../rules/funnel.js';

export { SCAN_STAGES, STAGES, parseStages, type ScanStage, type Stage } from './stages.js';
import type { ScanStage } from './stages.js';

/** Every key jianzhen keeps in Redis starts with this, so a Redis shared with other software stays apart. */
export const PREFIX = 'jianzhen';

/** Redis is unreachable or refuses us: the message names the URL and what to check. */
export class QueueUnavailableError extends JianzhenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('queue-unavailable', message, 1, options);
  }
}

/** The NET options of a scan the workers obey (the coordinator's; every worker uses its own Chromium). */
export interface ScanSettings {
  readonly proxy: string | null;
  readonly dnsServer: string | null;
  readonly whoisServer: string | null;
  readonly allowPrivate: boolean;
  readonly whois: boolean;
  readonly probe: boolean;
}

/** What every job of a scan carries: which target of which scan, and how the scan visits sites. */
export interface TargetJob {
  readonly scanId: string;
  readonly index: number;
  /** The target exactly as given (the worker parses it again: parsing is pure). */
  readonly input: string;
  /** Whether the funnel judges it before any render (scan.ts splitByFunnel). */
  readonly funnel: boolean;
  readonly source: TargetSource | null;
  /** Why it is rendered without the funnel (a direct target), or null. */
  readonly reason: string | null;
  readonly settings: ScanSettings;
}

/** A job of the HTTP fetch queue: the target and its resolved record. */
export interface FetchJob extends TargetJob {
  readonly resolved: ResolvedTarget;
}

/** A job of the render queue: the target, its resolved record, why it is rendered, and what to fall back on. */
export interface RenderJob extends TargetJob {
  readonly resolved: ResolvedTarget;
  readonly why: string;
  /** The HTTP stage's result, its artifacts already in the artifact store (by hash). */
  readonly fallback: { readonly result: TargetResult; readonly artifacts: readonly ArtifactRef[] } | null;
}

export type StageJob = { resolve: TargetJob; fetch: FetchJob; render: RenderJob };

/** The job id of one target of one scan (BullMQ ids may not hold ':'). */
export function jobId(scanId: string, index: number): string {
  return `${scanId}_${index}`;
}

/**
 * Retries and retention: a job whose worker throws is tried three times (a store or Redis hiccup), and
 * finished jobs are kept a day so a coordinator that resumes a scan re-adds none of them.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Opens a connection to Redis, failing fast with the next step when it cannot be reached. BullMQ needs
 * `maxRetriesPerRequest: null` on its connections: a blocked worker waits for Redis to come back instead of
 * throwing from every call while it is away.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 5_000 });
  let first: Error | null = null;
  probe.on('error', (err: Error) => (first ??= err));
  try {
    await probe.connect();
    const info = await probe.info('server');
    const major = Number(/redis_version:(\d+)/.exec(info)?.[1] ?? '0');
    if (major < 6) throw new Error(`Redis ${major} is too old: BullMQ 6 needs Redis 6.2 or newer (Debian's redis-server 7 is fine)`);
  } catch (err) {
    throw new QueueUnavailableError(
      `cannot reach Redis at ${redactUrl(url)}: ${(first ?? (err as Error)).message}; check that redis-server runs there, that its port is open to this machine, and the password in the URL (try: redis-cli -u ${redactUrl(url)} ping)`,
      { cause: err },
    );
  } finally {
    probe.disconnect();
  }
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  return redis;
}

/** The three stage queues over one connection. */
export type StageQueues = { readonly [S in ScanStage]: Queue<StageJob[S]> };

export function stageQueues(connection: Redis): StageQueues {
  const make = <S extends ScanStage>(s: S) => new Queue<StageJob[S]>(s, { connection, prefix: PREFIX, defaultJobOptions: JOB_OPTIONS });
  return { resolve: make('resolve'), fetch: make('fetch'), render: make('render') };
}

export async function closeQueues(queues: StageQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
