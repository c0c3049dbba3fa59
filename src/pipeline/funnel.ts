/**
 * The funnel: a browser render is the most expensive thing a scan does, so a discovered target
 * is judged as cheaply as possible first and rendered only when it passes or stays uncertain:
 *
 *   screen (its name, no network) → resolve (DNS, private-address rule, WHOIS; NXDOMAIN stops) → one plain
 *   HTTP fetch scored with every detector on what that fetch saw (no screenshot) → browser render, which
 *   reuses the resolved record
 *
 * Thresholds are rules data (rules/funnel.json). Every target records the stage where it stopped and why.
 *
 * Which targets go through it (`--render`): an analyst who names a target (`--url`, `--input`) wants it
 * rendered — DESIGN.md's `jianzhen scan --url X` must give the verdict it always gave, screenshot evidence
 * included — so by default (`discovered`) only discovered targets (search, feeds, CT, permutations, QR)
 * are funnelled; `--render auto` funnels every target, `--render all` none.
 */
import { ipLiteral } from '../crawler/guard.js';
import { DEFAULT_HTTP_FETCH, fetchHttp, httpPageSnapshot, type HttpFetchOptions, type HttpSnapshot } from '../crawler/http-fetch.js';
import { blockError, failureOutcome, resolveTargets, type ResolveSession } from '../crawler/resolve.js';
import type { Artifact, CaptureOutcome } from '../model/snapshot.js';
import type { ResolvedTarget } from '../model/resolved.js';
import type { Target } from '../crawler/targets.js';
import type { FunnelStage, StoredSignal, TargetResult } from '../model/result.js';
import { compareHost, domainLookalike } from '../detectors/domain-lookalike/index.js';
import { score, type Rules } from '../rules/index.js';
import { officialPlatformOf } from '../model/platform.js';
import type { FunnelRules, TargetSource } from '../rules/funnel.js';

export type { FunnelStage } from '../model/result.js';
export type { TargetSource } from '../rules/funnel.js';

/** `--render`: all (no funnel), auto (funnel every target), discovered (default: funnel all but explicit targets). */
export type RenderMode = 'all' | 'auto' | 'discovered';
export const RENDER_MODES: readonly RenderMode[] = ['all', 'auto', 'discovered'];

/** Whether a target of this source goes through the funnel under this mode. */
export function usesFunnel(mode: RenderMode, source: TargetSource | undefined): boolean {
  if (mode === 'all') return false;
  if (mode === 'auto') return true;
  return source !== undefined && source !== 'explicit';
}

/** A target to funnel, with where it came from. */
export interface FunnelItem {
  readonly index: number;
  readonly target: Target;
  readonly source: TargetSource | undefined;
}

/** A target the funnel sends to the browser, with the HTTP-stage result to fall back on if the render fails. */
export interface RenderItem {
  readonly index: number;
  readonly target: Target;
  readonly resolved: ResolvedTarget;
  readonly reason: string;
  readonly fallback: { readonly result: TargetResult; readonly artifacts: readonly Artifact[] } | null;
}

export interface FunnelOptions {
  readonly rules: Rules;
  readonly funnel: FunnelRules;
  /** The scan's resolve stage: one record per target, shared with the render. */
  readonly session: ResolveSession;
  readonly whois: boolean;
  readonly http: HttpFetchOptions;
}

export interface FunnelHooks {
  /** Scores an outcome the way a render's would be (scan.ts resultOf): detectors, then the scorer. */
  judge(index: number, target: Target, outcome: CaptureOutcome): Promise<{ result: TargetResult; failures: { detector: string; error: string }[] }>;
  /** A target stopped at a stage: store its result now, so a killed run keeps it. */
  stop(result: TargetResult, artifacts: readonly Artifact[], failures: readonly { detector: string; error: string }[]): Promise<void>;
}

/** What the screen made of one name. */
export interface ScreenDecision {
  readonly pass: boolean;
  readonly reason: string;
  readonly nameScore: number;
  readonly platform: string | null;
  readonly official: boolean;
}

/**
 * Screens one host by its name alone (no network). An official host stops (it is the platform); a name that
 * imitates no official host at least `minNameScore` stops when its source is name-only (funnel.json).
 * It calls compareHost directly: pipeline/screen.ts adds only a pre-filter that never drops a name compareHost
 * keeps (screen.test.ts), which pays off on a million-name feed, not on one scan's targets.
 */
