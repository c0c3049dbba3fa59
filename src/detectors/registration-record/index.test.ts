import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import type { PageSnapshot, WhoisAnswer } from '../../model/snapshot.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import { corpus } from '../../sandbox/corpus/index.js';
import type { WhoisFacts } from '../../sandbox/corpus/types.js';
import { formatCnnic, formatIcann } from '../../sandbox/whois-server.js';
import type { Signal } from '../../model/signal.js';
import { creationDate, parseWhoisFields } from '../../model/whois.js';
import {
  ESTABLISHED_SIGNAL,
  HOSTING_SIGNAL,
  INDIVIDUAL_SIGNAL,
  PRIVACY_SIGNAL,
  REGISTRAR_SIGNAL,
  WHOIS_MISSING_SIGNAL,
  YOUNG_SIGNAL,
  registrantOf,
  registrationRecord,
  youngScore,
} from './index.js';

// The crawler's own parser, so the fixtures have exactly the keys a scan stores.
const parseRawData = parseWhoisFields;

const { platforms } = loadRules();
/** The corpus's "now" and the fixture's visit time. */
const VISIT = '2026-11-22T03:01:00.000Z';

/** A WHOIS answer as the crawler stores it, rendered by the sandbox registry in CNNIC or ICANN layout. */
function whoisOf(domain: string, facts: WhoisFacts): WhoisAnswer {
  const raw = domain.endsWith('.cn') ? formatCnnic(domain, facts) : formatIcann(domain, facts, '127.0.0.1:43', new Date(VISIT));
  return { domain, server: '127.0.0.1:43', raw, fields: parseRawData(raw), error: null };
}

const MEM_TEXT = '中华人民共和国应急管理部 特种作业操作证及安全生产知识和管理能力考核合格信息查询 证件号码 姓名';

function visit(host: string, facts: WhoisFacts | null, opts: { a?: string[]; text?: string; title?: string; startedAt?: string } = {}): PageSnapshot {
  const base = pageSnapshot(`http://${host}/`);
  return pageSnapshot(`http://${host}/`, {
    text: opts.text ?? base.text,
    title: opts.title ?? base.title,
    whois: facts === null ? null : whoisOf(getDomain(host, { allowPrivateDomains: true }) ?? host, facts),
    dns: { host, a: opts.a ?? ['127.0.0.1'], aaaa: [], ns: [], mx: [], error: null, server: 'system' },
    timings: { ...base.timings, startedAt: opts.startedAt ?? VISIT },
  });
}

function detect(snapshot: PageSnapshot): Signal[] {
  return registrationRecord.detect({ snapshot, references: [], platforms, readArtifact: () => null });
}

const byId = (signals: Signal[], id: string): Signal | undefined => signals.find((s) => s.id === id);
const fresh = (created: string, registrar: string, registrant: string): WhoisFacts => ({ created, registrar, registrant, privacy: true });

describe('youngScore', () => {
  it.each([
    [5, 0.9, 0.9],
    [30, 0.9, 0.9],
    [100, 0.6, 0.8],
    [179, 0.5, 0.55],
    [400, 0.2, 0.35],
    [729, 0, 0.01],
    [731, 0, 0],
    [-3, 0, 0],
  ])('at %i days scores between %f and %f', (days, lo, hi) => {
    const s = youngScore(days);
    expect(s).toBeGreaterThanOrEqual(lo);
    expect(s).toBeLessThanOrEqual(hi);
  });
});

