/**
 * What the console lets leave it: takedown lists and evidence packets are for sites an analyst confirmed as
 * counterfeit. Other sites go only when the analyst asks for them explicitly (包括未确认的站点); a site judged
 * a false positive (误报) and an official platform's own address never go, whatever is asked — a takedown
 * list naming cx.mem.gov.cn would be worse than none. This is the one place the console calls the takedown
 * renderer, so a change of its API is a change here only; every export is audited.
 */
import { audit } from '../data/review.js';
import type { Store } from '../data/store.js';
import { isOfficialHost, type Platform } from '../model/platform.js';
import { allSiteRecords, type SiteRecord } from '../reports/sites.js';
import { renderTakedown, takedownRows } from '../reports/takedown/index.js';

export type TakedownFormat = 'csv' | 'json';

export interface Refusal {
  readonly host: string;
  readonly reason: string;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The site records of the selected hosts, in the order given; unknown hosts are skipped. */
export async function selectedSites(store: Store, hosts: readonly string[]): Promise<SiteRecord[]> {
  const byHost = new Map((await allSiteRecords(store)).map((s) => [s.host, s]));
  return hosts.map((h) => byHost.get(h.toLowerCase())).filter((s): s is SiteRecord => s !== undefined);
}

/** Splits a selection into the sites that may be exported and the refused ones with the reason for each. */
export async function exportable(
  store: Store,
  input: { hosts: readonly string[]; includeUnconfirmed: boolean; platforms: readonly Platform[] },
): Promise<{ sites: SiteRecord[]; refused: Refusal[] }> {
  const found = new Map((await selectedSites(store, input.hosts)).map((s) => [s.host, s]));
  const sites: SiteRecord[] = [];
  const refused: Refusal[] = [];
  for (const host of input.hosts) {
    const site = found.get(host);
    const decision = site?.decision?.decision ?? null;
    if (isOfficialHost(host, input.platforms)) refused.push({ host, reason: '官方平台地址，永不导出' });
    else if (!site) refused.push({ host, reason: '库中没有这个站点' });
    else if (decision === 'rejected') refused.push({ host, reason: '已判定为误报' });
    else if (decision !== 'confirmed' && !input.includeUnconfirmed) refused.push({ host, reason: decision === 'pending' ? '待定，尚未确认假冒' : '未审，尚未确认假冒' });
    else sites.push(site);
  }
  return { sites, refused };
}

/** The takedown list of the sites as a download, with its audit entry. */
export async function takedownDownload(
  store: Store,
  input: { sites: readonly SiteRecord[]; format: TakedownFormat; actor: string; unconfirmed: boolean; now?: Date },
): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const now = input.now ?? new Date();
  const body = renderTakedown(takedownRows([...input.sites]), input.format, { now });
  await audit(store, {
    actor: input.actor,
    action: 'export.takedown',
    subject: input.sites.map((s) => s.host).join(' ').slice(0, 500),
    detail: { format: input.format, hosts: input.sites.map((s) => s.host), count: input.sites.length, includeUnconfirmed: input.unconfirmed },
    at: now,
  });
  return {
    filename: `takedown-${stamp(now)}.${input.format}`,
    contentType: input.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    body,
  };
}
