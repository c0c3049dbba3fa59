/**
 * Operators in the tuning part of the corpus: gangs of counterfeit sites that one operator runs, each gang's
 * sites sharing some identifiers written differently (a WeChat id as 微信/ＶＸ in 全角, one mobile as
 * 188-…, １８８－… and +86 …, a Baidu Tongji id inline and in a script file, a CNZZ id behind unescape() and
 * as a plain src, a 53kf widget in two styles, a registrant e-mail in WHOIS and on the page, one script bundle
 * under two paths, a certificate shared or naming a sibling), and decoys that share with a gang only what
 * many unrelated sites share (a cloud address, a popular registrar, name servers, a template, a library, a
 * privacy e-mail) and must never be linked. `operator` is the ground truth of `npm run eval`'s "same operator"
 * figures; like every label it is read by nothing under src/ outside sandbox/.
 */
import { cnseAssets, css, html, js, memAssets, noSuchPerson, officialNoRecord, svg, zlaqAssets } from './routes.js';
import type { CorpusSite, WhoisFacts } from './types.js';

/** The few fakes whose design is a form that declares every query valid; the rest hold only what they sold. */
const valid = { kind: 'query', answer: 'always-valid' } as const;

const GNAME_NS = ['ns1.gname-dns.com', 'ns2.gname-dns.com'] as const;
const CF_NS = ['kia.ns.cloudflare.com', 'rob.ns.cloudflare.com'] as const;
/** A small DNS reseller's name servers: gang B's, and a decoy's that bought from the same reseller. */
const JZDNS_NS = ['ns1.jzdns.top', 'ns2.jzdns.top'] as const;
const NAWANG = '厦门纳网科技股份有限公司';

function privacy(created: string, registrar: string, nameServers?: readonly string[], extra: Partial<WhoisFacts> = {}): WhoisFacts {
  const expires = `${Number(created.slice(0, 4)) + 1}${created.slice(4)}`;
  return { created, expires, registrar, registrant: 'REDACTED FOR PRIVACY', privacy: true, ...(nameServers ? { nameServers } : {}), ...extra };
}

/** Gang A: MEM copies from one kit with a floating customer-service box, and an own design. */
const gangZscx: readonly CorpusSite[] = [
  {
    host: 'cx-mem-gov.ltd',
    label: 'counterfeit',
    platform: 'mem-cx',
    operator: 'gang-zscx',
    note: 'Faithful MEM copy with a 客服 box (微信 zscx_kf88) and an inline Baidu Tongji snippet; https with a certificate shared with cx-mem-zs.top.',
    a: ['47.243.118.26'],
    ns: [...GNAME_NS],
    whois: privacy('2026-08-14', 'Gname.com Pte. Ltd.', GNAME_NS),
    tls: { certificate: 'gang-zscx' },
    routes: { '/': html('cx-mem-gov.ltd/index.html'), ...memAssets, '/css/kf.css': css('cx-mem-gov.ltd/kf.css'), '/query': noSuchPerson() },
  },
  {
    host: 'cxmem-gov.vip',
    label: 'counterfeit',
    platform: 'mem-cx',
    operator: 'gang-zscx',
    note: 'The same kit: the WeChat id and a mobile written in 全角 (ＶＸ：ＺＳＣＸ＿ＫＦ８８, １８８－６６１２－３３４５).',
    a: ['47.243.118.90'],
    ns: [...CF_NS],
    whois: privacy('2026-09-02', 'Dynadot Inc', CF_NS),
    routes: { '/': html('cxmem-gov.vip/index.html'), ...memAssets, '/css/kf.css': css('cx-mem-gov.ltd/kf.css'), '/query': noSuchPerson() },
  },
  {
    host: 'cx-mem-gov.fun',
    label: 'counterfeit',
    platform: 'mem-cx',
    operator: 'gang-zscx',
    note: 'Faithful MEM copy with no contact at all; only the Baidu Tongji id of cx-mem-gov.ltd, in a same-site script file.',
    a: ['8.218.40.12'],
    whois: privacy('2026-10-05', 'NameSilo, LLC'),
    routes: { '/': html('cx-mem-gov.fun/index.html'), ...memAssets, '/js/tongji.js': js('cx-mem-gov.fun/tongji.js'), '/query': officialNoRecord() },
  },
  {
    host: 'cx-mem-zs.top',
    label: 'counterfeit',
    platform: 'mem-cx',
    operator: 'gang-zscx',
    note: 'Own design "查询中心"; the mobile of cxmem-gov.vip as +86 188 6612 3345; https on the certificate it shares with cx-mem-gov.ltd.',
    a: ['43.154.61.77'],
    whois: privacy('2026-10-19', 'Gname.com Pte. Ltd.', GNAME_NS),
    ns: [...GNAME_NS],
    tls: { certificate: 'gang-zscx' },
    routes: { '/': html('cx-mem-zs.top/index.html'), '/s.css': css('cx-mem-zs.top/s.css'), '/chaxun': valid },
  },
];

