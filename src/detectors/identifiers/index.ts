/**
 * identifiers: what a stored snapshot leaks about who runs the site — contacts, analytics and chat-widget
 * accounts, the WHOIS registrant, name servers, addresses and network, the TLS certificate, same-site script
 * bundles, inline scripts, the page's template (its DOM skeleton) and favicon — each with its normalised value
 * and where on the site it was read. A pure function like a detector (snapshot + bytes by SHA-256 → facts),
 * but not a signal detector: identifiers say who, not whether; pipeline/operators.ts compares them across
 * sites to link sites to one operator (串并案).
 */
import { createHash } from 'node:crypto';
import { load as loadHtml, type CheerioAPI } from 'cheerio';
// cheerio's own node types (it re-exports none of them); a type-only import of its parser's package.
import type { AnyNode, Element } from 'domhandler';
import { identifierKey, IDENTIFIER_STRENGTH, type Identifier, type IdentifierKind, type IdentifierWhere } from '../../model/identifier.js';
import type { PageSnapshot } from '../../model/snapshot.js';
import { hostOf, isGovCn, registrableDomainOf, siteOf } from '../../model/host.js';
import { registrantOf, registrarOf } from '../../model/whois.js';
import { findContacts, normalisePhone, snippetAround } from './contacts.js';
import { findServices } from './services.js';
import DATA from './data.json' with { type: 'json' };

export { findContacts, foldForContacts, normalisePhone } from './contacts.js';
export { findServices } from './services.js';

/** What the extraction reads: the snapshot and the stored bytes it names (HTML, scripts). */
export interface IdentifierInput {
  readonly snapshot: PageSnapshot;
  readonly readArtifact: (sha256: string) => Buffer | null;
}

/** Bumped whenever extraction changes, so stored extractions are redone (data/operators.ts keeps the version). */
export const EXTRACTOR_VERSION = 4;

const SCRIPT_READ_CAP = 1024 * 1024;
const INLINE_MIN_CHARS = 200;
/** A body with fewer elements than this is a stub (a redirect page, "Found"): its skeleton is everyone's. */
const SKELETON_MIN_ELEMENTS = 12;

const privacyDomains = new Set(DATA.privacyEmailDomains.domains.map((d) => d.toLowerCase()));
const privacyLocal = new RegExp(DATA.privacyLocalPart.pattern, 'i');
const privacyName = new RegExp(DATA.privacyName.pattern, 'i');
const popularRegistrars = DATA.popularRegistrars.names.map((n) => n.toLowerCase());
const sharedNs = new Set(DATA.sharedNameServers.domains.map((d) => d.toLowerCase()));
const cdnAsns = new Set<number>(DATA.cloudAsns.cdn);
const cloudAsns = new Set<number>(DATA.cloudAsns.cloud);
const cdnOrgs = new RegExp(DATA.cdnOrgs.pattern, 'i');
const libraryFile = new RegExp(DATA.libraryScripts.fileName, 'i');
const libraryBanner = new RegExp(DATA.libraryScripts.banner, 'i');
const publicScriptHosts = DATA.publicScriptHosts.domains.map((d) => d.toLowerCase());
const publicSites = DATA.publicSites.domains.map((d) => d.toLowerCase());
const stockTitle = new RegExp(DATA.stockPages.pattern, 'i');
const sharedCertIssuer = new RegExp(DATA.sharedCertificates.issuer, 'i');

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const under = (host: string, domains: readonly string[]) => domains.some((d) => host === d || host.endsWith(`.${d}`));

/** Collects identifiers, one per (kind, value, source, locator). */
class Collector {
  readonly out: Identifier[] = [];
  private readonly seen = new Set<string>();

