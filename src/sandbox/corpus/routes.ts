/** Route helpers and the official replicas' assets, shared by the corpus files (index.ts, operators.ts). */
import type { ForgedRecord, Route, WhoisFacts } from './types.js';

export const HTML = 'text/html; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';
export const JS = 'application/javascript; charset=utf-8';
export const SVG = 'image/svg+xml';

export const html = (file: string): Route => ({ kind: 'page', file, contentType: HTML });
export const css = (file: string): Route => ({ kind: 'page', file, contentType: CSS });
export const js = (file: string): Route => ({ kind: 'page', file, contentType: JS });
export const svg = (file: string): Route => ({ kind: 'page', file, contentType: SVG });

/** The official MEM replica's assets, which the faithful copies serve byte for byte. */
export const memAssets: Readonly<Record<string, Route>> = {
  '/css/main.css': css('cx.mem.gov.cn/css/main.css'),
  '/images/emblem.svg': svg('cx.mem.gov.cn/images/emblem.svg'),
  '/images/beian.svg': svg('cx.mem.gov.cn/images/beian.svg'),
  '/js/captcha.js': js('cx.mem.gov.cn/js/captcha.js'),
  '/favicon.ico': svg('cx.mem.gov.cn/images/favicon.svg'),
};

/** The official MOHURD replica's assets, which the MOHURD copies serve byte for byte. */
export const zlaqAssets: Readonly<Record<string, Route>> = {
  '/static/portal.css': css('zlaq.mohurd.gov.cn/static/portal.css'),
  '/static/logo.svg': svg('zlaq.mohurd.gov.cn/static/logo.svg'),
  '/static/code.svg': svg('zlaq.mohurd.gov.cn/static/code.svg'),
  '/favicon.ico': svg('zlaq.mohurd.gov.cn/static/favicon.svg'),
};

/** The official SAMR register's assets (cnse.e-cqs.cn), which the SAMR copies serve byte for byte. */
export const cnseAssets: Readonly<Record<string, Route>> = {
  '/info-pub/static/pub.css': css('cnse.e-cqs.cn/info-pub/static/pub.css'),
  '/info-pub/static/samr.svg': svg('cnse.e-cqs.cn/info-pub/static/samr.svg'),
  '/info-pub/static/captcha.svg': svg('cnse.e-cqs.cn/info-pub/static/captcha.svg'),
  '/favicon.ico': svg('cnse.e-cqs.cn/info-pub/static/samr.svg'),
};

/**
 * The certificates a fake holds: the ones it sold. Real fakes answer these "valid" and everything else with a
 * "no record" of their own (查无此人) or a copy of the official wording, so an impossible certificate is
 * refused there just as on the platform and the probe proves nothing (the external blind corpus found most
 * fakes so). Only the fakes whose design is a form that declares every query valid keep `always-valid`.
 */
export const SOLD: readonly ForgedRecord[] = [{ idcard: '410105198803127719', name: '赵建国' }];
/** A fake's query that holds only what it sold and answers 查无此人 otherwise. */
export const noSuchPerson = (): Route => ({ kind: 'query', answer: 'no-record', noRecordText: '查无此人', records: SOLD });
/** A fake's query that holds only what it sold and answers with the official wording otherwise. */
export const officialNoRecord = (): Route => ({ kind: 'query', answer: 'no-record', records: SOLD });

/** WHOIS facts of an open record (privacy and the rest given in `more`); expiry one year on unless given. */
export function whoisRecord(created: string, registrar: string, registrant: string, more: Partial<WhoisFacts> = {}): WhoisFacts {
  const expires = `${Number(created.slice(0, 4)) + 1}${created.slice(4)}`;
  return { created, expires, registrar, registrant, privacy: false, ...more };
}
