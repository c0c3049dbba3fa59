/**
 * Stores a scan's results so that none is lost: a write that meets a busy store waits (bounded, with backoff)
 * and tries again; a store that stays busy, is full, read-only or broken stops the scan (the crawlers are
 * told through `signal`), and the scan is left unfinished so the same command resumes it. A target counts as
 * done only once its result is committed.
 */
import { JianzhenError } from '../errors.js';
import { storeFailureOf, type StoreFailure } from '../data/store-failure.js';
import type { Store } from '../data/store.js';
import type { TargetResult } from '../model/result.js';

/** How long a busy store is waited for, in total, before the scan stops (each try also waits SQLite's busy timeout). */
export const STORE_WAIT_MS = 60_000;

/** Why a scan stopped before every target was stored, and what the user does next. */
export class ScanUnfinishedError extends JianzhenError {
  constructor(
    readonly scanId: string,
    readonly stored: number,
    readonly total: number,
    readonly reason: string,
    readonly nextStep: string,
    options?: { cause?: unknown },
  ) {
    super('scan-unfinished', `scan ${scanId} is unfinished: ${reason}. ${stored} of ${total} targets are stored; ${nextStep}, then run the same command again to resume it`, 1, options);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What stops the scan, in words for the user. */
function describe(f: StoreFailure, location: string, waitedMs: number, waitMs: number): { reason: string; nextStep: string } {
  switch (f.kind) {
    case 'busy':
      return {
        reason: `the store ${location} stayed locked or unavailable for ${Math.round(waitedMs / 1000)} s, past the scan's wait of ${Math.round(waitMs / 1000)} s (${f.detail})`,
        nextStep: 'stop whatever holds it (another scan, a console, a backup) or bring the server back',
      };
    case 'full':
      return { reason: `the store ${location} has no space left (${f.detail})`, nextStep: 'free disk space' };
    case 'readonly':
      return { reason: `the store ${location} cannot be written (${f.detail})`, nextStep: 'make it writable' };
    case 'broken':
      return { reason: `the store ${location} failed to write (${f.detail})`, nextStep: 'check the disk (free space, errors in the system log)' };
    case 'other':
      return { reason: `a result could not be stored in ${location} (${f.detail})`, nextStep: 'report this with the scan id' };
  }
}

/** The scan's one way to store a result or finish the scan (see the file's comment). */
export class ResultWriter {
  private readonly aborter = new AbortController();
  private stop: { reason: string; nextStep: string; cause: unknown } | null = null;
  /** A write retrying a busy store: the others wait for it rather than each block on the lock in turn. */
  private retrying: Promise<boolean> | null = null;
  /** Results refused on their own (kind `other`): the scan goes on without them and ends unfinished. */
  readonly refused: { index: number; error: string }[] = [];

  constructor(
    private readonly store: Store,
    private readonly scanId: string,
    private readonly waitMs: number = STORE_WAIT_MS,
  ) {}

  /** Aborted once the store cannot be written: crawlers stop taking new targets. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /** Whether the scan has stopped on a store failure. */
  get stopped(): boolean {
    return this.stop !== null;
  }

  /** Stores one result; true once it is committed, false when it could not be (the scan then ends unfinished). */
  save(result: TargetResult, artifacts: Parameters<Store['saveTargetResult']>[2]): Promise<boolean> {
    return this.write(() => this.store.saveTargetResult(this.scanId, result, artifacts), result.index);
  }

  /** Marks the scan finished; false when the store would not take it (the scan then stays resumable). */
  finish(): Promise<boolean> {
    return this.write(() => this.store.finishScan(this.scanId), null);
  }

  /** The error that says why the scan is unfinished, or null when every target is stored and nothing failed. */
  unfinished(stored: number, total: number): ScanUnfinishedError | null {
    if (this.stop !== null) return new ScanUnfinishedError(this.scanId, stored, total, this.stop.reason, this.stop.nextStep, { cause: this.stop.cause });
    if (this.refused.length > 0) {
      const first = this.refused[0]!;
      const which = this.refused.length === 1 ? `target ${first.index + 1}` : `${this.refused.length} targets (the first: target ${first.index + 1})`;
      return new ScanUnfinishedError(this.scanId, stored, total, `${which} could not be stored: ${first.error}`, 'report this with the scan id');
    }
    if (stored < total) {
      return new ScanUnfinishedError(this.scanId, stored, total, `${total - stored} targets got no result in this run`, 'report this with the scan id');
    }
    return null;
  }

  private async write(op: () => Promise<void>, index: number | null): Promise<boolean> {
    for (;;) {
      if (this.stop !== null) return false;
      if (this.retrying !== null) {
        await this.retrying;
        continue;
      }
      try {
        await op();
        return true;
      } catch (err) {
        const f = storeFailureOf(err);
        if (f.kind === 'busy') {
          // The first write to meet the busy store waits it out; the others queue behind it.
          if (this.retrying === null) {
            const mine = this.waitOut(op, err).finally(() => (this.retrying = null));
            this.retrying = mine;
            return mine;
          }
          continue;
        }
        if (f.kind === 'other' && index !== null) {
          this.refused.push({ index, error: f.detail });
          return false;
        }
        this.halt(f, err, 0);
        return false;
      }
    }
  }

  /** Tries `op` again with growing pauses until it succeeds, fails otherwise, or the wait runs out. */
  private async waitOut(op: () => Promise<void>, first: unknown): Promise<boolean> {
    const started = Date.now();
    let pause = 250;
    let last = first;
    while (Date.now() - started < this.waitMs) {
      await sleep(Math.min(pause, Math.max(0, this.waitMs - (Date.now() - started))));
      pause = Math.min(pause * 2, 8_000);
      if (this.stop !== null) return false;
      try {
        await op();
        return true;
      } catch (err) {
        last = err;
        const f = storeFailureOf(err);
        if (f.kind !== 'busy') {
          this.halt(f, err, Date.now() - started);
          return false;
        }
      }
    }
    this.halt(storeFailureOf(last), last, Date.now() - started);
    return false;
  }

  private halt(f: StoreFailure, cause: unknown, waitedMs: number): void {
    if (this.stop !== null) return;
    this.stop = { ...describe(f, this.store.location, waitedMs, this.waitMs), cause };
    this.aborter.abort();
  }
}
