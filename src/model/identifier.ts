/**
 * Identifiers: what a site leaks about who runs it — the WeChat, QQ and phone numbers in its sales text, its
 * analytics and chat-widget ids, its WHOIS registrant, name servers, server address, TLS certificate, script
 * bundles, page template and favicon. Read from a stored snapshot (detectors/identifiers), compared across
 * sites to link them to one operator (pipeline/operators.ts, 串并案), shown to analysts and police.
 *
 * One meaning everywhere: a `strong` identifier is specific to whoever runs the site (a contact, an analytics
 * or widget id, a registrant e-mail, a script bundle of its own, a certificate) and joins two sites to one
 * operator; a `weak` one (an address, name servers, a template, a favicon, a registrar) is shared by chance
 * or by hosting and only adds evidence to sites already joined.
 */

/** Kinds of identifier, each compared by its normalised value. */
export type IdentifierKind =
  | 'wechat'
  | 'qq'
  | 'qq-group'
  | 'phone'
  | 'email'
  | 'telegram'
  | 'analytics'
  | 'chat-widget'
  | 'registrant-name'
  | 'registrar'
  | 'name-servers'
  | 'ip'
  | 'asn'
  | 'tls-cert'
  | 'tls-san'
  | 'redirect'
  | 'form-target'
  | 'favicon'
  | 'script'
  | 'script-host'
  | 'inline-script'
  | 'dom-skeleton';

export type IdentifierStrength = 'strong' | 'weak';

/** Where on the site an identifier was read. */
export type IdentifierSource = 'text' | 'html' | 'script' | 'whois' | 'dns' | 'hosting' | 'tls' | 'favicon' | 'page';

/** The place an identifier was found, so a reader can find it again on the stored page. */
export interface IdentifierWhere {
  readonly source: IdentifierSource;
  /** A selector (`a[href^="tel:"]`), a script URL, a WHOIS field, a DNS record type… */
  readonly locator: string;
  /** The words around it as the page wrote them (capped), or the raw value as the record gave it. */
  readonly snippet: string;
}

/** One identifier of one site: its kind, its normalised value, how it was written and where. */
export interface Identifier {
  readonly kind: IdentifierKind;
  /** Normalised for comparison: +86 and separators dropped, 全角 folded, lower case where case does not matter. */
  readonly value: string;
  readonly strength: IdentifierStrength;
  /** As the site wrote it (the raw match), for the reader. */
  readonly raw: string;
  readonly where: IdentifierWhere;
  /**
   * Set when the identifier is known shared infrastructure (a privacy service's e-mail, a popular registrar,
   * a big cloud's network, a library script, a stock page): it is shown but never links anything.
   */
  readonly shared?: string;
}

/** How strong each kind is (module comment). */
export const IDENTIFIER_STRENGTH: Readonly<Record<IdentifierKind, IdentifierStrength>> = {
  wechat: 'strong',
  qq: 'strong',
  'qq-group': 'strong',
  phone: 'strong',
  email: 'strong',
  telegram: 'strong',
  analytics: 'strong',
  'chat-widget': 'strong',
  'registrant-name': 'weak',
  registrar: 'weak',
  'name-servers': 'weak',
  ip: 'weak',
  asn: 'weak',
  'tls-cert': 'strong',
  'tls-san': 'strong',
  redirect: 'strong',
  'form-target': 'strong',
  favicon: 'weak',
  script: 'strong',
  'script-host': 'weak',
  'inline-script': 'weak',
  'dom-skeleton': 'weak',
};

/** The Chinese name of each kind, as the console, packets and exports print it. */
export const IDENTIFIER_KIND_ZH: Readonly<Record<IdentifierKind, string>> = {
  wechat: '微信号',
  qq: 'QQ 号',
  'qq-group': 'QQ 群',
  phone: '电话号码',
  email: '电子邮箱',
  telegram: 'Telegram 账号',
  analytics: '网站统计代码',
  'chat-widget': '在线客服代码',
  'registrant-name': '域名注册人',
  registrar: '注册商',
  'name-servers': '域名服务器',
  ip: '服务器 IP',
  asn: '自治系统（ASN）',
  'tls-cert': 'TLS 证书',
  'tls-san': '证书中的其他域名',
  redirect: '跳转目标网站',
  'form-target': '查询表单提交到的网站',
  favicon: '网站图标',
  script: '同站脚本文件',
  'script-host': '外部脚本主机',
  'inline-script': '内嵌脚本',
  'dom-skeleton': '页面结构模板',
};

/** Where an identifier was read, in Chinese. */
export const IDENTIFIER_SOURCE_ZH: Readonly<Record<IdentifierSource, string>> = {
  text: '页面文字',
  html: '网页源代码',
  script: '脚本文件',
  whois: 'WHOIS',
  dns: 'DNS',
  hosting: '托管网络',
  tls: 'TLS 证书',
  favicon: '网站图标',
  page: '页面结构',
};

/**
 * Kinds whose value names another site (its registrable domain) rather than a thing both sites carry: a
 * certificate also issued to it, a redirect to it, a query form posting to it. Such an identifier links its
 * site to the site it names as well as to every other site naming the same one.
 */
export const NAMING_KINDS: ReadonlySet<IdentifierKind> = new Set(['tls-san', 'redirect', 'form-target']);

/** The key two sites are compared by: kind and normalised value. */
export function identifierKey(id: Pick<Identifier, 'kind' | 'value'>): string {
  return `${id.kind}:${id.value}`;
}

/** One host's sighting of a shared identifier: how it was written and where. */
export interface Sighting extends Pick<Identifier, 'raw' | 'where'> {
  readonly host: string;
}

/** An identifier two or more sites of a group carry: the reason they are linked (strong) or more evidence (weak). */
export interface SharedIdentifier extends Pick<Identifier, 'kind' | 'value' | 'strength'> {
  /** The group's hosts carrying it, sorted. */
  readonly hosts: readonly string[];
  /** Where each host carries it (one or more places per host). */
  readonly sightings: readonly Sighting[];
}

/** A group of sites one operator runs, with the identifiers that link them. */
export interface OperatorGroup {
  /** Oldest first (first seen, then host name). */
  readonly members: readonly string[];
  /** Strong identifiers shared inside the group: the links. */
  readonly links: readonly SharedIdentifier[];
  /** Weak identifiers shared inside the group: supporting evidence, never a link by itself. */
  readonly support: readonly SharedIdentifier[];
}
