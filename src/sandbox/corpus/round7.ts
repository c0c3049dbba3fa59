/**
 * Held-aside round 7 of the bundled corpus, written blind by a seventh author: without reading the detectors, the
 * rules, the pipeline, the crawler, the model, the benchmarks or any evaluation output, from the sandbox, the
 * corpus's types and rounds 4–6 as models of the file format only. Its weight is on variety — sellers in wordings
 * of their own (零基础也能办, 本人不用到场, 内部指标, 查得到才付尾款, 先拿证后付款, 全程不用露面, 学历老师帮你处理),
 * whose contacts sit only in a floating bar, a chat widget or the footer; copies of the three platforms that are
 * faithful, 繁體 (converted whole, footer numbers included), built by a script, shown only to phones, or shown an
 * innocent stub to plain HTTP clients; provincial 应急管理厅 and 住建委 look-alikes; fakes dropped under the upload
 * folders of a machinery maker's MetInfo site and a local job board — and on their honest twins: a training
 * school's own 模拟考试成绩查询, a continuing-education platform that builds its 学时查询 by script, an
 * association's own 培训合格证书查询 at a path, a site-workers' real-name H5, SEO articles in 简体 and 繁體 that quote
 * every official address, a police-news report quoting sellers' slogans, a labour agency's verification guide, a
 * job posting that names the platforms, a company's 持证人员公示 with certificate numbers, an old forum thread
 * asking "这个网站是真的吗", a look-alike name parked for sale.
 *
 * Three gangs and one loner. 鲁盛 (r7-lusheng, Jinan, MEM): one Baidu id on the seller page, its faithful copy and
 * its provincial look-alike; one mobile (151 6531 8826) on the seller page and in both copies' WHOIS; one WeChat
 * (lszs8866) on the seller page and on the page planted in a MetInfo site; the provincial look-alike posts to the
 * copy's back end, and the two share an address block and a TLS certificate. 渝筑 (r7-yuzhu, Chongqing, MOHURD):
 * one chat-widget script (kf-float.js, same bytes, QQ 3318470562) on the seller page and the mobile-only 住建委
 * look-alike; one CNZZ id on the seller page and inside the script-built copy's bundle; one registrant and mailbox
 * (冉春林, cqjz_2026@163.com) in both copies' WHOIS; neighbouring addresses. 粤通 (r7-yuetong, Guangdong, SAMR):
 * WeChat tzsbzx_99 on the seller page, in the script-built H5's bundle and on the page planted in a job board;
 * that page posts to the 繁體 copy's back end; the 繁體 copy and the H5 share a registrant (林志堅/林志坚, one
 * Gmail), an address block and a TLS certificate. Every fake holds only the certificates it sold and answers
 * 查无此人 (or a wording of its own) to anyone else.
 *
 * Dates are relative to the corpus's "now", 2026-11-22. Addresses are labels only (the sandbox serves every host
 * itself), taken from blocks the corpus already uses whose real networks fit the story: Alibaba Cloud and Tencent
 * Cloud in Hong Kong and US hosters for the gangs, Cloudflare's anycast for two sellers, Sedo's parking address,
 * mainland clouds and provincial telecom networks for companies, schools, associations, news and forums.
 */
import type { CorpusSite, ForgedRecord, Route } from './types.js';
import { cnseAssets, css, html, js, memAssets, zlaqAssets, whoisRecord as whois } from './routes.js';

/** A fake's back end: valid for what it sold, `noRecordText` for anybody else. */
const holds = (noRecordText: string, ...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText, records });
/** The same, answering a page script in JSON. */
const holdsJson = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText: '查无此人', format: 'json', records });
/** An honest site's own name-and-ID lookup: its own papers or records, never a certificate for a stranger. */
const ownLookup = (noRecordText: string, format: 'html' | 'json' = 'html'): Route => ({ kind: 'query', answer: 'no-record', noRecordText, format });
/** A page whose answer depends on the User-Agent: `file` for most clients, `other` for those matching `ua`. */
const byAgent = (file: string, ua: string, other: string): Route => ({
  kind: 'page',
  file,
  contentType: 'text/html; charset=utf-8',
  variants: [{ userAgent: ua, file: other }],
});

