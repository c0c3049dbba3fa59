/**
 * Takedown lists for telecom administrators, in the formats their systems ingest: CSV (Excel),
 * JSON, STIX 2.1, IODEF (RFC 5070 with the RFC 5901 phishing extension — the form YD/T 3038-2016 follows),
 * an RPZ zone for resolvers, and a hosts file. Every format carries the same rows (SiteRecord), each with the
 * operator (串并案) its site belongs to where the format has room: a column, a field, a STIX intrusion-set using
 * the operator's infrastructure, an IODEF RelatedActivity, a comment.
 */
import { createHash, randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { platformNames, type SiteRecord } from '../sites.js';
import { detailOf } from '../../model/messages/index.js';

export const TAKEDOWN_FORMATS = ['csv', 'json', 'stix', 'iodef', 'rpz', 'hosts'] as const;
export type TakedownFormat = (typeof TAKEDOWN_FORMATS)[number];

/** The site record's fields a takedown row carries as they are. */
type SiteFields = 'host' | 'ips' | 'hostingNetwork' | 'hostingCountry' | 'registrar' | 'registrationDate' | 'icp' | 'verdict' | 'score' | 'firstSeen';

/** One row of a takedown list, flat, as every format carries it: the site record with nothing null. */
export interface TakedownRow extends Pick<SiteRecord, SiteFields> {
  readonly url: string;
  readonly registrableDomain: string;
  readonly platform: string;
  readonly lastSeenAlive: string;
  readonly packetId: string;
  readonly packetSha256: string;
  readonly decision: string;
  /** Why it was judged so: the strongest reasons of its newest live result, in Chinese (判定依据). */
  readonly reasons: readonly string[];
  /** The operator (串并案) the site belongs to, '' when none: sites of one operator are one case. */
  readonly operator: string;
}

export interface RenderOptions {
  readonly now?: Date;
  /** The RPZ zone's name, written in its header; default rpz.jianzhen. The records do not depend on it. */
  readonly zone?: string;
}

/** Flattens site records into takedown rows ('' for what is unknown). */
export function takedownRows(sites: readonly SiteRecord[]): TakedownRow[] {
  return sites.map((s) => ({
    host: s.host,
    url: s.url ?? '',
    registrableDomain: s.registrableDomain ?? '',
    ips: s.ips,
    hostingNetwork: s.hostingNetwork,
    hostingCountry: s.hostingCountry,
    registrar: s.registrar,
    registrationDate: s.registrationDate,
    icp: s.icp,
    platform: s.platform ?? '',
    verdict: s.verdict,
    score: s.score,
    firstSeen: s.firstSeen,
    lastSeenAlive: s.lastSeenAlive ?? '',
    packetId: s.packet?.id ?? '',
    packetSha256: s.packet?.manifestSha256 ?? '',
    decision: s.decision?.decision ?? '',
    reasons: reasonsOf(s),
    operator: s.operator ?? '',
  }));
}

/** The three strongest counterfeit reasons of a site's newest live result, rendered in Chinese. */
function reasonsOf(s: SiteRecord): string[] {
  return [...(s.result?.signals ?? [])]
    .filter((g) => g.weight * g.score > 0)
    .sort((a, b) => b.weight * b.score - a.weight * a.score)
    .slice(0, 3)
    .map((g) => detailOf(g, 'zh'));
}

/** Renders the rows in one format; the result is the file's exact bytes. */
export function renderTakedown(rows: readonly TakedownRow[], format: TakedownFormat, opts: RenderOptions = {}): Buffer {
  const now = opts.now ?? new Date();
  switch (format) {
    case 'csv':
      return toCsv(rows);
    case 'json':
      return Buffer.from(`${JSON.stringify({ generatedAt: now.toISOString(), count: rows.length, sites: rows }, null, 2)}\n`);
    case 'stix':
      return Buffer.from(`${JSON.stringify(toStix(rows, now), null, 2)}\n`);
    case 'iodef':
      return Buffer.from(toIodef(rows, now));
    case 'rpz':
      return Buffer.from(toRpz(rows, now, opts.zone ?? 'rpz.jianzhen'));
    case 'hosts':
      return Buffer.from(toHosts(rows, now));
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV: RFC 4180 with a UTF-8 BOM and CRLF, which is what makes Excel (zh-CN) open Chinese text correctly.

/** The CSV columns: header (Chinese, as the receiving office reads it) and the row field. */
export const CSV_COLUMNS: readonly (readonly [string, (r: TakedownRow) => string])[] = [
  ['主机名', (r) => r.host],
  ['网址', (r) => r.url],
  ['注册域名', (r) => r.registrableDomain],
  ['IP地址', (r) => r.ips.join(' ')],
  ['托管网络', (r) => r.hostingNetwork],
  ['托管国家或地区', (r) => r.hostingCountry],
  ['注册商', (r) => r.registrar],
  ['注册日期', (r) => r.registrationDate],
  ['ICP备案号', (r) => r.icp],
  ['仿冒平台', (r) => r.platform],
  ['判定', (r) => r.verdict],
  ['评分', (r) => String(r.score)],
  ['首次发现', (r) => r.firstSeen],
  ['最后存活', (r) => r.lastSeenAlive],
  ['证据包编号', (r) => r.packetId],
  ['证据包SHA-256', (r) => r.packetSha256],
  ['判定依据', (r) => r.reasons.join('；')],
  ['团伙编号', (r) => r.operator],
];

/**
 * Quotes one CSV field. A cell starting with = + - @ tab or carriage return is prefixed with ' so a
 * spreadsheet never reads it as a formula (OWASP "CSV injection"); that includes cells that look like
 * numbers: Excel evaluates "-2+3" and runs "-1+cmd|' /C calc'!A0" as a DDE call.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function toCsv(rows: readonly TakedownRow[]): Buffer {
  const lines = [CSV_COLUMNS.map(([h]) => csvField(h)).join(','), ...rows.map((r) => CSV_COLUMNS.map(([, f]) => csvField(f(r))).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// ---------------------------------------------------------------------------------------------------
/** IODEF's DATETIME (RFC 5070 §2.8): xs:dateTime with a zone. A registry date jianzhen could not read is left out. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

// STIX 2.1 (OASIS CS02): identity, per site an infrastructure (phishing), indicators with patterns,
// cyber observables, and relationships indicator→indicates→infrastructure→consists-of→observable.

// §2.9: SCO ids are UUIDv5 in this namespace over their ID-contributing properties, so every producer
// names the same domain with the same id.
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
// jianzhen's own namespace for its SDOs, so re-exporting the same site gives the same ids.
const JIANZHEN_NAMESPACE = '5d0f9e3a-6b1c-4f43-9a4e-3e1f2b7c8a90';

/** RFC 4122 UUID version 5 (SHA-1 over namespace + name). */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const scoId = (type: string, value: string): string => `${type}--${uuidv5(SCO_NAMESPACE, JSON.stringify({ value }))}`;
const sdoId = (type: string, key: string): string => `${type}--${uuidv5(JIANZHEN_NAMESPACE, `${type}:${key}`)}`;

/** Escapes a string literal inside a STIX pattern (§9.4: backslash and single quote). */
export const stixString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function toStix(rows: readonly TakedownRow[], now: Date): Record<string, unknown> {
  const ts = now.toISOString();
  const names = platformNames();
  const identity = {
    type: 'identity',
    spec_version: '2.1',
    id: sdoId('identity', 'jianzhen'),
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: 'jianzhen 鉴真',
    description: 'Finds counterfeit copies of Chinese government certificate-query websites',
    identity_class: 'system',
  };
  const objects: Record<string, unknown>[] = [identity];
  const seen = new Set<string>([identity.id]);
  const push = (o: Record<string, unknown>): void => {
    if (!seen.has(o['id'] as string)) seen.add(o['id'] as string), objects.push(o);
  };
  const common = (type: string, key: string, created: string) => ({
    type,
    spec_version: '2.1',
    id: sdoId(type, key),
    created_by_ref: identity.id,
    created,
    modified: ts,
  });
  for (const r of rows) {
    const created = r.firstSeen || ts;
    const platform = r.platform ? `${names.get(r.platform) ?? r.platform}（${r.platform}）` : '未识别的平台';
    const ipObjs = r.ips.map((ip) => ({ type: ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr', spec_version: '2.1', id: scoId(ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr', ip), value: ip }));
    const domain = { type: 'domain-name', spec_version: '2.1', id: scoId('domain-name', r.host), value: r.host, ...(ipObjs.length ? { resolves_to_refs: ipObjs.map((o) => o.id) } : {}) };
    const url = r.url ? { type: 'url', spec_version: '2.1', id: scoId('url', r.url), value: r.url } : null;
    const refs = r.packetId
      ? [{ source_name: 'jianzhen-evidence-packet', external_id: r.packetId, description: 'signed evidence packet (manifest.json SHA-256)', hashes: { 'SHA-256': r.packetSha256 } }]
      : [];
    const infra = {
      ...common('infrastructure', r.host, created),
      name: r.host,
      description: `仿冒${platform}；判定 ${r.verdict}，评分 ${r.score}${r.icp ? `；页面显示ICP备案号 ${r.icp}` : ''}${r.reasons.length ? `；判定依据：${r.reasons.join('；')}` : ''}`,
      infrastructure_types: ['phishing'],
      first_seen: created,
      ...(r.lastSeenAlive ? { last_seen: r.lastSeenAlive } : {}),
      ...(refs.length ? { external_references: refs } : {}),
    };
    const indicators = [
      { ...common('indicator', `domain:${r.host}`, created), name: `Counterfeit site ${r.host}`, pattern: `[domain-name:value = ${stixString(r.host)}]` },
      ...(url ? [{ ...common('indicator', `url:${r.url}`, created), name: `Counterfeit page ${r.url}`, pattern: `[url:value = ${stixString(r.url)}]` }] : []),
    ].map((i) => ({
      ...i,
      description: `仿冒${platform}`,
      indicator_types: ['malicious-activity'],
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: created,
      confidence: Math.round(r.score),
    }));
    for (const o of [...ipObjs, domain, ...(url ? [url] : []), infra, ...indicators]) push(o);
    for (const i of indicators) push({ ...common('relationship', `${i.id}>indicates>${infra.id}`, created), relationship_type: 'indicates', source_ref: i.id, target_ref: infra.id });
    for (const o of [domain, ...(url ? [url] : []), ...ipObjs]) {
      push({ ...common('relationship', `${infra.id}>consists-of>${o.id}`, created), relationship_type: 'consists-of', source_ref: infra.id, target_ref: o.id });
    }
  }
  // One intrusion-set per operator (STIX 2.1 §4.11: a set of resources believed to be run by one actor), using
  // the infrastructure of each of its sites.
  const byOperator = new Map<string, TakedownRow[]>();
  for (const r of rows) if (r.operator) byOperator.set(r.operator, [...(byOperator.get(r.operator) ?? []), r]);
  for (const [op, sites] of byOperator) {
    const firstSeen = sites.map((r) => r.firstSeen || ts).sort()[0]!;
    const lastSeen = sites.map((r) => r.lastSeenAlive).filter(Boolean).sort().at(-1);
    const set = {
      ...common('intrusion-set', op, firstSeen),
      name: `jianzhen operator ${op}`,
      description: `Counterfeit certificate-query sites run by one operator, linked by the contacts, accounts, certificates or code they share: ${sites.map((r) => r.host).join(', ')}`,
      aliases: [op],
      first_seen: firstSeen,
      ...(lastSeen ? { last_seen: lastSeen } : {}),
    };
    push(set);
    for (const r of sites) {
      const infra = sdoId('infrastructure', r.host);
      push({ ...common('relationship', `${set.id}>uses>${infra}`, firstSeen), relationship_type: 'uses', source_ref: set.id, target_ref: infra });
    }
  }
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}

// ---------------------------------------------------------------------------------------------------
// IODEF (RFC 5070) with the phishing extension (RFC 5901), one Incident per site.

const xml = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function toIodef(rows: readonly TakedownRow[], now: Date): string {
  const names = platformNames();
  const incidents = rows.map((r) => {
    const brand = r.platform ? (names.get(r.platform) ?? r.platform) : '';
    const addresses = r.ips.map((ip) => `<Address category="${ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}">${xml(ip)}</Address>`).join('');
    const comments = [
      `verdict ${r.verdict}, score ${r.score}`,
      r.icp ? `ICP shown: ${r.icp}` : 'no ICP number shown',
      r.packetId ? `evidence packet ${r.packetId} (manifest SHA-256 ${r.packetSha256})` : '',
      r.operator ? `operator ${r.operator}` : '',
      r.hostingNetwork || r.hostingCountry ? `hosting ${r.hostingNetwork} ${r.hostingCountry}`.trim() : '',
    ].filter(Boolean).join('; ');
    return `  <Incident purpose="mitigation">
    <IncidentID name="jianzhen">${xml(r.packetId || `site:${r.host}`)}</IncidentID>${r.operator ? `
    <RelatedActivity><IncidentID name="jianzhen-operator">${xml(r.operator)}</IncidentID></RelatedActivity>` : ''}
    <DetectTime>${xml(r.firstSeen)}</DetectTime>
    <ReportTime>${xml(now.toISOString())}</ReportTime>
    <Description>${xml(`假冒${brand || '政府查询平台'}网站 ${r.host}`)}</Description>
    <Assessment>
      <Impact type="social-engineering" completion="succeeded" lang="zh-CN">${xml(`仿冒 ${brand} (${r.platform})`)}</Impact>
      <Confidence rating="numeric">${xml((r.score / 100).toFixed(2))}</Confidence>
    </Assessment>
    <Contact role="creator" type="organization"><ContactName>jianzhen</ContactName></Contact>
    <EventData>
      <Flow>
        <System category="target">
          <Node><NodeName>${xml(r.host)}</NodeName>${addresses}</Node>
        </System>
      </Flow>
      <Expectation action="block-host"/>
    </EventData>
    <AdditionalData dtype="xml" meaning="PhraudReport">
      <phish:PhraudReport Version="1" FraudType="fraudulentSite">
        <phish:FraudedBrandName>${xml(brand || 'unknown')}</phish:FraudedBrandName>
        <phish:OriginatingSensor OriginatingSensorType="web">
          <System category="source"><Node><NodeName>jianzhen</NodeName></Node></System>
        </phish:OriginatingSensor>
        <phish:DCSite DCType="web">
          <phish:SiteURL>${xml(r.url || `http://${r.host}/`)}</phish:SiteURL>
        </phish:DCSite>
        <phish:DCSite DCType="web">
          <phish:DomainData>
            <phish:Name>${xml(r.registrableDomain || r.host)}</phish:Name>
            <phish:DateDomainWasChecked>${xml(r.lastSeenAlive || r.firstSeen)}</phish:DateDomainWasChecked>${DATETIME.test(r.registrationDate) ? `
            <phish:RegistrationDate>${xml(r.registrationDate)}</phish:RegistrationDate>` : ''}${r.registrar ? `
            <phish:SponsoringRegistrar>${xml(r.registrar)}</phish:SponsoringRegistrar>` : ''}
          </phish:DomainData>
        </phish:DCSite>
        <phish:PRComments>${xml(comments)}</phish:PRComments>
      </phish:PhraudReport>
    </AdditionalData>
  </Incident>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<IODEF-Document version="1.00" lang="zh-CN"
  xmlns="urn:ietf:params:xml:ns:iodef-1.0"
  xmlns:phish="urn:ietf:params:xml:ns:iodef-phish-1.0">
${incidents.join('\n')}
</IODEF-Document>
`;
}

// ---------------------------------------------------------------------------------------------------
// RPZ (DNS Response Policy Zone): `name CNAME .` answers NXDOMAIN for the name; `*.name` covers its
// sub-domains. A resolver (BIND, Unbound, PowerDNS) loads it as an ordinary zone. Every owner name is
// relative and there is no $ORIGIN line: the origin is then the zone's own name, the one the resolver's
// configuration loads the file under (RFC 1035 §5.1), so one file serves under any policy-zone name.

/** The name as DNS carries it (IDNA/punycode), or null when it cannot be a DNS name. */
function dnsName(host: string): string | null {
  const ascii = domainToASCII(host).replace(/\.$/, '');
  return ascii && /^[a-z0-9_.-]+$/i.test(ascii) ? ascii.toLowerCase() : null;
}

function toRpz(rows: readonly TakedownRow[], now: Date, zone: string): string {
  const origin = `${zone.replace(/\.$/, '')}.`;
  // Seconds since the epoch fit the 32-bit serial and always increase between exports.
  const serial = Math.floor(now.getTime() / 1000);
  const lines = [
    `; jianzhen takedown list as a DNS Response Policy Zone — generated ${now.toISOString()}`,
    `; zone ${origin} (names are relative: the file loads under whatever zone name the resolver gives it)`,
    `$TTL 300`,
    `@ IN SOA localhost. hostmaster.localhost. ( ${serial} 3600 600 604800 300 )`,
    `@ IN NS localhost.`,
  ];
  const seen = new Set<string>();
  for (const r of rows) {
    const name = dnsName(r.host);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    lines.push(`; ${name} ${r.platform} ${r.verdict} ${r.score}${r.packetId ? ` ${r.packetId}` : ''}${r.operator ? ` operator ${r.operator}` : ''}`);
    lines.push(`${name} IN CNAME .`, `*.${name} IN CNAME .`);
  }
  return `${lines.join('\n')}\n`;
}

function toHosts(rows: readonly TakedownRow[], now: Date): string {
  const names = [...new Set(rows.map((r) => dnsName(r.host)).filter((n): n is string => n !== null))];
  // A comment line names the operator of the next entry (a comment after an entry is not read by every resolver).
  const operatorOf = new Map(rows.map((r) => [dnsName(r.host), r.operator]));
  const lines = names.map((n) => (operatorOf.get(n) ? `# operator ${operatorOf.get(n)}\n0.0.0.0 ${n}` : `0.0.0.0 ${n}`));
  return `# jianzhen takedown list — generated ${now.toISOString()}; ${names.length} hosts\n${lines.join('\n')}\n`;
}
