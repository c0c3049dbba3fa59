/**
 * A site's history across scans, derived from the stored verdicts: when it was first seen, when it was last
 * seen alive, and since when it is gone — so the nightly re-checks can report changes and takedowns, and the
 * statistics can report time-to-takedown. Only this module (with store.ts) knows the SQL.
 */
import { createHash } from 'node:crypto';
import type { PageSnapshot } from '../model/snapshot.js';
import type { Verdict } from '../model/verdict.js';
import { databaseOf, type Store } from './store.js';
import { normaliseHost } from '../model/host.js';

/** One stored observation of a host, oldest first. */
interface Observation {
  scanId: string;
  index: number;
  verdict: Verdict;
  stage: string | null;
  capturedAt: string;
  kind: 'snapshot' | 'failure' | null;
  json: string | null;
  error: string | null;
}

/** What the store knows of one host across every scan. */
export interface SiteHistory {
  readonly host: string;
  /** First time the host answered (any verdict but unreachable, from a visit). */
  readonly firstSeen: string | null;
  /** Last time it answered. */
  readonly lastSeenAlive: string | null;
  /** When the latest observations are all unreachable after it was alive: the first of them (the takedown date). */
  readonly goneSince: string | null;
  /** Days from first seen to gone (time-to-takedown), null while alive or never seen. */
  readonly daysToTakedown: number | null;
  /** Ever judged counterfeit. */
  readonly everCounterfeit: boolean;
  /** Ever judged counterfeit or suspicious. */
  readonly everFlagged: boolean;
  readonly latestVerdict: Verdict | null;
  readonly latestAt: string | null;
  readonly observations: number;
}

/** What a visit looked like, to tell whether a site changed between two visits. */
export interface SiteFingerprint {
  readonly title: string;
  readonly textSha256: string;
  readonly screenshot: string | null;
  readonly finalUrl: string;
}

/** The fingerprint of a snapshot: its title, a hash of its visible text, its screenshot hash and final URL. */
export function siteFingerprint(snapshot: PageSnapshot): SiteFingerprint {
  return {
    title: snapshot.title,
    textSha256: createHash('sha256').update(snapshot.text.replace(/\s+/g, ' ').trim()).digest('hex'),
    screenshot: snapshot.screenshot?.sha256 ?? null,
    finalUrl: snapshot.finalUrl,
  };
}

/** What changed between two fingerprints ('title', 'text', 'screenshot', 'final URL'); [] when nothing did. */
export function fingerprintChanges(before: SiteFingerprint, after: SiteFingerprint): string[] {
  const what: string[] = [];
  if (before.title !== after.title) what.push('title');
  if (before.textSha256 !== after.textSha256) what.push('text');
  // An HTTP-only visit has no screenshot: only two screenshots can be compared.
  if (before.screenshot && after.screenshot && before.screenshot !== after.screenshot) what.push('screenshot');
  if (before.finalUrl !== after.finalUrl) what.push('final URL');
  return what;
}


async function observations(store: Store, host: string, before?: string): Promise<Observation[]> {
  const h = normaliseHost(host);
  if (h === null) return [];
  return databaseOf(store)
    .db.selectFrom('verdicts as v')
    .leftJoin('snapshots as s', (j) => j.onRef('s.scanId', '=', 'v.scanId').onRef('s.index', '=', 'v.index'))
    .select(['v.scanId', 'v.index', 'v.verdict', 'v.stage', 'v.capturedAt', 's.kind', 's.json', 'v.error'])
    .where('v.host', '=', h)
    .$if(before !== undefined, (qb) => qb.where('v.capturedAt', '<', before!))
    .orderBy('v.capturedAt')
    .orderBy('v.scanId')
    .orderBy('v.index')
    .execute();
}

/**
 * Whether a stored result says the site answered. A screen-stopped result is a judgement of the name only:
 * it says nothing of whether the site is up. Shared with reports.ts so "taken down" means one thing.
 */
export function wasVisit(stage: string | null | undefined): boolean {
  return stage !== 'screen';
}
export function answered(verdict: Verdict, stage: string | null | undefined): boolean {
  return wasVisit(stage) && verdict !== 'unreachable';
}
const visited = (o: Observation) => wasVisit(o.stage);
const alive = (o: Observation) => answered(o.verdict, o.stage);

function historyOf(host: string, rows: readonly Observation[]): SiteHistory {
  const seen = rows.filter(visited);
  const up = seen.filter(alive);
  const lastAlive = up.at(-1) ?? null;
  let goneSince: string | null = null;
  if (lastAlive && seen.at(-1) && !alive(seen.at(-1)!)) {
    goneSince = seen.find((o) => o.capturedAt > lastAlive.capturedAt && !alive(o))?.capturedAt ?? null;
  }
  const firstSeen = up[0]?.capturedAt ?? null;
  const latest = rows.at(-1) ?? null;
  return {
    host: normaliseHost(host)!,
    firstSeen,
    lastSeenAlive: lastAlive?.capturedAt ?? null,
    goneSince,
    daysToTakedown: firstSeen && goneSince ? Math.round(((Date.parse(goneSince) - Date.parse(firstSeen)) / 86_400_000) * 10) / 10 : null,
    everCounterfeit: rows.some((o) => o.verdict === 'counterfeit'),
    everFlagged: rows.some((o) => o.verdict === 'counterfeit' || o.verdict === 'suspicious'),
    latestVerdict: latest?.verdict ?? null,
    latestAt: latest?.capturedAt ?? null,
    observations: rows.length,
  };
}