  add(kind: IdentifierKind, value: string, raw: string, where: IdentifierWhere, shared?: string | null): void {
    if (value === '') return;
    const key = `${identifierKey({ kind, value })}|${where.source}|${where.locator}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push({
      kind,
      value,
      strength: IDENTIFIER_STRENGTH[kind],
      raw: raw.slice(0, 300),
      where: { ...where, snippet: where.snippet.slice(0, 200) },
      ...(shared ? { shared } : {}),
    });
  }
}

/** Why an e-mail address is a privacy service's or a service desk's, or null when it may be a person's. */
export function sharedEmail(email: string): string | null {
  const [local = '', domain = ''] = email.split('@');
  if (privacyDomains.has(domain) || [...privacyDomains].some((d) => domain.endsWith(`.${d}`))) return `隐私保护或注册商转发邮箱（${domain}）`;
  if (privacyLocal.test(local)) return '服务台或隐私保护邮箱';
  return null;
}

/** Why a registrar is everyone's, or null. */
function sharedRegistrar(name: string): string | null {
  const n = name.toLowerCase();
  return popularRegistrars.some((p) => n.includes(p)) ? '常见注册商（大量网站共用）' : null;
}

/** Contacts and service accounts in one text, added with where they were read. */
function fromText(c: Collector, text: string, source: IdentifierWhere['source'], locator: string): void {
  for (const f of findContacts(text)) {
    const shared = f.kind === 'email' ? sharedEmail(f.value) : null;
    c.add(f.kind, f.value, f.raw, { source, locator, snippet: snippetAround(text, f.at, f.end) }, shared);
  }
  for (const s of findServices(text)) {
    const snippet = s.at >= 0 ? snippetAround(text, s.at, s.end, 20) : s.raw;
    c.add(s.kind, s.value, s.raw, { source, locator, snippet });
  }
}

/** A short CSS-like path to an element (tag#id.class, up to three ancestors): where on the page it sits. */
function selectorOf($: CheerioAPI, el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && parts.length < 4 && node.type === 'tag'; node = node.parent as Element | null) {
    if (node.name === 'html' || node.name === 'body') break;
    const id = $(node).attr('id');
    const cls = ($(node).attr('class') ?? '').trim().split(/\s+/).filter(Boolean)[0];
    parts.unshift(`${node.name}${id ? `#${id}` : cls ? `.${cls}` : ''}`);
    if (id) break;
  }
  return parts.join(' > ') || el.name;
}

/** Contact links in the HTML: tel:, mailto:, QQ chat and group links, WeChat and Telegram links. */
function fromLinks(c: Collector, $: CheerioAPI): void {
  $('a[href], area[href], iframe[src], img[src]').each((_i, node) => {
    const el = node as Element;
    const href = ($(el).attr('href') ?? $(el).attr('src') ?? '').trim();
    const where = (snippet: string): IdentifierWhere => ({ source: 'html', locator: selectorOf($, el), snippet });
    const label = $(el).text().replace(/\s+/g, ' ').trim().slice(0, 60);
    let m: RegExpExecArray | null;
    if ((m = /^tel:(.+)$/i.exec(href))) {
      const phone = normalisePhone(decodeURIComponent(m[1]!));
      if (phone) c.add('phone', phone, href, where(`${label} <${href}>`));
    } else if ((m = /^mailto:([^?]+)/i.exec(href))) {
      const email = decodeURIComponent(m[1]!).trim().toLowerCase();
      if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(email)) c.add('email', email, href, where(`${label} <${href}>`), sharedEmail(email));
    } else if ((m = /(?:tencent:\/\/message\/\?|wpa\.qq\.com\/msgrd\?|mqqwpa:\/\/im\/chat\?|wpa\.qq\.com\/[^?]*\?)[^"'\s]*?\buin=([1-9]\d{4,11})/i.exec(href))) {
      c.add('qq', m[1]!, href, where(`${label} <${href}>`));
    } else if ((m = /(?:qm\.qq\.com\/cgi-bin\/qm\/qr\?|jq\.qq\.com\/\?)[^"'\s]*?\bk=([A-Za-z0-9_-]{6,64})/i.exec(href))) {
      c.add('qq-group', `k:${m[1]!}`, href, where(`${label} <${href}>`));
    } else if ((m = /^weixin:\/\/(?:contacts\/profile\/|dl\/chat\?)([A-Za-z][-_A-Za-z0-9]{5,19})/i.exec(href))) {
      c.add('wechat', m[1]!.toLowerCase(), href, where(`${label} <${href}>`));
    } else if ((m = /^(?:https?:)?\/\/(?:t|telegram)\.me\/([A-Za-z][A-Za-z0-9_]{4,31})\b/i.exec(href))) {
      c.add('telegram', m[1]!.toLowerCase(), href, where(`${label} <${href}>`));
    }
  });
}

/** Text a visitor cannot see but a page still carries: hidden elements, noscript, alt/title/data-* attributes. */
function hiddenText($: CheerioAPI): string {
  const parts: string[] = [];
  $('[alt], [title], [data-wx], [data-weixin], [data-qq], [data-tel], [data-phone], [data-clipboard-text]').each((_i, node) => {
    for (const [k, v] of Object.entries((node as Element).attribs)) if (/^(alt|title|data-)/.test(k) && v.trim()) parts.push(v.trim());
  });
  $('noscript, [hidden], [style*="display:none"], [style*="display: none"]').each((_i, node) => void parts.push($(node).text()));
  return parts.join('\n');
}

/**
 * The page's template: element names in document order with their nesting, no text, no attributes, no
 * scripts or styles. Two sites built from one kit share it even when every word differs.
 */
export function domSkeleton($: CheerioAPI): { hash: string; elements: number; preview: string } | null {
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta']);
  let elements = 0;
  const walk = (node: AnyNode): string => {
    if (node.type !== 'tag') return '';
    const el = node as Element;
    if (SKIP.has(el.name)) return '';
    elements++;
    const kids = el.children.map(walk).filter(Boolean).join(',');
    return kids ? `${el.name}(${kids})` : el.name;
  };
  const body = $('body').get(0);
  if (!body) return null;
  const tree = walk(body);
  if (elements < SKELETON_MIN_ELEMENTS) return null;
  return { hash: sha256(tree), elements, preview: tree.slice(0, 160) };
}

/** Whether a script is a public library (by name or licence banner) rather than the site's own code. */
export function isLibraryScript(url: string, head: string): boolean {
  let file = url;
  try {
    file = new URL(url).pathname;
  } catch {
    // a relative name: test it as given
  }
  return libraryFile.test(file) || libraryBanner.test(head);
}

/**
 * Contacts in code count only where they are written for a reader: an e-mail address, or a contact with
 * Chinese words or punctuation just before it (客服微信：…, QQ：… after 客服); `wx = "…"` could be anything.
 */
function contactsInCode(c: Collector, code: string, source: IdentifierWhere['source'], locator: string): void {
  for (const f of findContacts(code)) {
    if (f.kind !== 'email' && !/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(code.slice(Math.max(0, f.at - 16), f.end))) continue;
    c.add(f.kind, f.value, f.raw, { source, locator, snippet: snippetAround(code, f.at, f.end) }, f.kind === 'email' ? sharedEmail(f.value) : null);
  }
}

function fromHtml(c: Collector, snap: PageSnapshot, html: string): void {
  const $ = loadHtml(html);
  fromLinks(c, $);
  fromText(c, hiddenText($), 'html', '隐藏文字或属性');
  const pageSite = siteOf(snap.finalUrl);
  // Accounts anywhere in the source: script URLs, inline snippets, chat links and iframes.
  for (const s of findServices(html)) {
    c.add(s.kind, s.value, s.raw, { source: 'html', locator: '网页源代码', snippet: s.at >= 0 ? snippetAround(html, s.at, s.end, 20) : s.raw });
  }
  // Third-party script hosts and the page's own inline code.
  $('script').each((i, node) => {
    const el = node as Element;
    const src = $(el).attr('src')?.trim();
    if (src) {
      let abs: URL | null = null;
      try {
        abs = new URL(src, snap.finalUrl);
      } catch {
        abs = null;
      }
      const host = abs ? hostOf(abs.href) : null;
      if (abs && host && (abs.protocol === 'http:' || abs.protocol === 'https:') && siteOf(host) !== pageSite) {
        const shared = under(host, publicScriptHosts) ? '公共脚本服务' : isLibraryScript(abs.href, '') ? '公共脚本库' : null;
        c.add('script-host', host, src, { source: 'html', locator: 'script[src]', snippet: src.slice(0, 200) }, shared);
      }
      return;
    }
    const code = $(el).text();
    if (code.trim() === '') return;
    const locator = `内嵌脚本 #${i + 1}`;
    contactsInCode(c, code, 'html', locator);
    const normalised = code.replace(/\s+/g, ' ').trim();
    if (normalised.length >= INLINE_MIN_CHARS) c.add('inline-script', sha256(normalised), normalised.slice(0, 120), { source: 'html', locator, snippet: normalised.slice(0, 120) });
  });
  const skeleton = domSkeleton($);
  if (skeleton) {
    const shared = stockTitle.test(snap.title.trim()) ? '服务器默认页或停放页（模板人人相同）' : null;
    c.add('dom-skeleton', skeleton.hash, skeleton.preview, { source: 'page', locator: `${skeleton.elements} 个元素`, snippet: skeleton.preview }, shared);
  }
}