// Shared by countless unrelated domains: these link nothing.
const HICHINA = ['dns17.hichina.com', 'dns18.hichina.com'] as const;
const DNSPOD = ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'] as const;
const DNSOWL = ['ns1.dnsowl.com', 'ns2.dnsowl.com', 'ns3.dnsowl.com'] as const;
const GNAME = ['ns1.gname-dns.com', 'ns2.gname-dns.com'] as const;
const WEST = ['ns1.myhostadmin.net', 'ns2.myhostadmin.net'] as const;
const XINCACHE = ['ns1.xincache.com', 'ns2.xincache.com'] as const;
const CF_ADA_TOM = ['ada.ns.cloudflare.com', 'tom.ns.cloudflare.com'] as const;
const CF_LIV_SID = ['liv.ns.cloudflare.com', 'sid.ns.cloudflare.com'] as const;
const SEDO = ['ns1.sedoparking.com', 'ns2.sedoparking.com'] as const;
const DOMAINCONTROL = ['ns57.domaincontrol.com', 'ns58.domaincontrol.com'] as const;

const WANWANG = '阿里云计算有限公司（万网）';
const HICHINA_GTLD = 'Alibaba Cloud Computing Ltd. d/b/a HiChina (www.net.cn)';
const XINNET = '北京新网数码信息技术有限公司';
const XINNET_GTLD = 'Xin Net Technology Corporation';
const WEST_CN = '成都西维数码科技有限公司';
const PRIVACY = 'REDACTED FOR PRIVACY';

/** Operators (same string = same gang). */
const LUSHENG = 'r7-lusheng';
const YUZHU = 'r7-yuzhu';
const YUETONG = 'r7-yuetong';

/** 鲁盛's back end (cx.yjglb-gov.cn/query) answers for its copy and for its provincial look-alike's form. */
const LUSHENG_SOLD = [
  { idcard: '370102198604152311', name: '王建强' },
  { idcard: '371525199003084618', name: '李鹏飞' },
  { idcard: '370703198509173535', name: '张庆华' },
] as const;

/** A 渝筑 buyer whom both of its copies know. */
const YUZHU_SHARED = { idcard: '500106198703224712', name: '陈光明' } as const;

/** 粤通's buyers; the 繁體 copy's back end also answers the form planted in the job board. */
const YUETONG_SHARED = { idcard: '440606199302274810', name: '黄嘉豪' } as const;
const YUETONG_HK_SOLD = [YUETONG_SHARED, { idcard: '440681198806193913', name: '梁国栋' }, { idcard: '440823199005030315', name: '吴文杰' }] as const;

const JNHX_KIT = '/upload/file/20261017/tzzy';
const RQRC_KIT = '/uploadfile/2026/1103/tzsb';

