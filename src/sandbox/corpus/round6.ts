/**
 * Held-aside round 6 of the bundled corpus, written blind by a sixth author: without reading the detectors, the
 * rules, the pipeline, the crawler or any evaluation output, from the sandbox, the corpus's types and rounds 4–5 as
 * a model only. Its weight is on the fakes that live at a path of somebody else's old, real site — a hacked
 * WordPress company site, an association's DedeCMS site, a school's ASP site, a local shop's site, a dormant blog
 * whose lapsed domain was bought at auction — and on their legitimate twins: a training school's own 证书查询 at a
 * path (for its own training papers, pointing to the official platforms), old sites' name-and-ID queries at deep
 * paths that have nothing to do with certificates, an HR guide, news in 简体 and 繁體, an association's links page,
 * a look-alike domain parked for sale.
 *
 * Every counterfeit names its gang. Gangs leak what real ones leak: one Baidu id on a look-alike copy and on the
 * page planted in a hacked site; one QQ in a chat widget, a crude planted page and a script bundle (and, as its
 * mailbox, in WHOIS); one CNZZ id on a script-built copy, a planted copy and the seller page that names both; one
 * WeChat id on a WeChat-only look-alike and on pages planted on two unrelated old sites, one of which posts to
 * the look-alike's back end; a phone in WHOIS and on the pages; a shared address and a shared TLS certificate. Every fake
 * holds only the certificates it sold and answers 查无此人 (or a wording of its own) otherwise.
 *
 * Dates are relative to the corpus's "now", 2026-11-22. Addresses are labels only (the sandbox serves every host
 * itself), taken from blocks the corpus already uses, whose real networks fit the story: Alibaba Cloud and
 * Tencent Cloud in Hong Kong and US hosters for the gangs, Cloudflare's anycast, mainland clouds and provincial
 * telecom networks for old company, school and association sites.
 */
import type { CorpusSite, ForgedRecord, Route } from './types.js';
import { cnseAssets, css, html, js, memAssets, svg, whoisRecord as whois } from './routes.js';

/** A fake's query holding the certificates it sold; anything else gets `noRecordText`. */
const soldSaying = (noRecordText: string, ...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText, records });
const sold = (...records: ForgedRecord[]): Route => soldSaying('查无此人', ...records);
const jsonSold = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText: '查无此人', format: 'json', records });
/** A benign site's own query (training papers, exam scores, parcels): never a record for a stranger. */
const ownQuery = (noRecordText: string): Route => ({ kind: 'query', answer: 'no-record', noRecordText });

/** A page route whose answer depends on the client: `file` for most, `other` for User-Agents matching `ua`. */
function cloaked(file: string, ua: string, other: string): Route {
  return { kind: 'page', file, contentType: 'text/html; charset=utf-8', variants: [{ userAgent: ua, file: other }] };
}

/** The same routes under a folder: a copy kit unpacked at a path of somebody else's site. */
function under(folder: string, routes: Readonly<Record<string, Route>>): Record<string, Route> {
  return Object.fromEntries(Object.entries(routes).map(([path, route]) => [`${folder}${path}`, route]));
}

// Popular name servers and registrars: shared by countless unrelated domains, so they link nothing.
const HICHINA_OLD = ['dns11.hichina.com', 'dns12.hichina.com'] as const;
const HICHINA = ['dns29.hichina.com', 'dns30.hichina.com'] as const;
const HICHINA_PARK = ['dns31.hichina.com', 'dns32.hichina.com'] as const;
const DNSPOD = ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'] as const;
const DNSOWL = ['ns1.dnsowl.com', 'ns2.dnsowl.com', 'ns3.dnsowl.com'] as const;
const GNAME = ['ns1.gname-dns.com', 'ns2.gname-dns.com'] as const;
const WEST = ['ns1.myhostadmin.net', 'ns2.myhostadmin.net'] as const;
const XINCACHE = ['ns1.xincache.com', 'ns2.xincache.com'] as const;
const DYNADOT = ['ns1.dyna-ns.net', 'ns2.dyna-ns.net'] as const;
const CF_JOBS_NOLA = ['jobs.ns.cloudflare.com', 'nola.ns.cloudflare.com'] as const;