function fromScripts(c: Collector, snap: PageSnapshot, read: IdentifierInput['readArtifact']): void {
  for (const s of snap.scripts ?? []) {
    if (!s.artifact) continue;
    const bytes = read(s.artifact.sha256);
    const head = bytes ? bytes.subarray(0, 600).toString('utf8') : '';
    const shared = isLibraryScript(s.url, head) ? '公共脚本库（任何人都可复制）' : null;
    c.add('script', s.artifact.sha256, s.url, { source: 'script', locator: s.url, snippet: `${s.artifact.bytes} 字节` }, shared);
    if (!bytes || shared) continue;
    const code = bytes.subarray(0, SCRIPT_READ_CAP).toString('utf8');
    for (const f of findServices(code)) c.add(f.kind, f.value, f.raw, { source: 'script', locator: s.url, snippet: f.at >= 0 ? snippetAround(code, f.at, f.end, 20) : f.raw });
    contactsInCode(c, code, 'script', s.url);
  }
}

function fromWhois(c: Collector, snap: PageSnapshot): void {
  const whois = snap.whois;
  if (!whois || whois.error) return;
  const who = registrantOf(whois);
  const field = (name: string, value: string): IdentifierWhere => ({ source: 'whois', locator: name, snippet: `${name}: ${value}` });
  if (who.name) c.add('registrant-name', who.name.toLowerCase().replace(/\s+/g, ' '), who.name, field('Registrant', who.name), privacyName.test(who.name) ? '隐私保护或占位名称' : null);
  if (who.email) {
    const email = who.email.trim().toLowerCase();
    if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(email)) c.add('email', email, who.email, field('Registrant Email', who.email), sharedEmail(email));
  }
  if (who.phone) {
    const phone = normalisePhone(who.phone.replace(/^\+86\./, '+86'));
    if (phone) c.add('phone', phone, who.phone, field('Registrant Phone', who.phone));
  }
  const registrar = registrarOf(whois);
  if (registrar) c.add('registrar', registrar.toLowerCase(), registrar, field('Registrar', registrar), sharedRegistrar(registrar));
}