const counterfeits: readonly CorpusSite[] = [
  // --- 鲁盛 (r7-lusheng): Jinan; a seller, a faithful MEM copy, a 山东省应急管理厅 look-alike, a page planted in a MetInfo site ---
  {
    host: 'lushengpeixun.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 7,
    operator: LUSHENG,
    note: 'Seller "鲁盛职业技能服务中心" for 电工/焊工/登高/制冷 操作证: a price table with a "VIP直通（本人不用到场）" column, 零基础也能办, 内部指标, 查得到才付尾款, 直通名额不存在过不过, 过期多年也能续; contacts only in a fixed bottom bar (mobile, WeChat lszs8866); sends buyers to cx.yjglb-gov.cn and yjt-shandong.cn; the gang\'s Baidu id; Cloudflare, privacy WHOIS.',
    a: ['104.21.48.77', '172.67.163.99'],
    ns: [...CF_ADA_TOM],
    whois: whois('2026-05-14', 'Dynadot Inc', 'Super Privacy Service LTD c/o Dynadot', { privacy: true, nameServers: CF_ADA_TOM }),
    tls: {},
    routes: { '/': html('lushengpeixun.com/index.html') },
    expect: { title: '济南电工证焊工证登高证代办_零基础不去考场当月下证_鲁盛职业技能服务中心' },
  },
  {
    host: 'cx.yjglb-gov.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 7,
    operator: LUSHENG,
    note: 'Faithful MEM copy on a 应急管理部-pinyin .cn name (yjglb-gov.cn): official assets, footer ICP/公安备案/site code kept verbatim; only the "唯一官方查询网址" line is swapped for "与各省发证系统实时同步"; the gang\'s Baidu id; CNNIC WHOIS in a nominee\'s name with the gang\'s mobile; the back end for three sold certificates, 查无此人 otherwise.',
    a: ['47.243.118.55'],
    ns: [...DNSPOD],
    whois: whois('2026-07-02', WANWANG, '孙玉梅', { registrantEmail: 'sym0531@163.com', registrantPhone: '+86.15165318826', nameServers: DNSPOD }),
    tls: { certificate: 'r7-lusheng' },
    routes: { '/': html('cx.yjglb-gov.cn/index.html'), ...memAssets, '/query': holds('查无此人', ...LUSHENG_SOLD) },
    expect: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询' },
  },
  {
    host: 'yjt-shandong.cn',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 7,
    operator: LUSHENG,
    note: 'Look-alike of the Shandong emergency-management department (yjt.shandong.gov.cn → yjt-shandong.cn) in a provincial-portal design of its own, an invented 鲁ICP备/鲁公网安备 footer and "查询不到请联系培训机构补录"; its form posts to cx.yjglb-gov.cn/query; plain HTTP clients (no Mozilla UA) get a "网站升级维护中" stub; open WHOIS with the gang\'s mobile; next address to the copy, same TLS certificate, same Baidu id.',
    a: ['47.243.118.56'],
    ns: [...WEST],
    whois: whois('2026-09-11', WEST_CN, '赵德胜', { registrantEmail: 'zds8826@163.com', registrantPhone: '+86.15165318826', nameServers: WEST }),
    tls: { certificate: 'r7-lusheng' },
    routes: { '/': byAgent('yjt-shandong.cn/index.html', '^(?!Mozilla/)', 'yjt-shandong.cn/stub.html') },
    expect: { title: '山东省应急管理厅-特种作业操作证信息查询' },
  },
  {
    host: 'www.jnhuaxing-jx.com',
    entry: `http://www.jnhuaxing-jx.com${JNHX_KIT}/index.html`,
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 7,
    operator: LUSHENG,
    note: 'Planted in the upload folder of a Jinan conveyor maker\'s MetInfo 5 site (WHOIS 2011, the company as registrant, news stopped 2019, Alibaba Qingdao); / never links it; a plain mobile "应急管理部 · 特种作业操作证查询" with noindex, posting to cx.php beside it, "证件录入、信息更正请联系微信 lszs8866"; one sold certificate.',
    a: ['47.104.213.77'],
    ns: [...HICHINA],
    whois: whois('2011-05-19', HICHINA_GTLD, '济南华兴机械设备有限公司', { expires: '2027-05-19', registrantEmail: 'hxjx2003@126.com', nameServers: HICHINA }),
    routes: {
      '/': html('www.jnhuaxing-jx.com/index.html'),
      [`${JNHX_KIT}/`]: html(`www.jnhuaxing-jx.com${JNHX_KIT}/index.html`),
      [`${JNHX_KIT}/index.html`]: html(`www.jnhuaxing-jx.com${JNHX_KIT}/index.html`),
      [`${JNHX_KIT}/cx.php`]: holds('查无此人', { idcard: '370105199211260817', name: '刘洋' }),
    },
  },
  // --- 渝筑 (r7-yuzhu): Chongqing; an SEO-article seller, a script-built MOHURD copy, a mobile-only 住建委 look-alike ---
  {
    host: 'cq-jianpei.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 7,
    operator: YUZHU,
    note: 'Seller "渝筑建培" written as an SEO how-to article (重庆安全员C证怎么考) that turns into the pitch: 学历不够老师帮你处理, 省心班 不用背书刷题不用自己去考点 内部指标, 查不到一分不收, 学时我们帮刷完; names zlaq.mohurdgov.cn and zfcxjw-cq.com as where to check; QQ and mobile only in a floating chat widget (kf-float.js); CNZZ 1281377405.',
    a: ['154.39.244.60'],
    ns: [...DNSOWL],
    whois: whois('2026-03-22', 'NameSilo, LLC', PRIVACY, { privacy: true, registrantEmail: 'pw-6e0b3c9a1d7f42e58c2a9f4b7d1e0c36@privacyguardian.org', nameServers: DNSOWL }),
    routes: { '/': html('cq-jianpei.com/index.html'), '/static/js/kf-float.js': js('cq-jianpei.com/static/js/kf-float.js') },
    expect: { title: '重庆安全员C证怎么考？2026年最新报考条件、流程及费用一览 - 渝筑建培' },
  },
  {
    host: 'zlaq.mohurdgov.cn',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 7,
    operator: YUZHU,
    note: 'The official host with the dot before gov dropped (zlaq.mohurdgov.cn): an empty #app and a minified bundle that draws the MOHURD portal with the official stylesheet, \\u-escaped 主办/承办 line and ICP/公安备案 numbers, posts JSON and names 重庆市住建委 on a hit; the CNZZ id inside the bundle; CNNIC WHOIS in the gang\'s registrant and mailbox; two sold certificates.',
    a: ['38.54.95.120'],
    ns: [...DNSPOD],
    whois: whois('2026-08-19', WANWANG, '冉春林', { registrantEmail: 'cqjz_2026@163.com', nameServers: DNSPOD }),
    tls: {},
    routes: {
      '/': html('zlaq.mohurdgov.cn/index.html'),
      ...zlaqAssets,
      '/js/zs-core.min.js': js('zlaq.mohurdgov.cn/js/zs-core.min.js'),
      '/api/cert/query': holdsJson(YUZHU_SHARED, { idcard: '500235199108145536', name: '谭小兵' }),
    },
    expect: { scriptText: '安管人员安全生产考核合格证书查询' },
  },
  {
    host: 'zfcxjw-cq.com',
    label: 'counterfeit',
    platform: 'mohurd-zlaq',
    holdout: 7,
    operator: YUZHU,
    note: 'Look-alike of the Chongqing housing commission (zfcxjw.cq.gov.cn → zfcxjw-cq.com), phones only: a red H5 建筑施工人员证书查询 (特种作业/安管 tabs, 渝ICP备 footer, "查询不到请联系客服QQ…补录") for mobile and WeChat User-Agents; desktops get "本系统仅支持手机端访问" and a QR pattern; the same kf-float.js chat widget as the seller; open WHOIS with the gang\'s registrant and mailbox; two sold certificates.',
    a: ['38.54.95.121'],
    ns: [...GNAME],
    whois: whois('2026-10-05', 'Gname.com Pte. Ltd.', '冉春林', { registrantEmail: 'cqjz_2026@163.com', nameServers: GNAME }),
    tls: {},
    routes: {
      '/': byAgent('zfcxjw-cq.com/index.html', 'Mobile|Android|iPhone|MicroMessenger', 'zfcxjw-cq.com/m.html'),
      '/static/js/kf-float.js': js('cq-jianpei.com/static/js/kf-float.js'),
      '/h5/api/cx': holds('查无此人', YUZHU_SHARED, { idcard: '500221198912053023', name: '冉丽' }),
    },
  },
  // --- 粤通 (r7-yuetong): Guangdong; a seller, a 繁體 SAMR copy on .hk, a script-built H5, a page planted in a job board ---
  {
    host: 'tzsb-zhengjian.com',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 7,
    operator: YUETONG,
    note: 'Seller "粤通证件服务" for 叉车/电梯/锅炉/起重 证: 没有证被查到要罚款？不如花点钱把证办下来, 全程不用露面, 不用背题, 总局公示可查 港澳用工核验也认, 先拿证后付款, customer quotes; mobile and WeChat tzsbzx_99 only in the footer; links the 繁體 copy and the H5 as "以这两个为准"; Cloudflare, privacy WHOIS.',
    a: ['104.21.52.77', '172.67.183.60'],
    ns: [...CF_LIV_SID],
    whois: whois('2026-04-30', 'Spaceship, Inc.', 'Withheld for Privacy ehf', { privacy: true, nameServers: CF_LIV_SID }),
    tls: {},
    routes: { '/': html('tzsb-zhengjian.com/index.html') },
    expect: { title: '叉车证 电梯证 锅炉证 起重机证 - 特种设备作业人员证快速办理 | 粤通证件服务' },
  },
  {
    host: 'cnse-ecqs.hk',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 7,
    operator: YUETONG,
    note: '繁體 copy of the SAMR register on a .hk name (cnse-ecqs.hk): the official layout and assets converted to 繁體, footer 京ICP備/京公網安備/網站標識碼 kept, one added line "港澳及海外僱主核驗內地持證人員資料，可使用本通道"; open .hk WHOIS (林志堅, a Gmail); shares an address block and TLS certificate with the H5; its back end also answers the job-board page; three sold certificates, 查無此人 otherwise.',
    a: ['43.154.118.120'],
    ns: [...DNSPOD],
    whois: whois('2026-06-08', 'Hong Kong Domain Name Registration Company Limited', '林志堅', { registrantEmail: 'linzj.tz@gmail.com', nameServers: DNSPOD }),
    tls: { certificate: 'r7-yuetong' },
    routes: {
      '/': { kind: 'redirect', location: '/info-pub/pub', status: 302 },
      '/info-pub/pub': html('cnse-ecqs.hk/info-pub/pub.html'),
      ...cnseAssets,
      '/info-pub/pub/query': holds('查無此人', ...YUETONG_HK_SOLD),
    },
    expect: { title: '特種設備作業人員公示查詢' },
  },
  {
    host: 'h5.tzsbzs.cn',
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 7,
    operator: YUETONG,
    note: 'uni-app-style H5 built by script: the HTML is an empty #root; the bundle writes "特种设备作业人员证书查询" in SAMR\'s name, "全国联网查询", 客服微信 tzsbzx_99 (证件录入、信息更正), posts JSON and names a Guangdong bureau on a hit; CNNIC WHOIS in the gang\'s registrant and Gmail; same TLS certificate as the .hk copy; two sold certificates.',
    a: ['43.154.118.121'],
    ns: [...HICHINA],
    whois: whois('2026-09-27', WANWANG, '林志坚', { registrantEmail: 'linzj.tz@gmail.com', nameServers: HICHINA }),
    tls: { certificate: 'r7-yuetong' },
    routes: {
      '/': html('h5.tzsbzs.cn/index.html'),
      '/static/index.63b34199.css': css('h5.tzsbzs.cn/static/index.63b34199.css'),
      '/static/index.9f0c27e1.js': js('h5.tzsbzs.cn/static/index.9f0c27e1.js'),
      '/api/v2/cert/check': holdsJson(YUETONG_SHARED, { idcard: '44150219860911573X', name: '林志华' }),
    },
    expect: { scriptText: '特种设备作业人员证书查询' },
  },
  {
    host: 'www.rongqi-rc.com',
    entry: `http://www.rongqi-rc.com${RQRC_KIT}/index.html`,
    label: 'counterfeit',
    platform: 'samr-cnse',
    holdout: 7,
    operator: YUETONG,
    note: 'Planted in the upload folder of a Shunde town job board\'s 74cms site (WHOIS 2009, an information-service firm as registrant, postings stopped 2019, Alibaba Shenzhen): a crude red "国家市场监督管理总局 特种设备作业人员证查询" with noindex whose form posts to cnse-ecqs.hk/info-pub/pub/query, and "查询不到请联系微信 tzsbzx_99"; the job board\'s / never links it.',
    a: ['119.23.140.200'],
    ns: [...XINCACHE],
    whois: whois('2009-07-14', XINNET_GTLD, '佛山市顺德区容桂人才信息服务部', { expires: '2027-07-14', registrantEmail: 'rqrc2009@163.com', nameServers: XINCACHE }),
    routes: {
      '/': html('www.rongqi-rc.com/index.html'),
      [`${RQRC_KIT}/`]: html(`www.rongqi-rc.com${RQRC_KIT}/index.html`),
      [`${RQRC_KIT}/index.html`]: html(`www.rongqi-rc.com${RQRC_KIT}/index.html`),
    },
  },
  // --- a gang of one ---
  {
    host: 'yjglb-cx.com',
    label: 'counterfeit',
    platform: 'mem-cx',
    holdout: 7,
    operator: 'r7-yjglbcx',
    note: 'The MEM page run whole through a 简→繁 converter (title, agency, form, footer: 京ICP備18046060號-1, 京公網安備…, 網站標識碼) with the "唯一官方查詢網址" line replaced by "查詢不到…可聯繫客服辦理信息補錄（微信 yjcx_hk01）" and a "港澳臺及海外用戶可使用繁體版" note; official assets; a Baidu id of its own; privacy WHOIS; one sold certificate, 查無此人 otherwise.',
    a: ['45.207.36.200'],
    ns: [...DNSOWL],
    whois: whois('2026-10-19', 'NameSilo, LLC', PRIVACY, { privacy: true, registrantEmail: 'pw-1f8a2d6c0b3e47a9b5c4e2d7f0a91c68@privacyguardian.org', nameServers: DNSOWL }),
    routes: { '/': html('yjglb-cx.com/index.html'), ...memAssets, '/query': holds('查無此人', { idcard: '411526198907184712', name: '周海军' }) },
    expect: { title: '特種作業操作證及安全生產知識和管理能力考核合格信息查詢' },
  },
];

