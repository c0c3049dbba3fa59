/**
 * The numbers behind the overview charts, computed from the store: sites found, confirmed and taken down per
 * week and per platform, time from first sighting to takedown, and the hosting countries and registrars of
 * confirmed sites. "Taken down" is a confirmed site found unreachable in a scan after it last answered
 * (src/data/reports.ts, siteHistories).
 */
import { siteHistories } from '../data/reports.js';
import { decisionHistory, latestDecisions } from '../data/review.js';
import type { Store } from '../data/store.js';
import type { Platform } from '../model/platform.js';
import { countryOf, registrarOfSnapshot } from './facts.js';

export interface OverviewData {
  readonly totals: { found: number; confirmed: number; rejected: number; takenDown: number; open: number };
  readonly weekly: { labels: string[]; found: number[]; confirmed: number[]; takenDown: number[] };
  readonly platforms: { labels: string[]; found: number[]; confirmed: number[]; takenDown: number[] };
  readonly timeToTakedown: { labels: string[]; counts: number[]; medianDays: number | null };
  readonly countries: { labels: string[]; counts: number[] };
  readonly registrars: { labels: string[]; counts: number[] };
}

/** Monday of the ISO week of a timestamp, as YYYY-MM-DD (Beijing time). */
export function weekOf(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day);
  return d.toISOString().slice(0, 10);
}

function weeksBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = new Date(`${first}T00:00:00Z`).getTime(); t <= new Date(`${last}T00:00:00Z`).getTime(); t += 7 * 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function countTop(values: readonly string[], top = 8): { labels: string[]; counts: number[] } {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  const sorted = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
  return { labels: sorted.map(([k]) => k), counts: sorted.map(([, n]) => n) };
}

const TTD_BINS: readonly [string, number][] = [['≤1天', 1], ['2–3天', 3], ['4–7天', 7], ['8–14天', 14], ['15–30天', 30], ['>30天', Infinity]];

/** Computes the overview from the store. */
export async function overviewData(store: Store, platforms: readonly Platform[]): Promise<OverviewData> {
  const histories = await siteHistories(store);
  const decided = new Map((await latestDecisions(store)).map((d) => [d.host, d]));
  const flagged = [...histories.values()].filter((h) => h.sightings.some((s) => s.verdict === 'counterfeit' || s.verdict === 'suspicious') || decided.has(h.host));
  const found: { host: string; week: string; platform: string }[] = [];
  const confirmed: { host: string; week: string; platform: string }[] = [];
  const down: { host: string; week: string; platform: string; days: number }[] = [];
  const countries: string[] = [];
  const registrars: string[] = [];
  let rejected = 0;
  let open = 0;
  for (const h of flagged) {
    const firstFlag = h.sightings.find((s) => s.verdict === 'counterfeit' || s.verdict === 'suspicious') ?? h.sightings[0]!;
    const platform = [...h.sightings].reverse().find((s) => s.platform)?.platform ?? '未知';
    found.push({ host: h.host, week: weekOf(firstFlag.capturedAt), platform });
    const d = decided.get(h.host);
    if (d?.decision === 'rejected') rejected++;
    if (!d || d.decision === 'pending') open++;
    if (d?.decision !== 'confirmed') continue;
    // Confirmed in the week of the first confirmation of the current (confirmed) run of decisions.
    const hist = await decisionHistory(store, h.host);
    let at = d.decidedAt;
    for (let i = hist.length - 1; i >= 0 && hist[i]!.decision === 'confirmed'; i--) at = hist[i]!.decidedAt;
    confirmed.push({ host: h.host, week: weekOf(at), platform });
    if (h.downSince) {
      const days = Math.max(0, (new Date(h.downSince).getTime() - new Date(firstFlag.capturedAt).getTime()) / 86_400_000);
      down.push({ host: h.host, week: weekOf(h.downSince), platform, days });
    }
    const snap = h.lastAlive ? ((await store.getResult(h.lastAlive.scanId, h.lastAlive.index))?.snapshot ?? null) : null;
    countries.push(countryOf(snap) ?? '未知');
    registrars.push(registrarOfSnapshot(snap) ?? '未知');
  }
  const allWeeks = [...found, ...confirmed, ...down].map((x) => x.week).sort();
  const labels = allWeeks.length ? weeksBetween(allWeeks[0]!, allWeeks[allWeeks.length - 1]!) : [];
  const perWeek = (xs: { week: string }[]) => labels.map((w) => xs.filter((x) => x.week === w).length);
  const pids = [...new Set([...platforms.map((p) => p.id), ...found.map((f) => f.platform)])].filter((id) => found.some((f) => f.platform === id));
  const perPlatform = (xs: { platform: string }[]) => pids.map((id) => xs.filter((x) => x.platform === id).length);
  const days = down.map((d) => d.days).sort((a, b) => a - b);
  return {
    totals: { found: found.length, confirmed: confirmed.length, rejected, takenDown: down.length, open },
    weekly: { labels: labels.map((w) => `${w} 周`), found: perWeek(found), confirmed: perWeek(confirmed), takenDown: perWeek(down) },
    platforms: {
      labels: pids.map((id) => platforms.find((p) => p.id === id)?.name ?? id),
      found: perPlatform(found),
      confirmed: perPlatform(confirmed),
      takenDown: perPlatform(down),
    },
    timeToTakedown: {
      labels: TTD_BINS.map(([l]) => l),
      counts: TTD_BINS.map(([, max], i) => days.filter((d) => d <= max && (i === 0 || d > TTD_BINS[i - 1]![1])).length),
      medianDays: days.length ? days[Math.floor(days.length / 2)]! : null,
    },
    countries: countTop(countries),
    registrars: countTop(registrars),
  };
}
