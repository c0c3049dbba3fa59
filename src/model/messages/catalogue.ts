/**
 * The message catalogue: every reason jianzhen gives, in Chinese (what analysts, telecom officers and police
 * read) and in English. Keys are stable ids, stored with each signal; change wording freely, never an id's
 * meaning. Placeholders are explained in index.ts.
 */
import messages from './catalogue.json' with { type: 'json' };

/** One reason in each language. */
export interface Template {
  readonly zh: string;
  readonly en: string;
}

/**
 * The reasons, one a line in catalogue.json, grouped as the detectors are: registration numbers (number.*, what is
 * wrong with one number), registration, sales, registration-record (record.*), another client's view of the page
 * (view.*), domain-lookalike, content-match, visual-match, cloaking, probe, depth. Data, so that whoever
 * translates or rewords a reason edits one table and no code.
 */
export const catalogue = messages satisfies Readonly<Record<string, Template>>;

/** A message id of the catalogue. */
export type MessageId = keyof typeof catalogue;

/** Names of codes that appear inside reasons (techniques, form roles, contact kinds, positions…). */
export const TERMS: Readonly<Record<string, Template>> = {
  footer: { zh: '页脚', en: 'footer' },
  body: { zh: '正文', en: 'body text' },
  // form roles
  idNumber: { zh: '身份证号', en: 'ID number' },
  name: { zh: '姓名', en: 'name' },
  mobile: { zh: '手机', en: 'mobile' },
  captcha: { zh: '验证码', en: 'captcha' },
  certType: { zh: '证件类型', en: 'certificate type' },
  // clients
  'client-desktop': { zh: '桌面浏览器', en: 'the desktop browser' },
  'client-mobile': { zh: '手机微信浏览器', en: 'the mobile WeChat browser' },
  'client-plain': { zh: '普通HTTP客户端', en: 'a plain HTTP client' },
  'id-wrong-check-digit': { zh: '身份证号，校验位错误', en: 'ID number (wrong check digit)' },
  'cert-number': { zh: '证书编号', en: 'certificate number' },
  'different-host': { zh: '最终域名不同', en: 'different final host' },
  'different-status': { zh: '状态码不同', en: 'different status' },
  'different-title': { zh: '标题不同', en: 'different title' },
  'no-answer': { zh: '无应答', en: 'no answer' },
  // visual comparison
  page: { zh: '整页', en: 'page' },
  column: { zh: '内容栏', en: 'column' },
  'rescaled-column': { zh: '缩放后的内容栏', en: 'rescaled column' },
  // probe answers
  'no-record': { zh: '查无记录', en: 'no-record' },
  'validation-error': { zh: '格式校验错误', en: 'validation-error' },
  valid: { zh: '有效', en: 'valid' },
  unknown: { zh: '无法判读', en: 'unknown' },
  // domain techniques
  'folded-copy': { zh: '同形字/形近字替换后即官方域名', en: 'folded-copy' },
  'official-host-as-prefix': { zh: '以官方域名作前缀', en: 'official-host-as-prefix' },
  'hyphenated-copy': { zh: '用连字符拼出官方域名', en: 'hyphenated-copy' },
  'concatenated-copy': { zh: '连写官方域名', en: 'concatenated-copy' },
  'embedded-copy': { zh: '官方域名嵌在长词中', en: 'embedded-copy' },
  'reordered-copy': { zh: '打乱官方域名的顺序', en: 'reordered-copy' },
  'edit-distance': { zh: '拼写与官方域名相近', en: 'edit-distance' },
  'subject-words': { zh: '含该平台业务的拼音词', en: 'subject-words' },
  'query-words': { zh: '含证书查询类词语', en: 'query-words' },
  'gov-token': { zh: '在.gov.cn之外使用gov字样', en: 'gov-token' },
  'lookalike-suffix': { zh: '仿政府域名后缀', en: 'lookalike-suffix' },
  punycode: { zh: '国际化域名（punycode）', en: 'punycode' },
  homoglyph: { zh: '同形字', en: 'homoglyph' },
  'letter-confusion': { zh: '形近字母（如rn/m）', en: 'letter-confusion' },
  wechat: { zh: '微信', en: 'WeChat' },
  qq: { zh: 'QQ', en: 'QQ' },
  phone: { zh: '电话', en: 'phone' },
};

/** Each signal's name for a reader. */
export const SIGNAL_NAMES: Readonly<Record<string, Template>> = {
  'domain.lookalike': { zh: '域名仿冒', en: 'look-alike host name' },
  'domain.lookalike-final': { zh: '跳转后域名仿冒', en: 'look-alike host redirected to' },
  'content.copy': { zh: '复制官方页面', en: 'copy of the official page' },
  'content.query-form': { zh: '证书查询表单', en: 'certificate-query form' },
  'content.phrases': { zh: '官方平台用语', en: 'platform phrases' },
  'content.article': { zh: '介绍平台的文章（良性）', en: 'article about the platform (benign)' },
  'content.parked': { zh: '域名停放/出售页（良性）', en: 'domain-parking page (benign)' },
  'visual.match': { zh: '外观相似', en: 'looks like the official page' },
  'registration.number-copied': { zh: '盗用官方备案号', en: 'official registration number copied' },
  'registration.gov-claim': { zh: '冒称政府主办', en: 'claims a government owner' },
  'registration.malformed': { zh: '备案号格式错误', en: 'malformed registration number' },
  'registration.missing': { zh: '没有ICP备案号', en: 'no ICP number' },
  'record.young-domain': { zh: '新注册域名', en: 'young domain' },
  'record.privacy': { zh: '注册人被隐藏', en: 'registrant hidden' },
  'record.individual-registrant': { zh: '个人注册', en: 'registered to a person' },
  'record.registrar': { zh: '高滥用注册商', en: 'registrar often abused' },
  'record.hosting': { zh: '境外托管', en: 'hosted abroad' },
  'record.whois-missing': { zh: '无WHOIS记录', en: 'no WHOIS record' },
  'record.established': { zh: '长期注册的单位域名（良性）', en: 'established domain (benign)' },
  'sales.certificate-sales': { zh: '兜售证书', en: 'sells certificates' },
  'sales.advertised-query-site': { zh: '推荐其他查询网站', en: 'advertises a query site' },
  'cloaking.script-built': { zh: '脚本生成内容', en: 'built by script' },
  'cloaking.client-dependent': { zh: '因访问端而异', en: 'differs by client' },
  'probe.validates-impossible': { zh: '不可能的证书查询为有效', en: 'declares an impossible certificate valid' },
  'probe.posts-elsewhere': { zh: '查询提交到其他网站', en: 'query sent to another site' },
  'probe.script-answer': { zh: '脚本生成查询结果', en: 'answer written by script' },
  'probe.answer-unlike-official': { zh: '查询结果与官方不同', en: 'answer unlike the official one' },
  'depth.broken-links': { zh: '站内链接失效', en: 'broken same-site links' },
  'depth.links-to-official': { zh: '链接指回官方平台', en: 'links back to the official platform' },
  'depth.official-reference': { zh: '引导至官方平台（良性）', en: 'sends readers to the official platform (benign)' },
};
