/**
 * The bundled, labelled corpus of the sandbox internet. Every site is hand-made; its label is the
 * ground truth for tests and `npm run eval` and must never be read by anything under src/ outside
 * sandbox/ (types.ts). Page `file` paths are relative to ./pages/.
 *
 * Addresses are realistic public addresses chosen only as labels — the sandbox proxy serves every
 * host itself, so nothing here is ever contacted. Dates are relative to the corpus's "now",
 * 2026-11-22: counterfeits were registered weeks to months before it, officials and benign sites
 * years before.
 */
import type { CorpusSite, Route, SearchFixture, WhoisFacts } from './types.js';

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JS = 'application/javascript; charset=utf-8';
const SVG = 'image/svg+xml';

const html = (file: string): Route => ({ kind: 'page', file, contentType: HTML });
const css = (file: string): Route => ({ kind: 'page', file, contentType: CSS });
const js = (file: string): Route => ({ kind: 'page', file, contentType: JS });
const svg = (file: string): Route => ({ kind: 'page', file, contentType: SVG });

/** The official MEM replica's assets, which the faithful copies serve byte for byte. */
const memAssets: Readonly<Record<string, Route>> = {
  '/css/main.css': css('cx.mem.gov.cn/css/main.css'),
  '/images/emblem.svg': svg('cx.mem.gov.cn/images/emblem.svg'),
  '/images/beian.svg': svg('cx.mem.gov.cn/images/beian.svg'),
  '/js/captcha.js': js('cx.mem.gov.cn/js/captcha.js'),
  '/favicon.ico': svg('cx.mem.gov.cn/images/favicon.svg'),
};

/** A copy of the MEM page at `file`, with the official assets and the forger's always-valid query. */
function memCopy(file: string, extra: Readonly<Record<string, Route>> = {}): Readonly<Record<string, Route>> {
  return { '/': html(file), ...memAssets, '/query': { kind: 'query', answer: 'always-valid' }, ...extra };
}

/** WHOIS of a freshly registered, privacy-protected counterfeit domain. */
function fresh(created: string, registrar: string, registrant = 'REDACTED FOR PRIVACY', nameServers?: readonly string[]): WhoisFacts {
  const expires = `${Number(created.slice(0, 4)) + 1}${created.slice(4)}`;
  return { created, expires, registrar, registrant, privacy: true, ...(nameServers ? { nameServers } : {}) };
}

const NAMESILO_NS = ['ns1.dnsowl.com', 'ns2.dnsowl.com', 'ns3.dnsowl.com'] as const;
const CF_NS = ['kia.ns.cloudflare.com', 'rob.ns.cloudflare.com'] as const;
const GNAME_NS = ['ns1.gname-dns.com', 'ns2.gname-dns.com'] as const;
const CNNIC_GOV = '中国互联网络信息中心（政务和公益机构域名注册管理中心）';

const official: readonly CorpusSite[] = [
  {
    host: 'cx.mem.gov.cn',
    label: 'official',
    platform: 'mem-cx',
    note: 'Official replica: MEM special-operation certificate query, form posting to /query (no record).',
    a: ['124.239.227.90'],
    ns: ['ns1.mem.gov.cn', 'ns2.mem.gov.cn'],
    whois: { created: '2018-04-12', expires: '2028-04-12', registrar: CNNIC_GOV, registrant: '中华人民共和国应急管理部', privacy: false, nameServers: ['ns1.mem.gov.cn', 'ns2.mem.gov.cn'] },
    routes: { '/': html('cx.mem.gov.cn/index.html'), ...memAssets, '/query': { kind: 'query', answer: 'no-record' } },
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'zlaq.mohurd.gov.cn',
    label: 'official',
    platform: 'mohurd-zlaq',
    note: 'Official replica: MOHURD quality-and-safety portal with the 安管人员 certificate query.',
    a: ['219.142.101.79'],
    ns: ['dns1.mohurd.gov.cn', 'dns2.mohurd.gov.cn'],
    whois: { created: '2008-03-20', expires: '2029-03-20', registrar: CNNIC_GOV, registrant: '中华人民共和国住房和城乡建设部', privacy: false },
    routes: {
      '/': html('zlaq.mohurd.gov.cn/index.html'),
      '/personnel/safety': html('zlaq.mohurd.gov.cn/safety.html'),
      '/personnel/safety/query': { kind: 'query', answer: 'no-record' },
      '/static/portal.css': css('zlaq.mohurd.gov.cn/static/portal.css'),
      '/static/logo.svg': svg('zlaq.mohurd.gov.cn/static/logo.svg'),
      '/static/code.svg': svg('zlaq.mohurd.gov.cn/static/code.svg'),
      '/favicon.ico': svg('zlaq.mohurd.gov.cn/static/favicon.svg'),
    },
    expect: { title: '全国工程质量安全监管信息平台' },
  },
  {
    host: 'cnse.e-cqs.cn',
    label: 'official',
    platform: 'samr-cnse',
    note: 'Official replica: SAMR special-equipment operator register; / redirects to /info-pub/pub (not a .gov.cn host).',
    a: ['123.57.218.40'],
    ns: ['dns9.hichina.com', 'dns10.hichina.com'],
    whois: { created: '2006-07-18', expires: '2030-07-18', registrar: '北京新网数码信息技术有限公司', registrant: '中国特种设备检测研究院', privacy: false, registrantEmail: 'webmaster@csei.org.cn' },
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('cnse.e-cqs.cn/info-pub/pub.html'),
      '/info-pub/pub/query': { kind: 'query', answer: 'no-record' },
      '/info-pub/static/pub.css': css('cnse.e-cqs.cn/info-pub/static/pub.css'),
      '/info-pub/static/samr.svg': svg('cnse.e-cqs.cn/info-pub/static/samr.svg'),
      '/info-pub/static/captcha.svg': svg('cnse.e-cqs.cn/info-pub/static/captcha.svg'),
      '/favicon.ico': svg('cnse.e-cqs.cn/info-pub/static/samr.svg'),
    },
    expect: { finalUrl: 'http://cnse.e-cqs.cn/info-pub/pub', title: '特种设备作业人员公示查询' },
  },
  {
    host: 'cnse.samr.gov.cn',
    label: 'official',
    platform: 'samr-cnse',
    note: 'Official replica: the same SAMR register on its .gov.cn host, in its own single-file design.',
    a: ['106.120.186.44'],
    ns: ['ns1.samr.gov.cn', 'ns2.samr.gov.cn'],
    whois: { created: '2018-04-10', expires: '2028-04-10', registrar: CNNIC_GOV, registrant: '国家市场监督管理总局', privacy: false },
    routes: {
      '/': html('cnse.samr.gov.cn/index.html'),
      '/query': { kind: 'query', answer: 'no-record' },
      '/favicon.ico': svg('cnse.e-cqs.cn/info-pub/static/samr.svg'),
    },
    expect: { title: '特种设备作业人员公示查询 - 国家市场监督管理总局' },
  },
];