export function screenHost(host: string, source: TargetSource | undefined, rules: Rules, funnel: FunnelRules): ScreenDecision {
  const official = officialPlatformOf(host, rules.platforms);
  if (official) return { pass: false, reason: `official host of ${official.id}`, nameScore: 0, platform: official.id, official: true };
  if (ipLiteral(host)) return { pass: true, reason: 'an IP address: no name to screen', nameScore: 0, platform: null, official: false };
  const found = compareHost(host, rules.platforms);
  const nameScore = found?.score ?? 0;
  const alike = found ? `name alike ${found.officialHost ?? found.platform ?? 'a platform'} (${nameScore.toFixed(2)}: ${found.techniques.join(', ')})` : 'name alike no official host';
  const nameOnly = source !== undefined && funnel.screen.sources.includes(source);
  if (nameOnly && nameScore < funnel.screen.minNameScore) {
    return { pass: false, reason: `${alike}; below ${funnel.screen.minNameScore} for a ${source} name`, nameScore, platform: found?.platform ?? null, official: false };
  }
  return { pass: true, reason: nameOnly ? alike : `${alike}; ${source ?? 'explicit'} targets are not stopped by their name`, nameScore, platform: found?.platform ?? null, official: false };
}

/** Decides whether the HTTP view of a page must be rendered, and why (funnel.json `http`). */
export function httpDecision(
  result: TargetResult,
  http: HttpSnapshot,
  funnel: FunnelRules,
): { render: boolean; reason: string } {
  const rule = funnel.http;
  if (result.score >= rule.renderAtScore) return { render: true, reason: `HTTP score ${result.score} ≥ ${rule.renderAtScore}` };
  const uncertain = result.signals.filter((s: StoredSignal) => {
    const min = rule.renderOnSignals[s.id];
    return min !== undefined && s.score >= min;
  });
  if (uncertain.length > 0) {
    return { render: true, reason: `HTTP score ${result.score} but uncertain: ${uncertain.map((s) => `${s.id} ${s.score.toFixed(2)}`).join(', ')}` };
  }
  if (http.text.length <= rule.scriptBuilt.maxText && http.scripts >= rule.scriptBuilt.minScripts) {
    return { render: true, reason: `built by script (${http.text.length} characters of text, ${http.scripts} scripts): plain HTTP cannot judge it` };
  }
  return { render: false, reason: `HTTP score ${result.score} < ${rule.renderAtScore}, no uncertain signal` };
}

function stamp(result: TargetResult, stage: FunnelStage, reason: string): TargetResult {
  return { ...result, stage, stageReason: reason };
}


/** A funnelled target that resolved to an address it may visit. */
export interface ResolvedItem {
  readonly item: FunnelItem;
  readonly resolved: ResolvedTarget;
}

/** The stored result of a target the screen stopped by its name alone (no network). */
export function screenStopResult(item: FunnelItem, d: ScreenDecision, rules: Rules): TargetResult {
  const signals = domainLookalike.detect({
    snapshot: { url: item.target.url, input: item.target.input, finalUrl: item.target.url } as never,
    references: [],
    platforms: rules.platforms,
    readArtifact: () => null,
  });
  const verdict = score(signals, rules, { host: item.target.host });
  return {
    index: item.index,
    input: item.target.input,
    url: item.target.url,
    finalUrl: null,
    host: item.target.host,
    registrableDomain: item.target.registrableDomain,
    verdict: verdict.verdict,
    score: verdict.score,
    platform: verdict.platform ?? d.platform,
    signals: verdict.contributions,
    evidence: null,
    error: null,
    snapshot: null,
    failure: null,
    capturedAt: new Date().toISOString(),
    stage: 'screen',
    stageReason: d.reason,
  };
}

/** Stage 1, the screen — a name alone, no network: stops what it may and returns the rest, in order. */
export async function screenStage(items: readonly FunnelItem[], opts: Pick<FunnelOptions, 'rules' | 'funnel'>, hooks: Pick<FunnelHooks, 'stop'>): Promise<FunnelItem[]> {
  const screened: FunnelItem[] = [];
  for (const item of items) {
    const d = screenHost(item.target.host, item.source, opts.rules, opts.funnel);
    if (d.pass) screened.push(item);
    else await hooks.stop(screenStopResult(item, d, opts.rules), [], []);
  }
  return screened;
}