function fromDns(c: Collector, snap: PageSnapshot): void {
  const fromWhoisNs = (snap.whois?.fields['nameServer'] ?? '').split(/\s+/);
  const ns = [...new Set([...(snap.dns?.ns ?? []), ...fromWhoisNs].map((n) => n.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean))].sort();
  if (ns.length) {
    const providers = ns.map((n) => registrableDomainOf(n) ?? n);
    const shared = providers.some((p) => sharedNs.has(p)) ? `常见 DNS 托管（${[...new Set(providers)].join('、')}）` : null;
    c.add('name-servers', ns.join(' '), ns.join(', '), { source: 'dns', locator: 'NS', snippet: ns.join(', ') }, shared);
  }
  const facts = new Map((snap.hosting ?? []).map((h) => [h.ip, h]));
  for (const ip of [...(snap.dns?.a ?? []), ...(snap.dns?.aaaa ?? [])]) {
    const h = facts.get(ip);
    const network = h ? `${h.org ?? ''}${h.asn ? ` AS${h.asn}` : ''}`.trim() : '';
    const cdn = h && ((h.asn !== null && cdnAsns.has(h.asn)) || cdnOrgs.test(h.org ?? '')) ? `CDN 地址，众多网站共用（${network}）` : null;
    c.add('ip', ip, ip, { source: 'dns', locator: ip.includes(':') ? 'AAAA' : 'A', snippet: `${ip}${network ? ` · ${network}` : ''}` }, cdn);
  }
  for (const h of snap.hosting ?? []) {
    if (h.asn === null) continue;
    const big = cdnAsns.has(h.asn) || cloudAsns.has(h.asn) || cdnOrgs.test(h.org ?? '') ? `云服务或 CDN 网络（${h.org ?? `AS${h.asn}`}）` : null;
    c.add('asn', String(h.asn), `AS${h.asn}`, { source: 'hosting', locator: h.ip, snippet: `AS${h.asn} ${h.org ?? ''} ${h.country ?? ''}`.trim() }, big);
  }
}

