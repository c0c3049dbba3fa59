import { describe, expect, it } from 'vitest';
import type { LinkInfo, PageSnapshot } from '../../model/snapshot.js';
import { pageSnapshot } from '../../../test/fixtures/snapshots.js';
import { loadRules } from '../../rules/index.js';
import type { Signal } from '../../model/signal.js';
import { ADVERTISED_SIGNAL, SALES_SIGNAL, findContacts, findTerms, isGoverned, sales } from './index.js';

const { platforms } = loadRules();

function run(url: string, overrides: Partial<PageSnapshot>): Signal[] {
  return sales.detect({
    snapshot: pageSnapshot(url, { forms: [], links: [], staticText: null, ...overrides }),
    references: [],
    platforms,
    readArtifact: () => null,
  });
}

const scoreOf = (signals: Signal[], id: string): number => signals.find((s) => s.id === id)?.score ?? 0;

const SELLER = [
  '特种作业操作证 快速办理中心 免考 · 包过 · 速成 · 官网可查 · 全国通用',
  '低压电工作业 7个工作日 免考 应急管理部官网可查 ￥1280',
  '办证热线： 139-2026-8866 （王老师）',
  '微信同号： bz88669 　　QQ： 3208866199',
  '先办证后付款，不过全额退款，当天出证号，三天官网可查！',
  '办好后请到证书查询网站自行核验： 全国特种作业人员证书查询系统 tzzy-chaxun.com ，',
  '建筑类证书请到 建筑证书查询网 查询。',
].join('\n');

const SELLER_LINKS: LinkInfo[] = [
  { href: 'http://tzzy-chaxun.com/', text: '全国特种作业人员证书查询系统 tzzy-chaxun.com' },
  { href: 'http://jianzhu-zhengshu.cn.com/', text: '建筑证书查询网' },
  { href: 'https://cx.mem.gov.cn/', text: '应急管理部官网查询' },
];