/** The history of one host, from every stored verdict (only those captured before `before`, when given). */
export async function siteHistory(store: Store, host: string, before?: string): Promise<SiteHistory> {
  return historyOf(host, await observations(store, host, before));
}

/** The fingerprint of the host's latest visit that saw a page (before `before`, when given), or null. */
export async function lastAliveFingerprint(store: Store, host: string, before?: string): Promise<SiteFingerprint | null> {
  const last = (await observations(store, host, before)).filter((o) => alive(o) && o.kind === 'snapshot' && o.json !== null).at(-1);
  return last ? siteFingerprint(JSON.parse(last.json!) as PageSnapshot) : null;
}

/**
 * Every host known as a counterfeit: judged counterfeit by any scan, or confirmed by an analyst — less the
 * hosts whose latest analyst decision rejects them. Sorted, for a deterministic re-check list.
 */
export async function knownCounterfeits(store: Store): Promise<string[]> {
  const { db } = databaseOf(store);
  const judged = await db.selectFrom('verdicts').select('host').distinct().where('verdict', '=', 'counterfeit').where('host', 'is not', null).execute();
  const latest = await db
    .selectFrom('decisions as d')
    .select(['d.host', 'd.decision'])
    .where('d.id', '=', (eb) => eb.selectFrom('decisions as later').select((e) => e.fn.max('later.id').as('id')).whereRef('later.host', '=', 'd.host'))
    .execute();
  const hosts = new Set(judged.map((r) => normaliseHost(r.host)!));
  for (const d of latest) {
    if (d.decision === 'confirmed') hosts.add(normaliseHost(d.host)!);
    if (d.decision === 'rejected') hosts.delete(normaliseHost(d.host)!);
  }
  return [...hosts].sort();
}

/** Counts over a period for the weekly summary. */
export interface PeriodSummary {
  readonly from: string;
  readonly to: string;
  /** Targets given a verdict in the period, and by stage of the funnel. */
  readonly targets: number;
  readonly byStage: Readonly<Record<string, number>>;
  readonly byVerdict: Readonly<Record<string, number>>;
  /** Hosts first judged counterfeit in the period. */
  readonly newCounterfeits: number;
  /** Known counterfeits that went down in the period, and the median days they had been up. */
  readonly takenDown: number;
  readonly medianDaysToTakedown: number | null;
  /** Known counterfeits still answering at their latest visit. */
  readonly stillAlive: number;
}

/** Counts for the period [from, to): what was scanned, what was found, what went down (the weekly summary). */
export async function periodSummary(store: Store, from: string, to: string): Promise<PeriodSummary> {
  const { db } = databaseOf(store);
  const inPeriod = db.selectFrom('verdicts').where('capturedAt', '>=', from).where('capturedAt', '<', to);
  const count = (rows: { k: string | null; n: number | string | bigint }[]) => Object.fromEntries(rows.map((r) => [r.k ?? 'none', Number(r.n)]));
  const byVerdict = count(await inPeriod.select((eb) => ['verdict as k', eb.fn.countAll().as('n')]).groupBy('verdict').execute());
  const byStage = count(await inPeriod.select((eb) => ['stage as k', eb.fn.countAll().as('n')]).groupBy('stage').execute());
  const firsts = db
    .selectFrom('verdicts')
    .select((eb) => ['host', eb.fn.min('capturedAt').as('first')])
    .where('verdict', '=', 'counterfeit')
    .where('host', 'is not', null)
    .groupBy('host')
    .as('f');
  const fresh = await db
    .selectFrom(firsts)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('f.first', '>=', from)
    .where('f.first', '<', to)
    .executeTakeFirstOrThrow();
  const newCounterfeits = Number(fresh.n);
  const histories: SiteHistory[] = [];
  for (const h of await knownCounterfeits(store)) histories.push(await siteHistory(store, h));
  const down = histories.filter((h) => h.goneSince !== null && h.goneSince >= from && h.goneSince < to);
  const days = down.map((h) => h.daysToTakedown!).sort((a, b) => a - b);
  const mid = days.length ? (days.length % 2 ? days[(days.length - 1) / 2]! : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2) : null;
  return {
    from,
    to,
    targets: Object.values(byVerdict).reduce((a, b) => a + b, 0),
    byStage,
    byVerdict,
    newCounterfeits,
    takenDown: down.length,
    medianDaysToTakedown: mid,
    stillAlive: histories.filter((h) => h.goneSince === null && h.lastSeenAlive !== null).length,
  };
}