const WANWANG = '阿里云计算有限公司（万网）';
const HICHINA_GTLD = 'Alibaba Cloud Computing Ltd. d/b/a HiChina (www.net.cn)';
const XINNET = '北京新网数码信息技术有限公司';
const XINNET_GTLD = 'Xin Net Technology Corporation';
const WEST_CN = '成都西维数码科技有限公司';
const NAMESILO = 'NameSilo, LLC';
const GNAME_REG = 'Gname.com Pte. Ltd.';
const PRIVACY = 'REDACTED FOR PRIVACY';

/** Operators (same string = same gang). */
const JIAAN = 'r6-jiaan';
const JINGANG = 'r6-jingang';
const ZHUYOU = 'r6-zhuyou';
const YUEWX = 'r6-yuewx';

/** The 冀安 gang's back end (cxmem-gov.net/query) answers for its look-alike copy and for the page planted on a WordPress site. */
const JIAAN_SOLD = [
  { idcard: '130105198703162413', name: '郭海涛' },
  { idcard: '130821199107220632', name: '张立伟' },
  { idcard: '130434198509085619', name: '刘志永' },
] as const;

/** The 津港 gang's buyers; one of them is known to all three of its sites. */
const JINGANG_SHARED = { idcard: '120110198904112534', name: '孙宝利' } as const;

/** The 粤微 gang's provincial back end (zfcxjst-gd.com/wx/query), also the target of the page planted on a school site. */
const YUEWX_SOLD = [
  { idcard: '441821198611296037', name: '陈锦辉' },
  { idcard: '441900199303021849', name: '李美华' },
  { idcard: '441424198810143719', name: '何振华' },
] as const;

const A2_KIT = '/wp-content/uploads/2026/09/tzzy';
const C2_KIT = '/usr/uploads/2017/05/zlaq';
const D2_KIT = '/h5/zscx';

