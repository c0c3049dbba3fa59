/**
 * The message catalogue: every reason jianzhen gives, in Chinese (what analysts, telecom officers and police
 * read) and in English. Keys are stable ids, stored with each signal; change wording freely, never an id's
 * meaning. Placeholders are explained in index.ts.
 */

/** One reason in each language. */
export interface Template {
  readonly zh: string;
  readonly en: string;
}

export const catalogue = {
  // ---- registration numbers (model/registration-numbers): what is wrong with one number ----------------------
  'number.not-a-province': { zh: '“{abbr}”不是任何省份的简称', en: '"{abbr}" is not a province abbreviation' },
  'number.not-miit-abbreviation': {
    zh: '工信部从不以“{abbr}”签发ICP备案，{province}的备案号写作“{icp}ICP备”',
    en: 'MIIT never issues filings marked "{abbr}": {province} filings read "{icp}ICP备"',
  },
  'number.icp-year-after-capture': { zh: 'ICP备案年份{year}晚于本次访问', en: 'ICP filing year {year} is after the capture' },
  'number.icp-year-impossible': { zh: '十位ICP备案号的年份{year}不可能存在', en: 'ICP filing year {year} is impossible for a ten-digit number' },
  'number.icp-digits': { zh: 'ICP备案号有{digits}位数字，应为8位或10位', en: 'ICP filing number has {digits} digits, not 8 or 10' },
  'number.site-suffix': { zh: '网站序号“-{suffix}”不是有效的序号', en: 'site suffix -{suffix} is not a site number' },
  'number.licence-digits': { zh: 'ICP许可证号有{digits}位数字，应为6位', en: 'ICP licence number has {digits} digits, not 6' },
  'number.value-added-digits': { zh: '{cls}许可证号有{digits}位数字，应为8位', en: '{cls} licence number has {digits} digits, not 8' },
  'number.value-added-year': { zh: '{cls}许可证年份{year}不可能存在', en: '{cls} licence year {year} is impossible' },
  'number.psb-digits': { zh: '公网安备号有{digits}位数字，应为14位', en: '公网安备 number has {digits} digits, not 14' },
  'number.psb-code': { zh: '公网安备号以{prefix}开头，不是省级行政区划代码', en: '公网安备 number starts with {prefix}, not a province code' },
  'number.psb-province-mismatch': {
    zh: '公网安备号以{prefix}（{codeProvince}）开头，却标为“{abbr}”（{province}）',
    en: '公网安备 number starts with {prefix} ({codeProvince}) but is marked {abbr} ({province})',
  },
  'number.site-code-bm-digits': { zh: '网站标识码{code}的bm后有{digits}位数字，应为8位', en: 'site code {code} has {digits} digits after bm, not 8' },
  'number.site-code-digits': { zh: '网站标识码{code}有{digits}位，应为10位', en: 'site code {code} has {digits} digits, not 10' },
  'number.site-code-prefix': { zh: '网站标识码{code}以{prefix}开头，不是省级行政区划代码', en: 'site code {code} starts with {prefix}, not a province code' },
  'number.province-differs': { zh: '所属省份{province}与ICP备案号的{icpProvince}不一致', en: 'province {province} differs from the ICP filing\'s {icpProvince}' },

  // ---- registration -------------------------------------------------------------------------------------------
  'registration.number-copied': {
    zh: '{host}在{position:terms}中使用了{platform}的备案号“{number}”',
    en: '{host} shows {platform}\'s registration number "{number}" in its {position:terms}',
  },
  'registration.number-copied-many': {
    zh: '{host}在{position:terms}中使用了{platform}的备案号“{number}”（共{count}个官方号码）',
    en: '{host} shows {platform}\'s registration number "{number}" in its {position:terms} ({count} official numbers in all)',
  },
  'registration.gov-claim': { zh: '{host}不在.gov.cn下，却自称由{organisations:list}主办', en: '{host} is outside .gov.cn but names {organisations:list} as its owner' },
  'registration.gov-claim-masthead': {
    zh: '{host}不在.gov.cn下，页头图片（经文字识别）却写着{organisations:list}',
    en: '{host} is outside .gov.cn but names {organisations:list} as its owner in its header (read by OCR)',
  },
  'registration.gov-claim-site-code': { zh: '{host}不在.gov.cn下，却显示政府网站标识码', en: '{host} is outside .gov.cn but shows a 政府网站标识码' },
  'registration.gov-claim-badge': { zh: '{host}不在.gov.cn下，却显示“党政机关”标识', en: '{host} is outside .gov.cn but shows the 党政机关 badge' },
  'registration.malformed': { zh: '{host}显示的备案号“{number}”有误：{issue:message}', en: '{host} shows a malformed registration number "{number}": {issue:message}' },
  'registration.missing': { zh: '{host}提供证书查询，却没有ICP备案号', en: '{host} presents a certificate query but shows no ICP number' },
  'registration.missing-phrase': { zh: '{host}提供证书查询（“{phrase}”），却没有ICP备案号', en: '{host} presents a certificate query ("{phrase}") but shows no ICP number' },

  // ---- sales --------------------------------------------------------------------------------------------------
  'sales.offers': { zh: '{host}兜售证书：“{words:list}”', en: '{host} offers certificates: "{words:list}"' },
  'sales.offers-with-contact': {
    zh: '{host}兜售证书：“{words:list}”，并留有{contacts:terms}联系方式',
    en: '{host} offers certificates: "{words:list}" with {contacts:terms} contact',
  },
  'sales.quotes-words': { zh: '{host}引用了售证用语（“{words:list}”），但并未兜售', en: '{host} quotes certificate-sales words ("{words:list}") without offering them' },
  'sales.advertised-query-site': {
    zh: '{host}引导读者到{hosts:list}查询证书（“{context}”）',
    en: '{host} sends readers to {hosts:list} to check certificates ("{context}")',
  },

  // ---- registration-record --------------------------------------------------------------------------------------
  'record.young-domain': { zh: '{domain}在本次访问前{days}天才注册（注册于{created}）', en: '{domain} was registered {days} day(s) before this visit (created {created})' },
  'record.privacy': { zh: '{domain}的注册人被隐藏（“{registrant}”）', en: 'the registrant of {domain} is hidden ("{registrant}")' },
  'record.individual-registrant': { zh: '{domain}由个人（“{registrant}”）而非单位注册', en: '{domain} is registered to a private person ("{registrant}"), not an organisation' },
  'record.registrar': { zh: '注册商“{registrar}”在钓鱼滥用报告中屡被点名', en: 'registrar "{registrar}" is frequently named in phishing-abuse reports' },
  'record.established': {
    zh: '{domain}自{created}起（{years}年）注册于“{registrant}”名下',
    en: '{domain} has been registered since {created} ({years} years) to "{registrant}"',
  },
  'record.whois-missing': { zh: '{domain}能解析，但注册局没有其WHOIS记录', en: '{domain} resolves but its registry has no WHOIS record' },
  'record.hosting': { zh: '托管在境外（{ip}：{country}，{network}）', en: 'hosted outside the mainland ({ip}: {country}, {network})' },
  'record.hosting-claims-platform': {
    zh: '自称中国政府平台，却托管在境外（{ip}：{country}，{network}）',
    en: 'claims a Chinese government platform but is hosted outside the mainland ({ip}: {country}, {network})',
  },
} as const satisfies Readonly<Record<string, Template>>;

/** A message id of the catalogue. */
export type MessageId = keyof typeof catalogue;

/** Names of codes that appear inside reasons (techniques, form roles, contact kinds, positions…). */
export const TERMS: Readonly<Record<string, Template>> = {
  footer: { zh: '页脚', en: 'footer' },
  body: { zh: '正文', en: 'body text' },
  wechat: { zh: '微信', en: 'WeChat' },
  qq: { zh: 'QQ', en: 'QQ' },
  mobile: { zh: '手机', en: 'mobile' },
  phone: { zh: '电话', en: 'phone' },
};

/** Each signal's name for a reader. */
export const SIGNAL_NAMES: Readonly<Record<string, Template>> = {};