function fromTls(c: Collector, snap: PageSnapshot): void {
  const cert = snap.tls;
  if (!cert) return;
  const shared =
    cert.sans.length > DATA.sharedCertificates.maxSans
      ? `共享证书（含 ${cert.sans.length} 个域名）`
      : sharedCertIssuer.test(`${cert.issuer} ${cert.subject}`)
        ? 'CDN 签发的共享证书'
        : null;
  const snippet = `${cert.subject} · 签发者 ${cert.issuer} · ${cert.validFrom} 至 ${cert.validTo}`;
  c.add('tls-cert', cert.sha256, cert.sha256, { source: 'tls', locator: 'SHA-256 指纹', snippet }, shared);
  const own = siteOf(snap.finalUrl);
  for (const san of cert.sans) {
    const site = registrableDomainOf(san.replace(/^\*\./, ''));
    if (site === null || site === own) continue;
    c.add('tls-san', site, san, { source: 'tls', locator: 'subjectAltName', snippet: `证书同时签发给 ${cert.sans.join(', ')}`.slice(0, 200) }, shared);
  }
}

/**
 * Other sites the visit was sent to: where its redirects ended up, and where its query forms (and the probe's
 * submission) post. A fake's back end and the names that only redirect to it belong to its operator; a
 * government site named so is the genuine platform (a look-alike sending visitors there), and a public service
 * (a form builder, a social network) is everyone's: neither is ever a link.
 */
function fromNamedSites(c: Collector, snap: PageSnapshot): void {
  const own = siteOf(snap.url);
  const govNote = (site: string) => (isGovCn(site) ? '政府网站（真实平台）' : under(site, publicSites) ? '公共服务网站（众多网站共用）' : null);
  const chain = snap.redirects.map((h) => h.to);
  for (const to of [...chain, snap.finalUrl]) {
    const site = siteOf(to);
    if (site === null || site === own) continue;
    const hops = snap.redirects.map((h) => `${h.from} → ${h.to}（${h.kind}${h.status ? ` ${h.status}` : ''}）`).join('；');
    c.add('redirect', site, to, { source: 'page', locator: '跳转链', snippet: hops || `${snap.url} → ${snap.finalUrl}` }, govNote(site));
  }
  const pageSite = siteOf(snap.finalUrl);
  for (const f of snap.forms) {
    const site = f.action ? siteOf(f.action) : null;
    if (site === null || site === pageSite || !/^https?:/i.test(f.action ?? '')) continue;
    c.add('form-target', site, f.action!, { source: 'html', locator: `form[action] ${f.method.toUpperCase()}`, snippet: `查询表单提交到 ${f.action}` }, govNote(site));
  }
  const posted = snap.probe?.postsTo;
  if (posted?.crossHost) {
    const site = siteOf(posted.host);
    if (site !== null && site !== pageSite) c.add('form-target', site, posted.host, { source: 'page', locator: '查询探测', snippet: `探测提交的查询实际发往 ${posted.host}${posted.path}（${posted.method}）` }, govNote(site));
  }
}

/**
 * Every identifier of a snapshot: contacts and accounts in the visible text, the WeChat render, the HTML
 * (links, hidden text, inline and external scripts) and same-site script files; WHOIS; DNS and hosting; TLS;
 * the sites it redirects or posts to; the favicon; the DOM skeleton. Known shared infrastructure is kept with `shared` set (it never links).
 */
export function extractIdentifiers(input: IdentifierInput): Identifier[] {
  const { snapshot: snap, readArtifact } = input;
  const c = new Collector();
  fromText(c, snap.text, 'text', '页面文字');
  if (snap.mobile?.text && snap.mobile.text !== snap.text) fromText(c, snap.mobile.text, 'text', '微信内置浏览器中的页面文字');
  const html = snap.html ? readArtifact(snap.html.sha256) : null;
  if (html) fromHtml(c, snap, html.toString('utf8'));
  fromScripts(c, snap, readArtifact);
  fromWhois(c, snap);
  fromDns(c, snap);
  fromTls(c, snap);
  fromNamedSites(c, snap);
  const icon = snap.favicon?.artifact;
  if (icon) c.add('favicon', icon.sha256, snap.favicon!.url, { source: 'favicon', locator: snap.favicon!.url, snippet: `${icon.mime} ${icon.bytes} 字节` });
  return c.out;
}