const benign: readonly CorpusSite[] = [
  {
    host: 'www.lcdgpx.com',
    entry: 'http://www.lcdgpx.com/cjcx/',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Liaocheng electricians\' school\'s own 校内模拟考试成绩查询 at /cjcx/ (班次, name, ID number; no record for strangers), saying it is not a certificate; a table of the official MEM and SAMR addresses; "考不过免费跟班重学" beside a warning against 不用考试/包过 sellers; licence and ICP in the footer.',
    a: ['47.104.213.95'],
    ns: [...HICHINA],
    whois: whois('2014-03-27', HICHINA_GTLD, '聊城市东昌府区东昌电工职业培训学校', { expires: '2027-03-27', nameServers: HICHINA }),
    routes: {
      '/': html('www.lcdgpx.com/index.html'),
      '/cjcx/': html('www.lcdgpx.com/cjcx/index.html'),
      '/cjcx/query': ownLookup('未查询到该学员的模拟考试成绩，请核对班次、姓名和身份证号'),
    },
    expect: { title: '学员模拟考试成绩查询 - 聊城东昌电工培训学校' },
  },
  {
    host: 'px.yujian-edu.com',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Continuing-education platform for Chongqing 安管人员, built by script: an empty #app whose bundle draws a 学时查询 (name + ID number, JSON, no record) and says the 学时证明 is not a certificate, pointing to zlaq.mohurd.gov.cn and refusing 代学/代刷学时.',
    a: ['47.108.54.120'],
    ns: [...HICHINA],
    whois: whois('2017-05-11', HICHINA_GTLD, '重庆渝建教育科技有限公司', { expires: '2027-05-11', nameServers: HICHINA }),
    tls: {},
    routes: {
      '/': html('px.yujian-edu.com/index.html'),
      '/static/js/app.7d21c0.js': js('px.yujian-edu.com/static/js/app.7d21c0.js'),
      '/api/study/hours': ownLookup('未找到该学员的继续教育学习记录', 'json'),
    },
    expect: { scriptText: '建筑施工企业安管人员继续教育学时查询' },
  },
  {
    host: 'www.zhengshu114.com',
    entry: 'http://www.zhengshu114.com/zhengshu/tzzy/2026-10-18/5521.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'SEO content farm "证书114": a keyword-stuffed 简体 article "特种作业操作证查询官网入口（2026年最新）" quoting MEM\'s platform name, agency, support unit and "唯一官方查询网址" statement and linking all three official platforms; a FAQ on 免考 certificates and intermediaries\' query sites; an ad box.',
    a: ['121.41.70.120'],
    ns: [...HICHINA],
    whois: whois('2016-08-02', HICHINA_GTLD, PRIVACY, { expires: '2027-08-02', privacy: true, nameServers: HICHINA }),
    routes: { '/': html('www.zhengshu114.com/index.html'), '/zhengshu/tzzy/2026-10-18/5521.html': html('www.zhengshu114.com/zhengshu/tzzy/2026-10-18/5521.html') },
    expect: { title: '特种作业操作证查询官网入口（2026年最新）附查询步骤_证书114' },
  },
  {
    host: 'hant.zhiyebk.com',
    entry: 'http://hant.zhiyebk.com/a/83920.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: '繁體 content site "職業百科" for Hong Kong and Macau employers: a table of the three official platforms (linked) with their 繁體 names, MEM\'s "唯一官方查詢網址" sentence quoted, "網址是判斷證書查詢平臺真偽的唯一標準" and a warning about "繁體版/境外核驗專用" fakes.',
    a: ['8.210.33.150'],
    ns: [...DOMAINCONTROL],
    whois: whois('2018-02-14', 'GoDaddy.com, LLC', 'Domains By Proxy, LLC', { expires: '2027-02-14', privacy: true, nameServers: DOMAINCONTROL }),
    tls: {},
    routes: { '/': html('hant.zhiyebk.com/index.html'), '/a/83920.html': html('hant.zhiyebk.com/a/83920.html') },
  },
  {
    host: 'www.qlfzb.com.cn',
    entry: 'http://www.qlfzb.com.cn/fzxw/202611/t20261109_1187352.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Provincial legal-news report on a Jinan gang selling forged certificates with fake query sites: quotes the sellers\' slogans at length (可以免考 包拿证, 没有证也可以办, 不用考试直接拿证, 考不过退款, 内部指标, 人社联网可查, 先拿证后付款), describes copied footers and pages planted on old company sites, names the official addresses in text only.',
    a: ['124.70.18.150'],
    whois: { created: '2009-10-26', expires: '2027-10-26', registrar: XINNET, registrant: '齐鲁法治报社', privacy: false },
    routes: { '/': html('www.qlfzb.com.cn/index.html'), '/fzxw/202611/t20261109_1187352.html': html('www.qlfzb.com.cn/fzxw/202611/t20261109_1187352.html') },
  },
  {
    host: 'www.hengda-laowu.com',
    entry: 'http://www.hengda-laowu.com/news/show-218.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Labour-dispatch company\'s PbootCMS article on verifying dispatched workers\' certificates: which agency issues what, every official address in a table (unlinked), type it by hand, screenshot with the address bar, and the fakes\' tells (不用考试, hyphens and other suffixes, 客服补录, WeChat-only).',
    a: ['120.79.36.120'],
    ns: [...WEST],
    whois: whois('2015-06-03', 'West263 International Limited', '佛山市恒达劳务派遣有限公司', { expires: '2027-06-03', nameServers: WEST }),
    routes: { '/': html('www.hengda-laowu.com/index.html'), '/news/show-218.html': html('www.hengda-laowu.com/news/show-218.html') },
  },
  {
    host: 'samr-cnse.com',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Look-alike of the SAMR register\'s names (samr + cnse, .com) held by a domainer since 2019 and parked at Sedo: "This domain may be for sale", a buy-now price, a not-affiliated line; no certificate content, no form.',
    a: ['91.195.240.94'],
    ns: [...SEDO],
    whois: whois('2019-05-21', 'GoDaddy.com, LLC', 'Domains By Proxy, LLC', { expires: '2027-05-21', privacy: true, nameServers: SEDO }),
    routes: { '/': html('samr-cnse.com/index.html') },
    expect: { title: 'samr-cnse.com is for sale' },
  },
  {
    host: 'www.hengye-dianli.com',
    entry: 'http://www.hengye-dianli.com/about/ryzz.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Power-installation company\'s 持证人员公示: nine workers with masked ID numbers and full certificate numbers (T+ID 操作证, TS 特种设备, 冀建安C), expiry dates, links to all three official platforms and "以官方平台查询结果为准"; no form.',
    a: ['39.98.66.150'],
    whois: whois('2012-08-09', XINNET_GTLD, '唐山恒业电力安装工程有限公司', { expires: '2027-08-09' }),
    routes: { '/': html('www.hengye-dianli.com/index.html'), '/about/ryzz.html': html('www.hengye-dianli.com/about/ryzz.html') },
    expect: { title: '人员资质 - 唐山恒业电力安装工程有限公司' },
  },
  {
    host: 'www.diangongwang.net',
    entry: 'http://www.diangongwang.net/thread-28871-1-1.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Discuz! X3.4 thread from 2023 (bumped 2025) "网上办的电工证，给了个网站能查到，这个网站是真的吗？": the asker names the seller\'s look-alike in text, replies give cx.mem.gov.cn and cnse.e-cqs.cn unlinked and quote the ads (可以免考, 没证也能办, 包拿证 查得到再付款).',
    a: ['58.218.204.40'],
    whois: whois('2008-06-17', XINNET_GTLD, '陈立军', { expires: '2027-06-17' }),
    routes: { '/': html('www.diangongwang.net/index.html'), '/thread-28871-1-1.html': html('www.diangongwang.net/thread-28871-1-1.html') },
    expect: { title: '网上办的电工证，给了个网站能查到，这个网站是真的吗？ - 电工交流 - 电工网论坛 - Powered by Discuz!' },
  },
  {
    host: 'www.jnrczp.com',
    entry: 'http://www.jnrczp.com/job/88231.html',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Job-board posting for forklift drivers and electricians requiring certificates that show on cnse.e-cqs.cn and cx.mem.gov.cn (named in text), refusing 网上代办/免考 certificates; the employer\'s HR phone; HR-service licence in the footer.',
    a: ['47.104.22.200'],
    whois: whois('2010-03-08', HICHINA_GTLD, '济南才聚人力资源服务有限公司', { expires: '2027-03-08' }),
    routes: { '/': html('www.jnrczp.com/index.html'), '/job/88231.html': html('www.jnrczp.com/job/88231.html') },
  },
  {
    host: 'smz.hualong-jg.com',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Construction group\'s mobile 工人实名制信息查询 (name, ID number, project; POST, no record) for its site workers\' attendance and wages, in teal H5 style; says certificate validity is only what the 住建委 and zlaq.mohurd.gov.cn show.',
    a: ['47.108.54.130'],
    ns: [...HICHINA],
    whois: whois('2013-11-20', HICHINA_GTLD, '重庆华龙建工集团有限公司', { expires: '2027-11-20', nameServers: HICHINA }),
    tls: {},
    routes: { '/': html('smz.hualong-jg.com/index.html'), '/smz/worker/query': ownLookup('未查询到该工人的进场登记信息，请联系项目劳资专管员') },
    expect: { title: '华龙建工·工人实名制信息查询' },
  },
  {
    host: 'www.cqhjxh.org.cn',
    entry: 'http://www.cqhjxh.org.cn/zscx/',
    label: 'benign',
    platform: null,
    holdout: 7,
    note: 'Welding association\'s own 培训合格证书查询 at /zscx/ (certificate number, name, ID number; no record) for its CQHX-numbered training papers, saying they do not replace the MEM 操作证 or SAMR 焊接作业人员证 and linking both platforms; CNNIC 2008, the association as registrant.',
    a: ['118.123.14.60'],
    whois: { created: '2008-09-04', expires: '2027-09-04', registrar: XINNET, registrant: '重庆市焊接协会', privacy: false },
    routes: {
      '/': html('www.cqhjxh.org.cn/index.html'),
      '/zscx/': html('www.cqhjxh.org.cn/zscx/index.html'),
      '/zscx/cx.php': ownLookup('没有查询到该证书信息，请核对证书编号、姓名和身份证号'),
    },
    expect: { title: '培训合格证书查询 - 重庆市焊接协会' },
  },
];

/** Round 7: every site held aside, counterfeits with their operators. */
export const round7: CorpusSite[] = [...counterfeits, ...benign];
