/**
 * Hosting network and country of an address, from the IP databases shipped as npm packages
 * (@ip-location-db/asn: RouteViews + DB-IP ASN ranges; @ip-location-db/geo-whois-asn-country: the RIRs'
 * country of allocation). Nothing is downloaded at run time. Each table is read lazily, once per process,
 * into sorted typed arrays and searched by bisection; IPv6 tables only when an IPv6 address is asked about.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';
import type { HostingFacts } from '../model/snapshot.js';

const require = createRequire(import.meta.url);

/** Sorted, non-overlapping ranges with a value index each. */
interface RangeTable<K extends number | bigint> {
  readonly starts: K[] | Float64Array;
  readonly ends: K[] | Float64Array;
  readonly values: Uint32Array;
  readonly dictionary: readonly string[];
}

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

/** Loads a `-num.csv` table: columns start,end,…; `value` picks the string kept per row. */
function loadTable(file: string, v6: boolean, value: (cols: string[]) => string): RangeTable<number> | RangeTable<bigint> {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const dict = new Map<string, number>();
  const dictionary: string[] = [];
  const values = new Uint32Array(lines.length);
  const starts4 = v6 ? null : new Float64Array(lines.length);
  const ends4 = v6 ? null : new Float64Array(lines.length);
  const starts6: bigint[] = [];
  const ends6: bigint[] = [];
  let n = 0;
  for (const line of lines) {
    if (line === '') continue;
    const cols = splitCsv(line);
    const v = value(cols);
    let id = dict.get(v);
    if (id === undefined) {
      id = dictionary.length;
      dictionary.push(v);
      dict.set(v, id);
    }
    if (v6) {
      starts6.push(BigInt(cols[0]!));
      ends6.push(BigInt(cols[1]!));
    } else {
      starts4![n] = Number(cols[0]);
      ends4![n] = Number(cols[1]);
    }
    values[n] = id;
    n++;
  }
  // The files are sorted by start already (the package's format); they are used as they come.
  if (v6) return { starts: starts6, ends: ends6, values: values.subarray(0, n), dictionary };
  return { starts: starts4!.subarray(0, n), ends: ends4!.subarray(0, n), values: values.subarray(0, n), dictionary };
}

/** Index of the range holding `x`, or -1 (bisection over starts). */
function find<K extends number | bigint>(t: RangeTable<K>, x: K): number {
  let lo = 0;
  let hi = t.starts.length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((t.starts[mid] as K) <= x) {
      hit = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return hit >= 0 && x <= (t.ends[hit] as K) ? hit : -1;
}

interface Tables {
  asn: RangeTable<number> | RangeTable<bigint>;
  country: RangeTable<number> | RangeTable<bigint>;
}

// Immutable reference data, read at most once per process (like the rules); never scan state.
const loaded: { v4?: Tables; v6?: Tables } = {};

function tables(v6: boolean): Tables {
  const key = v6 ? 'v6' : 'v4';
  const have = loaded[key];
  if (have) return have;
  const fam = v6 ? 'ipv6' : 'ipv4';
  const asnFile = require.resolve(`@ip-location-db/asn/asn-${fam}-num.csv`);
  const countryFile = require.resolve(`@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-${fam}-num.csv`);
  const t: Tables = {
    // "asn|org" kept as one dictionary string: many ranges share both.
    asn: loadTable(asnFile, v6, (c) => `${c[2] ?? ''}|${c[3] ?? ''}`),
    country: loadTable(countryFile, v6, (c) => c[2] ?? ''),
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
  const ai = num.v6 ? find(t.asn as RangeTable<bigint>, num.n) : find(t.asn as RangeTable<number>, num.n);
  const ci = num.v6 ? find(t.country as RangeTable<bigint>, num.n) : find(t.country as RangeTable<number>, num.n);
  let asn: number | null = null;
  let org: string | null = null;
  if (ai >= 0) {
    const [a, o] = t.asn.dictionary[t.asn.values[ai]!]!.split(/\|(.*)/s);
    asn = a ? Number(a) : null;
    org = o ? o : null;
  }
  const country = ci >= 0 ? t.country.dictionary[t.country.values[ci]!]! || null : null;
  return { ip, asn: Number.isFinite(asn) ? asn : null, org, country };
}

/** Hosting facts of every address of a DNS answer, in order, without duplicates. */
export function hostingOf(addresses: readonly string[]): HostingFacts[] {
  return [...new Set(addresses)].map(lookupHosting);
}