/** Gang B: two own-design MOHURD fakes from one kit (one script bundle under two paths) and a faithful copy. */
const gangJzaq: readonly CorpusSite[] = [
  {
    host: 'zlaq-mohurd.vip',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    operator: 'gang-jzaq',
    note: 'Own-design MOHURD 安管人员 fake from a kit (/static/js/cx.js), 补录 offered on 扣扣 2876543210; registrant e-mail in WHOIS; the kit ships a jQuery copy.',
    a: ['154.23.180.11'],
    ns: [...JZDNS_NS],
    whois: { created: '2026-06-21', expires: '2027-06-21', registrar: NAWANG, registrant: '陈志强', privacy: false, registrantEmail: 'gb_zs2026@163.com', nameServers: JZDNS_NS },
    routes: {
      '/': html('zlaq-mohurd.vip/index.html'),
      '/static/css/site.css': css('zlaq-mohurd.vip/site.css'),
      '/static/js/cx.js': js('zlaq-mohurd.vip/cx.js'),
      '/js/jquery.min.js': js('zlaq-mohurd.vip/jquery.min.js'),
      '/personnel/query': noSuchPerson(),
    },
  },
  {
    host: 'mohurd-zlaq.cc',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    operator: 'gang-jzaq',
    note: 'The same kit, restyled; its script bundle is cx.js byte for byte as /js/query.min.js; a 53kf chat widget; phone 137 1234 5678; https with a certificate of its own.',
    a: ['154.23.180.12'],
    ns: [...JZDNS_NS],
    whois: privacy('2026-07-30', NAWANG, JZDNS_NS),
    tls: {},
    routes: {
      '/': html('mohurd-zlaq.cc/index.html'),
      '/css/style.css': css('mohurd-zlaq.cc/style.css'),
      '/js/query.min.js': js('zlaq-mohurd.vip/cx.js'),
      '/personnel/query': noSuchPerson(),
    },
  },
  {
    host: 'zlaq-mohurd-gov.top',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    operator: 'gang-jzaq',
    note: 'Faithful copy of the MOHURD safety query page with the 53kf widget in another style and "QQ 2876 543 210"; WHOIS registrant e-mail in capitals and the phone of mohurd-zlaq.cc.',
    a: ['156.251.22.5'],
    whois: { created: '2026-09-11', expires: '2027-09-11', registrar: 'NameSilo, LLC', registrant: '陈志强', privacy: false, registrantEmail: 'GB_ZS2026@163.com', registrantPhone: '+86.13712345678' },
    routes: {
      '/': html('zlaq-mohurd-gov.top/index.html'),
      '/personnel/safety/query': officialNoRecord(),
      ...zlaqAssets,
    },
  },
];

/** Gang C: a certificate-sales page and two SAMR query fakes it sends buyers to. */
const gangTzsb: readonly CorpusSite[] = [
  {
    host: 'tzsb-banzheng.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    operator: 'gang-tzsb',
    note: 'Sales page for SAMR operator certificates (免考 包过 官网可查), 微信/手机同号 139-2233-4455 and a QQ group; sends buyers to cnse-zscx.top; a privacy e-mail shared with a decoy.',
    a: ['103.212.70.33'],
    whois: privacy('2026-04-27', 'Gname.com Pte. Ltd.', GNAME_NS, { registrantEmail: 'whoisprivacy@gname.com' }),
    routes: { '/': html('tzsb-banzheng.com/index.html'), '/m.css': css('tzsb-banzheng.com/m.css') },
  },
  {
    host: 'cnse-zscx.top',
    label: 'counterfeit',
    platform: 'samr-cnse',
    operator: 'gang-tzsb',
    note: 'Faithful SAMR register copy (/ → /info-pub/pub) with a CNZZ counter behind unescape(); https, its certificate also naming samr-tzsb.cn.com.',
    a: ['47.100.211.8'],
    whois: privacy('2026-05-09', 'Alibaba Cloud Computing Ltd. d/b/a HiChina (www.net.cn)'),
    tls: { alsoNames: ['samr-tzsb.cn.com'] },
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('cnse-zscx.top/info-pub/pub.html'),
      ...cnseAssets,
      '/info-pub/pub/query': noSuchPerson(),
    },
  },
  {
    host: 'samr-tzsb.cn.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    operator: 'gang-tzsb',
    note: 'Own-design SAMR fake: the CNZZ account of cnse-zscx.top as a plain script src, the sales phone in Chinese numerals (一三九 二二三三 四四五五); https.',
    a: ['45.195.84.20'],
    whois: privacy('2026-06-02', 'CentralNic Ltd'),
    tls: {},
    routes: { '/': html('samr-tzsb.cn.com/index.html'), '/c.css': css('samr-tzsb.cn.com/c.css'), '/cx/result': valid },
  },
];