describe('sales flags certificate sellers', () => {
  const cases: { name: string; url: string; snap: Partial<PageSnapshot>; min: number }[] = [
    { name: 'a seller page with 免考 包过 官网可查 and WeChat, QQ and mobile contacts', url: 'http://tezhong-banzheng.com/', snap: { title: '电工证焊工证免考包过_官网可查-正规快速办证', text: SELLER, links: SELLER_LINKS }, min: 0.9 },
    { name: 'a short WeChat pitch banner on a copied query page', url: 'http://cx-mem-gov.org/', snap: { text: '证件信息查询\n【考证咨询】电工证、焊工证 全国通用 官网可查 一站式服务　微信：kz-zx2026　电话：188-2026-0717' }, min: 0.6 },
    { name: 'a seller writing in full-width digits and V信', url: 'http://banzheng.top/', snap: { text: '焊工证 不用考试 快速拿证 可查可验 V信：ｈｇｚ８８６６ 手机 １３８００１３８０００' }, min: 0.8 },
    { name: 'a query page that offers 证书办理 and 补录 beside a WeChat and a mobile', url: 'http://zs-chaxun.net/', snap: { text: '持证人员信息查询\n证书办理 · 年审 · 补录 请加微信 zs-banli66 手机 135 0000 1234' }, min: 0.5 },
    { name: 'a seller naming the authority where its certificates "check out"', url: 'http://aqy-c.top/', snap: { text: '安全员C证 住建部可查 全国联网可查 微信 aqy-c2026' }, min: 0.45 },
  ];
  for (const c of cases) {
    it(`flags ${c.name}`, () => {
      const signals = run(c.url, c.snap);
      expect(scoreOf(signals, SALES_SIGNAL)).toBeGreaterThanOrEqual(c.min);
      const s = signals.find((x) => x.id === SALES_SIGNAL);
      expect((s?.evidence?.['terms'] as string[]).length).toBeGreaterThan(0);
      expect((s?.evidence?.['pitchContacts'] as unknown[]).length).toBeGreaterThan(0);
    });
  }

  it('counts a contact block anywhere on a page of seller-only offers (staying away from the exam, paying once it checks out)', () => {
    const text = [
      '登高证 焊工证 叉车证 年底最后一批',
      '不进考场就能拿证，本人不用到场，资料发过来就行',
      '直接录入系统，全国联网，应急管理部网站能查到',
      '先查后付，查不到全额退款',
      ...Array.from({ length: 6 }, (_, i) => `第${i + 1}批学员已出证，单位可统一办理，价格按工种另议，外地学员资料可快递或拍照发送，周末照常办理。`),
      '联系我们　手机 152 0311 4477　微信 dgz-dai2026',
    ].join('\n');
    const s = run('http://dgz-banli.example/', { text }).find((x) => x.id === SALES_SIGNAL);
    expect(s?.score).toBeGreaterThanOrEqual(0.8);
    expect(s?.evidence?.['terms']).toEqual(expect.arrayContaining(['不去考场也能拿证', '不用本人到场', '直接录入系统', '先查后付']));
    expect((s?.evidence?.['pitchContacts'] as unknown[]).length).toBe(2);
    // Two weak words of a school far from its phone are no offer with a contact.
    const school = ['本校承办电工、焊工培训，考试合格后统一出证。', '证书遗失可协助补办。', ...Array.from({ length: 6 }, () => '课程安排以教务处通知为准，理论课与实操课交替进行，考前安排模拟练习。'), '招生电话 13912345678'].join('\n');
    expect(run('https://www.peixun-school.example/', { text: school }).find((x) => x.id === SALES_SIGNAL)?.evidence?.['pitchContacts']).toEqual([]);
  });

  it('reads a seller writing as a how-to article: a qualification made up, study hours done, a quota, no exam hall', () => {
    const text = [
      '叉车证怎么考？一文讲清报名条件和费用',
      '按规定报考需要初中以上文化。学历不够也别急，学历问题老师帮你处理。',
      '报我们的无忧班：不用自己去考点，每月都有内部指标，继续教育的学时我们帮刷。',
      '证出来先上网查，查到了再付尾款。',
      ...Array.from({ length: 5 }, () => '叉车分为N1、N2等类别，厂内机动车辆作业人员需持证上岗，用人单位应当核验证书真伪。'),
      '右侧在线客服 QQ 2290481735',
    ].join('\n');
    const s = run('http://chache-kaozheng.example/', { text }).find((x) => x.id === SALES_SIGNAL);
    expect(s?.evidence?.['terms']).toEqual(expect.arrayContaining(['学历帮你处理', '代刷学时', '内部指标', '不去考场也能拿证', '先查后付']));
    expect(s?.score).toBeGreaterThanOrEqual(0.8);
    // An exam notice saying a candidate who does not come is absent offers nothing.
    expect(findTerms('考生须按时到达考场，不到考场的视为缺考。').map((t) => t.word)).toEqual([]);
  });

  it('names the platform an advertised query site stands in for by the authority its words name, at any level', () => {
    const text = '出证后电脑打开 yjt-shandong.example.cn （山东省应急管理厅查询入口）输入身份证号就能查到。免考包过，微信 lszs8866';
    const s = run('http://lusheng-px.example/', { title: '鲁盛培训', text }).find((x) => x.id === ADVERTISED_SIGNAL);
    expect(s?.platform).toBe('mem-cx');
    const none = run('http://lusheng-px.example/', { title: '鲁盛培训', text: text.replace('山东省应急管理厅', '证书') }).find((x) => x.id === ADVERTISED_SIGNAL);
    expect(none?.platform).toBeUndefined();
  });

  it('lists the query sites a seller advertises, but never the official platform', () => {
    const signals = run('http://tezhong-banzheng.com/', { text: SELLER, links: SELLER_LINKS });
    const s = signals.find((x) => x.id === ADVERTISED_SIGNAL);
    expect(s?.score).toBeGreaterThanOrEqual(0.8);
    const hosts = s?.evidence?.['advertisedHosts'] as string[];
    expect(hosts).toEqual(expect.arrayContaining(['tzzy-chaxun.com', 'jianzhu-zhengshu.cn.com']));
    expect(hosts).not.toContain('cx.mem.gov.cn');
  });

  it('records the contacts it found', () => {
    const contacts = findContacts('办证热线： 139-2026-8866 微信：bz88669 QQ：3208866199 咨询电话 0531-8891-5520');
    expect(contacts.map((c) => [c.kind, c.value])).toEqual([
      ['mobile', '13920268866'],
      ['wechat', 'bz88669'],
      ['qq', '3208866199'],
      ['phone', '053188915520'],
    ]);
  });

  it('counts a longer word once, not its parts too', () => {
    expect(findTerms('快速办证 当天出证').map((t) => t.word)).toEqual(['快速办证', '当天出证']);
  });
});

