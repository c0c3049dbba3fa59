/**
 * Pages below the front page of an older site, in the tuning part: two state-platform queries planted on sites
 * that are someone else's (a DedeCMS car-repair firm, a dormant WordPress photo blog) and whose front pages do
 * not lead to them, and their legitimate twins — a training school's own certificate query, reached from its
 * front page and saying it is not the state platform, and a school's exam-results query that asks for an ID
 * number too but claims no state platform. Written for the depth check's reading of the front page, after the
 * planted pages of rounds 4 and 5 were seen (those rounds stay as they were).
 */
import type { CorpusSite, ForgedRecord, Route } from './types.js';
import { html, whoisRecord as whois } from './routes.js';

const sold = (...records: ForgedRecord[]): Route => ({ kind: 'query', answer: 'no-record', noRecordText: '查无此人', records });

export const plantedSites: readonly CorpusSite[] = [
  {
    host: 'www.hengtai-qx.com',
    entry: 'http://www.hengtai-qx.com/plus/zscx/index.html',
    label: 'counterfeit',
    platform: 'samr-cnse',
    note: 'SAMR 特种设备作业人员 query planted at /plus/zscx/ of a 2009 DedeCMS car-repair site (news last 2019, 粤ICP on the front page only): a crude blue page with its own wording, no sales words, no ICP; holds two sold certificates, 查无此人 otherwise. The front page does not link to it.',
    a: ['120.79.66.38'],
    ns: ['dns9.hichina.com', 'dns10.hichina.com'],
    whois: whois('2009-03-16', '阿里云计算有限公司（万网）', '东莞市恒泰汽车维修服务有限公司', { expires: '2027-03-16', nameServers: ['dns9.hichina.com', 'dns10.hichina.com'] }),
    routes: {
      '/': html('www.hengtai-qx.com/index.html'),
      '/plus/zscx/index.html': html('www.hengtai-qx.com/plus/zscx/index.html'),
      '/plus/zscx/q.php': sold({ idcard: '441900198707153317', name: '黄志明' }, { idcard: '441900199102284423', name: '罗燕' }),
    },
    expect: { title: '特种设备作业人员证书查询-国家市场监督管理总局' },
  },
  {
    host: 'xiaolin-photo.cn',
    entry: 'http://xiaolin-photo.cn/wp-content/uploads/cx/index.html',
    label: 'counterfeit',
    platform: 'mem-cx',
    note: "MEM 操作证 query uploaded to /wp-content/uploads/cx/ of a dormant personal WordPress photo blog (registered 2014 to a person, last post 2018): the platform's name and agency in a red header of its own, no ICP; holds one sold certificate, 查无此人 otherwise. The blog's front page does not link to it.",
    a: ['47.104.22.190'],
    ns: ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'],
    whois: whois('2014-04-02', '北京新网数码信息技术有限公司', '林晓', { expires: '2027-04-02', registrantEmail: 'linxiao_photo@126.com', nameServers: ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'] }),
    routes: {
      '/': html('xiaolin-photo.cn/index.html'),
      '/wp-content/uploads/cx/index.html': html('xiaolin-photo.cn/wp-content/uploads/cx/index.html'),
      '/wp-content/uploads/cx/check.php': sold({ idcard: '370283199003214415', name: '孙立伟' }),
    },
    expect: { title: '特种作业操作证查询 - 应急管理部' },
  },
  {
    host: 'www.ruian-aqpx.com',
    entry: 'http://www.ruian-aqpx.com/zscx/index.html',
    label: 'benign',
    platform: null,
    note: "A training school's own query for its 培训结业证书 at /zscx/, in its menu and on its front page: says the 结业证书 is not the 特种作业操作证 and sends readers to cx.mem.gov.cn by name and address (网址是判断证书查询平台真伪的唯一标准).",
    a: ['115.29.203.71'],
    ns: ['dns17.hichina.com', 'dns18.hichina.com'],
    whois: whois('2015-06-09', '阿里云计算有限公司（万网）', '瑞安市安达职业技能培训学校', { expires: '2027-06-09', nameServers: ['dns17.hichina.com', 'dns18.hichina.com'] }),
    routes: {
      '/': html('www.ruian-aqpx.com/index.html'),
      '/zscx/index.html': html('www.ruian-aqpx.com/zscx/index.html'),
      '/zscx/': html('www.ruian-aqpx.com/zscx/index.html'),
      '/zscx/chaxun.php': { kind: 'page', body: '<meta charset="utf-8"><title>查询结果</title><p>未查询到该学员的结业证书，请核对姓名和身份证号。</p>', contentType: 'text/html; charset=utf-8' },
    },
    expect: { title: '培训证书查询 - 瑞安市安达职业技能培训学校' },
  },
  {
    host: 'www.dyzx-edu.cn',
    entry: 'http://www.dyzx-edu.cn/cjcx/index.html',
    label: 'benign',
    platform: null,
    note: "A middle school's exam-results query at /cjcx/, asking for a name and a 证件号码, reached from a notice, not from the front page (which is the school's own); claims no state platform.",
    a: ['118.123.14.52'],
    ns: ['ns1.myhostadmin.net', 'ns2.myhostadmin.net'],
    whois: whois('2008-09-01', '成都西维数码科技有限公司', '德阳市第五中学', { expires: '2027-09-01', nameServers: ['ns1.myhostadmin.net', 'ns2.myhostadmin.net'] }),
    routes: {
      '/': html('www.dyzx-edu.cn/index.html'),
      '/cjcx/index.html': html('www.dyzx-edu.cn/cjcx/index.html'),
      '/tzgg/2020/0702.html': { kind: 'page', body: '<meta charset="utf-8"><title>关于查询2020年学业水平考试成绩的通知</title><p>请考生登录 <a href="/cjcx/index.html">成绩查询页面</a> 查询本人成绩。</p>', contentType: 'text/html; charset=utf-8' },
      '/cjcx/search.asp': { kind: 'page', body: '<meta charset="utf-8"><title>成绩查询</title><p>没有找到该考生的成绩记录。</p>', contentType: 'text/html; charset=utf-8' },
    },
    expect: { title: '学业水平考试成绩信息查询 - 德阳市第五中学' },
  },
];