describe('reading the sandbox registry formats', () => {
  it('finds the creation date in a CNNIC record (Registration Time)', () => {
    const w = whoisOf('cx-mem-gov.cn', { created: '2026-09-03', registrar: '成都西维数码科技有限公司', registrant: '李伟', privacy: false });
    expect(w.fields['registrationTime']).toBeDefined();
    // CNNIC writes Beijing time without a zone: midnight on 3 September in Beijing is 16:00 UTC the day before.
    expect(creationDate(w)?.toISOString()).toBe('2026-09-02T16:00:00.000Z');
  });

  it('finds the creation date in an ICANN record (Creation Date)', () => {
    const w = whoisOf('mem-cx.net', fresh('2026-10-02', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot'));
    expect(creationDate(w)?.toISOString().slice(0, 10)).toBe('2026-10-02');
  });

  it('falls back to the raw text when the parser found no date field', () => {
    const w: WhoisAnswer = { domain: 'x.com', server: null, raw: 'Domain: X.COM\n   Created On: 2026-11-01T00:00:00Z\n', fields: {}, error: null };
    expect(creationDate(w)?.toISOString().slice(0, 10)).toBe('2026-11-01');
  });

  it('knows schools by the names Chinese schools have (中学, 小学, 幼儿园), not only 学校', () => {
    for (const name of ['德阳市第五中学', '杭州市天长小学', '北京市第一幼儿园']) {
      const raw = `Domain Name: school.cn\nRegistrant: ${name}\n`;
      expect(registrantOf({ domain: 'school.cn', server: null, raw, fields: parseRawData(raw), error: null }), name).toMatchObject({ kind: 'organisation', name });
    }
  });

  it('treats a GDPR-redacted person beside a named company as the company', () => {
    const raw = 'Domain Name: EXAMPLE.COM\nRegistrant Name: REDACTED FOR PRIVACY\nRegistrant Organization: Example Trading Co., Ltd.\n';
    const r = registrantOf({ domain: 'example.com', server: null, raw, fields: parseRawData(raw), error: null });
    expect(r.kind).toBe('organisation');
  });
});

describe('registration-record: counterfeit evidence', () => {
  it('flags a name registered ten days before the visit as strongly young', () => {
    const s = byId(detect(visit('cx-mem-gov.cn', { created: '2026-11-12', registrar: '成都西维数码科技有限公司', registrant: '李伟', privacy: false })), YOUNG_SIGNAL);
    expect(s?.score).toBeGreaterThanOrEqual(0.85);
    expect(s?.evidence).toMatchObject({ ageDays: 10, created: '2026-11-12' });
  });

  it('rates a name registered about four months before the visit as medium', () => {
    const s = byId(detect(visit('mohurd-zlaq.com.cn', { created: '2026-07-21', registrar: 'Gname.com Pte. Ltd.', registrant: '王建国', privacy: false })), YOUNG_SIGNAL);
    expect(s?.score).toBeGreaterThan(0.4);
    expect(s?.score).toBeLessThan(0.8);
  });

  it('measures age to the visit, not to the clock, so a stored snapshot re-scores the same', () => {
    const facts = fresh('2026-10-02', 'Dynadot Inc', 'REDACTED FOR PRIVACY');
    const then = visit('mem-cx.net', facts);
    expect(detect(then)).toEqual(detect(then));
    expect(byId(detect(visit('mem-cx.net', facts, { startedAt: '2030-01-01T00:00:00.000Z' })), YOUNG_SIGNAL)).toBeUndefined();
  });

  it('flags a privacy-protected registrant at a registrar common in abuse reports', () => {
    const signals = detect(visit('mem-cx.net', fresh('2026-10-02', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot')));
    expect(byId(signals, PRIVACY_SIGNAL)?.score).toBe(0.6);
    expect(byId(signals, REGISTRAR_SIGNAL)?.evidence).toMatchObject({ matched: 'dynadot' });
    expect(byId(signals, ESTABLISHED_SIGNAL)).toBeUndefined();
  });

  it.each(['REDACTED FOR PRIVACY', 'Withheld for Privacy ehf', 'Whois Privacy Protection Service'])('recognises the privacy wording "%s"', (who) => {
    expect(byId(detect(visit('cx-mem-gov-cn.com', fresh('2026-08-29', 'NameCheap, Inc.', who))), PRIVACY_SIGNAL)).toBeDefined();
  });

  it('notes a .cn name registered to a private person', () => {
    const s = byId(detect(visit('zlaq-mohurd.cn', { created: '2026-08-02', registrar: '成都西维数码科技有限公司', registrant: '张磊', privacy: false })), INDIVIDUAL_SIGNAL);
    expect(s?.score).toBe(0.4);
    expect(s?.detail).toContain('张磊');
  });

  it('lists a resolving name the registry has no record of, weakly', () => {
    const snap = pageSnapshot('http://cx-mem-gov.pw/', {
      whois: { domain: 'cx-mem-gov.pw', server: '127.0.0.1:43', raw: 'No match for "CX-MEM-GOV.PW".', fields: {}, error: 'no match' },
    });
    expect(byId(detect(snap), WHOIS_MISSING_SIGNAL)?.score).toBe(0.5);
  });

  it('says nothing about WHOIS when the lookup itself failed', () => {
    const snap = pageSnapshot('http://cx-mem-gov.pw/', { whois: { domain: 'cx-mem-gov.pw', server: null, raw: '', fields: {}, error: 'timeout' } });
    expect(detect(snap).filter((s) => s.id.startsWith('record.') && s.id !== HOSTING_SIGNAL)).toEqual([]);
  });
});

describe('registration-record: hosting', () => {
  // What the crawler looked up in ip-location-db when it visited (snapshot.hosting); the detector has no table.
  type Facts = { ip: string; asn: number | null; org: string | null; country: string | null };
  const hosted = (snap: PageSnapshot, hosting: Facts[]): PageSnapshot => ({ ...snap, hosting });
  const US = { ip: '45.207.36.149', asn: 11427, org: 'Charter Communications Inc', country: 'US' };

  it('rates overseas hosting of a page claiming the MEM platform as medium, naming the platform', () => {
    const s = byId(detect(hosted(visit('cx-mem.com.cn', null, { a: [US.ip], text: MEM_TEXT }), [US])), HOSTING_SIGNAL);
    expect(s?.score).toBe(0.6);
    expect(s?.platform).toBe('mem-cx');
    expect(s?.detail).toContain('US, Charter Communications Inc AS11427');
    expect(s?.evidence).toMatchObject({ addresses: [{ ip: US.ip, country: 'US', source: 'ip-database' }] });
  });

  it('rates overseas hosting of a page that claims no platform as weak', () => {
    const ip = { ip: '47.91.170.222', asn: 45102, org: 'Alibaba (US) Technology Co., Ltd.', country: 'US' };
    const s = byId(detect(hosted(visit('cxmem.net', null, { a: [ip.ip], title: 'CX Memory', text: 'CX Memory DDR5 modules' }), [ip])), HOSTING_SIGNAL);
    expect(s?.score).toBe(0.2);
    expect(s?.platform).toBeNull();
  });

  it.each([
    ['mainland hosting', [{ ip: '124.239.227.90', asn: 4134, org: 'Chinanet', country: 'CN' }]],
    ['one mainland address among several', [US, { ip: '123.57.218.40', asn: 37963, org: 'Hangzhou Alibaba Advertising Co.,Ltd.', country: 'CN' }]],
    ['an address the databases know no country of', [{ ip: '192.0.2.7', asn: null, org: null, country: null }]],
  ])('says nothing for %s', (_name, facts) => {
    const snap = hosted(visit('cx.example.cn', null, { a: facts.map((f) => f.ip), text: MEM_TEXT }), facts);
    expect(byId(detect(snap), HOSTING_SIGNAL)).toBeUndefined();
  });

  it('knows no country the crawler did not look up: sandbox address tables never reach production', () => {
    // 103.214.5.88 was a sandbox block once kept beside this detector as "HK"; a snapshot without hosting facts
    // (stored before they were captured) now says nothing rather than what a test table claimed.
    expect(byId(detect(visit('cx-mem.com.cn', null, { a: ['103.214.5.88'], text: MEM_TEXT })), HOSTING_SIGNAL)).toBeUndefined();
  });
});

describe('registration-record: benign pages', () => {
  const cases: { name: string; host: string; facts: WhoisFacts; a: string }[] = [
    { name: 'the official MEM platform', host: 'cx.mem.gov.cn', facts: { created: '2018-04-12', registrar: '中国互联网络信息中心（政务和公益机构域名注册管理中心）', registrant: '中华人民共和国应急管理部', privacy: false }, a: '124.239.227.90' },
    { name: 'a newspaper quoting the official address', host: 'www.workercn.cn', facts: { created: '2008-06-18', registrar: '北京新网数码信息技术有限公司', registrant: '工人日报社', privacy: false }, a: '111.206.62.118' },
    { name: 'a training school linking to the platform', host: 'www.jzdgpx.com', facts: { created: '2015-03-11', registrar: '阿里云计算有限公司（万网）', registrant: '大连金州电工培训学校', privacy: false }, a: '47.104.213.61' },
    { name: 'an unrelated company with a similar name', host: 'cxmem.com', facts: { created: '2012-02-14', registrar: '阿里云计算有限公司（万网）', registrant: '深圳市创芯存储科技有限公司', privacy: false }, a: '120.79.31.200' },
  ];

  it.each(cases)('gives $name benign evidence and no counterfeit evidence', ({ host, facts, a }) => {
    const signals = detect(visit(host, facts, { a: [a], text: MEM_TEXT }));
    expect(byId(signals, ESTABLISHED_SIGNAL)?.score).toBe(1);
    expect(signals.filter((s) => s.id !== ESTABLISHED_SIGNAL)).toEqual([]);
  });

  it('rates a name between two and five years old as partly established', () => {
    const s = byId(detect(visit('www.example.cn', { created: '2023-05-01', registrar: '阿里云计算有限公司（万网）', registrant: '杭州示例科技有限公司', privacy: false })), ESTABLISHED_SIGNAL);
    expect(s?.score).toBeGreaterThan(0.5);
    expect(s?.score).toBeLessThan(1);
  });

  it('ignores the WHOIS of a shared-hosting parent (x.github.io describes GitHub, not the site)', () => {
    const snap = pageSnapshot('https://cx-mem.github.io/', {
      whois: whoisOf('github.io', { created: '2013-03-08', registrar: 'MarkMonitor Inc.', registrant: 'GitHub, Inc.', privacy: false }),
    });
    expect(detect(snap).filter((s) => s.id !== HOSTING_SIGNAL)).toEqual([]);
  });

  it('reads the WHOIS of a name registered under a private suffix when asked about that name (x.cn.com)', () => {
    const facts = fresh('2026-10-28', 'CentralNic Ltd', 'REDACTED FOR PRIVACY');
    const own = pageSnapshot('http://cxmem-gov.cn.com/', { whois: whoisOf('cxmem-gov.cn.com', facts) });
    const operator = pageSnapshot('http://cxmem-gov.cn.com/', { whois: whoisOf('cn.com', { created: '1996-01-01', registrar: 'CentralNic Ltd', registrant: 'CentralNic Ltd', privacy: false }) });
    expect(byId(detect(own), YOUNG_SIGNAL)).toBeDefined();
    expect(byId(detect(operator), ESTABLISHED_SIGNAL)).toBeUndefined();
  });
});

describe('registration-record over the sandbox corpus (holdout sites excluded)', () => {
  const sites = corpus.filter((s) => s.holdout === undefined && s.whois !== undefined && (s.a ?? []).length > 0);
  // A fake planted at a path of an old site (`entry`) is as old as the site by design: the tests below keep its
  // age from vouching for it.
  const counterfeits = sites.filter((s) => s.label === 'counterfeit' && s.entry === undefined);
  const benign = sites.filter((s) => s.label === 'official' || s.label === 'benign');

  it('has cases of both kinds to check', () => {
    expect(counterfeits.length).toBeGreaterThan(5);
    expect(benign.length).toBeGreaterThan(5);
  });

  it.each(counterfeits.map((s) => [s.host, s] as const))('finds the counterfeit %s young', (_host, site) => {
    const signals = detect(visit(site.host, site.whois ?? null, { a: [...(site.a ?? [])] }));
    expect(byId(signals, YOUNG_SIGNAL)?.score).toBeGreaterThanOrEqual(0.4);
    expect(byId(signals, ESTABLISHED_SIGNAL)).toBeUndefined();
  });

  it.each(benign.map((s) => [s.host, s] as const))('finds no young name, privacy or abuse registrar for %s', (_host, site) => {
    const signals = detect(visit(site.host, site.whois ?? null, { a: [...(site.a ?? [])] }));
    expect(signals.filter((s) => [YOUNG_SIGNAL, PRIVACY_SIGNAL, REGISTRAR_SIGNAL].includes(s.id))).toEqual([]);
  });
});

describe('registration-record: a domain\'s age does not vouch for a page planted at a path of it', () => {
  // A machinery maker's site registered in 2009; someone has put a copy of the MEM query at /zscx/.
  const OLD: WhoisFacts = { created: '2009-04-16', registrar: '厦门易名科技股份有限公司', registrant: '河北某某机械制造有限公司', privacy: false };
  const at = (url: string, text: string, forms = pageSnapshot(url).forms): PageSnapshot => ({
    ...visit('www.hb-jixie.com', OLD, { text, title: text.slice(0, 12) }),
    url,
    finalUrl: url,
    forms,
  });

  it('vouches for the site at its root', () => {
    expect(byId(detect(at('http://www.hb-jixie.com/', MEM_TEXT)), ESTABLISHED_SIGNAL)?.score).toBe(1);
  });

  it('withholds the discount from a platform\'s certificate query served at a path below the root', () => {
    expect(byId(detect(at('http://www.hb-jixie.com/zscx/index.html', MEM_TEXT)), ESTABLISHED_SIGNAL)).toBeUndefined();
  });

  it('still vouches for the site\'s own pages at a path: a school\'s results query that claims no platform, an article', () => {
    expect(byId(detect(at('http://www.hb-jixie.com/xy/cjcx', '学员成绩查询 证件号码 姓名')), ESTABLISHED_SIGNAL)?.score).toBe(1);
    // Two generic words a platform's phrases share (信息查询, 证件号码) are not a claim to be the platform.
    expect(byId(detect(at('http://www.hb-jixie.com/xy/cjcx', '学业水平考试成绩信息查询 证件号码 姓名')), ESTABLISHED_SIGNAL)?.score).toBe(1);
    expect(byId(detect(at('http://www.hb-jixie.com/news/1.html', MEM_TEXT, [])), ESTABLISHED_SIGNAL)?.score).toBe(1);
  });
});
