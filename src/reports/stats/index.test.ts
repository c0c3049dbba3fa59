/**
 * Campaign statistics from a real store: each figure traced to the sites it counts, and every format
 * read back (csv-parse, exceljs, the HTML escaped).
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvidencePackets, recordEvidencePacket } from '../../data/reports.js';
import { saveOperators } from '../../data/operators.js';
import type { Store } from '../../data/store.js';
import { UsageError } from '../../errors.js';
import { allSiteRecords } from '../sites.js';
import { fixtureStore } from '../../../test/fixtures/report-store.js';
import { computeStats, NETWORK_COLUMN, periodBounds, renderStats, type StatsReport } from './index.js';

let store: Store;
let september: StatsReport;
const firstPacket = async () => new Map((await listEvidencePackets(store)).map((p) => [p.host, p.builtAt]));

beforeAll(async () => {
  store = (await fixtureStore()).store;
  september = computeStats(await allSiteRecords(store), '2026-09-01', '2026-09-30', await firstPacket(), new Date('2026-10-01T00:00:00Z'));
});
afterAll(() => store.close());

describe('campaign figures', () => {
  it('counts confirmed counterfeit platforms found in the period, not sales pages or undecided sites', () => {
    expect(september.counterfeitPlatforms).toBe(2);
    expect(september.sites.filter((s) => s.counts.includes(NETWORK_COLUMN.platforms)).map((s) => s.host).sort()).toEqual(['cx-mem-gov.cn', 'zlaq-mohurd.com']);
  });

  it('counts confirmed sites found down in the period as cleared, split into platforms and sales pages', () => {
    expect(september).toMatchObject({ cleared: 2, clearedPlatforms: 1, clearedSales: 1 });
    expect(september.sites.filter((s) => s.counts.includes(NETWORK_COLUMN.cleared)).map((s) => s.host).sort()).toEqual(['cx-mem-gov.cn', 'zhengshu-ban.com']);
  });

  it('counts evidence packets built for confirmed sites as clues handed over', () => {
    expect(september.cluesHandedOver).toBe(1);
    expect(september.sites.find((s) => s.counts.includes(NETWORK_COLUMN.clues))?.host).toBe('cx-mem-gov.cn');
  });

  it("counts an operator's sites as one clue, whether a site's packet or the case packet was built first", async () => {
    const own = (await fixtureStore()).store;
    try {
      const packet = (host: string, builtAt: string) =>
        recordEvidencePacket(own, { id: `JZ-${builtAt}-${host}`, host, scanId: null, index: null, builtAt, actor: 'a', manifestSha256: 'a'.repeat(64), manifestSm3: 'b', folder: '/x', zip: null, zipSha256: null });
      const figures = async () => {
        const first = new Map<string, string>();
        for (const p of await listEvidencePackets(own)) if (!first.has(p.host)) first.set(p.host, p.builtAt);
        return computeStats(await allSiteRecords(own), '2026-09-01', '2026-09-30', first);
      };
      await packet('zhengshu-ban.com', '2026-09-12T00:00:00.000Z');
      expect((await figures()).cluesHandedOver).toBe(2);
      const group = { members: ['cx-mem-gov.cn', 'zhengshu-ban.com'], links: [], support: [] };
      await saveOperators(own, { assigned: [{ id: 'OP-0A1B2C3D', group, isNew: true }], merged: [], dissolved: [] });
      const one = await figures();
      expect(one.cluesHandedOver).toBe(1);
      expect(one.sites.filter((x) => x.counts.includes(NETWORK_COLUMN.clues)).map((x) => [x.host, x.operator])).toEqual([
        ['cx-mem-gov.cn', 'OP-0A1B2C3D'],
        ['zhengshu-ban.com', 'OP-0A1B2C3D'],
      ]);
      // An operator whose sites have no packet of their own: its case packet hands over its clue.
      const lone = { members: ['zlaq-mohurd.com'], links: [], support: [] };
      await saveOperators(own, { assigned: [{ id: 'OP-0A1B2C3D', group, isNew: false }, { id: 'OP-0000BEEF', group: lone, isNew: true }], merged: [], dissolved: [] });
      await packet('OP-0000BEEF', '2026-09-20T00:00:00.000Z');
      expect((await figures()).cluesHandedOver).toBe(2);
      // October: the operator's first packet (September) is no new clue, though a case packet is built then.
      await packet('OP-0A1B2C3D', '2026-10-02T00:00:00.000Z');
      const first = new Map((await listEvidencePackets(own)).reverse().map((p) => [p.host, p.builtAt]));
      expect(computeStats(await allSiteRecords(own), '2026-10-01', '2026-10-31', first).cluesHandedOver).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('gives found / confirmed / taken down and the days to takedown per platform', () => {
    expect(september.perPlatform).toEqual([
      expect.objectContaining({ platform: 'mem-cx', found: 2, confirmed: 2, takenDown: 2, medianDaysToTakedown: 7, meanDaysToTakedown: 7 }),
      expect.objectContaining({ platform: 'mohurd-zlaq', found: 1, confirmed: 1, takenDown: 0, medianDaysToTakedown: null }),
      expect.objectContaining({ platform: 'samr-cnse', found: 1, confirmed: 0, takenDown: 0 }),
    ]);
  });

  it('counts by Beijing-time days: a site flagged 10:00 Beijing on 3 September is outside 4–30 September', async () => {
    const later = computeStats(await allSiteRecords(store), '2026-09-04', '2026-09-30', await firstPacket());
    expect(later).toMatchObject({ counterfeitPlatforms: 0, cleared: 2, cluesHandedOver: 1 });
    expect(periodBounds('2026-09-03', '2026-09-03')).toEqual({ start: Date.parse('2026-09-02T16:00:00Z'), end: Date.parse('2026-09-03T16:00:00Z') });
  });

  it('refuses malformed or reversed dates as usage errors', () => {
    expect(() => periodBounds('2026-9-1', '2026-09-30')).toThrow(UsageError);
    expect(() => periodBounds('2026-09-30', '2026-09-01')).toThrow(/before/);
  });
});

describe('formats read back', () => {
  it('writes CSV (BOM, CRLF) whose summary row holds the three columns', async () => {
    const bytes = await renderStats(september, 'csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    const header = rows[0]!;
    const values = rows[1]!;
    expect(values[header.indexOf(NETWORK_COLUMN.platforms)]).toBe('2');
    expect(values[header.indexOf(NETWORK_COLUMN.cleared)]).toBe('2');
    expect(values[header.indexOf(NETWORK_COLUMN.clues)]).toBe('1');
    expect(rows.slice(3).map((r) => r[0])).toEqual(['mem-cx', 'mohurd-zlaq', 'samr-cnse']);
  });

  it('writes XLSX that exceljs reads back with the same figures', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderStats(september, 'xlsx')) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('汇总')!;
    const header = (summary.getRow(1).values as unknown[]).slice(1);
    const values = (summary.getRow(2).values as unknown[]).slice(1);
    expect(values[header.indexOf(NETWORK_COLUMN.platforms)]).toBe(2);
    expect(values[header.indexOf(NETWORK_COLUMN.clues)]).toBe(1);
    const plat = wb.getWorksheet('按平台')!;
    expect(plat.getRow(2).getCell(1).value).toBe('mem-cx');
    expect(plat.getRow(2).getCell(5).value).toBe(2);
    expect(wb.getWorksheet('明细')!.rowCount).toBe(september.sites.length + 1);
  });

  it('writes printable HTML with every value escaped', async () => {
    const html = (await renderStats({ ...september, from: '<b>', sites: [{ ...september.sites[0]!, host: '<script>x</script>' }] }, 'html')).toString();
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain(NETWORK_COLUMN.cleared);
    expect(html).toContain('@media print');
  });
});
