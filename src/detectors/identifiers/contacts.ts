/**
 * Contacts in free text: WeChat ids, QQ numbers and groups, mobile and landline numbers, e-mail and Telegram,
 * read the way sellers write them to slip past keyword filters — 全角 digits (１３８…), Chinese numerals
 * (幺八八…), spaces and dashes inside numbers, +86, "VX/V信/薇信/加v/扣扣/企鹅" for WeChat and QQ, "#" for "@".
 * Each contact is normalised so two spellings of one number compare equal; pure functions, no I/O.
 */

/** One contact found in a text, with its offsets in that text (for the snippet). */
export interface FoundContact {
  readonly kind: 'wechat' | 'qq' | 'qq-group' | 'phone' | 'email' | 'telegram';
  readonly value: string;
  readonly raw: string;
  readonly at: number;
  readonly end: number;
}

const CN_DIGITS: Readonly<Record<string, string>> = {
  零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 两: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 拐: '7', 八: '8', 捌: '8', 九: '9', 玖: '9', 勾: '9',
};

/**
 * Folds a text for matching, one character for one so offsets still point into the original: 全角 ASCII to
 * ASCII, the ideographic space to a space, every dash and dot look-alike to '-' or '.', ＠ to @, and runs of
 * seven or more Chinese numerals (a phone number written out) to digits.
 */
export function foldForContacts(text: string): string {
  // Every mapping is one BMP character to one, and astral characters (📞) pass unchanged, so lengths agree.
  const chars = [...text].map((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
    if (code === 0x3000 || code === 0xa0) return ' ';
    if (/[‐‑‒–—―−﹣]/.test(ch)) return '-';
    return ch;
  });
  // Chinese numerals become digits only in runs of seven or more (spaces and dashes between): 一二三 stays words.
  for (let i = 0; i < chars.length; ) {
    if (CN_DIGITS[chars[i]!] === undefined) {
      i++;
      continue;
    }
    let j = i;
    let digits = 0;
    while (j < chars.length && (CN_DIGITS[chars[j]!] !== undefined || chars[j] === ' ' || chars[j] === '-')) {
      if (CN_DIGITS[chars[j]!] !== undefined) digits++;
      j++;
    }
    if (digits >= 7) for (let k = i; k < j; k++) chars[k] = CN_DIGITS[chars[k]!] ?? chars[k]!;
    i = j;
  }
  return chars.join('');
}

/** Digits of a phone number without the country code: 13812345678, 075588886666, 4000261188; null when not a phone. */
export function normalisePhone(raw: string): string | null {
  let d = raw.replace(/[^\d+]/g, '');
  d = d.replace(/^(?:\+|00)?86(?=1[3-9]\d{9}$|0?[1-9]\d{8,10}$)/, '');
  d = d.replace(/^\+/, '');
  if (/^1[3-9]\d{9}$/.test(d)) return d;
  if (/^[48]00\d{7}$/.test(d)) return d;
  // A landline written with +86 drops its trunk 0 ("+86 755 8888 6666"): put it back.
  if (/^[1-9]\d{9,10}$/.test(d) && raw.replace(/\s/g, '').match(/^(?:\+|00)86/)) d = `0${d}`;
  if (/^0[1-9]\d{8,10}$/.test(d)) return d;
  return null;
}

const WECHAT_LABEL = String.raw`(?:微\s?信号?|威信|薇信|徽信|维信|卫信|V信|v信|VX|vx|Vx|vX|WX|Wx|wx|wechat|WeChat|weixin|Weixin|加微信?|加[Vv]|[Vv]\s*[:：])`;
const QQ_LABEL = String.raw`(?:[Qq]\s?[Qq]|扣扣|企鹅)`;
const ID = String.raw`[A-Za-z][-_A-Za-z0-9]{5,19}`;
/** A phone number as written: +86/0086, area code in brackets, digits with single spaces or dashes. */
const PHONE_WRITTEN = String.raw`(?:(?:\+|00)\s?86[\s-]?)?(?:\(0?\d{2,3}\)[\s-]?\d{3,4}[\s-]?\d{4}|\d(?:[\s-]?\d){6,11})`;
const NOT_AFTER_DIGIT = String.raw`(?<![\d])`;
const NOT_BEFORE_DIGIT = String.raw`(?![\d])`;
const PHONE_LABEL = String.raw`(?:电话|手机|手机号|热线|咨询|联系|客服|座机|Tel|TEL|tel|Phone|phone|Mobile|☎|📞|☏|微信同号|同微信)`;

