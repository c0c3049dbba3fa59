/**
 * Analytics and customer-service widget ids in HTML and scripts: the account a site reports its visitors to
 * (Baidu Tongji, CNZZ/Umeng, 51.la, Google) and the chat desk it sends buyers to (53kf, live800, Meiqia, Qiyu,
 * 商务通, 百度商桥, tawk.to, Crisp). One account serves every site of an operator, so the id is one of the
 * strongest links there is. Values are prefixed by the service: `baidu:0123…`, `cnzz:1279…`.
 */

/** One service account found in a text, with its offsets there. */
export interface FoundService {
  readonly kind: 'analytics' | 'chat-widget';
  readonly value: string;
  readonly raw: string;
  readonly at: number;
  readonly end: number;
}

interface Pattern {
  readonly kind: FoundService['kind'];
  readonly service: string;
  readonly re: RegExp;
  readonly normalise?: (id: string) => string;
}

const lower = (s: string) => s.toLowerCase();
const upper = (s: string) => s.toUpperCase();

const PATTERNS: readonly Pattern[] = [
  // Baidu Tongji: hm.js?<32 hex>, or the account pushed into _hmt.
  { kind: 'analytics', service: 'baidu', re: /hm\.baidu\.com\/hm?\.js\?([0-9a-f]{32})/gi, normalise: lower },
  { kind: 'analytics', service: 'baidu', re: /_hmt\.push\(\s*\[\s*['"]_setAccount['"]\s*,\s*['"]([0-9a-f]{32})['"]/gi, normalise: lower },
  // CNZZ / Umeng: z_stat.php?id=…&web_id=…, stat.php?id=…, core.php?web_id=…, the icon span, _czc's account.
  { kind: 'analytics', service: 'cnzz', re: /cnzz\.com\/(?:z_stat|stat|core|c|q_stat)\.php\?(?:[^"'\s<>]*?&)?(?:id|web_id|siteid)=(\d{4,12})/gi },
  { kind: 'analytics', service: 'cnzz', re: /cnzz_stat_icon_(\d{4,12})/gi },
  { kind: 'analytics', service: 'cnzz', re: /_czc\.push\(\s*\[\s*['"]_setAccount['"]\s*,\s*['"]?(\d{4,12})/gi },
  // 51.la: the v5 per-site script, the v6 SDK's LA.init({id}), its widget and counter links.
  { kind: 'analytics', service: '51la', re: /js\.users\.51\.la\/(\d{5,12})\.js/gi },
  { kind: 'analytics', service: '51la', re: /LA\.init\(\s*\{[^}]*?\bid\s*:\s*['"]([A-Za-z0-9]{5,24})['"]/g },
  { kind: 'analytics', service: '51la', re: /v6-widget\.51\.la\/v6\/([A-Za-z0-9]{5,24})\//gi },
  { kind: 'analytics', service: '51la', re: /(?:ia|v6)\.51\.la\/[^"'\s<>]*?[?&](?:id|comId)=([A-Za-z0-9]{5,24})/gi },
  // Google Analytics and Tag Manager.
  { kind: 'analytics', service: 'ga', re: /\b(UA-\d{4,10}-\d{1,4})\b/g },
  { kind: 'analytics', service: 'ga', re: /gtag\/js\?id=(G-[A-Z0-9]{6,12})\b/g },
  { kind: 'analytics', service: 'ga', re: /gtag\(\s*['"]config['"]\s*,\s*['"](G-[A-Z0-9]{6,12})['"]/g },
  { kind: 'analytics', service: 'gtm', re: /\b(GTM-[A-Z0-9]{4,10})\b/g },
  // 53kf: the code path or the company argument of its chat pages.
  { kind: 'chat-widget', service: '53kf', re: /53kf\.com\/code\/code\/([0-9a-f]{16,40})/gi, normalise: lower },
  { kind: 'chat-widget', service: '53kf', re: /53kf\.com\/(?:kf|webCompany|m|company)\.php\?(?:[^"'\s<>]*?&)?(?:arg|cid|kf_sign)=([A-Za-z0-9_]{4,40})/gi },
  // live800: companyID (with configID) of the chat client.
  { kind: 'chat-widget', service: 'live800', re: /live800[^"'\s<>]*?companyID=(\d{3,12})/gi },
  { kind: 'chat-widget', service: 'live800', re: /live800_companyID\s*=\s*['"]?(\d{3,12})/gi },
  // Meiqia (美洽): the enterprise id.
  { kind: 'chat-widget', service: 'meiqia', re: /_MEIQIA\(\s*['"]entId['"]\s*,\s*['"]?([A-Za-z0-9]{3,40})/g },
  { kind: 'chat-widget', service: 'meiqia', re: /meiqia\.com\/[^"'\s<>]*?[?&](?:eid|entId)=([A-Za-z0-9]{3,40})/gi },
  // 网易七鱼: the app key in the script path.
  { kind: 'chat-widget', service: 'qiyu', re: /qiyukf\.com\/script\/([0-9a-f]{32})\.js/gi, normalise: lower },
  // 商务通 (Zoosnet / Looyu / 乐语): the site id, three letters and digits (LEK12345678).
  { kind: 'chat-widget', service: 'swt', re: /(?:zoosnet|looyu|lxbjs|swt)[^"'\s<>]*?[?&](?:siteid|id|cid)=([A-Za-z]{3}\d{5,10})\b/gi, normalise: upper },
  // 百度商桥 / 爱番番: siteId of the bridge.
  { kind: 'chat-widget', service: 'baiduqiao', re: /(?:qiao|aifanfan)\.baidu\.com\/[^"'\s<>]*?siteId=(\d{4,12})/gi },
  // tawk.to property and Crisp website id.
  { kind: 'chat-widget', service: 'tawk', re: /embed\.tawk\.to\/([0-9a-f]{24})\//gi, normalise: lower },
  { kind: 'chat-widget', service: 'crisp', re: /CRISP_WEBSITE_ID\s*=\s*['"]([0-9a-f-]{36})['"]/gi, normalise: lower },
];

/** Undoes the %-escapes analytics snippets hide their URLs behind (CNZZ's unescape("%3Cscript src='…z_stat.php%3Fid%3D…")). */
function unescapeUrlish(text: string): string {
  return text.replace(/%(3[CFDEA]|2[6F]|22|27|20)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every analytics and widget account in a text (HTML, inline script or script file). */
export function findServices(text: string): FoundService[] {
  const out: FoundService[] = [];
  const views = [text];
  if (/%3[DF]/i.test(text)) views.push(unescapeUrlish(text));
  for (const view of views) {
    for (const p of PATTERNS) {
      for (const m of view.matchAll(p.re)) {
        const value = `${p.service}:${(p.normalise ?? ((s: string) => s))(m[1]!)}`;
        if (out.some((o) => o.value === value && o.kind === p.kind)) continue;
        out.push({ kind: p.kind, value, raw: m[0], at: view === text ? m.index : -1, end: view === text ? m.index + m[0].length : -1 });
      }
    }
  }
  return out;
}
