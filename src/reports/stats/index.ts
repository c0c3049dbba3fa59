/**
 * The campaign's statistics: the network columns of the campaign table and, per platform,
 * sites found, confirmed and taken down with the time to takedown — as CSV, XLSX and printable HTML.
 * Every figure is defined from what the store holds (README, "Statistics"); a period is a range of
 * Beijing-time calendar days, both ends included.
 */
import ExcelJS from 'exceljs';
import { UsageError } from '../../errors.js';
import { escapeHtml as e, platformNames, type SiteRecord } from '../sites.js';

export const STATS_FORMATS = ['csv', 'xlsx', 'html'] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];

/** The campaign table's three network columns, by their exact titles. */
export const NETWORK_COLUMN = {
  platforms: '查出假冒政府网站平台数量',
  cleared: '清理涉安全生产资格证书违法违规信息数量',
  clues: '涉嫌犯罪的问题线索移交数量',
} as const;

export interface PlatformStats {
  readonly platform: string;
  readonly name: string;
  readonly found: number;
  readonly confirmed: number;
  readonly takenDown: number;
  /** Days from first flagged to found down, over the sites taken down in the period; null when none. */
  readonly medianDaysToTakedown: number | null;
  readonly meanDaysToTakedown: number | null;
}

/** One site counted, and in which figures: so every number can be traced to hosts. */
export interface CountedSite {
  readonly host: string;
  readonly platform: string;
  readonly flaggedAt: string | null;
  readonly confirmedAt: string | null;
  readonly downSince: string | null;
  readonly packetAt: string | null;
  readonly sales: boolean;
  /** The operator the site belongs to: its sites are one clue. */
  readonly operator: string | null;
  readonly counts: readonly string[];
}

