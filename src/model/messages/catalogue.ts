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

  // ---- a reason read from another client's view of the page ----------------------------------------------------
  'view.mobile': { zh: '（手机微信浏览器所见页面）{reason:message}', en: '(the page a mobile WeChat browser is shown) {reason:message}' },

  // ---- domain-lookalike -----------------------------------------------------------------------------------------
  'domain.lookalike': { zh: '域名{host}仿冒{official}（{techniques:terms}）', en: 'host {host} looks like {official} ({techniques:terms})' },
  'domain.lookalike-generic': { zh: '域名{host}模仿政府证书查询网站（{techniques:terms}）', en: 'host {host} imitates a government certificate query ({techniques:terms})' },
  'domain.lookalike-final': { zh: '跳转到的域名{host}仿冒{official}（{techniques:terms}）', en: 'redirected to {host}, which looks like {official} ({techniques:terms})' },
  'domain.lookalike-final-generic': {
    zh: '跳转到的域名{host}模仿政府证书查询网站（{techniques:terms}）',
    en: 'redirected to {host}, which imitates a government certificate query ({techniques:terms})',
  },

  // ---- content-match ------------------------------------------------------------------------------------------
  'content.copy': { zh: '复制了{platform}的官方页面：标题相似{title}%，含其{text}%的文字', en: 'reproduces the {platform} reference: title {title}% alike, {text}% of its text' },
  'content.query-form': { zh: '证书查询表单，要求填写{roles:terms}', en: 'certificate-query form asking for {roles:terms}' },
  'content.query-form-same-names': {
    zh: '证书查询表单，要求填写{roles:terms}，字段名与{platform}官方表单{share}%相同',
    en: 'certificate-query form asking for {roles:terms}, {share}% of the {platform} form\'s field names',
  },
  'content.query-form-extras': {
    zh: '证书查询表单，要求填写{roles:terms}，另有{extras:list}',
    en: 'certificate-query form asking for {roles:terms}, plus {extras:list}',
  },
  'content.phrases': { zh: '页面使用了{count}条{platform}的官方用语：{phrases:list}', en: 'shows {count} {platform} phrase(s): {phrases:list}' },
  'content.phrases-title': {
    zh: '页面使用了{count}条{platform}的官方用语：{phrases:list}，其中{inTitle}条在标题中',
    en: 'shows {count} {platform} phrase(s): {phrases:list}, {inTitle} in the title',
  },
  'content.article': {
    zh: '页面是一篇介绍该平台的文章：{chars}字、{paragraphs}段正文、{links}个外链，{share}%的平台用语只出现在正文句子中',
    en: 'reads as an article about the platform: {chars} characters, {paragraphs} prose paragraph(s), {links} link(s) out, {share}% of platform phrases only inside prose',
  },
  'content.article-official': {
    zh: '页面是一篇介绍该平台的文章：{chars}字、{paragraphs}段正文、{links}个外链（含官方网址{official:list}），{share}%的平台用语只出现在正文句子中',
    en: 'reads as an article about the platform: {chars} characters, {paragraphs} prose paragraph(s), {links} link(s) out incl. the official {official:list}, {share}% of platform phrases only inside prose',
  },

  'content.parked': {
    zh: '页面是域名停放/出售页（“{words:list}”），没有自己的内容（{chars}字）',
    en: 'a domain-parking page ("{words:list}") with no content of its own ({chars} characters)',
  },

  // ---- visual-match -------------------------------------------------------------------------------------------
  'visual.match': { zh: '外观与{platform}官方页面相似：页头{header}%，首屏{screen}%', en: 'looks like the {platform} reference: header {header}%, first screen {screen}% alike' },
  'visual.match-variant': {
    zh: '外观与{platform}官方页面相似（按{variant:terms}比较）：页头{header}%，首屏{screen}%',
    en: 'looks like the {platform} reference ({variant:terms} compared): header {header}%, first screen {screen}% alike',
  },
  'visual.match-moved': {
    zh: '外观与{platform}官方页面相似（偏移{x},{y}像素）：页头{header}%，首屏{screen}%',
    en: 'looks like the {platform} reference at offset {x},{y} px: header {header}%, first screen {screen}% alike',
  },
  'visual.match-moved-variant': {
    zh: '外观与{platform}官方页面相似（偏移{x},{y}像素，按{variant:terms}比较）：页头{header}%，首屏{screen}%',
    en: 'looks like the {platform} reference at offset {x},{y} px ({variant:terms} compared): header {header}%, first screen {screen}% alike',
  },

  // ---- cloaking -----------------------------------------------------------------------------------------------
  'cloaking.script-built-query': {
    zh: '证书查询内容（{phrases:list}）只在脚本运行后出现，原始HTML只有{chars}个字符',
    en: 'the certificate query ({phrases:list}) appears only after a script runs; the plain HTML has {chars} characters',
  },
  'cloaking.script-built': { zh: '页面{share}%的文字由脚本写入，原始HTML只有{chars}个字符', en: '{share}% of the page\'s text is written by script; the plain HTML has {chars} characters' },
  'cloaking.client-query-page': {
    zh: '{query:terms}看到证书查询页面（{phrases:list}），{other:terms}看到的却是“{shown}”（文字相似度{similarity}）',
    en: '{query:terms} is shown a certificate query ({phrases:list}) while {other:terms} gets "{shown}" (text similarity {similarity})',
  },
  'cloaking.client-query-empty': {
    zh: '{query:terms}看到证书查询页面（{phrases:list}），{other:terms}看到的却是近乎空白的页面（文字相似度{similarity}）',
    en: '{query:terms} is shown a certificate query ({phrases:list}) while {other:terms} gets a near-empty page (text similarity {similarity})',
  },
  'cloaking.client-query-error': {
    zh: '{query:terms}看到证书查询页面（{phrases:list}），{other:terms}看到的却是错误页面',
    en: '{query:terms} is shown a certificate query ({phrases:list}) while {other:terms} gets an error page',
  },
  'cloaking.client-differs': {
    zh: '{a:terms}与{b:terms}看到的页面不同（{differences:terms}，文字相似度{similarity}）',
    en: '{a:terms} and {b:terms} are shown different pages ({differences:terms}, text similarity {similarity})',
  },

  // ---- probe --------------------------------------------------------------------------------------------------
  'probe.validates-impossible': {
    zh: '查询表单把一张不可能存在的证书判为有效：提交号码{number}（{numberKind:terms}）、姓名{name}，回答“{answer}”（{matched}）',
    en: 'the query form declared an impossible certificate valid: submitted {numberKind:terms} {number} and name {name}; answer "{answer}" ({matched})',
  },
  'probe.posts-elsewhere': { zh: '{host}上的查询表单把填写的内容发往另一个网站：{method} {to}', en: 'the query form on {host} sends what is typed to another site: {method} {to}' },
  'probe.script-answer': { zh: '查询结果由脚本写入页面，没有打开新页面：“{answer}”', en: 'the query\'s answer is written into the page by script, without a new page: "{answer}"' },
  'probe.script-answer-dialog': {
    zh: '查询结果由脚本以对话框给出，没有打开新页面：“{answer}”',
    en: 'the query\'s answer is written by script in a dialog box, without a new page: "{answer}"',
  },
  'probe.answer-unlike-official': {
    zh: '对不可能存在的证书，回答不是官方平台的“{official}”，而是“{answer}”（{classification:terms}）',
    en: 'the answer to a certificate that cannot exist is not the official platforms\' ("{official}") but "{answer}" [{classification:terms}]',
  },

  // ---- depth --------------------------------------------------------------------------------------------------
  'depth.broken-links': {
    zh: '提供证书查询的页面，其站内链接{total}个中有{broken}个失效（{statuses:terms}）',
    en: '{broken} of {total} same-site links followed are broken ({statuses:terms}) on a page offering a certificate query',
  },
  'depth.links-to-official': {
    zh: '自带证书查询的页面，把{total}个链接中的{official}个指向官方网址{hosts:list}（{share}%）',
    en: 'a page offering its own certificate query sends {official} of its {total} links to the official {hosts:list} ({share}%)',
  },
  'depth.official-reference': { zh: '页面没有自己的查询表单，并引导读者前往官方网址{hosts:list}', en: 'offers no query form of its own and links readers to the official {hosts:list}' },
  'depth.official-reference-gov': { zh: '政府网站（.gov.cn）页面引导读者前往官方网址{hosts:list}', en: 'a government (.gov.cn) page links readers to the official {hosts:list}' },
} as const satisfies Readonly<Record<string, Template>>;

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