/** Gang D: two own designs tied only by one e-mail address, written with # on one page and in WHOIS for the other. */
const gangMail: readonly CorpusSite[] = [
  {
    host: 'cx-mem-gov.store',
    label: 'counterfeit',
    platform: 'mem-cx',
    operator: 'gang-mail',
    note: 'Own-design MEM fake; 投诉与合作邮箱 zhengshu_kf#163.com ("#" for "@").',
    a: ['38.54.16.71'],
    whois: privacy('2026-03-30', 'Porkbun LLC'),
    routes: { '/': html('cx-mem-gov.store/index.html'), '/q': noSuchPerson() },
  },
  {
    host: 'mem-cx.shop',
    label: 'counterfeit',
    platform: 'mem-cx',
    operator: 'gang-mail',
    note: 'Own-design MEM fake with a mailto: link to zhengshu_kf@163.com, the registrant e-mail of its WHOIS too.',
    a: ['38.54.16.72'],
    whois: { created: '2026-04-02', expires: '2027-04-02', registrar: 'Porkbun LLC', registrant: 'zhang wei', privacy: false, registrantEmail: 'zhengshu_kf@163.com' },
    routes: { '/': html('mem-cx.shop/index.html'), '/q': valid },
  },
];

/** Decoys: counterfeits of other operators (and one news report) sharing with a gang only what many sites share. */
const decoys: readonly CorpusSite[] = [
  {
    host: 'cx-mem-gov.work',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Decoy for gang A: the same cloud address as cx-mem-gov.ltd, the same registrar and name servers, the same copy kit (template and CSS), but its own WeChat and Baidu ids; https.',
    a: ['47.243.118.26'],
    ns: [...GNAME_NS],
    whois: privacy('2026-09-21', 'Gname.com Pte. Ltd.', GNAME_NS),
    tls: {},
    routes: { '/': html('cx-mem-gov.work/index.html'), ...memAssets, '/css/kf.css': css('cx-mem-gov.ltd/kf.css'), '/query': officialNoRecord() },
  },
  {
    host: 'jzaq-mohurd.top',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    note: "Decoy for gang B: gang B's DNS reseller's name servers and registrar and the same jQuery copy, an old table design and its own QQ.",
    a: ['154.23.180.40'],
    ns: [...JZDNS_NS],
    whois: privacy('2026-08-08', NAWANG, JZDNS_NS),
    routes: { '/': html('jzaq-mohurd.top/index.html'), '/js/jquery.min.js': js('zlaq-mohurd.vip/jquery.min.js'), '/search.asp': noSuchPerson() },
  },
  {
    host: 'cnse-samr.top',
    label: 'counterfeit',
    platform: 'samr-cnse',
    note: "Decoy for gang C: cnse-zscx.top's cloud address, tzsb-banzheng.com's privacy-service registrant e-mail, its own phone.",
    a: ['47.100.211.8'],
    whois: privacy('2026-10-10', 'Gname.com Pte. Ltd.', GNAME_NS, { registrantEmail: 'whoisprivacy@gname.com' }),
    routes: { '/': html('cnse-samr.top/index.html'), '/query': noSuchPerson() },
  },
  {
    host: 'zlaq-zscx.cc',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    note: "Decoy for gang B: built from gang B's page template (same DOM skeleton) with its own script, style and WeChat.",
    a: ['156.251.22.99'],
    whois: privacy('2026-10-28', 'NameSilo, LLC'),
    routes: { '/': html('zlaq-zscx.cc/index.html'), '/site.css': css('zlaq-zscx.cc/site.css'), '/js/check.js': js('zlaq-zscx.cc/check.js'), '/personnel/query': officialNoRecord() },
  },
  {
    host: 'www.jzfz-news.cn',
    label: 'benign',
    platform: null,
    note: "News report on the gangs quoting gang A's WeChat id and gang C's phone (a page that carries two gangs' contacts and is run by neither).",
    a: ['221.228.70.12'],
    whois: { created: '2011-05-16', expires: '2027-05-16', registrar: '北京新网数码信息技术有限公司', registrant: '江州法治报社', privacy: false },
    routes: { '/': html('www.jzfz-news.cn/index.html') },
  },
];

/** The operator groups and their decoys, all in the tuning part. */
export const operatorSites: readonly CorpusSite[] = [...gangZscx, ...gangJzaq, ...gangTzsb, ...gangMail, ...decoys];
