/**
 * Held-aside round 4 of the bundled corpus, written blind (without reading the detectors, the rules or
 * any evaluation output) and with operators: every counterfeit names the gang that runs it, for linking
 * sites to their operators. Gangs leak what real ones leak — contacts written in different ways, analytics
 * and chat-widget ids, WHOIS e-mails, byte-identical script bundles, page templates, favicons — and not every
 * site of a gang shares everything. Unrelated sites share only what everyone shares: a Cloudflare or Alibaba
 * Cloud shared-hosting address, a popular registrar, a popular name-server pair.
 *
 * Dates are relative to the corpus's "now", 2026-11-22. Addresses are labels only (the sandbox serves
 * every host itself) chosen from blocks whose real network fits the story: Alibaba Cloud and Tencent Cloud
 * in Hong Kong, Cloudflare's anycast, US hosters popular with these gangs, mainland clouds and IDCs.
 */
import type { CorpusSite, ForgedRecord, Route } from './types.js';
import { whoisRecord as whois } from './routes.js';

const page = (contentType: string) => (file: string): Route => ({ kind: 'page', file, contentType });
const html = page('text/html; charset=utf-8');
const css = page('text/css; charset=utf-8');
const js = page('application/javascript; charset=utf-8');
const svg = page('image/svg+xml');
const ico = page('image/x-icon');

const sold = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', records });
const anyId: Route = { kind: 'query', answer: 'always-valid' };
const noRecord: Route = { kind: 'query', answer: 'no-record' };

// Popular name servers and registrars: shared by countless unrelated domains, so they link nothing.
const HICHINA_A = ['dns7.hichina.com', 'dns8.hichina.com'] as const;
const HICHINA_B = ['dns13.hichina.com', 'dns14.hichina.com'] as const;
const HICHINA_C = ['dns19.hichina.com', 'dns20.hichina.com'] as const;
const DNSPOD = ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'] as const;
const DNSOWL = ['ns1.dnsowl.com', 'ns2.dnsowl.com', 'ns3.dnsowl.com'] as const;
const GNAME = ['ns1.gname-dns.com', 'ns2.gname-dns.com'] as const;
const WEST = ['ns1.myhostadmin.net', 'ns2.myhostadmin.net'] as const;
/** Cloudflare gives one account one pair, but the same pair serves many unrelated accounts. */
const CF_DARA_KIRK = ['dara.ns.cloudflare.com', 'kirk.ns.cloudflare.com'] as const;
const CF_AMY_TOM = ['amy.ns.cloudflare.com', 'tom.ns.cloudflare.com'] as const;
const CF_ELLE_HUGO = ['elle.ns.cloudflare.com', 'hugo.ns.cloudflare.com'] as const;
const CF_IVAN_LOLA = ['ivan.ns.cloudflare.com', 'lola.ns.cloudflare.com'] as const;

const WANWANG = '阿里云计算有限公司（万网）';
const HICHINA_GTLD = 'Alibaba Cloud Computing Ltd. d/b/a HiChina (www.net.cn)';
const NAMESILO = 'NameSilo, LLC';
const GNAME_REG = 'Gname.com Pte. Ltd.';
const WEST263 = 'West263 International Limited';
const PRIVACY = 'REDACTED FOR PRIVACY';
const CNNIC_GOV = '中国互联网络信息中心（政务和公益机构域名注册管理中心）';

/** One Cloudflare anycast pair that fronts sites of three gangs and a training school: an address shared by strangers. */
const CF_SHARED = { a: ['104.21.64.37', '172.67.183.115'], aaaa: ['2606:4700:3036::6815:4025', '2606:4700:3031::ac43:b773'] } as const;
/** An Alibaba Cloud Hangzhou shared-hosting (虚拟主机) address: two unrelated old company sites on one box. */
const ALIYUN_SHARED_HOSTING = '112.124.219.45';

/** The official replicas' assets, which the faithful copies serve byte for byte. */
const MEM = { css: 'cx.mem.gov.cn/css/main.css', emblem: 'cx.mem.gov.cn/images/emblem.svg', captcha: 'cx.mem.gov.cn/js/captcha.js', favicon: 'cx.mem.gov.cn/images/favicon.svg' };
const ZLAQ = ['/static/portal.css', '/static/logo.svg', '/static/code.svg'] as const;
const CNSE = 'cnse.e-cqs.cn/info-pub/static';

