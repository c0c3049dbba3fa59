/**
 * Hosting network and country of an address, from the IP databases shipped as npm packages
 * (@ip-location-db/asn: RouteViews + DB-IP ASN ranges; @ip-location-db/geo-whois-asn-country: the RIRs'
 * country of allocation). Nothing is downloaded at run time. Each table's file is read lazily, once per
 * process, and searched in place by bisection over its lines (the files are sorted by range start): a lookup
 * parses a few dozen lines, so a scan no longer spends most of a second of CPU parsing 750,000 rows it never
 * asks about. IPv6 tables only when an IPv6 address is asked about.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';
import type { HostingFacts } from '../model/snapshot.js';

const require = createRequire(import.meta.url);

/** Splits one CSV line of the ip-location-db format (start,end,value[,"quoted, value"]). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      let v = '';
      while (j < line.length) {
        if (line[j] === '"' && line[j + 1] === '"') (v += '"'), (j += 2);
        else if (line[j] === '"') break;
        else v += line[j++];
      }
      out.push(v);
      i = j + 2;
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/** The number the line at `start` begins with (its range's start), or null for an empty or malformed line. */
function leadingNumber(bytes: Buffer, start: number, v6: boolean): number | bigint | null {
  if (v6) {
    const comma = bytes.indexOf(COMMA, start);
    const newline = bytes.indexOf(NEWLINE, start);
    if (comma <= start || (newline >= 0 && newline < comma)) return null;
    return BigInt(bytes.toString('latin1', start, comma));
  }
  // IPv4 starts fit a double exactly: read the digits in place (this runs a few dozen times per lookup).
  let n = 0;
  let i = start;
  for (; i < bytes.length; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return i > start && bytes[i] === COMMA ? n : null;
}

/**
 * The columns of the range holding `x` in a `-num.csv` table (start,end,…), or null. Bisection over byte
 * offsets: the line holding the middle byte is compared, and the search continues after or before it.
 */
function findRow(bytes: Buffer, x: number | bigint, v6: boolean): string[] | null {
  let lo = 0; // always the start of a line
  let hi = bytes.length; // always the start of a line, or the end
  let best = -1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : bytes.lastIndexOf(NEWLINE, mid - 1) + 1;
    const next = bytes.indexOf(NEWLINE, start);
    const lineEnd = next < 0 ? bytes.length : next;
    const first = leadingNumber(bytes, start, v6);
    if (first !== null && first <= x) {
      best = start;
      lo = lineEnd + 1;
    } else hi = start;
  }
  if (best < 0) return null;
  const next = bytes.indexOf(NEWLINE, best);
  const cols = splitCsv(bytes.toString('utf8', best, next < 0 ? bytes.length : next));
  const end = v6 ? BigInt(cols[1]!) : Number(cols[1]);
  return x <= end ? cols : null;
}

interface Tables {
  readonly asn: Buffer;
  readonly country: Buffer;
}

// Immutable reference data, read at most once per process (like the rules); never scan state.
const loaded: { v4?: Tables; v6?: Tables } = {};

function tables(v6: boolean): Tables {
  const key = v6 ? 'v6' : 'v4';
  const have = loaded[key];
  if (have) return have;
  const fam = v6 ? 'ipv6' : 'ipv4';
  const t: Tables = {
    asn: readFileSync(require.resolve(`@ip-location-db/asn/asn-${fam}-num.csv`)),
    country: readFileSync(require.resolve(`@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-${fam}-num.csv`)),
  };
  loaded[key] = t;
  return t;
}

/** The address as a number (IPv4) or bigint (IPv6), with IPv4-mapped IPv6 read as IPv4; null if invalid. */
function numeric(ip: string): { v6: false; n: number } | { v6: true; n: bigint } | null {
  if (!ipaddr.isValid(ip)) return null;
  let parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return { v6: false, n: parsed.toByteArray().reduce((acc, b) => acc * 256 + b, 0) };
  return { v6: true, n: parsed.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n) };
}

/** Network (ASN, organisation) and allocation country of one address; nulls where the databases are silent. */
export function lookupHosting(ip: string): HostingFacts {
  const num = numeric(ip);
  if (num === null) return { ip, asn: null, org: null, country: null };
  const t = tables(num.v6);
  const asnRow = findRow(t.asn, num.n, num.v6);
  const countryRow = findRow(t.country, num.n, num.v6);
  const asn = asnRow?.[2] ? Number(asnRow[2]) : null;
  return { ip, asn: asn !== null && Number.isFinite(asn) ? asn : null, org: asnRow?.[3] || null, country: countryRow?.[2] || null };
}

/** Hosting facts of every address of a DNS answer, in order, without duplicates. */
export function hostingOf(addresses: readonly string[]): HostingFacts[] {
  return [...new Set(addresses)].map(lookupHosting);
}