describe('sales stays low on pages that warn against sellers', () => {
  const cases: { name: string; url: string; snap: Partial<PageSnapshot>; max: number; advertisedMax?: number }[] = [
    { name: 'a training school with a phone number that points to the official platform', url: 'https://www.px-school.com/', snap: { text: '低压电工培训 报名咨询电话 13812345678 考试合格后可在应急管理部官网 cx.mem.gov.cn 查询' }, max: 0 },
    {
      name: 'a training school that promises no 包过',
      url: 'https://www.jzdgpx.com/',
      snap: {
        text: '本校只负责培训，不承诺“包过”，考试由应急管理部门组织，成绩不合格须补考。\n证书查询请登录应急管理部官方平台 cx.mem.gov.cn 。\n电话：0411-8770-2316 手机 13912345678',
      },
      max: 0.1,
    },
    {
      name: 'a news report quoting the sellers and their WeChat while condemning them',
      url: 'https://www.workercn.cn/',
      snap: {
        title: '起底假冒证书查询网站黑产链条',
        text: [
          '记者调查发现，不法分子以“免考”“包过”“官网可查”为噱头兜售假证，并留下微信号bz88669招揽客户。',
          '警方提醒：特种作业操作证只能通过 cx.mem.gov.cn 查询，谨防诈骗，发现假冒网站请举报。',
          '今年以来，公安机关已打击处理此类犯罪团伙12个，关停仿冒网站200余个。',
        ].join('\n'),
      },
      max: 0.15,
    },
    {
      name: 'a government notice that lists the sellers\' slogans',
      url: 'https://yjt.zj.gov.cn/',
      snap: {
        text: '部分不法分子注册与官方域名相近的网址，在网站后台“录入”虚假证书信息，以“免考”“包过”“官网可查”为噱头向社会人员兜售假证。不要通过搜索引擎广告、办证中介提供的链接进行查询。发现假冒网站线索，可拨打12350举报。',
      },
      max: 0.1,
    },
    {
      name: 'a report quoting the sellers\' new promises',
      url: 'https://news.example.cn/2026/1130/a.html',
      snap: { text: '记者暗访发现，中介声称“不去考场也能拿证”“先查后付”，交钱后由同伙在仿冒网站后台“直接录入”。警方提醒：此类证书均为假证，谨防诈骗，发现线索请举报。' },
      max: 0.15,
    },
    { name: 'an official page denying 免考办证', url: 'https://cnse.samr.gov.cn/', snap: { text: '特种设备作业人员证书查询不收取费用，不存在“内部渠道”“免考办证”。' }, max: 0.15 },
    { name: 'an unrelated business', url: 'https://cxmem.com/', snap: { text: '深圳市创芯存储科技有限公司 产品中心 联系电话 0755-2345-6789 手机 13612345678' }, max: 0 },
    { name: 'a school that tells students where the authority lets them check', url: 'https://www.aqpx-school.com/', snap: { text: '考试合格后，证书可登录住房和城乡建设部平台查询，也可在应急管理部官网查询。咨询电话 13912345678' }, max: 0 },
  ];
  for (const c of cases) {
    it(`stays low on ${c.name}`, () => {
      const signals = run(c.url, c.snap);
      expect(scoreOf(signals, SALES_SIGNAL)).toBeLessThanOrEqual(c.max);
      expect(scoreOf(signals, ADVERTISED_SIGNAL)).toBeLessThanOrEqual(c.advertisedMax ?? 0.15);
    });
  }

  it('still lists fake hosts a warning names, with a low score, so the pipeline can visit them', () => {
    const signals = run('https://bbs.dgjs123.com/', {
      text: '有人发来的证书查询网站 cx-mem-gov.cn 是假的，骗子仿冒官网，大家警惕诈骗。官方查询地址是 cx.mem.gov.cn 。',
    });
    const s = signals.find((x) => x.id === ADVERTISED_SIGNAL);
    expect(s?.evidence?.['advertisedHosts']).toEqual(['cx-mem-gov.cn']);
    expect(s?.score).toBeLessThanOrEqual(0.1);
  });
});

describe('sales reads negation as a word that governs the phrase after it', () => {
  // Seller wording with a contact; none of it is denied, though each holds a character or word that negates
  // elsewhere (以 in 可以, 没有 before 也, 不 inside 不用考试, 不是 before 假证).
  const CONTACT = ' 微信：dg-zheng2026 电话 139 2026 8866';
  const offers: [string, string, number][] = [
    ['可以免考', '电工证可以免考，包过，官网可查', 0.75],
    ['没有证也可以办', '焊工证没有证也可以办，全国通用', 0.6],
    ['不用考试直接拿证', '叉车证不用考试直接拿证，当天出证', 0.6],
    ['不是假证', '正规渠道 不是假证 官网可查 快速拿证', 0.6],
  ];
  for (const [what, text, min] of offers) {
    it(`reads 「${what}」 as an offer, not a denial`, () => {
      const s = run('http://dg-banzheng.com/', { text: `${text}${CONTACT}` });
      expect(scoreOf(s, SALES_SIGNAL)).toBeGreaterThanOrEqual(min);
      const e = s.find((x) => x.id === SALES_SIGNAL)?.evidence;
      expect(e?.['quotedTerms']).toEqual([]);
      expect(e?.['condemnationCount']).toBe(0);
    });
  }

  it('still reads a negator that governs the words after it in the same clause as a denial', () => {
    const hits = findTerms('请勿相信所谓的免考包过，本校不承诺包过，没有内部渠道。');
    expect(hits.map((h) => [h.word, h.quoted])).toEqual([
      ['免考', true],
      ['包过', true],
      ['包过', true],
      ['内部渠道', true],
    ]);
  });

  it('reads 不 or 未 right before a phrase, and 从未 within reach, as denials, but not 不 inside another word', () => {
    expect(findTerms('本校不发放、不代办任何证书，也从未委托机构代办。').map((h) => [h.word, h.quoted])).toEqual([
      ['代办', true],
      ['代办', true],
    ]);
    expect(findTerms('包过，不过全额退款').map((h) => [h.word, h.quoted])).toEqual([['包过', false]]);
  });

  it('lets a clause mark or a new predicate end a negator\'s reach', () => {
    expect(findTerms('没有证，也能免考').map((h) => h.quoted)).toEqual([false]);
    expect(findTerms('不是本地人也可以免考').map((h) => h.quoted)).toEqual([false]);
    expect(isGoverned('不承诺包过', 3, [{ from: 0, to: 3 }])).toBe(true);
  });
});
