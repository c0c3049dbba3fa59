/**
 * Held-aside round 5 of the bundled corpus, written blind by a fifth author: without reading the detectors,
 * the rules or any evaluation output, from the sandbox, the corpus's types and round 4 as a model only.
 * Every counterfeit names its gang; gangs leak what real ones leak (a phone written three ways, one WeChat id,
 * a 51.la, Baidu or CNZZ id, a WHOIS e-mail, a shared back end, one kefu.js, one multi-SAN certificate), and
 * unrelated sites share only what everyone shares (a Cloudflare address and name-server pair, NameSilo with its
 * dnsowl name servers, Alibaba Cloud's shared hosting). Every fake holds only the certificates it sold and
 * answers 查无此人 (or the official wording) to anything else, so an impossible ID proves nothing there.
 *
 * Dates are relative to the corpus's "now", 2026-11-22. Addresses are labels only (the sandbox serves every
 * host itself), chosen from blocks whose real network fits the story: Alibaba Cloud and Tencent Cloud in Hong
 * Kong, US hosters popular with these gangs (CNSERVERS, PEG TECH, Kaopu), Cloudflare's anycast, mainland
 * clouds for old company sites and provincial networks for government sites.
 */
import type { CorpusSite, ForgedRecord, Route } from './types.js';
import { cnseAssets, css, html, js, memAssets, whoisRecord as whois, zlaqAssets } from './routes.js';

const jsonSold = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText: '查无此人', format: 'json', records });
const sold = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText: '查无此人', records });
const soldSaying = (noRecordText: string, ...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText, records });
/** A copy that answers the unsold in the official platform's own words. */
const soldOfficialWording = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', records });
const noRecord: Route = { kind: 'query', answer: 'no-record' };

/** A page route whose answer depends on the client: `file` for most, `other` for User-Agents matching `ua`. */
function cloaked(file: string, ua: string, other: string): Route {
  return { kind: 'page', file, contentType: 'text/html; charset=utf-8', variants: [{ userAgent: ua, file: other }] };
}

// Popular name servers and registrars: shared by countless unrelated domains, so they link nothing.
const HICHINA = ['dns25.hichina.com', 'dns26.hichina.com'] as const;
const HICHINA_OLD = ['dns13.hichina.com', 'dns14.hichina.com'] as const;
const DNSPOD = ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'] as const;
const DNSOWL = ['ns1.dnsowl.com', 'ns2.dnsowl.com', 'ns3.dnsowl.com'] as const;
const GNAME = ['ns1.gname-dns.com', 'ns2.gname-dns.com'] as const;
const WEST = ['ns1.myhostadmin.net', 'ns2.myhostadmin.net'] as const;
const SEDO = ['ns1.sedoparking.com', 'ns2.sedoparking.com'] as const;
/** One Cloudflare pair serving a fake and a training school that never met. */
const CF_GINA_REX = ['gina.ns.cloudflare.com', 'rex.ns.cloudflare.com'] as const;
const CF_SHARED = { a: ['104.21.48.211', '172.67.163.42'] } as const;

const WANWANG = '阿里云计算有限公司（万网）';
const HICHINA_GTLD = 'Alibaba Cloud Computing Ltd. d/b/a HiChina (www.net.cn)';
const XINNET = '北京新网数码信息技术有限公司';
const WEST_CN = '成都西维数码科技有限公司';
const NAMESILO = 'NameSilo, LLC';
const GNAME_REG = 'Gname.com Pte. Ltd.';
const PRIVACY = 'REDACTED FOR PRIVACY';
const CNNIC_GOV = '中国互联网络信息中心（政务和公益机构域名注册管理中心）';

/** Operators (same string = same gang). */
const ANXIN = 'r5-anxin';
const JIANAN = 'r5-jianan';
const TESHEFU = 'r5-teshefu';

/** Certificates the 安信 gang sold; its desktop copy and its WeChat page share one back end. */
const ANXIN_SOLD = [
  { idcard: '410184198903171026', name: '王丽娟' },
  { idcard: '411323199208069832', name: '陈国栋' },
  { idcard: '410923198701142105', name: '李秀芳' },
] as const;

/** The 特设服务 gang's kefu.js, byte-identical on its mobile page and its 繁體 page. */
const TESHEFU_KEFU = 'tzsb-h5.com/static/kefu.js';