// 微信同号 usually precedes the phone the WeChat shares; followed by an id, it is the WeChat id (微信同号：lszs8866).
const WECHAT = new RegExp(String.raw`(?<![A-Za-z])${WECHAT_LABEL}\s*(?:同号|号|号码|ID|id)?\s*[:：]?\s*(?:[-－]\s*)?(${ID}|${PHONE_WRITTEN})`, 'g');
const QQ = new RegExp(String.raw`(?<![A-Za-z])${QQ_LABEL}\s*(群|号|号码)?\s*[:：]?\s*([1-9](?:\s?\d){4,11})${NOT_BEFORE_DIGIT}`, 'g');
const LABELLED_PHONE = new RegExp(String.raw`${PHONE_LABEL}[^\d\n+（(]{0,8}(${PHONE_WRITTEN})${NOT_BEFORE_DIGIT}`, 'g');
/** A mobile number standing alone, without a label: 11 digits starting 13–19, with optional separators. */
const BARE_MOBILE = new RegExp(String.raw`${NOT_AFTER_DIGIT}((?:(?:\+|00)\s?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8})${NOT_BEFORE_DIGIT}`, 'g');
const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})\s*(?:@|\[at\]|\(at\)|（at）| at |#)\s*([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12})(?![A-Za-z0-9-])/g;
/** Mail domains where "name#163.com" can only mean an address (anything else after # is a page anchor). */
const MAIL_DOMAINS = new Set(['163.com', '126.com', 'qq.com', 'foxmail.com', 'sina.com', 'sina.cn', 'sohu.com', 'yeah.net', '139.com', '189.cn', 'aliyun.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'protonmail.com', 'proton.me']);
const TELEGRAM = /(?:(?:t\.me|telegram\.me)\/|(?:Telegram|telegram|TG|tg|飞机|纸飞机)\s*(?:号)?\s*[:：]?\s*@)([A-Za-z][A-Za-z0-9_]{4,31})/g;

function push(out: FoundContact[], kind: FoundContact['kind'], value: string | null, raw: string, at: number): void {
  if (value === null || value === '') return;
  if (out.some((c) => c.kind === kind && c.value === value && c.at === at)) return;
  out.push({ kind, value, raw: raw.trim(), at, end: at + raw.length });
}

/**
 * Every contact in a text. Labelled forms first (a number after 微信 is a WeChat id that is also a phone; after
 * QQ it is no phone at all); then bare mobile numbers; then e-mail addresses (a QQ mailbox also names its QQ).
 */
export function findContacts(original: string): FoundContact[] {
  const text = foldForContacts(original);
  const out: FoundContact[] = [];
  const qqSpans: [number, number][] = [];
  for (const m of text.matchAll(QQ)) {
    const digits = m[2]!.replace(/\s/g, '');
    const at = m.index + m[0].length - m[2]!.length;
    qqSpans.push([at, at + m[2]!.length]);
    push(out, m[1] === '群' ? 'qq-group' : 'qq', digits, original.slice(m.index, m.index + m[0].length), m.index);
  }
  const inQq = (at: number) => qqSpans.some(([a, b]) => at >= a && at < b);
  for (const m of text.matchAll(WECHAT)) {
    const id = m[1]!;
    const raw = original.slice(m.index, m.index + m[0].length);
    const phone = /^[+\d(]/.test(id) ? normalisePhone(id) : null;
    if (phone !== null) push(out, 'phone', phone, raw, m.index);
    else if (!/^[+\d(]/.test(id)) push(out, 'wechat', id.toLowerCase(), raw, m.index);
  }
  for (const m of text.matchAll(LABELLED_PHONE)) {
    const at = m.index + m[0].length - m[1]!.length;
    if (inQq(at)) continue;
    push(out, 'phone', normalisePhone(m[1]!), original.slice(m.index, m.index + m[0].length), m.index);
  }
  for (const m of text.matchAll(BARE_MOBILE)) {
    if (inQq(m.index)) continue;
    const phone = normalisePhone(m[1]!);
    if (phone === null || out.some((c) => c.kind === 'phone' && c.value === phone && Math.abs(c.at - m.index) < 40)) continue;
    push(out, 'phone', phone, original.slice(m.index, m.index + m[0].length), m.index);
  }
  for (const m of text.matchAll(EMAIL)) {
    const sep = m[0].slice(m[1]!.length, m[0].length - m[2]!.length).trim();
    const domain = m[2]!.toLowerCase();
    if (sep === '#' && !MAIL_DOMAINS.has(domain)) continue;
    // "logo@2x.png" and "jquery@3.6.0" are file names and versions, not addresses.
    if (/\.(png|jpe?g|gif|svg|webp|css|js)$/.test(domain)) continue;
    const local = m[1]!.toLowerCase();
    const raw = original.slice(m.index, m.index + m[0].length);
    push(out, 'email', `${local}@${domain}`, raw, m.index);
    if (domain === 'qq.com' && /^[1-9]\d{4,11}$/.test(local)) push(out, 'qq', local, raw, m.index);
  }
  for (const m of text.matchAll(TELEGRAM)) push(out, 'telegram', m[1]!.toLowerCase(), original.slice(m.index, m.index + m[0].length), m.index);
  return out.sort((a, b) => a.at - b.at);
}

/** The words around [at, end) in a text, on one line and capped: what a reader sees of where it was. */
export function snippetAround(text: string, at: number, end: number, radius = 30): string {
  const from = Math.max(0, at - radius);
  const to = Math.min(text.length, end + radius);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`.replace(/\s+/g, ' ').trim();
}
