/**
 * How much of a time window this process could not run: a timer that should fire every TICK_MS and fires
 * late has been starved (the CPU busy with Chromium, other processes, a synchronous detector). A visit that
 * timed out while we were starved for a good part of its bound is our failure, not the site's.
 */
const TICK_MS = 100;
/** Lateness below this is ordinary timer jitter. */
const JITTER_MS = 40;
/** Stalls older than this are forgotten (no visit bound is longer). */
const KEEP_MS = 10 * 60_000;
/** A step that timed out while this process was starved for this share of its bound failed on our side. */
const STARVED_SHARE = 0.25;

export class LoadWatch {
  private readonly stalls: { end: number; ms: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private last = 0;

  /** Starts watching (idempotent); `stop` ends it. */
  start(): this {
    if (this.timer !== null) return this;
    this.last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      const late = now - this.last - TICK_MS;
      this.last = now;
      if (late > JITTER_MS) this.stalls.push({ end: now, ms: late });
      while (this.stalls.length > 0 && this.stalls[0]!.end < now - KEEP_MS) this.stalls.shift();
    }, TICK_MS);
    // Watching must never keep the process alive.
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Milliseconds this process was starved between `since` (epoch ms) and now. */
  stalledSince(since: number): number {
    // The tick in progress counts too: a stall that has not ended yet is the one that matters most. Like an
    // ended stall, only its part after `since` counts.
    const ongoing = this.timer === null ? 0 : Math.max(0, Date.now() - Math.max(this.last + TICK_MS, since));
    return this.stalls.filter((s) => s.end > since).reduce((sum, s) => sum + Math.min(s.ms, s.end - since), 0) + ongoing;
  }

  /** Whether a step bounded by `boundMs` that began at `since` was starved for STARVED_SHARE of its bound or more. */
  starvedFor(since: number, boundMs: number): boolean {
    return this.stalledSince(since) > STARVED_SHARE * boundMs;
  }
}