const counterfeit: readonly CorpusSite[] = [
  {
    host: 'cx-mem-gov.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Faithful copy, official footer numbers copied verbatim; dots turned into hyphens; adds a visit counter.',
    a: ['103.145.87.12'],
    whois: { created: '2026-09-03', expires: '2027-09-03', registrar: '成都西维数码科技有限公司', registrant: '李伟', privacy: false, registrantEmail: 'lw20260903@163.com' },
    routes: memCopy('cx-mem-gov.cn/index.html', { '/js/tj.js': js('cx-mem-gov.cn/tj.js') }),
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'cxmemgov.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: true,
    note: 'Browser "save page as" copy (assets under ./index_files/, saved-from comment), official footer numbers copied.',
    a: ['156.245.19.78'],
    ns: [...NAMESILO_NS],
    whois: fresh('2026-08-17', 'NameSilo, LLC', 'REDACTED FOR PRIVACY', NAMESILO_NS),
    routes: {
      '/': html('cxmemgov.com/index.html'),
      '/index_files/main.css': css('cx.mem.gov.cn/css/main.css'),
      '/index_files/emblem.svg': svg('cx.mem.gov.cn/images/emblem.svg'),
      '/index_files/beian.svg': svg('cx.mem.gov.cn/images/beian.svg'),
      '/index_files/captcha.js': js('cx.mem.gov.cn/js/captcha.js'),
      '/query': { kind: 'query', answer: 'always-valid' },
    },
  },
  {
    host: 'cx-mem.com.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Faithful copy with an invented ICP filing, public-security number and site code.',
    a: ['45.207.36.149'],
    whois: { created: '2026-07-21', expires: '2027-07-21', registrar: 'Gname.com Pte. Ltd.', registrant: '王建国', privacy: false },
    routes: memCopy('cx-mem.com.cn/index.html'),
  },
  {
    host: 'mem-cx.net',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Copy with the footer registration numbers removed (only a copyright line left).',
    a: ['154.91.83.22'],
    ns: [...CF_NS],
    whois: fresh('2026-10-02', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot', CF_NS),
    routes: memCopy('mem-cx.net/index.html'),
  },
  {
    host: 'cx-mem-gov.net',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: true,
    note: 'Copy recoloured green and amber: same layout and text, different palette (defeats naive pixel match).',
    a: ['38.55.190.7'],
    whois: fresh('2026-06-11', 'NameSilo, LLC', 'REDACTED FOR PRIVACY', NAMESILO_NS),
    routes: { ...memCopy('cx-mem-gov.net/index.html'), '/css/style.css': css('cx-mem-gov.net/style.css') },
  },
  {
    host: 'cxmem-gov.cn.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Copy with a narrower, left-shifted layout and smaller heading, on a cn.com second-level name.',
    a: ['43.156.77.201'],
    whois: fresh('2026-05-28', 'CentralNic Ltd', 'Whois Privacy Protection Service'),
    routes: { ...memCopy('cxmem-gov.cn.com/index.html'), '/static/m.css': css('cxmem-gov.cn.com/m.css') },
  },
  {
    host: 'cx-mem-gov.org',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Copy with an added top advertising bar (考证咨询, WeChat, phone) selling certificates.',
    a: ['8.217.4.66'],
    whois: fresh('2026-09-19', 'Alibaba Cloud Computing (Singapore) Private Limited', 'REDACTED FOR PRIVACY'),
    routes: memCopy('cx-mem-gov.org/index.html'),
  },
  {
    host: 'cx-mem-gov.vip',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: true,
    note: 'Copy whose heading is an SVG banner image instead of text, under a generic <title>.',
    a: ['47.242.118.35'],
    whois: fresh('2026-10-30', 'Gname.com Pte. Ltd.', 'REDACTED FOR PRIVACY', GNAME_NS),
    routes: memCopy('cx-mem-gov.vip/index.html', { '/images/banner-title.svg': svg('cx-mem-gov.vip/banner-title.svg') }),
    expect: { title: '证件信息查询' },
  },
  {
    host: 'cx.mem.gov.cn.chaxun-zs.top',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Official host used as a subdomain prefix; copy calls itself a "mirror" and floats a QQ chat box.',
    a: ['23.225.141.90'],
    whois: fresh('2026-10-14', 'Gname.com Pte. Ltd.', 'REDACTED FOR PRIVACY', GNAME_NS),
    routes: memCopy('cx.mem.gov.cn.chaxun-zs.top/index.html'),
  },
  {
    host: 'cx-mem-gov-cn.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: '"gov-cn" token spelled into a .com name; retitled copy with a 400 service line.',
    a: ['104.233.162.18'],
    whois: fresh('2026-08-29', 'NameCheap, Inc.', 'Withheld for Privacy ehf'),
    routes: memCopy('cx-mem-gov-cn.com/index.html'),
    expect: { title: '全国特种作业操作证查询官网 - 应急管理部' },
  },
  {
    host: 'xn--cx-mm-2we.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Homoglyph IDN cx-mеm.com (Cyrillic е, U+0435); copy whose form posts to /api/check.php.',
    a: ['45.195.73.201'],
    whois: fresh('2026-07-05', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot'),
    routes: { '/': html('xn--cx-mm-2we.com/index.html'), ...memAssets, '/api/check.php': { kind: 'query', answer: 'always-valid' } },
  },
  {
    host: 'cx-rnem-gov.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: true,
    note: '"rn" for "m"; the copy tells visitors to trust cx-rnem-gov.cn as the official address.',
    a: ['103.116.247.55'],
    whois: { created: '2026-09-25', expires: '2027-09-25', registrar: '厦门纳网科技股份有限公司', registrant: '陈晓东', privacy: false },
    routes: memCopy('cx-rnem-gov.cn/index.html'),
  },
  {
    host: 'tzzy-chaxun.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Own-design "national" certificate lookup; its form answers every query as valid.',
    a: ['154.201.66.140'],
    ns: [...CF_NS],
    whois: fresh('2026-04-08', 'NameSilo, LLC', 'REDACTED FOR PRIVACY', CF_NS),
    routes: {
      '/': html('tzzy-chaxun.com/index.html'),
      '/assets/site.css': css('tzzy-chaxun.com/site.css'),
      '/favicon.ico': svg('tzzy-chaxun.com/favicon.svg'),
      '/search': { kind: 'query', answer: 'always-valid' },
    },
    expect: { title: '全国特种作业人员证书查询系统' },
  },
  {
    host: 'aqsc-zscx.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Own-design old-style table site for 安全生产知识和管理能力 certificates; /cx.asp always valid.',
    a: ['103.231.14.66'],
    whois: { created: '2026-03-16', expires: '2027-03-16', registrar: '阿里云计算有限公司（万网）', registrant: '刘海', privacy: false },
    routes: { '/': html('aqsc-zscx.cn/index.html'), '/cx.asp': { kind: 'query', answer: 'always-valid' } },
  },
  {
    host: 'tezhong-banzheng.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Certificate-sales page (免考 包过 官网可查, WeChat/QQ/phone) linking to the fake query sites.',
    a: ['43.129.201.17'],
    whois: fresh('2026-02-19', 'Gname.com Pte. Ltd.', 'REDACTED FOR PRIVACY', GNAME_NS),
    routes: { '/': html('tezhong-banzheng.com/index.html') },
  },
  {
    host: 'cx-mem-gov.xyz',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Empty HTML shell; the whole copy is built by a script (base64 strings) after load.',
    a: ['45.136.15.92'],
    whois: fresh('2026-10-21', 'NameSilo, LLC', 'REDACTED FOR PRIVACY', NAMESILO_NS),
    routes: {
      '/': html('cx-mem-gov.xyz/index.html'),
      '/static/js/main.8f3c1a.js': js('cx-mem-gov.xyz/main.js'),
      '/query': { kind: 'query', answer: 'always-valid' },
    },
    expect: { scriptText: '证件核验通道（2026版）已开通', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'cx-mem.top',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'HTTP 302 hop to the copy on cx-mem-gov.cn (the name in ads differs from the one serving).',
    a: ['172.247.33.18'],
    whois: fresh('2026-10-09', 'Gname.com Pte. Ltd.', 'REDACTED FOR PRIVACY', GNAME_NS),
    routes: { '/': { kind: 'redirect', location: 'http://cx-mem-gov.cn/', status: 302 } },
    expect: { finalUrl: 'http://cx-mem-gov.cn/' },
  },
  {
    host: 'cxmem-gov.cc',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: true,
    note: 'Meta-refresh hop to the saved-page copy on cxmemgov.com.',
    a: ['38.147.170.6'],
    whois: fresh('2026-11-02', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot'),
    routes: { '/': html('cxmem-gov.cc/index.html') },
    expect: { finalUrl: 'http://cxmemgov.com/' },
  },
  {
    host: 'mem-cx-gov.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Script redirect (location.href, target assembled from pieces) to the ad-bar copy on cx-mem-gov.org.',
    a: ['156.224.25.141'],
    whois: fresh('2026-09-30', 'NameCheap, Inc.', 'Withheld for Privacy ehf'),
    routes: { '/': html('mem-cx-gov.com/index.html') },
    expect: { finalUrl: 'http://cx-mem-gov.org/' },
  },
  {
    host: 'cx-mem-gov.info',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Copy whose title and text carry escaped <script>/<img onerror> payloads as visible text (review-console XSS test).',
    a: ['103.149.92.33'],
    whois: fresh('2026-08-08', 'Porkbun LLC', 'Whois Privacy Protection Service'),
    routes: memCopy('cx-mem-gov.info/index.html'),
    expect: { title: '特种作业操作证查询<script>alert(1)</script>' },
  },
  {
    host: 'intranet-probe.example-cx.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: 'Copy on a public address whose emblem loads from a private-address host and whose script fetches 192.168.1.1: the scanner must block both subrequests yet still judge the page (hence counterfeit, not hostile).',
    a: ['45.61.139.24'],
    whois: fresh('2026-10-11', 'NameSilo, LLC', 'REDACTED FOR PRIVACY', NAMESILO_NS),
    routes: memCopy('intranet-probe.example-cx.com/index.html', { '/js/probe.js': js('intranet-probe.example-cx.com/probe.js') }),
  },
  {
    host: 'mohurd-zlaq.com.cn',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    note: 'Own-design MOHURD look-alike with a truncated copy of the official ICP number; always-valid query.',
    a: ['103.40.61.208'],
    whois: { created: '2026-05-06', expires: '2027-05-06', registrar: 'Gname.com Pte. Ltd.', registrant: '周志强', privacy: false },
    routes: {
      '/': html('mohurd-zlaq.com.cn/index.html'),
      '/css/zlaq.css': css('mohurd-zlaq.com.cn/zlaq.css'),
      '/zscx/result': { kind: 'query', answer: 'always-valid' },
    },
  },
  {
    host: 'jianzhu-zhengshu.cn.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: true,
    note: 'Own-design "building certificates" lookup (安全员ABC, 建筑电工) claiming a feed from the MOHURD platform; always valid.',
    a: ['43.155.82.77'],
    whois: fresh('2026-07-13', 'CentralNic Ltd', 'REDACTED FOR PRIVACY'),
    routes: {
      '/': html('jianzhu-zhengshu.cn.com/index.html'),
      '/main.css': css('jianzhu-zhengshu.cn.com/main.css'),
      '/check': { kind: 'query', answer: 'always-valid' },
    },
  },
  {
    host: 'zlaq-mohurd.cn',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    note: 'Faithful copy of the MOHURD 安管人员 query page served as the home page, official footer copied.',
    a: ['103.97.200.14'],
    whois: { created: '2026-08-02', expires: '2027-08-02', registrar: '成都西维数码科技有限公司', registrant: '张磊', privacy: false },
    routes: {
      '/': html('zlaq-mohurd.cn/index.html'),
      '/personnel/safety/query': { kind: 'query', answer: 'always-valid' },
      '/static/portal.css': css('zlaq.mohurd.gov.cn/static/portal.css'),
      '/static/logo.svg': svg('zlaq.mohurd.gov.cn/static/logo.svg'),
      '/static/code.svg': svg('zlaq.mohurd.gov.cn/static/code.svg'),
      '/favicon.ico': svg('zlaq.mohurd.gov.cn/static/favicon.svg'),
    },
    expect: { title: '全国工程质量安全监管信息平台' },
  },
  {
    host: 'samr-cnse.org.cn',
    label: 'counterfeit',
    platform: 'samr-cnse',
    note: 'Own-design dark login-style SAMR look-alike for 叉车/电梯 certificates; /verify always valid.',
    a: ['47.243.56.190'],
    whois: fresh('2026-06-24', 'Gname.com Pte. Ltd.', 'REDACTED FOR PRIVACY', GNAME_NS),
    routes: { '/': html('samr-cnse.org.cn/index.html'), '/verify': { kind: 'query', answer: 'always-valid' } },
  },
  {
    host: 'cnse-e-cqs.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    note: 'Own design that mimics the official path (/ → /info-pub/pub) and lists fake "recent" holders; always valid.',
    a: ['154.39.80.113'],
    whois: fresh('2026-09-12', 'NameSilo, LLC', 'REDACTED FOR PRIVACY', NAMESILO_NS),
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('cnse-e-cqs.com/info-pub/pub.html'),
      '/info-pub/pub.css': css('cnse-e-cqs.com/info-pub/pub.css'),
      '/info-pub/pub/result': { kind: 'query', answer: 'always-valid' },
    },
    expect: { finalUrl: 'http://cnse-e-cqs.com/info-pub/pub', title: '特种设备作业人员公示查询系统' },
  },
];

const benign: readonly CorpusSite[] = [
  {
    host: 'yjt.zj.gov.cn',
    label: 'benign',
    platform: null,
    note: 'Provincial emergency bureau news (2024 crackdown) quoting and linking all three official addresses.',
    a: ['115.238.120.33'],
    whois: { created: '2019-03-05', registrar: CNNIC_GOV, registrant: '浙江省应急管理厅', privacy: false },
    routes: { '/': html('yjt.zj.gov.cn/index.html') },
  },
  {
    host: 'www.workercn.cn',
    label: 'benign',
    platform: null,
    note: 'Newspaper feature (2021) on fake query sites; names look-alike tricks in text, links cx.mem.gov.cn.',
    a: ['111.206.62.118'],
    whois: { created: '2008-06-18', expires: '2031-06-18', registrar: '北京新网数码信息技术有限公司', registrant: '工人日报社', privacy: false },
    routes: { '/': html('www.workercn.cn/index.html'), '/css/article.css': css('www.workercn.cn/css/article.css') },
  },
  {
    host: 'www.aqsc.cn',
    label: 'benign',
    platform: null,
    note: 'Safety-industry news (2018) on the MEM campaign, quoting http://cx.mem.gov.cn in a blockquote.',
    a: ['211.99.137.25'],
    whois: { created: '2003-09-22', expires: '2030-09-22', registrar: '北京新网数码信息技术有限公司', registrant: '中国安全生产报社', privacy: false },
    routes: { '/': html('www.aqsc.cn/index.html') },
  },
  {
    host: 'yjglt.henan.gov.cn',
    label: 'benign',
    platform: null,
    holdout: true,
    note: 'Legitimate provincial portal front page, red government design, links to cx.mem.gov.cn as a service.',
    a: ['171.8.200.45'],
    whois: { created: '2019-01-28', registrar: CNNIC_GOV, registrant: '河南省应急管理厅', privacy: false },
    routes: { '/': html('yjglt.henan.gov.cn/index.html'), '/portal.css': css('yjglt.henan.gov.cn/portal.css') },
    expect: { title: '河南省应急管理厅' },
  },
  {
    host: 'zjt.hunan.gov.cn',
    label: 'benign',
    platform: null,
    note: 'Provincial housing department notice on 安管人员 e-certificates, pointing to zlaq.mohurd.gov.cn.',
    a: ['222.243.146.20'],
    whois: { created: '2004-11-09', registrar: CNNIC_GOV, registrant: '湖南省住房和城乡建设厅', privacy: false },
    routes: { '/': html('zjt.hunan.gov.cn/index.html') },
  },
  {
    host: 'www.jzdgpx.com',
    label: 'benign',
    platform: null,
    note: 'Electrician training school: enrolment table, says "no 包过", sends certificate checks to cx.mem.gov.cn.',
    a: ['47.104.213.61'],
    whois: { created: '2015-03-11', expires: '2027-03-11', registrar: '阿里云计算有限公司（万网）', registrant: '大连金州电工培训学校', privacy: false },
    routes: { '/': html('www.jzdgpx.com/index.html'), '/school.css': css('www.jzdgpx.com/school.css') },
  },
  {
    host: 'www.hanjiepx.cn',
    label: 'benign',
    platform: null,
    note: 'Welding/forklift school explaining which official platform checks which certificate.',
    a: ['119.23.140.88'],
    whois: { created: '2017-05-24', expires: '2027-05-24', registrar: '阿里云计算有限公司（万网）', registrant: '济南宏达职业技能培训学校', privacy: false },
    routes: { '/': html('www.hanjiepx.cn/index.html') },
  },
  {
    host: 'www.jianpeixun.com',
    label: 'benign',
    platform: null,
    holdout: true,
    note: 'Construction safety-manager training (三类人员) linking zlaq.mohurd.gov.cn; shares the platform\'s vocabulary.',
    a: ['139.196.92.14'],
    whois: { created: '2019-08-07', expires: '2027-08-07', registrar: '北京新网数码信息技术有限公司', registrant: '南京筑安教育咨询有限公司', privacy: false },
    routes: { '/': html('www.jianpeixun.com/index.html') },
  },
  {
    host: 'cxmem.com',
    label: 'benign',
    platform: null,
    note: 'Unrelated memory-module shop whose brand happens to spell "cxmem".',
    a: ['120.79.31.200'],
    whois: { created: '2012-02-14', expires: '2027-02-14', registrar: '阿里云计算有限公司（万网）', registrant: '深圳市创芯存储科技有限公司', privacy: false },
    routes: { '/': html('cxmem.com/index.html'), '/shop.css': css('cxmem.com/shop.css'), '/img/dimm.svg': svg('cxmem.com/img/dimm.svg') },
  },
  {
    host: 'zlaq.com',
    label: 'benign',
    platform: null,
    note: 'Unrelated ISO quality/safety consultancy on the bare "zlaq" name.',
    a: ['182.92.106.55'],
    whois: { created: '2011-10-20', expires: '2027-10-20', registrar: '北京新网数码信息技术有限公司', registrant: '北京中联安全质量管理咨询有限公司', privacy: false },
    routes: { '/': html('zlaq.com/index.html') },
  },
  {
    host: 'cnse.com',
    label: 'benign',
    platform: null,
    note: 'Unrelated environmental-engineering company called CNSE.',
    a: ['124.70.18.132'],
    whois: { created: '2001-05-09', expires: '2028-05-09', registrar: '厦门易名科技股份有限公司', registrant: '天津西恩思环境工程有限公司', privacy: false },
    routes: { '/': html('cnse.com/index.html') },
  },
  {
    host: 'cxmem.net',
    label: 'benign',
    platform: null,
    note: 'Parked domain "for sale" page; a look-alike name with no impersonation.',
    a: ['47.91.170.222'],
    whois: { created: '2016-11-30', expires: '2026-11-30', registrar: '阿里云计算有限公司（万网）', registrant: '黄永刚', privacy: false },
    routes: { '/': html('cxmem.net/index.html') },
  },
  {
    host: 'bbs.dgjs123.com',
    label: 'benign',
    platform: null,
    note: 'Forum post teaching how to spot fakes; names several counterfeit hosts in text (not links).',
    a: ['60.205.151.9'],
    whois: { created: '2013-07-02', expires: '2027-07-02', registrar: '阿里云计算有限公司（万网）', registrant: '石家庄电工技术网络科技有限公司', privacy: false },
    routes: { '/': html('bbs.dgjs123.com/index.html'), '/forum.css': css('bbs.dgjs123.com/forum.css') },
  },
];

const unregistered: readonly CorpusSite[] = [
  { host: 'cx-mem-gov.com.cn', label: 'unregistered', platform: null, note: 'Hyphenated look-alike nobody registered: NXDOMAIN.', routes: {} },
  { host: 'zlaq-mohurd.com', label: 'unregistered', platform: null, note: 'Swapped-label look-alike, unregistered: NXDOMAIN.', routes: {} },
  { host: 'cnse-samr.cn', label: 'unregistered', platform: null, note: 'SAMR look-alike, unregistered: NXDOMAIN.', routes: {} },
  { host: 'cxmem-chaxun.cn', label: 'unregistered', platform: null, note: 'Keyword-appended look-alike, unregistered: NXDOMAIN.', routes: {} },
  { host: 'mem-cx-gov.cn', label: 'unregistered', platform: null, note: 'Reordered-label look-alike, unregistered: NXDOMAIN.', routes: {} },
];

/** Hostile sites fail in one way each; a scan must record the failure and go on. */
const FAILS_WITHIN_MS = 60_000;

const hostile: readonly CorpusSite[] = [
  {
    host: 'cxmem-gov.top',
    label: 'hostile',
    platform: null,
    note: 'Redirects to itself forever (302 with a growing counter).',
    a: ['104.149.221.3'],
    whois: fresh('2026-10-25', 'Gname.com Pte. Ltd.'),
    routes: { '/': { kind: 'hostile', behaviour: 'redirect-loop' } },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'cx-mem-gov.club',
    label: 'hostile',
    platform: null,
    note: 'Accepts the connection and never answers.',
    a: ['23.236.77.150'],
    whois: fresh('2026-09-07', 'NameSilo, LLC'),
    routes: { '/': { kind: 'hostile', behaviour: 'stall' } },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'tzzy-cx.com',
    label: 'hostile',
    platform: null,
    note: 'Answers with 40 MB of HTML.',
    a: ['154.212.130.9'],
    whois: fresh('2026-08-21', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot'),
    routes: { '/': { kind: 'hostile', behaviour: 'huge-body' } },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'mem-cx-app.com',
    label: 'hostile',
    platform: null,
    note: 'The entry page is a binary download ("查询APP"), Content-Disposition: attachment.',
    a: ['45.197.148.61'],
    whois: fresh('2026-07-30', 'NameCheap, Inc.', 'Withheld for Privacy ehf'),
    routes: { '/': { kind: 'hostile', behaviour: 'download' } },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'cx-mem-gov.site',
    label: 'hostile',
    platform: null,
    note: 'alert/confirm/prompt, popups, then a page that never settles.',
    a: ['38.60.203.115'],
    whois: fresh('2026-10-18', 'Gname.com Pte. Ltd.'),
    routes: { '/': { kind: 'hostile', behaviour: 'dialogs' } },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'cx-mem-gov.online',
    label: 'hostile',
    platform: null,
    note: 'Answers with bytes that are not HTTP.',
    a: ['103.214.5.88'],
    whois: fresh('2026-11-05', 'NameSilo, LLC'),
    routes: { '/': { kind: 'hostile', behaviour: 'malformed' } },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'router-admin.cx-mem-gov.top',
    label: 'hostile',
    platform: null,
    note: 'Resolves to a private address (10.20.30.40); the probe page pulls its logo. Must be refused as a target and as a subresource.',
    a: ['10.20.30.40'],
    whois: fresh('2026-10-01', 'Gname.com Pte. Ltd.'),
    routes: {
      '/': html('router-admin.cx-mem-gov.top/index.html'),
      '/logo.png': svg('router-admin.cx-mem-gov.top/logo.svg'),
    },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
  {
    host: 'cx-mem-gov.link',
    label: 'hostile',
    platform: null,
    note: 'Resolves to 127.0.0.1: must be refused as a target unless --allow-private.',
    a: ['127.0.0.1'],
    whois: fresh('2026-09-16', 'Porkbun LLC', 'Whois Privacy Protection Service'),
    routes: {
      '/': { kind: 'page', contentType: HTML, body: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>特种作业操作证查询</title></head><body><p>loopback</p></body></html>' },
    },
    expect: { failsWithinMs: FAILS_WITHIN_MS },
  },
];

/** Every site the sandbox internet serves, with its ground-truth label. */
export const corpus: readonly CorpusSite[] = [...official, ...counterfeit, ...benign, ...unregistered, ...hostile];

/** Saved search results the SearXNG-compatible API answers with; they mix officials, fakes and benign pages. */
export const searchFixtures: readonly SearchFixture[] = [
  {
    query: '特种作业操作证 查询',
    results: [
      { url: 'https://cx.mem.gov.cn/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '中华人民共和国应急管理部 证件信息查询 证件类型 证件号码 姓名 验证码' },
      { url: 'http://tzzy-chaxun.com/', title: '全国特种作业人员证书查询系统', content: '电工证 · 焊工证 · 高处作业证 · 制冷证 · 安全员证 一键查询 全国联网，查询结果与应急管理部数据库同步。' },
      { url: 'http://cx-mem-gov.cn/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '欢迎访问中华人民共和国应急管理部 特种作业操作证及安全生产知识和管理能力考核合格信息查询平台' },
      { url: 'http://yjt.zj.gov.cn/', title: '省应急管理厅联合多部门开展打击假冒特种作业操作证查询网站专项整治', content: '特种作业操作证及安全生产知识和管理能力考核合格证，唯一官方查询网址为 cx.mem.gov.cn……' },
      { url: 'http://cx.mem.gov.cn.chaxun-zs.top/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '本站为应急管理部特种作业操作证查询平台镜像站点，数据实时同步。' },
      { url: 'http://www.aqsc.cn/', title: '应急管理部部署开展打击假冒特种作业证书查询网站专项行动', content: '特种作业操作证和安全生产知识和管理能力考核合格证信息统一通过查询平台（http://cx.mem.gov.cn）查询' },
    ],
  },
  {
    query: '电工证查询官网',
    results: [
      { url: 'https://cx.mem.gov.cn/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '应急管理部唯一官方查询网址为 cx.mem.gov.cn，未授权任何单位或个人建设其他查询网站。' },
      { url: 'http://cx-mem.top/', title: '电工证查询官网入口', content: '低压电工 高压电工 操作证查询，输入身份证号即可查询。' },
      { url: 'http://cx-mem-gov-cn.com/', title: '全国特种作业操作证查询官网 - 应急管理部', content: '证书咨询热线：400-026-1188（工作日 9:00-18:00）' },
      { url: 'http://www.jzdgpx.com/', title: '金州电工培训学校 - 低压电工 高压电工 特种作业取证培训', content: '证书查询请登录应急管理部官方平台 cx.mem.gov.cn，输入身份证号码和姓名即可查询。' },
      { url: 'http://bbs.dgjs123.com/', title: '教你三招识别假的特种作业证查询网站（附官方网址）', content: '特种作业操作证唯一官方查询地址是 cx.mem.gov.cn，注意是点不是横杠……' },
      { url: 'http://xn--cx-mm-2we.com/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '证件信息查询 证件类型 特种作业操作证 证件号码 姓名' },
      { url: 'http://cxmem.com/', title: 'CX Memory | 创芯存储 — DDR5 / LPDDR5 Memory Modules', content: 'Memory that keeps up. DDR5-6400 desktop and server modules since 2012' },
    ],
  },
  {
    query: '安全员C证查询',
    results: [
      { url: 'https://zlaq.mohurd.gov.cn/', title: '全国工程质量安全监管信息平台', content: '安管人员证书查询 建筑施工特种作业人员查询 通知公告' },
      { url: 'http://jianzhu-zhengshu.cn.com/', title: '建筑证书查询网 - 安全员ABC证 建筑特种作业证 在线查询', content: '数据与全国工程质量安全监管信息平台对接，证书信息住建部官网同步可查。' },
      { url: 'http://mohurd-zlaq.com.cn/', title: '住房和城乡建设部 - 建筑施工安管人员证书查询', content: '安全生产考核合格证书查询 证书编号 身份证号 姓名' },
      { url: 'http://zjt.hunan.gov.cn/', title: '关于全面推行建筑施工企业安管人员安全生产考核合格证书电子证照的通知', content: '社会公众可通过住房和城乡建设部全国工程质量安全监管信息平台（zlaq.mohurd.gov.cn）查询核验。' },
      { url: 'http://zlaq-mohurd.cn/', title: '全国工程质量安全监管信息平台', content: '安管人员安全生产考核合格证书查询 证书类别 证书编号 身份证号' },
      { url: 'http://www.jianpeixun.com/', title: '筑安教育 - 建筑施工企业安管人员（三类人员）考前培训', content: '安管人员证书统一在住房和城乡建设部全国工程质量安全监管信息平台查询' },
    ],
  },
  {
    query: '特种设备作业证查询',
    results: [
      { url: 'https://cnse.e-cqs.cn/info-pub/pub', title: '特种设备作业人员公示查询', content: '国家市场监督管理总局 按证件查询 按证书编号查询' },
      { url: 'https://cnse.samr.gov.cn/', title: '特种设备作业人员公示查询 - 国家市场监督管理总局', content: '持证人员信息查询 姓名 身份证号 证书编号 作业种类' },
      { url: 'http://samr-cnse.org.cn/', title: '特种设备作业人员证查询平台 | 市场监督管理总局', content: '叉车证 · 电梯证 · 锅炉证 · 起重机证 · 压力容器证' },
      { url: 'http://cnse-e-cqs.com/', title: '特种设备作业人员公示查询系统', content: '全国特种设备作业人员持证信息公示，支持叉车N1、电梯T、起重Q2、锅炉G1等全部作业项目。' },
      { url: 'http://www.hanjiepx.cn/', title: '宏达焊工叉车培训中心｜焊工证 叉车证 培训报名', content: '叉车证、起重机证（特种设备作业人员证）：cnse.e-cqs.cn/info-pub/pub（市场监管总局公示查询）' },
      { url: 'http://cnse.com/', title: 'CNSE 西恩思环境工程 | 污水处理 · 废气治理 · EPC总承包', content: '市政污水、工业废气、EPC 总承包' },
    ],
  },
  {
    query: '焊工证 查询入口',
    results: [
      { url: 'https://cx.mem.gov.cn/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '本平台提供全国范围内特种作业操作证、安全生产知识和管理能力考核合格证的信息查询服务。' },
      { url: 'http://cxmem-gov.cc/', title: '焊工证查询入口', content: '熔化焊接与热切割作业操作证查询入口，点击进入查询系统。' },
      { url: 'http://mem-cx-gov.com/', title: '特种作业操作证查询', content: '焊工证 电工证 高处作业证 查询' },
      { url: 'http://cx-mem-gov.org/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '【考证咨询】电工证、焊工证、高处作业证 全国通用 官网可查 一站式服务' },
      { url: 'http://www.hanjiepx.cn/', title: '宏达焊工叉车培训中心｜焊工证 叉车证 培训报名', content: '焊工证（特种作业操作证）：cx.mem.gov.cn（应急管理部）' },
      { url: 'http://www.workercn.cn/', title: '“官网可查”的证书也可能是假的——起底假冒证书查询网站黑产链条', content: '假网站往往只改动域名中的一两个字符，比如把m写成rn，把点换成横杠……' },
    ],
  },
  {
    query: '免考 包过 电工证',
    results: [
      { url: 'http://tezhong-banzheng.com/', title: '特种作业操作证办理_电工证焊工证免考包过_官网可查-正规快速办证', content: '电工证、焊工证、高空作业证、叉车证、安全员证免考试快速办理，官网可查，包过，不过全额退款。' },
      { url: 'http://cx-mem-gov.org/', title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', content: '考证咨询 微信：kz-zx2026 电话：188-2026-0717' },
      { url: 'http://aqsc-zscx.cn/', title: '安全生产知识和管理能力考核合格证书查询中心', content: '2026年度主要负责人、安全管理人员证书已全部录入，可直接查询打印电子证书！' },
      { url: 'http://www.jzdgpx.com/', title: '金州电工培训学校 - 低压电工 高压电工 特种作业取证培训', content: '本校只负责培训，不承诺“包过”，考试由应急管理部门组织。' },
      { url: 'http://www.workercn.cn/', title: '“官网可查”的证书也可能是假的——起底假冒证书查询网站黑产链条', content: '花两千块买了个“官网可查”的电工证……' },
    ],
  },
];