/**
 * Stage 2, the resolve stage (DNS, the private-address rule, WHOIS): one record per target, passed on; a
 * target without an address it may visit stops here.
 */
export async function resolveStage(
  items: readonly FunnelItem[],
  opts: Pick<FunnelOptions, 'funnel' | 'session' | 'whois'> & { readonly signal?: AbortSignal },
  hooks: FunnelHooks,
): Promise<ResolvedItem[]> {
  const resolved = new Map<number, ResolvedItem>();
  await resolveTargets(
    items,
    opts.session,
    async (item, r) => {
      const blocked = blockError(r);
      if (blocked === null) {
        resolved.set(item.index, { item, resolved: r });
        return;
      }
      const { result } = await hooks.judge(item.index, item.target, failureOutcome(r, { url: item.target.url }, blocked));
      await hooks.stop(stamp(result, 'dns', r.block?.stage === 'dns' ? `DNS ${r.dns.error}` : `resolves to private address ${r.privateAddress}`), [], []);
    },
    { whois: opts.whois && opts.funnel.http.whois, ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  return items.flatMap((i) => resolved.get(i.index) ?? []);
}

/**
 * Stage 3, one plain HTTP fetch scored with every detector on what it saw: stops what it may and returns the
 * targets to render, in the order given, each with its reason and HTTP-stage fallback.
 */
export async function fetchStage(items: readonly ResolvedItem[], opts: Pick<FunnelOptions, 'funnel' | 'session' | 'http'>, hooks: FunnelHooks): Promise<RenderItem[]> {
  const byIndex = new Map(items.map((i) => [i.item.index, i]));
  const decided = new Map<number, RenderItem>();
  await fetchHttp(
    items.map((i) => ({ index: i.item.index, target: i.item.target })),
    opts.http,
    async (index, outcome) => {
      const { item, resolved: r } = byIndex.get(index)!;
      const { target } = item;
      if (!outcome.ok) {
        const { result } = await hooks.judge(index, target, failureOutcome(r, outcome, outcome.error));
        // A fetch that failed on our side is no verdict on the site: the browser gets its turn.
        if (opts.funnel.http.renderOnFetchError || outcome.error.blame === 'ours') {
          decided.set(index, { index, target, resolved: r, reason: `HTTP fetch failed (${outcome.error.message}); rendering anyway`, fallback: null });
        } else {
          await hooks.stop(stamp(result, 'http', `HTTP fetch failed: ${outcome.error.message}`), [], []);
        }
        return;
      }
      const { snapshot, artifacts } = httpPageSnapshot(outcome.snapshot, r);
      const { result, failures } = await hooks.judge(index, target, { ok: true, snapshot, artifacts });
      const d = httpDecision(result, outcome.snapshot, opts.funnel);
      if (d.render) decided.set(index, { index, target, resolved: r, reason: d.reason, fallback: { result: stamp(result, 'http', d.reason), artifacts } });
      else await hooks.stop(stamp(result, 'http', d.reason), artifacts, failures);
    },
    opts.session,
  );
  return items.flatMap((i) => decided.get(i.item.index) ?? []);
}

/**
 * Runs the funnel's cheap stages over `items`: stopped targets go to `hooks.stop` as soon as they are known;
 * the ones to render are returned (in input order), each with its reason and HTTP-stage fallback.
 */
export async function runFunnel(items: readonly FunnelItem[], opts: FunnelOptions, hooks: FunnelHooks): Promise<RenderItem[]> {
  const screened = await screenStage(items, opts, hooks);
  const resolved = await resolveStage(screened, { ...opts, ...(opts.http.signal ? { signal: opts.http.signal } : {}) }, hooks);
  return fetchStage(resolved, opts, hooks);
}

/** HTTP-stage defaults derived from the capture's NET options (the same proxy, resolver and private rule). */
export function httpOptionsFrom(net: { proxy: string | null; dnsServer: string | null; allowPrivate: boolean }): HttpFetchOptions {
  return { ...DEFAULT_HTTP_FETCH, proxy: net.proxy, dnsServer: net.dnsServer, allowPrivate: net.allowPrivate };
}