const counterfeits: readonly CorpusSite[] = [
  // --- 冀安职业技能 (r6-jiaan): Shijiazhuang; MEM look-alike, a page planted on a hacked WordPress site, seller, 繁體 page ---
  {
    host: 'cxmem-gov.net',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 6,
    operator: JIAAN,
    note: 'MEM copy on "cxmem-gov.net" that keeps the official ICP (京ICP备18046060号-1), 公安备案 and site code verbatim and changes only the "唯一官方查询网址" line (now "third-quarter data uploaded"); one Baidu id, no contact; privacy WHOIS; the gang\'s back end for three sold certificates, 查无此人 otherwise.',
    a: ['47.243.56.201'],
    ns: [...DNSPOD],
    whois: whois('2026-08-27', GNAME_REG, PRIVACY, { privacy: true, nameServers: DNSPOD }),
    tls: {},
    routes: { '/': html('cxmem-gov.net/index.html'), ...memAssets, '/query': sold(...JIAAN_SOLD) },
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'www.hengfeng-taoci.com',
    entry: `http://www.hengfeng-taoci.com${A2_KIT}/index.html`,
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 6,
    operator: JIAAN,
    note: 'Hacked WordPress site of a Foshan tile maker (WHOIS 2012, the company as registrant, news stopped 2018): / is the real company page plus an off-screen SEO block linking the kit and the gang\'s seller; the kit under wp-content/uploads is a faithful MEM copy (relative assets, official footer numbers) whose form posts to cxmem-gov.net/query; same Baidu id.',
    a: ['120.79.31.57'],
    ns: [...HICHINA_OLD],
    whois: whois('2012-03-16', HICHINA_GTLD, '佛山市南海恒丰陶瓷有限公司', { expires: '2027-03-16', registrantEmail: 'hengfengtc@163.com', nameServers: HICHINA_OLD }),
    routes: {
      '/': html('www.hengfeng-taoci.com/index.html'),
      '/wp-content/themes/hengfeng/style.css': css('www.hengfeng-taoci.com/wp-content/themes/hengfeng/style.css'),
      [`${A2_KIT}/`]: html(`www.hengfeng-taoci.com${A2_KIT}/index.html`),
      [`${A2_KIT}/index.html`]: html(`www.hengfeng-taoci.com${A2_KIT}/index.html`),
      ...under(A2_KIT, memAssets),
      [`${A2_KIT}/images/favicon.svg`]: svg('cx.mem.gov.cn/images/favicon.svg'),
    },
  },
  {
    host: 'jiaan-zhengshu.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 6,
    operator: JIAAN,
    note: 'Seller page "冀安职业技能咨询" in its own words (不去考场也能拿证, 内部渠道直接录入系统, 应急管理部网站能查到, 先查后付, 老证过期几年了也能续) with a 包办 price column; sends buyers to cxmem-gov.net and to the 繁體 cxmem-hk.com, says searched query sites "do not update"; mobile spaced and dashed, WeChat, QQ.',
    a: ['156.251.130.61'],
    ns: [...DNSOWL],
    whois: whois('2026-07-11', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-8b1e4d27c09f43a6b5d2e7f01a9c6d3e@privacyguardian.org', nameServers: DNSOWL }),
    routes: { '/': html('jiaan-zhengshu.com/index.html') },
    expect: { title: '石家庄电工证焊工证代报名 复审换证 登高证制冷证 当月出证-冀安职业技能咨询' },
  },
  {
    host: 'cxmem-hk.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 6,
    operator: JIAAN,
    note: '繁體 own design in MEM\'s name "特種作業操作證查詢（境外僱主核驗專用）" for Hong Kong, Macau and overseas employers, offering a stamped 核驗函 through the gang\'s +86 mobile and WeChat; same address as cxmem-gov.net; open WHOIS with the same mobile; GET form, one sold certificate.',
    a: ['47.243.56.201'],
    ns: [...WEST],
    whois: whois('2026-10-02', 'West263 International Limited', '王振', { registrantEmail: 'wangzhen_ja@163.com', registrantPhone: '+86.15530116620', nameServers: WEST }),
    routes: {
      '/': html('cxmem-hk.com/index.html'),
      '/cx.php': soldSaying('查無此證件資料，請核對後重新輸入', { idcard: '412728199001156730', name: '朱红伟' }),
    },
    expect: { title: '特種作業操作證查詢（境外僱主核驗專用）- 中華人民共和國應急管理部' },
  },
  // --- 津港特设 (r6-jingang): Tianjin; SAMR look-alike copy, a crude page planted on an association's DedeCMS site, a script-built H5 ---
  {
    host: 'cnse.ecqs.com.cn',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 6,
    operator: JINGANG,
    note: 'The official host without its hyphen, under .com.cn (cnse.ecqs.com.cn): the SAMR register copied with the official assets, an invented 津ICP备 number instead of the official ones, a chat widget (kf.js) offering 补录 with QQ 2960513877; WHOIS mailbox is that QQ\'s; shares one TLS certificate with tzsbcx.vip.',
    a: ['43.154.118.77'],
    ns: [...WEST],
    whois: whois('2026-06-30', WEST_CN, '刘广辉', { registrantEmail: '2960513877@qq.com', nameServers: WEST }),
    tls: { certificate: 'r6-jingang' },
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('cnse.ecqs.com.cn/info-pub/pub.html'),
      ...cnseAssets,
      '/info-pub/static/kf.js': js('cnse.ecqs.com.cn/info-pub/static/kf.js'),
      '/info-pub/pub/query': sold(JINGANG_SHARED, { idcard: '131024199202171126', name: '王艳' }),
    },
    expect: { title: '特种设备作业人员公示查询' },
  },
  {
    host: 'www.lfqzxh.org',
    entry: 'http://www.lfqzxh.org/uploads/soft/260915/tzsb.html',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 6,
    operator: JINGANG,
    note: 'Crude SAMR 特种设备作业人员证查询 page dropped into the upload folder of a crane-industry association\'s DedeCMS site (WHOIS 2012, the association as registrant, news stopped 2019, Alibaba Beijing); nothing on the site links to it; noindex; a table form posting to a PHP name of its own, QQ 2960513877 for 查询不到; two sold certificates.',
    a: ['47.93.61.109'],
    ns: [...XINCACHE],
    whois: whois('2012-04-09', XINNET_GTLD, '廊坊市起重机械行业协会', { expires: '2027-04-09', registrantEmail: 'lfqzxh@126.com', nameServers: XINCACHE }),
    routes: {
      '/': html('www.lfqzxh.org/index.html'),
      '/uploads/soft/260915/tzsb.html': html('www.lfqzxh.org/uploads/soft/260915/tzsb.html'),
      '/plus/tzsbcx.php': sold(JINGANG_SHARED, { idcard: '131125198604040978', name: '赵永强' }),
    },
  },
  {
    host: 'tzsbcx.vip',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 6,
    operator: JINGANG,
    note: 'Script-built mobile page: the HTML is "正在加载…" and one module bundle that writes "特种设备作业人员证查询" in SAMR\'s name, posts JSON and draws the answer (a made-up 天津 issuing authority on a hit); QQ 2960513877 in the footer; next address to cnse.ecqs.com.cn, same TLS certificate; two sold certificates.',
    a: ['43.154.118.78'],
    ns: [...GNAME],
    whois: whois('2026-09-19', GNAME_REG, PRIVACY, { privacy: true, nameServers: GNAME }),
    tls: { certificate: 'r6-jingang' },
    routes: {
      '/': html('tzsbcx.vip/index.html'),
      '/assets/index-4c1e9a7b.js': js('tzsbcx.vip/assets/index-4c1e9a7b.js'),
      '/api/cert/search': jsonSold(JINGANG_SHARED, { idcard: '360428198909302120', name: '徐丽' }),
    },
    expect: { scriptText: '特种设备作业人员证查询' },
  },
  // --- 筑优建培 (r6-zhuyou): Changsha; MOHURD script-built copy, a copy planted on a blog bought at auction, seller ---
  {
    host: 'zlaqcx-mohurd.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 6,
    operator: ZHUYOU,
    note: 'Vue-style empty #app and one bundle that draws the MOHURD portal (header, menu, 安管人员 and 特种作业 tabs, official 主办/承办 line plus "技术支持：筑信数据服务") and fetches JSON; a hit names 湖南省住房和城乡建设厅; CNZZ 1281926034 from the bundle; two sold certificates.',
    a: ['38.54.95.201'],
    ns: [...DNSOWL],
    whois: whois('2026-05-23', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-2c7f90a1e4b84d6fa3c15b8e0d97f241@privacyguardian.org', nameServers: DNSOWL }),
    tls: {},
    routes: {
      '/': html('zlaqcx-mohurd.com/index.html'),
      '/static/js/app.5e2c81d4.js': js('zlaqcx-mohurd.com/static/js/app.5e2c81d4.js'),
      '/api/zs/query': jsonSold({ idcard: '440306198806053316', name: '黄伟明' }, { idcard: '430521199008130476', name: '邓建军' }),
    },
    expect: { scriptText: '安管人员安全生产考核合格证书查询' },
  },
  {
    host: 'www.laoliu-tech.com',
    entry: `http://www.laoliu-tech.com${C2_KIT}/`,
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 6,
    operator: ZHUYOU,
    note: 'Second-hand: an electrician\'s Typecho blog (created 2010, last post 2017) whose domain lapsed and was bought at an expiry auction (updated 2026-09, Dynadot privacy, a US address); / is the restored blog with no link to the kit; under usr/uploads/2017/05 a faithful MOHURD 安管人员 page (official assets and footer numbers, menu links dead) posting to query.php; the gang\'s CNZZ id in the unescape() style; one sold certificate.',
    a: ['104.233.162.77'],
    ns: [...DYNADOT],
    whois: whois('2010-04-08', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot', { updated: '2026-09-18', expires: '2027-04-08', privacy: true, nameServers: DYNADOT }),
    routes: {
      '/': html('www.laoliu-tech.com/index.html'),
      [`${C2_KIT}/`]: html(`www.laoliu-tech.com${C2_KIT}/index.html`),
      [`${C2_KIT}/index.html`]: html(`www.laoliu-tech.com${C2_KIT}/index.html`),
      [`${C2_KIT}/static/portal.css`]: css('zlaq.mohurd.gov.cn/static/portal.css'),
      [`${C2_KIT}/static/logo.svg`]: svg('zlaq.mohurd.gov.cn/static/logo.svg'),
      [`${C2_KIT}/static/code.svg`]: svg('zlaq.mohurd.gov.cn/static/code.svg'),
      [`${C2_KIT}/static/favicon.svg`]: svg('zlaq.mohurd.gov.cn/static/favicon.svg'),
      [`${C2_KIT}/query.php`]: sold({ idcard: '440981198712215524', name: '梁秀英' }),
    },
  },
  {
    host: 'zhuyou-edu.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 6,
    operator: ZHUYOU,
    note: 'Seller page "筑优建培" for 安管人员 ABC and 建筑特种作业 (本人无需到场, 学历不够有办法解决, 考试由我们安排…照样一次通过, 住建平台随时能查, 继续教育学时代刷); names zlaqcx-mohurd.com as the platform and the blog path as "备用查询入口"; same CNZZ id as a plain script src; Cloudflare, privacy WHOIS.',
    a: ['104.21.29.88', '172.67.181.77'],
    ns: [...CF_JOBS_NOLA],
    whois: whois('2026-04-15', 'Spaceship, Inc.', 'Withheld for Privacy ehf', { privacy: true, nameServers: CF_JOBS_NOLA }),
    tls: {},
    routes: { '/': html('zhuyou-edu.com/index.html') },
    expect: { title: '筑优建培｜安全员C证 B证 A证 建筑电工 塔吊司机 施工升降机 挂靠复审一站式服务' },
  },
  // --- 粤微证 (r6-yuewx): a provincial 住建厅 look-alike only inside WeChat, and pages planted on a shop's and a school's old sites ---
  {
    host: 'zfcxjst-gd.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 6,
    operator: YUEWX,
    note: 'Look-alike of the Guangdong housing department\'s host (zfcxjst.gd.gov.cn → zfcxjst-gd.com) impersonating the provincial portal\'s 建筑施工特种作业 query, only inside WeChat (MicroMessenger: a red H5 form and 客服微信 gdzs_kf01); every other client, phones included, gets "请在微信客户端中打开" and a QR pattern; open WHOIS; the gang\'s back end, three sold certificates.',
    a: ['45.207.36.88'],
    ns: [...HICHINA],
    whois: whois('2026-09-08', WANWANG, '黄志鹏', { registrantEmail: 'hzp_gdzs@163.com', nameServers: HICHINA }),
    tls: {},
    routes: {
      '/': cloaked('zfcxjst-gd.com/index.html', 'MicroMessenger', 'zfcxjst-gd.com/wx.html'),
      '/wx/query': sold(...YUEWX_SOLD),
    },
  },
  {
    host: 'www.ysheng-wujin.com',
    entry: `http://www.ysheng-wujin.com${D2_KIT}/index.html`,
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 6,
    operator: YUEWX,
    note: 'Planted on a Dongguan hardware shop\'s old site (WHOIS 2015, the owner as registrant, Alibaba Shenzhen) and WeChat-only: inside WeChat /h5/zscx/ is a red MEM H5 query with 客服微信 gdzs_kf01, for everyone else the stock "请在微信客户端打开链接"; the shop\'s / never links it; one sold certificate, 未查询到该证件信息 otherwise.',
    a: ['119.23.140.171'],
    ns: [...HICHINA_OLD],
    whois: whois('2015-03-26', HICHINA_GTLD, '叶永盛', { expires: '2027-03-26', registrantEmail: 'yeyongsheng1978@163.com', nameServers: HICHINA_OLD }),
    routes: {
      '/': html('www.ysheng-wujin.com/index.html'),
      [`${D2_KIT}/`]: cloaked(`www.ysheng-wujin.com${D2_KIT}/index.html`, 'MicroMessenger', `www.ysheng-wujin.com${D2_KIT}/wx.html`),
      [`${D2_KIT}/index.html`]: cloaked(`www.ysheng-wujin.com${D2_KIT}/index.html`, 'MicroMessenger', `www.ysheng-wujin.com${D2_KIT}/wx.html`),
      [`${D2_KIT}/cx.php`]: soldSaying('未查询到该证件信息', { idcard: '44528119940611139X', name: '罗俊杰' }),
    },
  },
  {
    host: 'www.qjzyjx.cn',
    entry: 'http://www.qjzyjx.cn/UploadFiles/2026/zscx/index.html',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 6,
    operator: YUEWX,
    note: 'Planted on a county vocational school\'s old ASP site (CNNIC 2008, the school as registrant, Guangdong Telecom): an injected 2026 item "广东省建筑施工特种作业人员证书查询入口" tops its 2018 notice list; the page under UploadFiles is a crude 广东省住房和城乡建设厅 query whose form posts to zfcxjst-gd.com/wx/query, with the same 客服微信.',
    a: ['183.63.15.140'],
    whois: { created: '2008-11-12', expires: '2027-11-12', registrar: XINNET, registrant: '韶关市曲江区职业技术学校', privacy: false },
    routes: {
      '/': html('www.qjzyjx.cn/index.html'),
      '/UploadFiles/2026/zscx/index.html': html('www.qjzyjx.cn/UploadFiles/2026/zscx/index.html'),
    },
  },
  // --- a gang of one ---
  {
    host: 'samrcnse.net',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 6,
    operator: 'r6-samrcnse',
    note: 'Copy of the SAMR register\'s .gov.cn design (cnse.samr.gov.cn) with SAMR\'s ICP, 公安备案 and site code and even its link to cnse.e-cqs.cn kept; only a "第四季度数据已更新" tag and a "信息补录、更正" mobile replace the line against 内部渠道/免考; one sold certificate, 未查询到持证人员信息 otherwise.',
    a: ['23.225.141.120'],
    ns: [...DNSOWL],
    whois: whois('2026-10-30', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-f3a61c0d8e2b47c59d04b7e1a2c8f650@privacyguardian.org', nameServers: DNSOWL }),
    routes: {
      '/': html('samrcnse.net/index.html'),
      '/query': soldSaying('未查询到持证人员信息，请核对姓名和身份证号后重新查询', { idcard: '610429199105062830', name: '杨军' }),
      '/favicon.ico': svg('cnse.e-cqs.cn/info-pub/static/samr.svg'),
    },
    expect: { title: '特种设备作业人员公示查询 - 国家市场监督管理总局' },
  },
];

const benign: readonly CorpusSite[] = [
  {
    host: 'www.jinpeng-px.com',
    entry: 'http://www.jinpeng-px.com/zscx/',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Huizhou training school\'s own "培训证书查询" at /zscx/ (name + ID number, no record for strangers) for its JP-numbered training papers; says first that it is not a government query, tabulates the three official platforms with their links and disowns every other "证书查询中心"; school licence and ICP in the footer.',
    a: ['121.41.70.66'],
    ns: [...HICHINA],
    whois: whois('2014-05-06', HICHINA_GTLD, '惠州市金鹏职业技能培训学校', { expires: '2027-05-06', nameServers: HICHINA }),
    tls: {},
    routes: {
      '/': html('www.jinpeng-px.com/index.html'),
      '/style.css': css('www.jinpeng-px.com/style.css'),
      '/zscx/': html('www.jinpeng-px.com/zscx/index.html'),
      '/zscx/query': ownQuery('未查询到该学员的培训结业记录，请核对姓名和身份证号，或致电教务处 0752-2381 569'),
    },
  },
  {
    host: 'www.shuzhu-jianshe.com',
    entry: 'http://www.shuzhu-jianshe.com/rlzy/zsyz.html',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Construction company\'s HR guide at a path: a table of which certificate is checked where (every official address quoted in code, not linked), type the address by hand, screenshot with the address bar; lists the fakes\' tells (hyphens, other suffixes, a page under a company\'s or school\'s site, WeChat-only, 补录 contacts) and two cases it met.',
    a: ['47.108.54.77'],
    whois: whois('2010-07-19', XINNET_GTLD, '四川蜀筑建设工程有限公司', { expires: '2027-07-19' }),
    routes: { '/': html('www.shuzhu-jianshe.com/index.html'), '/rlzy/zsyz.html': html('www.shuzhu-jianshe.com/rlzy/zsyz.html') },
  },
  {
    host: 'www.lingnan-fz.com',
    entry: 'http://www.lingnan-fz.com/fzxw/2026/1108/34521.html',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Legal-news article on fake query pages planted in hacked company, school and blog sites (a tile maker\'s wp-content path, a school notice list, WeChat-only pages, sold-only records that defeat a random ID); quotes all official addresses in a box, unlinked.',
    a: ['106.75.131.90'],
    whois: whois('2013-02-27', HICHINA_GTLD, '广州岭南法治传媒有限公司', { expires: '2027-02-27' }),
    tls: {},
    routes: { '/': html('www.lingnan-fz.com/index.html'), '/fzxw/2026/1108/34521.html': html('www.lingnan-fz.com/fzxw/2026/1108/34521.html') },
  },
  {
    host: 'www.hkcontrade.com.hk',
    entry: 'http://www.hkcontrade.com.hk/article/20261115/118246.html',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: '繁體 Hong Kong trade-paper article warning employers of mainland workers about fake query sites (a 繁體 "境外版" among them, stamped 核驗函 for sale): a table of the official platforms\' addresses, unlinked, and MEM\'s "唯一官方查询网址" statement.',
    a: ['8.210.33.140'],
    whois: whois('2009-08-14', 'Hong Kong Internet Registration Corporation Ltd.', '建造業商報有限公司', { expires: '2027-08-14' }),
    tls: {},
    routes: { '/': html('www.hkcontrade.com.hk/index.html'), '/article/20261115/118246.html': html('www.hkcontrade.com.hk/article/20261115/118246.html') },
  },
  {
    host: 'www.hnjzaq.org.cn',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Provincial construction-safety association\'s home page: a 便民查询 column linking all three official platforms (https) with their agencies, a notice about fake query sites, and a line that the association offers no query, 办证 or 补录.',
    a: ['222.243.146.88'],
    whois: whois('2011-09-21', WANWANG, '湖南省建筑施工安全生产协会', { expires: '2027-09-21' }),
    routes: { '/': html('www.hnjzaq.org.cn/index.html') },
    expect: { title: '湖南省建筑施工安全生产协会' },
  },
  {
    host: 'zlaqmohurd.cn',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Look-alike of zlaq.mohurd.gov.cn (dots dropped, .cn) held by a domainer since 2017 and parked for sale: the name, "此域名正在出售", a 一口价 and the seller\'s mailbox (also in WHOIS), "与任何政府机构无关"; no certificate content, no form.',
    a: ['47.91.170.240'],
    ns: [...HICHINA_PARK],
    whois: whois('2017-06-13', WANWANG, '陈小龙', { expires: '2027-06-13', registrantEmail: 'ym_trade88@163.com', nameServers: HICHINA_PARK }),
    routes: { '/': html('zlaqmohurd.cn/index.html') },
    expect: { title: 'zlaqmohurd.cn 此域名正在出售' },
  },
  {
    host: 'www.lqzz-edu.cn',
    entry: 'http://www.lqzz-edu.cn/jwc/cjcx.asp',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Old vocational school\'s ASP 学生成绩查询 at a deep path (name + ID number + class, POST, no record), untouched since 2018 (CNNIC 2009, the school as registrant); nothing about certificates.',
    a: ['115.238.120.57'],
    whois: { created: '2009-03-04', expires: '2027-03-04', registrar: XINNET, registrant: '乐清市北白象职业技术学校', privacy: false },
    routes: {
      '/': html('www.lqzz-edu.cn/index.html'),
      '/jwc/cjcx.asp': html('www.lqzz-edu.cn/jwc/cjcx.asp.html'),
      '/jwc/cjcx_jg.asp': ownQuery('没有找到该学生的成绩记录，请检查输入是否正确！'),
    },
  },
  {
    host: 'www.tongda56.com',
    entry: 'http://www.tongda56.com/service/ztcx.html',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Yiwu freight line\'s 自提货物查询 at a deep path asking the consignee\'s name and ID number (POST, no record), plus a 运单号 GET form on /; road-transport licence and ICP in the footer.',
    a: ['101.37.81.140'],
    whois: whois('2010-01-15', HICHINA_GTLD, '义乌通达物流有限公司', { expires: '2027-01-15' }),
    routes: {
      '/': html('www.tongda56.com/index.html'),
      '/service/ztcx.html': html('www.tongda56.com/service/ztcx.html'),
      '/service/ztcx_query': ownQuery('未查询到该收货人的自提货物，请核对姓名和身份证号，或联系到达网点'),
      '/service/ydcx': ownQuery('未查询到该运单信息，请核对运单号'),
    },
  },
  {
    host: 'www.sdxinhe-jz.com',
    entry: 'http://www.sdxinhe-jz.com/about/czry.html',
    label: 'benign',
    platform: null,
    holdout: 6,
    note: 'Construction company\'s 持证人员公示 at a path: names, masked ID numbers, 安管人员 and 建筑特种作业 certificate numbers and expiry dates, with a link to zlaq.mohurd.gov.cn and "以平台查询结果为准"; no form.',
    a: ['139.196.92.88'],
    whois: whois('2008-10-22', XINNET_GTLD, '山东鑫和建筑工程有限公司', { expires: '2027-10-22' }),
    routes: { '/': html('www.sdxinhe-jz.com/index.html'), '/about/czry.html': html('www.sdxinhe-jz.com/about/czry.html') },
  },
];

/** Round 6: every site held aside, counterfeits with their operators. */
export const round6: CorpusSite[] = [...counterfeits, ...benign];
