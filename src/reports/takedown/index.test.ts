/**
 * Takedown lists parsed back by independent parsers (csv-parse, a JSON Schema of STIX 2.1 via ajv,
 * dns-zonefile, cheerio's XML mode) and compared with what the store holds.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { load } from 'cheerio';
import { parse as parseCsv } from 'csv-parse/sync';
import zonefile from 'dns-zonefile';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../data/store.js';
import { saveOperators } from '../../data/operators.js';
import { selectSites } from '../sites.js';
import { fixtureStore } from '../../../test/fixtures/report-store.js';
import { CSV_COLUMNS, renderTakedown, takedownRows, uuidv5, type TakedownRow } from './index.js';

let store: Store;
let rows: TakedownRow[];
const now = new Date('2026-09-12T00:00:00Z');

const OPERATOR = 'OP-0A1B2C3D';

beforeAll(async () => {
  store = (await fixtureStore()).store;
  // Two of the confirmed sites are run by one operator (a copy and the sales page sending buyers to it).
  const group = { members: ['cx-mem-gov.cn', 'zhengshu-ban.com'], links: [], support: [] };
  await saveOperators(store, { assigned: [{ id: OPERATOR, group, isNew: true }], merged: [], dissolved: [] });
  rows = takedownRows(await selectSites(store));
});
afterAll(() => store.close());

describe('site selection', () => {
  it('lists analyst-confirmed sites only by default', () => {
    expect(rows.map((r) => r.host)).toEqual(['cx-mem-gov.cn', 'zhengshu-ban.com', 'zlaq-mohurd.com']);
  });

  it('adds undecided flagged sites at or above --min-score with --include-unreviewed, never rejected ones', async () => {
    const hosts = (await selectSites(store, { includeUnreviewed: true, minScore: 50 })).map((s) => s.host);
    expect(hosts).toContain("o'brien.example");
    expect(hosts).not.toContain('news.example.cn');
    expect((await selectSites(store, { includeUnreviewed: true, minScore: 56 })).map((s) => s.host)).not.toContain("o'brien.example");
  });

  it('takes the row from the last live sighting: first seen, last alive, WHOIS, ICP, packet', () => {
    const cx = rows.find((r) => r.host === 'cx-mem-gov.cn')!;
    expect(cx).toMatchObject({
      url: 'http://cx-mem-gov.cn/', ips: ['103.145.87.12'], registrar: '成都西维数码科技有限公司', registrationDate: '2026-09-02T16:00:00Z',
      icp: '京ICP备18046060号-1', platform: 'mem-cx', verdict: 'counterfeit', score: 91,
      firstSeen: '2026-09-03T02:00:00.000Z', lastSeenAlive: '2026-09-03T02:00:00.000Z', packetId: 'JZ-20260905T000000Z-cx-mem-gov.cn', packetSha256: 'a'.repeat(64),
    });
    expect(rows.find((r) => r.host === 'zlaq-mohurd.com')).toMatchObject({ icp: '', lastSeenAlive: '2026-09-10T02:00:00.000Z', packetId: '' });
  });

  it("lists a site at the URL its visit ended on when that is on the site, else at its own address, never another site's", async () => {
    const all = takedownRows(await selectSites(store, { includeUnreviewed: true, minScore: 50 }));
    expect(all.find((r) => r.host === 'zlaq-mohurd.com')?.url).toBe('http://zlaq-mohurd.com/personnel/safety');
    expect(all.find((r) => r.host === 'zhengshu-ban.com')?.url).toBe('http://zhengshu-ban.com/');
  });
});

describe('export formats parsed back', () => {
  it('writes CSV that Excel opens: UTF-8 BOM, CRLF, every field quoted, same rows as the store', () => {
    const bytes = renderTakedown(rows, 'csv', { now });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBe(rows.length + 2);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const records = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => r['主机名'])).toEqual(rows.map((r) => r.host));
    expect(records[0]!['ICP备案号']).toBe('京ICP备18046060号-1');
    expect(records.find((r) => r['主机名'] === 'zlaq-mohurd.com')!['IP地址']).toBe('45.8.1.2 45.8.1.3');
    expect(Object.keys(records[0]!)).toEqual(CSV_COLUMNS.map(([h]) => h));
    // Why each site is listed, in Chinese, as the receiving office reads it.
    expect(records[0]!['判定依据']).toBe('cx-mem-gov.cn在页脚中使用了mem-cx的备案号“京ICP备18046060号-1”');
  });

  it('neutralises every cell a spreadsheet would run as a formula, numbers included', () => {
    // What a site controls (WHOIS registrar, page text, hosting names) reaches these cells.
    const hostile = ['-1+cmd|\' /C calc\'!A0', '-2+3', '=HYPERLINK("http://x/","y")', '+1', '@SUM(A1)', '\tx', '\rx', '-'];
    const row: TakedownRow = { ...rows[0]!, registrar: hostile[0]!, icp: hostile[1]!, hostingNetwork: hostile[2]!, hostingCountry: hostile[3]!,
      registrationDate: hostile[4]!, registrableDomain: hostile[5]!, platform: hostile[6]!, lastSeenAlive: hostile[7]! };
    const text = renderTakedown([row], 'csv', { now }).toString('utf8');
    const [record] = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    const cells = [record!['注册商'], record!['ICP备案号'], record!['托管网络'], record!['托管国家或地区'], record!['注册日期'], record!['注册域名'], record!['仿冒平台'], record!['最后存活']];
    expect(cells).toEqual(hostile.map((h) => `'${h}`));
    // Cells that start otherwise are left as they were.
    expect(record!['主机名']).toBe(row.host);
    expect(record!['评分']).toBe(String(row.score));
  });

  it('writes JSON with the same rows', () => {
    const doc = JSON.parse(renderTakedown(rows, 'json', { now }).toString());
    expect(doc.count).toBe(3);
    expect(doc.sites).toEqual(JSON.parse(JSON.stringify(rows)));
  });

  it('writes a STIX 2.1 bundle that the schema accepts, with patterns, observables and relationships for every site', () => {
    const bundle = JSON.parse(renderTakedown(rows, 'stix', { now }).toString());
    // Schema written from the STIX 2.1 specification's required properties (see its $comment).
    const schema = JSON.parse(readFileSync(new URL('./stix-2.1.schema.json', import.meta.url), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const objs = bundle.objects as { type: string; id: string; pattern?: string; value?: string; source_ref?: string; target_ref?: string }[];
    const ids = new Set(objs.map((o) => o.id));
    expect(ids.size).toBe(objs.length);
    for (const r of rows) {
      expect(objs.some((o) => o.type === 'indicator' && o.pattern === `[domain-name:value = '${r.host}']`)).toBe(true);
      expect(objs.some((o) => o.type === 'indicator' && o.pattern === `[url:value = '${r.url}']`)).toBe(true);
      for (const ip of r.ips) expect(objs.some((o) => o.type === 'ipv4-addr' && o.value === ip)).toBe(true);
    }
    for (const rel of objs.filter((o) => o.type === 'relationship')) {
      expect(ids.has(rel.source_ref!)).toBe(true);
      expect(ids.has(rel.target_ref!)).toBe(true);
    }
    // §2.9's deterministic id: the spec's namespace over {"value": …}.
    const domain = objs.find((o) => o.type === 'domain-name' && o.value === 'cx-mem-gov.cn')!;
    expect(domain.id).toBe(`domain-name--${uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"cx-mem-gov.cn"}')}`);
  });

  it('escapes quotes in STIX patterns', async () => {
    const odd = takedownRows(await selectSites(store, { includeUnreviewed: true, minScore: 50 })).filter((r) => r.host.includes("'"));
    const bundle = JSON.parse(renderTakedown(odd, 'stix', { now }).toString());
    expect(bundle.objects.some((o: { pattern?: string }) => o.pattern === "[domain-name:value = 'o\\'brien.example']")).toBe(true);
  });

  it('computes RFC 4122 version-5 UUIDs (the RFC test vector for www.example.com in the DNS namespace)', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('writes an RPZ zone that a zone-file parser loads under any zone name: SOA, NS, and name + wildcard CNAME . per site', () => {
    const text = renderTakedown(rows, 'rpz', { now, zone: 'rpz.example' }).toString();
    // No $ORIGIN: the resolver's configuration names the zone, so the file cannot disagree with it.
    expect(text).not.toMatch(/^\$ORIGIN/m);
    const zone = zonefile.parse(text);
    expect(Number(zone.$ttl)).toBe(300);
    expect(zone.soa?.name).toBe('@');
    expect(Number(zone.soa?.serial)).toBe(Math.floor(now.getTime() / 1000));
    expect(zone.ns).toEqual([expect.objectContaining({ name: '@', host: 'localhost.' })]);
    const cnames = (zone.cname ?? []).map((c) => [c.name, c.alias]);
    expect(cnames).toEqual(rows.flatMap((r) => [[r.host, '.'], [`*.${r.host}`, '.']]));
    // Every owner is relative (inside the zone, whatever its name); only the targets are absolute.
    for (const [name] of cnames) expect(name!.endsWith('.')).toBe(false);
  });

  it('writes an RPZ zone that named-checkzone loads under the default name, the --zone name and any other', (ctx) => {
    const check = spawnSync('named-checkzone', ['-v']);
    if (check.error) ctx.skip('named-checkzone is not installed (apt-get install bind9-utils); the zone-file parser test above still ran');
    const dir = mkdtempSync(join(tmpdir(), 'jianzhen-rpz-'));
    const cases: [string | undefined, string][] = [[undefined, 'rpz.jianzhen'], ['rpz.example', 'rpz.example'], ['rpz.example', 'block.police.example']];
    for (const [zoneOption, loadAs] of cases) {
      const file = join(dir, `${loadAs}.zone`);
      writeFileSync(file, renderTakedown(rows, 'rpz', { now, ...(zoneOption ? { zone: zoneOption } : {}) }));
      const run = spawnSync('named-checkzone', ['-i', 'full', loadAs, file], { encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`, `named-checkzone ${loadAs} (written with --zone ${zoneOption ?? 'default'})`).toMatch(/\nOK\n?$/);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(/out-of-zone/);
    }
  });

  it('writes a hosts file mapping every site to 0.0.0.0', () => {
    const lines = renderTakedown(rows, 'hosts', { now }).toString().split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual(rows.map((r) => `0.0.0.0 ${r.host}`));
  });

  it('carries the operator id in every format where it fits: a CSV column, a JSON field, a STIX intrusion-set, IODEF, RPZ and hosts comments', () => {
    expect(rows.map((r) => [r.host, r.operator])).toEqual([
      ['cx-mem-gov.cn', OPERATOR],
      ['zhengshu-ban.com', OPERATOR],
      ['zlaq-mohurd.com', ''],
    ]);
    const csv = parseCsv(renderTakedown(rows, 'csv', { now }).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r['团伙编号'])).toEqual([OPERATOR, OPERATOR, '']);
    expect(JSON.parse(renderTakedown(rows, 'json', { now }).toString()).sites[0].operator).toBe(OPERATOR);
    const objs = JSON.parse(renderTakedown(rows, 'stix', { now }).toString()).objects as { type: string; id: string; name?: string; aliases?: string[]; relationship_type?: string; source_ref?: string; target_ref?: string }[];
    const sets = objs.filter((o) => o.type === 'intrusion-set');
    expect(sets).toHaveLength(1);
    expect(sets[0]!.aliases).toEqual([OPERATOR]);
    const used = objs.filter((o) => o.type === 'relationship' && o.relationship_type === 'uses' && o.source_ref === sets[0]!.id).map((o) => objs.find((x) => x.id === o.target_ref)?.name);
    expect(used.sort()).toEqual(['cx-mem-gov.cn', 'zhengshu-ban.com']);
    const $ = load(renderTakedown(rows, 'iodef', { now }).toString(), { xml: true });
    expect($('Incident').first().find('RelatedActivity > IncidentID').text()).toBe(OPERATOR);
    expect($('Incident').last().find('RelatedActivity').length).toBe(0);
    expect(renderTakedown(rows, 'rpz', { now }).toString()).toContain(`; cx-mem-gov.cn mem-cx counterfeit 91 JZ-20260905T000000Z-cx-mem-gov.cn operator ${OPERATOR}`);
    expect(renderTakedown(rows, 'hosts', { now }).toString()).toContain(`# operator ${OPERATOR}\n0.0.0.0 cx-mem-gov.cn\n`);
  });

  it('writes IODEF (RFC 5070) with one Incident and one RFC 5901 PhraudReport per site', () => {
    const text = renderTakedown(rows, 'iodef', { now }).toString();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const $ = load(text, { xml: true });
    const doc = $('IODEF-Document');
    expect(doc.attr('xmlns')).toBe('urn:ietf:params:xml:ns:iodef-1.0');
    expect(doc.attr('xmlns:phish')).toBe('urn:ietf:params:xml:ns:iodef-phish-1.0');
    const incidents = $('Incident');
    expect(incidents.length).toBe(rows.length);
    incidents.each((i, el) => {
      const inc = $(el);
      const r = rows[i]!;
      expect(inc.attr('purpose')).toBe('mitigation');
      expect(inc.children('IncidentID').text()).toBe(r.packetId || `site:${r.host}`);
      expect(inc.find('ReportTime').text()).toBe(now.toISOString());
      expect(inc.find('Assessment > Impact').attr('type')).toBe('social-engineering');
      expect(inc.find('Contact').attr('role')).toBe('creator');
      expect(inc.find('System[category="target"] NodeName').text()).toBe(r.host);
      expect(inc.find('Address').map((_, a) => $(a).text()).get()).toEqual([...r.ips]);
      const report = inc.find('phish\\:PhraudReport');
      expect(report.attr('FraudType')).toBe('fraudulentSite');
      expect(report.find('phish\\:SiteURL').text()).toBe(r.url);
      // DATETIME (RFC 5070 §2.8, xs:dateTime with a zone), whatever format the registry's WHOIS used.
      const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
      for (const d of ['phish\\:RegistrationDate', 'phish\\:DateDomainWasChecked']) {
        const v = report.find(d).text();
        if (v !== '') expect(v, d).toMatch(dateTime);
      }
      if (r.registrationDate) expect(report.find('phish\\:RegistrationDate').text()).toBe(r.registrationDate);
    });
  });
});