const counterfeits: readonly CorpusSite[] = [
  // --- 安信考证 (r5-anxin): Henan; MEM copy, WeChat-only page on the same back end, seller page ---
  {
    host: 'cx-mem-gov.net.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 5,
    operator: ANXIN,
    note: 'Faithful MEM copy on .net.cn, every official word kept (ICP, 公安备案, site code, even "唯一官方查询网址为 cx.mem.gov.cn"); adds only a 51.la id and a floating 证书咨询 box with a spaced mobile; holds three sold certificates, 查无此人 otherwise.',
    a: ['8.210.143.27'],
    ns: [...HICHINA],
    whois: whois('2026-09-22', WANWANG, '孙海洋', { registrantEmail: 'sunhy1988@163.com', nameServers: HICHINA }),
    routes: { '/': html('cx-mem-gov.net.cn/index.html'), ...memAssets, '/query': sold(...ANXIN_SOLD) },
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'zscx-wx.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 5,
    operator: ANXIN,
    note: 'WeChat-only H5: inside WeChat a red MEM query card whose form posts to cx-mem-gov.net.cn/query (same 51.la id, WeChat id in an alert); every other client, mobile browsers included, gets only the stock weui "请在微信客户端打开链接"; WHOIS open with the gang\'s registrant and e-mail.',
    a: ['8.210.143.27'],
    ns: [...WEST],
    whois: whois('2026-10-09', WEST_CN, '孙海洋', { registrantEmail: 'sunhy1988@163.com', nameServers: WEST }),
    routes: { '/': cloaked('zscx-wx.cn/index.html', 'MicroMessenger', 'zscx-wx.cn/wx.html') },
  },
  {
    host: 'anxin-kaozheng.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 5,
    operator: ANXIN,
    note: 'Seller page "安信考证咨询中心": 可以免考, 没有证也可以办, 不用考试直接拿证, 包过, 不是假证, 官网可查, a price table with 免考 prices; names cx-mem-gov.net.cn and zscx-wx.cn as "官网", warns that Baidu\'s query sites are fake; mobile dashed/spaced/tel:, WeChat anxin_kz88, QQ; own Baidu id.',
    a: ['154.211.14.201'],
    ns: [...DNSOWL],
    whois: whois('2026-07-30', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-5e0a93c4d71b48f2a6c3e18b9f20d7a1@privacyguardian.org', nameServers: DNSOWL }),
    routes: { '/': html('anxin-kaozheng.com/index.html') },
    expect: { title: '电工证焊工证高空作业证办理_安信考证咨询中心_全国通用 官网可查' },
  },
  // --- 建安人才 (r5-jianan): MOHURD 建筑施工特种作业; a JSON app, a page planted on a hacked old site, a seller ---
  {
    host: 'zlaq-cxpt.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 5,
    operator: JIANAN,
    note: 'Own design built by script: the HTML is "加载中…", a base64 config (QQ, CNZZ id) and one bundle whose strings are base64 too; it draws "建筑施工特种作业人员操作资格证书查询平台" in MOHURD\'s name with "数据来源：全国工程质量安全监管信息平台（数据接口实时同步）" and fetches a JSON answer; two sold certificates.',
    a: ['43.154.77.205'],
    ns: [...GNAME],
    whois: whois('2026-08-12', GNAME_REG, '邓志华', { registrantEmail: '2851066374@qq.com', nameServers: GNAME }),
    routes: {
      '/': html('zlaq-cxpt.com/index.html'),
      '/static/css/app.3b7d90.css': css('zlaq-cxpt.com/static/css/app.3b7d90.css'),
      '/static/js/app.8c1f2e.js': js('zlaq-cxpt.com/static/js/app.8c1f2e.js'),
      '/api/cert/query': jsonSold({ idcard: '441481199005221632', name: '钟振华' }, { idcard: '430421198509307671', name: '谭建军' }),
    },
    expect: { scriptText: '建筑施工特种作业人员操作资格证书查询平台' },
  },
  {
    host: 'www.jinrun-zs.com',
    entry: 'http://www.jinrun-zs.com/Public/cx/index.html',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 5,
    operator: JIANAN,
    note: 'Fake planted in an unmaintained ThinkPHP company site (a Hangzhou decorator, WHOIS 2011 with the company as registrant, news last updated 2019, Alibaba Cloud Hangzhou): / is the real company page with no link to it; /Public/cx/index.html is a noindex MOHURD 特种作业 query (the gang\'s CNZZ id, QQ in 全角 digits) holding two sold certificates.',
    a: ['121.40.85.117'],
    ns: [...HICHINA_OLD],
    whois: whois('2011-05-18', HICHINA_GTLD, '杭州金润装饰工程有限公司', { expires: '2027-05-18', registrantEmail: 'jinrun_zs@163.com', nameServers: HICHINA_OLD }),
    routes: {
      '/': html('www.jinrun-zs.com/index.html'),
      '/Public/cx/index.html': html('www.jinrun-zs.com/Public/cx/index.html'),
      '/Public/cx/query.php': sold({ idcard: '441622199302143192', name: '叶志强' }, { idcard: '431022199206303702', name: '曹婷' }),
    },
    expect: { title: '杭州金润装饰工程有限公司-家装|工装|办公室装修|厂房装修' },
  },
  {
    host: 'aqy-abc.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 5,
    operator: JIANAN,
    note: 'Seller page for 安全员ABC证 and 建筑特种作业证 (不用考试直接拿证, 住建厅官网可查, 没有证也可以办, 可以免考, 包过, 不是假证, faked 学员反馈); "QQ/微信同号 2851066374", +86 mobile; same CNZZ id; sends buyers to zlaq-cxpt.com and to the page planted on www.jinrun-zs.com as a 备用入口; on the gang\'s Hong Kong server.',
    a: ['43.154.77.205'],
    ns: [...DNSPOD],
    whois: whois('2026-09-03', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot', { privacy: true, nameServers: DNSPOD }),
    routes: { '/': html('aqy-abc.com/index.html') },
    expect: { title: '安全员ABC证办理_建筑电工架子工塔吊证_住建厅官网可查-建安人才服务' },
  },
  // --- 特设服务中心 (r5-teshefu): SAMR, Jinan; a faithful copy, a mobile-only page, a 繁體 "港澳版" ---
  {
    host: 'cnse.e-cqs.net.cn',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 5,
    operator: TESHEFU,
    note: 'The official host with ".net.cn" for ".cn" (cnse.e-cqs.net.cn): byte-faithful SAMR register (/ → /info-pub/pub, official assets and footer numbers) plus one Baidu id; shares one TLS certificate with tzsb-h5.com; two sold certificates, 查无此人 otherwise.',
    a: ['23.224.147.30'],
    ns: [...DNSPOD],
    whois: whois('2026-06-17', '厦门纳网科技股份有限公司', '周广兵', { registrantEmail: 'tzsbfw@126.com', nameServers: DNSPOD }),
    tls: { certificate: 'r5-teshefu' },
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('cnse.e-cqs.net.cn/info-pub/pub.html'),
      ...cnseAssets,
      '/info-pub/pub/query': sold({ idcard: '370181198807058718', name: '张庆国' }, { idcard: '371482199101270918', name: '刘洪亮' }),
    },
    expect: { title: '特种设备作业人员公示查询' },
  },
  {
    host: 'tzsb-h5.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 5,
    operator: TESHEFU,
    note: 'Mobile-only SAMR H5: Android, iPhone and WeChat get the register\'s query card (same Baidu id, kefu.js with WeChat and phone); desktops and plain clients get only a QR code "请使用手机微信扫一扫访问"; next address to the gang\'s copy, same certificate, WHOIS with its e-mail and phone.',
    a: ['23.224.147.31'],
    ns: [...WEST],
    whois: whois('2026-07-02', 'West263 International Limited', '周广兵', { registrantEmail: 'tzsbfw@126.com', registrantPhone: '+86.15853190127', nameServers: WEST }),
    tls: { certificate: 'r5-teshefu' },
    routes: {
      '/': cloaked('tzsb-h5.com/index.html', 'Android|iPhone|iPad|MicroMessenger', 'tzsb-h5.com/m.html'),
      '/static/kefu.js': js(TESHEFU_KEFU),
      '/m/pub/query': sold({ idcard: '370181198807058718', name: '张庆国' }, { idcard: '370883198608197759', name: '孔德胜' }),
    },
  },
  {
    host: 'tzsb-gangao.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 5,
    operator: TESHEFU,
    note: '繁體 own design "特種設備作業人員證書查詢系統（港澳及海外版）" in SAMR\'s name for Hong Kong/Macau employers, "與內地官網具同等效力"; the gang\'s Baidu id, kefu.js under another path and phone dashed; privacy WHOIS on NameSilo; one sold certificate, 查無此人 otherwise.',
    a: ['104.233.167.12'],
    ns: [...DNSOWL],
    whois: whois('2026-10-20', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-a7d2c0e94b3f4e1895d6f0c2b8e17a43@privacyguardian.org', nameServers: DNSOWL }),
    routes: {
      '/': html('tzsb-gangao.com/index.html'),
      '/js/kf.js': js(TESHEFU_KEFU),
      '/cx/chaxun.php': soldSaying('查無此人', { idcard: '372926199007169546', name: '孙美玲' }),
    },
    expect: { title: '特種設備作業人員證書查詢系統（港澳及海外版）' },
  },
  // --- gangs of one ---
  {
    host: 'aqscpx.org',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 5,
    operator: 'r5-zscxzx',
    note: 'Second-hand domain: created 2013 (a training association\'s old name), transferred 2026 to NameSilo with privacy; own red design "全国安全生产培训考核证书查询中心" claiming a live interface to MEM\'s exam system and "since 2013"; GET form, two sold certificates, "未查询到该证书信息" otherwise.',
    a: ['142.4.102.33'],
    ns: [...DNSOWL],
    whois: whois('2013-06-04', NAMESILO, PRIVACY, { updated: '2026-08-27', expires: '2027-06-04', privacy: true, registrantEmail: 'pw-0c6e2b8f1d9a4375b2e4a7c9d05f3e18@privacyguardian.org', nameServers: DNSOWL }),
    routes: {
      '/': html('aqscpx.org/index.html'),
      '/zhengshu/search': soldSaying('未查询到该证书信息，请核对后重新查询', { idcard: '411522198404121984', name: '马红霞' }, { idcard: '412726199503013198', name: '程磊' }),
    },
    expect: { title: '全国安全生产培训考核证书查询中心 - 特种作业操作证查询 安全生产考核合格证查询' },
  },
  {
    host: 'zlaq.mohurd-gov.cn.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 5,
    operator: 'r5-zhuyun',
    note: 'The official host name kept as a subdomain of a CentralNic .cn.com name; faithful MOHURD portal copy (home, 安管人员 page byte-identical, a made-up 特种作业 page in the same style), only the anti-fake notice and "免考/包过" warning swapped for a 补录 notice; answers the unsold in the official wording.',
    a: ['38.54.84.19'],
    ns: [...GNAME],
    whois: whois('2026-05-11', GNAME_REG, PRIVACY, { privacy: true, nameServers: GNAME }),
    routes: {
      '/': html('zlaq.mohurd-gov.cn.com/index.html'),
      '/personnel/safety': html('zlaq.mohurd-gov.cn.com/personnel/safety.html'),
      '/personnel/special': html('zlaq.mohurd-gov.cn.com/personnel/special.html'),
      ...zlaqAssets,
      '/personnel/safety/query': soldOfficialWording({ idcard: '130682198702199476', name: '高建新' }),
      '/personnel/special/query': soldOfficialWording({ idcard: '341225199409087497', name: '汪涛' }),
    },
    expect: { title: '全国工程质量安全监管信息平台' },
  },
  {
    host: 'mem-zscx.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 5,
    operator: 'r5-kuaicha',
    note: 'Built by script behind Cloudflare: an empty #root with a CSS spinner; the bundle writes the MEM title, agency and the official ICP/公安备案/site code into the page and fetches a JSON answer; one sold certificate. Shares its Cloudflare address and name servers with a training school.',
    ...CF_SHARED,
    ns: [...CF_GINA_REX],
    whois: whois('2026-10-28', 'Spaceship, Inc.', 'Withheld for Privacy ehf', { privacy: true, nameServers: CF_GINA_REX }),
    tls: {},
    routes: {
      '/': html('mem-zscx.com/index.html'),
      '/js/main.7e41c0d9.js': js('mem-zscx.com/js/main.7e41c0d9.js'),
      '/api/v1/zs/verify': jsonSold({ idcard: '440883198911111004', name: '吴小燕' }),
    },
    expect: { scriptText: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
];

const benign: readonly CorpusSite[] = [
  {
    host: 'www.zzanpei.com',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'Zhengzhou training school for 电工/焊工/高处作业 with its own landline, mobile and 公众号; links cx.mem.gov.cn and zlaq.mohurd.gov.cn and warns against 可以免考/不用考试直接拿证/官网可查 and hyphenated look-alikes. Same Cloudflare address and name servers as mem-zscx.com.',
    ...CF_SHARED,
    ns: [...CF_GINA_REX],
    whois: whois('2014-03-20', WANWANG, '郑州安培职业技能培训学校', { expires: '2027-03-20', nameServers: CF_GINA_REX }),
    tls: {},
    routes: { '/': html('www.zzanpei.com/index.html') },
  },
  {
    host: 'www.zhongyuan-fzb.com',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'Legal-news report of a gang bust: quotes the seller\'s pitch (可以免考…官网可查) and a "证件有效" result, explains sold-records-only fakes, WeChat-only pages and pages planted on old company sites; gives every official address in text (not linked).',
    a: ['106.75.112.84'],
    whois: whois('2012-08-09', XINNET, '河南中原法治传媒有限公司', { expires: '2027-08-09' }),
    routes: { '/': html('www.zhongyuan-fzb.com/index.html') },
  },
  {
    host: 'zjj.zhuhai.gov.cn',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'City housing bureau notice in 简体 and again in 繁體 for Hengqin\'s Macau contractors: a table of the official query addresses for all four certificate kinds, each linked, the fakes\' tricks ("cx-mem-gov", ".net.cn", ".cn.com", WeChat-only) and the sellers\' phrases; gov footer numbers.',
    a: ['61.143.58.20'],
    whois: { created: '2002-07-15', registrar: CNNIC_GOV, registrant: '珠海市人民政府办公室', privacy: false },
    routes: { '/': html('zjj.zhuhai.gov.cn/index.html') },
    expect: { title: '关于核验建筑施工从业人员证书须通过官方平台查询的通知（简繁对照）_珠海市住房和城乡建设局' },
  },
  {
    host: 'hr.hualian-jianshe.com',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'Construction group\'s HR guide to verifying a hire\'s certificates: which official platform for which certificate (linked), type the address by hand, screenshot with the address bar; rejects applicants\' "官网可查" links and 补录 offers.',
    a: ['120.78.143.9'],
    whois: whois('2010-11-02', WANWANG, '华联建设集团有限公司', { expires: '2027-11-02' }),
    routes: { '/': html('hr.hualian-jianshe.com/index.html') },
  },
  {
    host: 'cnse-ecqs.com',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'Parked look-alike of cnse.e-cqs.cn held by a domainer since 2018 on Sedo\'s parking name servers: the bare name in large type and a copyright line, nothing else; no certificate content, no form, not even a for-sale notice.',
    a: ['91.195.240.94'],
    ns: [...SEDO],
    whois: whois('2018-04-23', 'Key-Systems GmbH', 'Contact Privacy Inc. Customer 7151571251', { expires: '2027-04-23', privacy: true, nameServers: SEDO }),
    routes: { '/': html('cnse-ecqs.com/index.html') },
  },
  {
    host: 'yjt.hubei.gov.cn',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'Provincial emergency-management department\'s service page: its own exam-score query (ID number + name, no record) beside a link to cx.mem.gov.cn and the "唯一官方查询网址" warning; provincial gov footer numbers.',
    a: ['59.175.218.12'],
    whois: { created: '2003-01-09', registrar: CNNIC_GOV, registrant: '湖北省人民政府办公厅', privacy: false },
    routes: { '/': html('yjt.hubei.gov.cn/index.html'), '/ksfw/cjcx': noRecord },
    expect: { title: '特种作业操作证考试成绩及证书查询_办事服务_湖北省应急管理厅' },
  },
  {
    host: 'www.aqpxcx.com',
    label: 'benign',
    platform: null,
    holdout: 5,
    note: 'Online safety-training platform whose name reads like a fake ("aqpx cx" = 安全培训查询): a 学时查询 form (name + ID, no record) that says it is not a certificate query, points to the official platforms and issues no certificates.',
    a: ['118.31.226.15'],
    whois: whois('2016-02-25', WANWANG, '杭州安学信息技术有限公司', { expires: '2027-02-25' }),
    routes: { '/': html('www.aqpxcx.com/index.html'), '/xueshi/query': noRecord },
  },
];

/** Round 5: every site held aside, counterfeits with their operators. */
export const round5: CorpusSite[] = [...counterfeits, ...benign];