// Gang-shared files: the same bytes served by several sites of one operator, under different paths.
const HENGTONG_KF_JS = 'cxmem-gov.com.cn/static/js/kf.js';
const TESHE_FAVICON = 'xn--55q38pjonojkchiezav23gmia.com/favicon.ico';
const JINQIAO_FAVICON = 'tzsb-cxzx.com/favicon.ico';
const JINQIAO_CSS = 'tzsb-cxzx.com/cx.css';
const KUAIZHENG_JS = 'zlaqcx.com/js/common.min.js';

/** Operators (same string = same gang). */
const HENGTONG = 'r4-hengtong';
const ZHUAN = 'r4-zhuan';
const TESHE = 'r4-teshe';
const JINQIAO = 'r4-jinqiao';
const KUAIZHENG = 'r4-kuaizheng';
const ZHIZHENGBAO = 'r4-zhizhengbao';

/** Certificates the 恒通 gang sold; its copies share one back end. */
const HENGTONG_SOLD = [
  { idcard: '440981199203154211', name: '梁志明' },
  { idcard: '452501198811073023', name: '黄秀梅' },
  { idcard: '360421199506212833', name: '刘俊' },
] as const;

const counterfeits: readonly CorpusSite[] = [
  // --- 恒通考证 (r4-hengtong): MEM copies, a WeChat-only copy, a seller page, an SMS redirect, a new domain ---
  {
    host: 'cxmem-gov.com.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: HENGTONG,
    note: 'Faithful MEM copy on a .com.cn name with its footer changed (invented 粤ICP备 number, 公安备案 and site code gone, "技术支持：恒通网络", the "only official address" line replaced); Baidu Tongji inline; a kf.js float writes QQ/WeChat/phone; knows only three sold certificates.',
    a: ['47.242.88.17'],
    ns: [...HICHINA_A],
    whois: whois('2026-09-14', WANWANG, '陈海涛', { registrantEmail: 'ht8866kf@163.com', nameServers: HICHINA_A }),
    routes: {
      '/': html('cxmem-gov.com.cn/index.html'),
      '/css/main.css': css(MEM.css),
      '/images/emblem.svg': svg(MEM.emblem),
      '/js/captcha.js': js(MEM.captcha),
      '/static/js/kf.js': js(HENGTONG_KF_JS),
      '/favicon.ico': svg(MEM.favicon),
      '/query': sold(...HENGTONG_SOLD),
    },
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'cxmem-h5.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: HENGTONG,
    note: 'WeChat/mobile-only H5 copy: WeChat, Android and iPhone browsers get a WeChat-styled MEM query card (same Baidu id and kf.js as cxmem-gov.com.cn, same sold records); desktop browsers and plain clients get the stock 宝塔 "站点创建成功" page.',
    a: ['47.242.88.17'],
    ns: [...CF_DARA_KIRK],
    whois: whois('2026-09-20', '成都西维数码科技有限公司', '黄丽', { registrantEmail: 'hl19940312@126.com', nameServers: CF_DARA_KIRK }),
    routes: {
      '/': {
        kind: 'page',
        file: 'cxmem-h5.cn/index.html',
        contentType: 'text/html; charset=utf-8',
        variants: [{ userAgent: 'MicroMessenger|Android|iPhone|iPad|Mobile', file: 'cxmem-h5.cn/h5.html' }],
      },
      '/js/kf.js': js(HENGTONG_KF_JS),
      '/query': sold(...HENGTONG_SOLD),
    },
  },
  {
    host: 'dianhan-kaozheng.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: HENGTONG,
    note: 'Seller page "恒通考证服务中心": 可以免考, 没有证也可以办, 不用考试直接拿证, 不是假证，官网可查, price table, the gang\'s WeChat ("VX：") and mobile (+86 spaced, dashed, 全角) and QQ; sends buyers to cxmem-gov.com.cn to "verify".',
    a: ['119.28.52.146'],
    ns: [...DNSOWL],
    whois: whois('2026-08-03', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-3f9c1a7e52d04b8a9e61c0d7b2f5a834@privacyguardian.org', nameServers: DNSOWL }),
    routes: { '/': html('dianhan-kaozheng.com/index.html') },
  },
  {
    host: 'mem-gov-cx.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: HENGTONG,
    note: 'SMS-campaign redirect hop: / answers 302 to http://cxmem-gov.com.cn/?s=dx; registered the same day with the same registrant name and e-mail as cxmem-gov.com.cn, on the same address.',
    a: ['47.242.88.17'],
    ns: [...HICHINA_A],
    whois: whois('2026-09-14', WANWANG, '陈海涛', { registrantEmail: 'ht8866kf@163.com', nameServers: HICHINA_A }),
    routes: { '/': { kind: 'redirect', location: 'http://cxmem-gov.com.cn/?s=dx', status: 302 } },
    expect: { finalUrl: 'http://cxmem-gov.com.cn/?s=dx' },
  },
  {
    host: 'cx-yjglb.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: HENGTONG,
    note: 'The gang\'s newest domain ("yjglb" = 应急管理部): same MEM copy with another changed footer (invented 京ICP备 number) and assets moved under /assets/, a new Baidu id, behind Cloudflare, but the byte-identical kf.js; answers every ID valid.',
    ...CF_SHARED,
    ns: [...CF_DARA_KIRK],
    whois: whois('2026-11-02', 'Spaceship, Inc.', 'Withheld for Privacy ehf', { privacy: true, nameServers: CF_DARA_KIRK }),
    routes: {
      '/': html('cx-yjglb.com/index.html'),
      '/assets/main.css': css(MEM.css),
      '/assets/emblem.svg': svg(MEM.emblem),
      '/assets/captcha.js': js(MEM.captcha),
      '/assets/kf.js': js(HENGTONG_KF_JS),
      '/favicon.ico': svg(MEM.favicon),
      '/cx/query': anyId,
    },
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  // --- 筑安 (r4-zhuan): MOHURD, Sichuan/Chongqing; QQ, CNZZ and a 53kf widget ---
  {
    host: 'zlaq-mohurdgov.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 4,
    operator: ZHUAN,
    note: 'Faithful copy of the MOHURD 安管人员 query page served at /, official assets, footer changed (invented 蜀ICP备 number, "技术支持：筑安信息", 补录 QQ); CNZZ counter and 53kf chat widget; knows two sold certificates.',
    a: ['23.225.141.66'],
    ns: [...GNAME],
    whois: whois('2026-07-11', GNAME_REG, PRIVACY, { privacy: true, nameServers: GNAME }),
    routes: {
      '/': html('zlaq-mohurdgov.com/index.html'),
      ...Object.fromEntries(ZLAQ.map((p) => [p, p.endsWith('.css') ? css(`zlaq.mohurd.gov.cn${p}`) : svg(`zlaq.mohurd.gov.cn${p}`)])),
      '/favicon.ico': svg('zlaq.mohurd.gov.cn/static/favicon.svg'),
      '/personnel/safety/query': sold({ idcard: '510722198912045678', name: '杨德华' }, { idcard: '513922199307228810', name: '周建' }),
    },
    expect: { title: '安管人员证书查询 - 全国工程质量安全监管信息平台' },
  },
  {
    host: 'anguan-zhengshu.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 4,
    operator: ZHUAN,
    note: 'Seller page "筑安建筑人才服务" for 安全员ABC证 and 建筑特种作业证: 没有证也可以办, 不用考试直接拿证, 不是假证，官网可查; QQ written "扣扣 3167 420 958", mobile dashed; same CNZZ id and 53kf widget as zlaq-mohurdgov.com, links to it and to jzsg-tzzy.com.',
    a: ['23.225.141.66'],
    ns: [...DNSOWL],
    whois: whois('2026-06-28', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-8e21d6c0a94f4b37b1e5c2a7f9d03e6b@privacyguardian.org', nameServers: DNSOWL }),
    routes: { '/': html('anguan-zhengshu.com/index.html') },
  },
  {
    host: 'jzsg-tzzy.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 4,
    operator: ZHUAN,
    note: 'Own-design "建筑施工特种作业人员操作资格证书查询系统" in the name of MOHURD (blue template); same CNZZ id as the gang\'s other sites, QQ in the side box; WHOIS open with the QQ mailbox 3167420958@qq.com; two sold certificates.',
    a: ['159.138.96.73'],
    ns: [...WEST],
    whois: whois('2026-08-19', WEST263, '杨洪', { registrantEmail: '3167420958@qq.com', nameServers: WEST }),
    routes: {
      '/': html('jzsg-tzzy.com/index.html'),
      '/css/style.css': css('jzsg-tzzy.com/css/style.css'),
      '/search/cert.html': sold({ idcard: '500235199010116833', name: '向天明' }, { idcard: '51130419860425591X', name: '何勇' }),
    },
    expect: { title: '建筑施工特种作业人员操作资格证书查询系统' },
  },
  {
    host: 'jianzhu-cx.net',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 4,
    operator: ZHUAN,
    note: 'The same own-design template recoloured green, now for 安管人员 证书; a new CNZZ id but the gang\'s 53kf widget, QQ in 全角 digits and the mobile as +86-…; behind Cloudflare with privacy WHOIS; one sold certificate.',
    a: ['172.67.181.20', '104.21.29.153'],
    ns: [...CF_IVAN_LOLA],
    whois: whois('2026-10-25', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot', { privacy: true, nameServers: CF_IVAN_LOLA }),
    routes: {
      '/': html('jianzhu-cx.net/index.html'),
      '/css/style.css': css('jianzhu-cx.net/css/style.css'),
      '/search/cert.html': sold({ idcard: '510823199212018878', name: '蒲小军' }),
    },
    expect: { title: '建筑施工企业安管人员安全生产考核合格证书查询系统' },
  },
  // --- 特设办 (r4-teshe): SAMR, Shandong; WeChat, 51.la id, a favicon, a WHOIS e-mail ---
  {
    host: 'xn--55q38pjonojkchiezav23gmia.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 4,
    operator: TESHE,
    note: 'Chinese IDN 特种设备公示查询.com: faithful SAMR register copy (/ → /info-pub/pub, official assets) with the footer changed (invented 鲁ICP备 number, no 公安备案), an extra 证书补录 tab and the gang\'s WeChat; 51.la counter and its own favicon; two sold certificates.',
    a: ['124.156.189.55'],
    ns: [...HICHINA_C],
    whois: whois('2026-09-30', HICHINA_GTLD, PRIVACY, { privacy: true, nameServers: HICHINA_C }),
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('xn--55q38pjonojkchiezav23gmia.com/info-pub/pub.html'),
      '/info-pub/static/pub.css': css(`${CNSE}/pub.css`),
      '/info-pub/static/samr.svg': svg(`${CNSE}/samr.svg`),
      '/info-pub/static/captcha.svg': svg(`${CNSE}/captcha.svg`),
      '/favicon.ico': ico(TESHE_FAVICON),
      '/info-pub/pub/query': sold({ idcard: '370826199108143217', name: '孔祥伟' }, { idcard: '371321198707262151', name: '王洪涛' }),
    },
    expect: { finalUrl: 'http://xn--55q38pjonojkchiezav23gmia.com/info-pub/pub', title: '特种设备作业人员公示查询' },
  },
  {
    host: 'cnse-cx.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 4,
    operator: TESHE,
    note: 'Page built by script: an empty Vite-style shell (title 公示查询) whose bundle draws the SAMR register and fetches a JSON endpoint; same 51.la id and favicon as the IDN copy, on the same server; WHOIS open with the gang\'s e-mail; three sold certificates.',
    a: ['124.156.189.55'],
    ns: [...WEST],
    whois: whois('2026-09-30', WEST263, '刘明', { registrantEmail: 'tzsb_admin@yeah.net', nameServers: WEST }),
    routes: {
      '/': html('cnse-cx.com/index.html'),
      '/assets/index-6f3a91c2.js': js('cnse-cx.com/assets/index-6f3a91c2.js'),
      '/assets/index-b07e44d1.css': css('cnse-cx.com/assets/index-b07e44d1.css'),
      '/favicon.ico': ico(TESHE_FAVICON),
      '/api/pub/query': {
        kind: 'query',
        answer: 'no-record',
        format: 'json',
        records: [
          { idcard: '370724199402066613', name: '马立国' },
          { idcard: '372922198911153411', name: '朱海龙' },
          { idcard: '410526199005287521', name: '李娟' },
        ],
      },
    },
    expect: { scriptText: '持证人员信息以本系统公示为准' },
  },
  {
    host: 'tzsb-kaozheng.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 4,
    operator: TESHE,
    note: 'Mobile-first seller page for 叉车/电梯/锅炉/起重机 certificates: 可以免考, 没有证也可以办, 不用考试直接拿证, 不是假证，官网可查, a faked chat log; WeChat as "加v：", mobile spaced and +86; same 51.la id; sends buyers to the IDN copy. Behind the Cloudflare address it shares with strangers.',
    ...CF_SHARED,
    ns: [...CF_ELLE_HUGO],
    whois: whois('2026-08-22', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-c94e07b2a18f4d6e93b5f0a2d7e1c468@privacyguardian.org', nameServers: CF_ELLE_HUGO }),
    routes: { '/': html('tzsb-kaozheng.com/index.html') },
  },
  {
    host: 'samr-gscx.cn',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 4,
    operator: TESHE,
    note: 'Two-hop redirect ("gscx" = 公示查询): / answers 302 to /info-pub/, which answers 301 to http://cnse-cx.com/; WHOIS carries the gang\'s e-mail (tzsb_admin@yeah.net).',
    a: ['120.79.36.210'],
    ns: [...DNSPOD],
    whois: whois('2026-10-08', WANWANG, '刘明', { registrantEmail: 'tzsb_admin@yeah.net', nameServers: DNSPOD }),
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/', status: 302 },
      '/info-pub/': { kind: 'redirect', location: 'http://cnse-cx.com/', status: 301 },
    },
    expect: { finalUrl: 'http://cnse-cx.com/' },
  },
  // --- 金桥 (r4-jinqiao): SAMR; a page planted on an old company site, and its own domain ---
  {
    host: 'www.hongyuan-jx.com',
    entry: 'http://www.hongyuan-jx.com/zscx/',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 4,
    operator: JINQIAO,
    note: 'Fake at a path of an old site: a 12-year-old forklift dealer\'s site (WHOIS 2014, the company as registrant, Alibaba shared hosting) whose / is the real company page with a "证书查询" menu item; /zscx/ is a planted 特种设备作业人员证书查询 page (the gang\'s template, favicon, Baidu id and WeChat) knowing two sold certificates.',
    a: [ALIYUN_SHARED_HOSTING],
    ns: [...HICHINA_B],
    whois: whois('2014-05-22', HICHINA_GTLD, '徐州宏远机械设备有限公司', { expires: '2027-05-22', registrantEmail: 'hongyuan_jx@126.com', nameServers: HICHINA_B }),
    routes: {
      '/': html('www.hongyuan-jx.com/index.html'),
      '/zscx': { kind: 'redirect', location: '/zscx/', status: 301 },
      '/zscx/': html('www.hongyuan-jx.com/zscx/index.html'),
      '/zscx/static/cx.css': css(JINQIAO_CSS),
      '/zscx/static/favicon.ico': ico(JINQIAO_FAVICON),
      '/zscx/cx.php': sold({ idcard: '320882198806243319', name: '吴建军' }, { idcard: '321088199107085534', name: '陈磊' }),
    },
    expect: { title: '徐州宏远机械设备有限公司-叉车销售|叉车租赁|叉车维修|叉车司机培训' },
  },
  {
    host: 'tzsb-cxzx.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 4,
    operator: JINQIAO,
    note: '"特种设备作业人员证书查询中心" on its own fresh domain: the same template, stylesheet and favicon as the page planted on www.hongyuan-jx.com, the same WeChat ("加微信") and mobile in 全角 digits, but a new Baidu id and a Xuzhou IDC address; two sold certificates.',
    a: ['58.218.211.93'],
    ns: [...GNAME],
    whois: whois('2026-10-17', GNAME_REG, PRIVACY, { privacy: true, nameServers: GNAME }),
    routes: {
      '/': html('tzsb-cxzx.com/index.html'),
      '/css/cx.css': css(JINQIAO_CSS),
      '/favicon.ico': ico(JINQIAO_FAVICON),
      '/cx.php': sold({ idcard: '342622199210177819', name: '汪志刚' }, { idcard: '320324198512089298', name: '孙大鹏' }),
    },
    expect: { title: '特种设备作业人员证书查询中心' },
  },
  // --- 快证 (r4-kuaizheng): one minified bundle and one WHOIS e-mail across a MOHURD and a MEM fake ---
  {
    host: 'zlaqcx.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 4,
    operator: KUAIZHENG,
    note: 'Own-design maroon "建筑施工企业安管人员证书查询系统"; the gang\'s common.min.js adds Baidu Tongji and an "在线咨询" mobile tab; WHOIS open with the gang\'s outlook.com e-mail; answers every ID valid.',
    a: ['38.47.103.12'],
    ns: [...DNSPOD],
    whois: whois('2026-10-05', GNAME_REG, '周凯', { registrantEmail: 'kuaizheng2026@outlook.com', nameServers: DNSPOD }),
    routes: { '/': html('zlaqcx.com/index.html'), '/js/common.min.js': js(KUAIZHENG_JS), '/query': anyId },
    expect: { title: '安管人员证书查询_建筑施工企业三类人员安全生产考核合格证书查询入口' },
  },
  {
    host: 'mem-tzzy.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: KUAIZHENG,
    note: 'Page built by script: the HTML is an empty #root, a base64 config and the gang\'s byte-identical common.min.js, which draws the MEM title, form and the official ICP/公安备案 numbers; same WHOIS e-mail as zlaqcx.com; two sold certificates.',
    a: ['107.148.6.221'],
    ns: [...DNSPOD],
    whois: whois('2026-10-06', 'eName Technology Co.,Ltd.', '周凯', { registrantEmail: 'kuaizheng2026@outlook.com', nameServers: DNSPOD }),
    routes: {
      '/': html('mem-tzzy.com/index.html'),
      '/js/common.min.js': js(KUAIZHENG_JS),
      '/cx/query': sold({ idcard: '130637199303186013', name: '赵文博' }, { idcard: '131121198908254478', name: '张凯' }),
    },
    expect: { scriptText: '安全生产知识和管理能力考核合格信息查询' },
  },
  // --- 执证宝 (r4-zhizhengbao): a gang of one ---
  {
    host: 'zhizhengbao.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 4,
    operator: ZHIZHENGBAO,
    note: 'Names itself freely ("执证宝", no look-alike name): a SaaS-style "third-party" portal claiming a live feed from MEM, MOHURD and SAMR, selling 9.9元 电子证书; its own WeChat/QQ/Baidu id; answers every ID valid. Shares only a Cloudflare address and name-server pair with strangers.',
    ...CF_SHARED,
    ns: [...CF_AMY_TOM],
    whois: whois('2026-08-29', NAMESILO, PRIVACY, { privacy: true, registrantEmail: 'pw-1b7c4e09f3a26d58c0e9b2a71f4d6c83@privacyguardian.org', nameServers: CF_AMY_TOM }),
    routes: { '/': html('zhizhengbao.com/index.html'), '/search': anyId },
    expect: { title: '执证宝 - 全国职业证书联网查询 | 特种作业操作证 · 安全员证 · 特种设备证' },
  },
];

const benign: readonly CorpusSite[] = [
  {
    host: 'www.fzxw365.com',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'News investigation quoting sellers (可以免考, 没有证也可以办, 不用考试直接拿证, 不是假证，官网可查) and describing the fakes\' tricks (sold-records only, WeChat-only, planted on company sites); table of all official query addresses, linked.',
    a: ['106.75.131.24'],
    whois: whois('2011-03-15', '北京新网数码信息技术有限公司', '北京法苑文化传媒有限公司', { expires: '2027-03-15' }),
    routes: { '/': html('www.fzxw365.com/index.html') },
  },
  {
    host: 'www.xinggong-px.com',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'Training school for 特种作业 (电工/焊工/高处) with its own phone and WeChat account, a 郑重声明 quoting and rejecting the sellers\' phrases, and an enrolment-progress form (name + ID, no record) that is not a certificate query.',
    a: ['121.41.70.183'],
    whois: whois('2011-07-08', WANWANG, '佛山市南海区兴工职业培训学校', { expires: '2027-07-08' }),
    routes: { '/': html('www.xinggong-px.com/index.html'), '/bmcx': noRecord },
  },
  {
    host: 'www.gangao-jzrc.com.hk',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: '繁體中文 Hong Kong guide: 「特種作業操作證」, 「網址是判斷證書查詢平臺真偽的唯一標準」, the official addresses in a table, the fakes\' tricks and the sellers\' phrases in 繁體.',
    a: ['8.210.33.91'],
    whois: whois('2015-09-02', 'Hong Kong Domain Name Registration Company Limited', '港澳建築人才交流網有限公司', { expires: '2027-09-02' }),
    routes: { '/': html('www.gangao-jzrc.com.hk/index.html') },
  },
  {
    host: 'cxmemgov.cn',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'Parked look-alike for sale since 2019: only the name, "该域名可以转让" and a broker e-mail; no certificate content at all.',
    a: ['47.96.187.12'],
    ns: [...DNSPOD],
    whois: whois('2019-06-17', '厦门易名科技股份有限公司', '郑晓东', { expires: '2027-06-17', registrantEmail: 'domain_trade@139.com', nameServers: DNSPOD }),
    routes: { '/': html('cxmemgov.cn/index.html') },
  },
  {
    host: 'yjglj.dg.gov.cn',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'City emergency-management bureau notice on fake query sites: names cxmem-gov.com.cn and dianhan-kaozheng.com (text, not links) and the 恒通 gang\'s WeChat id and masked mobile, quotes the sellers, links cx.mem.gov.cn; gov footer numbers.',
    a: ['183.63.15.77'],
    whois: { created: '2001-11-20', registrar: CNNIC_GOV, registrant: '东莞市人民政府办公室', privacy: false },
    routes: { '/': html('yjglj.dg.gov.cn/index.html') },
    expect: { title: '关于警惕假冒特种作业操作证查询网站和网络违法办证的提示_东莞市应急管理局' },
  },
  {
    host: 'bbs.hanjie123.com',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'Discuz forum thread: a welder asks about an ad saying 可以免考/不用考试直接拿证/官网可查 (quoted again in a reply); moderators explain the fakes and give cx.mem.gov.cn. Behind Cloudflare on the same name-server pair as two 恒通 sites.',
    a: ['172.67.149.231', '104.21.52.18'],
    ns: [...CF_DARA_KIRK],
    whois: whois('2009-10-12', 'GoDaddy.com, LLC', 'Domains By Proxy, LLC', { expires: '2027-10-12', privacy: true, nameServers: CF_DARA_KIRK }),
    routes: { '/': html('bbs.hanjie123.com/index.html') },
  },
  {
    host: 'www.lyad-chache.com',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'Forklift/crane training school (SAMR certificates) with its own landline, mobile and WeChat account, links both official SAMR registers and rejects 免考 sellers. Behind the same Cloudflare address and name-server pair as zhizhengbao.com.',
    ...CF_SHARED,
    ns: [...CF_AMY_TOM],
    whois: whois('2012-04-26', WANWANG, '孙立强', { expires: '2027-04-26', nameServers: CF_AMY_TOM }),
    routes: { '/': html('www.lyad-chache.com/index.html') },
  },
  {
    host: 'www.lvshi-wenda.com',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'Lawyers\' Q&A: a buyer of an "官网可查" 电工证 asks about liability; answers explain the sold-records fakes, 刑法第二百八十条 and the official address, quoting the sellers\' phrases.',
    a: ['39.106.52.177'],
    whois: whois('2015-01-20', '北京新网数码信息技术有限公司', '北京律答科技有限公司', { expires: '2027-01-20' }),
    routes: { '/': html('www.lvshi-wenda.com/index.html') },
  },
  {
    host: 'www.sanhe-dianqi.com',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: 'Old switchgear maker\'s site with an innocent /zscx/ "员工持证情况查询" (name + staff number against its own ledger, no record) pointing to the official platforms; on the same Alibaba shared-hosting address, name servers and registrar as www.hongyuan-jx.com.',
    a: [ALIYUN_SHARED_HOSTING],
    ns: [...HICHINA_B],
    whois: whois('2013-08-09', HICHINA_GTLD, '常州三和电气设备有限公司', { expires: '2027-08-09', nameServers: HICHINA_B }),
    routes: {
      '/': html('www.sanhe-dianqi.com/index.html'),
      '/zscx': { kind: 'redirect', location: '/zscx/', status: 301 },
      '/zscx/': html('www.sanhe-dianqi.com/zscx/index.html'),
      '/zscx/query': noRecord,
    },
  },
  {
    host: 'www.hoitat-eng.com.mo',
    label: 'benign',
    platform: null,
    holdout: 4,
    note: '繁體中文 Macau contractor\'s HR notice: mainland workers\' 特種作業操作證/特種設備作業人員證 must be checked on the official addresses (table, linked), never on links or search results; mentions 「免考」「包過」「官網可查」.',
    a: ['202.175.82.19'],
    whois: whois('2010-05-11', 'MONIC', '海達工程有限公司', { expires: '2027-05-11' }),
    routes: { '/': html('www.hoitat-eng.com.mo/index.html') },
  },
];

/** Round 4: every site held aside, counterfeits with their operators. */
export const round4: CorpusSite[] = [...counterfeits, ...benign];