export interface StatsReport {
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly counterfeitPlatforms: number;
  readonly cleared: number;
  readonly clearedPlatforms: number;
  readonly clearedSales: number;
  readonly cluesHandedOver: number;
  readonly perPlatform: readonly PlatformStats[];
  readonly sites: readonly CountedSite[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period's instants: from 00:00 Beijing time on `from` up to (not including) 00:00 the day after `to`. */
export function periodBounds(from: string, to: string): { start: number; end: number } {
  for (const [flag, v] of [['--from', from], ['--to', to]] as const) {
    if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00+08:00`))) throw new UsageError(`${flag} ${v}: expected a date YYYY-MM-DD`);
  }
  const start = Date.parse(`${from}T00:00:00+08:00`);
  const end = Date.parse(`${to}T00:00:00+08:00`) + 86_400_000;
  if (end <= start) throw new UsageError(`--to ${to} is before --from ${from}`);
  return { start, end };
}

const FLAGGED = new Set(['counterfeit', 'suspicious']);

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Computes the statistics of a period from the site records (allSiteRecords) and their evidence packets' times
 * (by host, and by operator id for an operator's case packet). A clue handed over (涉嫌犯罪的问题线索) is one
 * operator — every site it runs is one case — or one confirmed site that belongs to none; it counts in the
 * period its first packet (a site's or the case's) was built.
 */
export function computeStats(sites: readonly SiteRecord[], from: string, to: string, firstPacketAt: ReadonlyMap<string, string>, now = new Date()): StatsReport {
  const { start, end } = periodBounds(from, to);
  const inPeriod = (iso: string | null): boolean => iso !== null && Date.parse(iso) >= start && Date.parse(iso) < end;
  const earliest = (...xs: (string | null | undefined)[]): string | null => xs.filter((x): x is string => !!x).sort()[0] ?? null;
  const clueOf = (s: SiteRecord) => s.operator ?? s.host;
  // A case packet is recorded under its operator's id, in lower case like the hosts beside it.
  const casePacketAt = (s: SiteRecord) => (s.operator ? firstPacketAt.get(s.operator.toLowerCase()) ?? firstPacketAt.get(s.operator) : null);
  // When each clue was first handed over: the earliest packet of a confirmed site of it, or of its case.
  const clueFirst = new Map<string, string>();
  for (const s of sites) {
    if (s.decision?.decision !== 'confirmed') continue;
    const at = earliest(firstPacketAt.get(s.host), casePacketAt(s), clueFirst.get(clueOf(s)));
    if (at) clueFirst.set(clueOf(s), at);
  }
  const names = platformNames();
  const per = new Map<string, { found: number; confirmed: number; takenDown: number; days: number[] }>();
  const bucket = (p: string) => {
    let b = per.get(p);
    if (!b) per.set(p, (b = { found: 0, confirmed: 0, takenDown: 0, days: [] }));
    return b;
  };
  const counted: CountedSite[] = [];
  let counterfeitPlatforms = 0, clearedPlatforms = 0, clearedSales = 0;
  for (const s of sites) {
    const flagged = s.history.sightings.find((x) => FLAGGED.has(x.verdict)) ?? null;
    if (!flagged) continue;
    const platform = s.platform ?? flagged.platform ?? '(none)';
    const confirmed = s.decision?.decision === 'confirmed';
    const counts: string[] = [];
    const b = bucket(platform);
    if (inPeriod(flagged.capturedAt)) {
      b.found++;
      counts.push('found');
      if (confirmed) {
        b.confirmed++;
        counts.push('confirmed');
        // A page selling certificates names a platform too, but is not a counterfeit platform itself.
        if (s.platform !== null && !s.sales) counterfeitPlatforms++, counts.push(NETWORK_COLUMN.platforms);
      }
    }
    if (confirmed && inPeriod(s.downSince)) {
      b.takenDown++;
      b.days.push((Date.parse(s.downSince!) - Date.parse(flagged.capturedAt)) / 86_400_000);
      counts.push('taken down', NETWORK_COLUMN.cleared);
      if (s.sales) clearedSales++;
      else clearedPlatforms++;
    }
    const packetAt = earliest(firstPacketAt.get(s.host), casePacketAt(s));
    if (confirmed && packetAt !== null && inPeriod(clueFirst.get(clueOf(s)) ?? null)) counts.push(NETWORK_COLUMN.clues);
    if (counts.length) {
      counted.push({ host: s.host, platform, flaggedAt: flagged.capturedAt, confirmedAt: confirmed ? s.decision!.decidedAt : null, downSince: s.downSince, packetAt, sales: s.sales, operator: s.operator, counts });
    }
  }
  const perPlatform = [...per.entries()]
    .filter(([, b]) => b.found + b.confirmed + b.takenDown > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([platform, b]) => ({
      platform,
      name: names.get(platform) ?? '',
      found: b.found,
      confirmed: b.confirmed,
      takenDown: b.takenDown,
      medianDaysToTakedown: round1(median(b.days)),
      meanDaysToTakedown: round1(b.days.length ? b.days.reduce((x, y) => x + y, 0) / b.days.length : null),
    }));
  return {
    from,
    to,
    generatedAt: now.toISOString(),
    counterfeitPlatforms,
    cleared: clearedPlatforms + clearedSales,
    clearedPlatforms,
    clearedSales,
    cluesHandedOver: [...clueFirst.values()].filter((at) => inPeriod(at)).length,
    perPlatform,
    sites: counted,
  };
}

const PLATFORM_HEADERS = ['平台', '平台名称', '发现', '确认', '已下线', '下线用时中位数（天）', '下线用时平均（天）'] as const;
const platformCells = (p: PlatformStats): (string | number)[] => [
  p.platform, p.name, p.found, p.confirmed, p.takenDown, p.medianDaysToTakedown ?? '', p.meanDaysToTakedown ?? '',
];
const SUMMARY_HEADERS = ['统计期间', NETWORK_COLUMN.platforms, NETWORK_COLUMN.cleared, `其中：假冒平台`, `其中：证书买卖信息`, NETWORK_COLUMN.clues] as const;
const summaryCells = (r: StatsReport): (string | number)[] => [`${r.from} 至 ${r.to}`, r.counterfeitPlatforms, r.cleared, r.clearedPlatforms, r.clearedSales, r.cluesHandedOver];

const csvField = (v: string | number): string => `"${String(v).replace(/"/g, '""')}"`;

/** Renders the statistics: CSV (UTF-8 BOM, CRLF: summary table, blank line, per-platform table), XLSX or HTML. */
export async function renderStats(r: StatsReport, format: StatsFormat): Promise<Buffer> {
  if (format === 'csv') {
    const line = (cells: readonly (string | number)[]) => cells.map(csvField).join(',');
    const lines = [line(SUMMARY_HEADERS), line(summaryCells(r)), '', line(PLATFORM_HEADERS), ...r.perPlatform.map((p) => line(platformCells(p)))];
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'jianzhen';
    wb.created = new Date(r.generatedAt);
    const summary = wb.addWorksheet('汇总');
    summary.addRow([...SUMMARY_HEADERS]).font = { bold: true };
    summary.addRow(summaryCells(r));
    summary.columns.forEach((c) => (c.width = 22));
    const plat = wb.addWorksheet('按平台');
    plat.addRow([...PLATFORM_HEADERS]).font = { bold: true };
    for (const p of r.perPlatform) plat.addRow(platformCells(p));
    plat.columns.forEach((c) => (c.width = 18));
    const detail = wb.addWorksheet('明细');
    detail.addRow(['主机名', '平台', '团伙编号', '首次发现', '确认时间', '下线时间', '证据包时间', '证书买卖', '计入']).font = { bold: true };
    for (const s of r.sites) detail.addRow([s.host, s.platform, s.operator ?? '', s.flaggedAt ?? '', s.confirmedAt ?? '', s.downSince ?? '', s.packetAt ?? '', s.sales ? '是' : '否', s.counts.join('；')]);
    detail.columns.forEach((c) => (c.width = 24));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const table = (headers: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
    `<table><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  return Buffer.from(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(`专项行动统计 ${r.from} 至 ${r.to}`)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 16mm; color: #111; }
  h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 18pt; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #777; padding: 4px 6px; text-align: left; }
  th { background: #eee; } td:not(:first-child) { font-variant-numeric: tabular-nums; }
  @media print { body { margin: 0; } tr { page-break-inside: avoid; } }
</style></head><body>
<h1>${e('网络专项行动统计表')}</h1>
<p>${e(`统计期间：${r.from} 至 ${r.to}（北京时间）；生成时间：${r.generatedAt}`)}</p>
${table(SUMMARY_HEADERS, [summaryCells(r)])}
<h2>${e('按平台')}</h2>
${table(PLATFORM_HEADERS, r.perPlatform.map(platformCells))}
<h2>${e('计入站点明细')}</h2>
${table(['主机名', '平台', '团伙编号', '首次发现', '确认时间', '下线时间', '证据包时间', '计入'], r.sites.map((s) => [s.host, s.platform, s.operator ?? '', s.flaggedAt ?? '', s.confirmedAt ?? '', s.downSince ?? '', s.packetAt ?? '', s.counts.join('；')]))}
</body></html>
`);
}
