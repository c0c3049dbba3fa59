/**
 * Snapshot fixtures for the content detectors: the official mem-cx and mohurd-zlaq pages as the crawler
 * would read them (title, innerText, forms), copies of them, and the pages that must not look like copies
 * (a news report, a training school, a shop, an unrelated blog).
 */
import type { FormField, FormInfo, PageSnapshot } from '../../crawler/snapshot.js';
import { pageSnapshot } from '../../data/fixtures.js';

const input = (name: string, label: string | null, placeholder: string | null = null, type = 'text'): FormField => ({
  tag: 'input',
  type,
  name,
  id: name,
  label,
  placeholder,
});
const select = (name: string, label: string): FormField => ({ tag: 'select', type: 'select', name, id: name, label, placeholder: null });
const button = (type = 'submit'): FormField => ({ tag: 'button', type, name: null, id: null, label: null, placeholder: null });

/** The official cx.mem.gov.cn query form. */
export const memForm: FormInfo = {
  action: 'https://cx.mem.gov.cn/query',
  method: 'post',
  fields: [
    select('zjlx', '证件类型'),
    input('zjhm', '证件号码', '请输入证件号码（身份证号码）'),
    input('xm', '姓　　名', '请输入姓名'),
    input('yzm', '验 证 码', '验证码'),
    button(),
    button('reset'),
  ],
};

export const memTitle = '特种作业操作证及安全生产知识和管理能力考核合格信息查询';
export const memText = [
  '欢迎访问中华人民共和国应急管理部 特种作业操作证及安全生产知识和管理能力考核合格信息查询平台',
  '中华人民共和国应急管理部',
  '特种作业操作证及安全生产知识和管理能力考核合格信息查询',
  '证件信息查询',
  '证件类型\t特种作业操作证',
  '证件号码',
  '姓　　名',
  '验 证 码',
  '查　询  重　置',
  '查询说明',
  '本平台提供全国范围内特种作业操作证、安全生产知识和管理能力考核合格证的信息查询服务。',
  '请输入持证人的证件号码和姓名进行查询，证件号码为持证人居民身份证号码。',
  '应急管理部唯一官方查询网址为 cx.mem.gov.cn，未授权任何单位或个人建设其他查询网站。',
  '如查询结果与纸质证书不一致，请向发证机关咨询核实。',
  '主办单位：中华人民共和国应急管理部　　技术支持：应急管理部信息研究院',
  '京ICP备18046060号-1　　京公网安备11010202007999号　　网站标识码bm73000001',
  '建议使用1280×800以上分辨率浏览本网站',
].join('\n');

export const memOfficial: PageSnapshot = pageSnapshot('https://cx.mem.gov.cn/', { title: memTitle, text: memText, forms: [memForm], links: [] });

export const zlaqOfficial: PageSnapshot = pageSnapshot('https://zlaq.mohurd.gov.cn/', {
  title: '全国工程质量安全监管信息平台',
  text: [
    '中华人民共和国住房和城乡建设部',
    '全国工程质量安全监管信息平台',
    '安管人员 建筑施工特种作业人员 证书查询',
    '证书编号',
    '身份证号',
    '验证码',
    '查询',
    '说明：本平台公开建筑施工企业主要负责人、项目负责人和专职安全生产管理人员安全生产考核合格证书信息。',
    '主办单位：中华人民共和国住房和城乡建设部 京ICP备05002298号-3',
  ].join('\n'),
  forms: [
    {
      action: 'https://zlaq.mohurd.gov.cn/search',
      method: 'get',
      fields: [input('certNum', '证书编号'), input('idCard', '身份证号'), input('code', '验证码'), button()],
    },
  ],
});

/** A verbatim copy with a sales line added (the common counterfeit). */
export const memCopy: PageSnapshot = pageSnapshot('http://cx-mem-gov.cn/', {
  title: memTitle,
  text: `${memText}\n客服QQ：28817733 办理加急请联系`,
  forms: [{ ...memForm, action: 'http://cx-mem-gov.cn/query' }],
  links: [],
});

/** A counterfeit that rewrote the text and kept only the title words and the form shape. */
export const memRewritten: PageSnapshot = pageSnapshot('http://tzzy-chaxun.com/', {
  title: '特种作业操作证查询-全国联网',
  text: '特种作业操作证查询\n全国联网 权威可查\n身份证号\n姓名\n验证码\n立即查询\n本站证件信息与应急管理部同步。',
  forms: [
    {
      action: 'http://tzzy-chaxun.com/cx.php',
      method: 'post',
      fields: [input('sfzh', null, '请输入身份证号'), input('xingming', null, '请输入姓名'), input('captcha', null, '验证码'), button()],
    },
  ],
  links: [],
});

const newsParagraphs = [
  '在某建筑工地，电工老周拿出一本“低压电工作业”操作证，扫码后跳转的网页与应急管理部的查询页面几乎一模一样，姓名、证号、有效期一应俱全。然而，当执法人员在浏览器地址栏里输入官方网址 cx.mem.gov.cn 重新查询时，系统却显示“没有查询到相关证件信息”。',
  '“假网站往往只改动域名中的一两个字符，比如把m写成rn，把点换成横杠，或者在官方域名后面再加一截。”一位参与办案的民警告诉记者，这些网站多在境外注册，隐藏注册人信息，存活周期通常只有几个月。',
  '应急管理部相关负责人表示，特种作业操作证唯一官方查询渠道是应急管理部特种作业操作证及安全生产知识和管理能力考核合格信息查询平台，今年以来已会同有关部门关停假冒网站200余个。',
  '记者调查发现，一些培训机构以“包过”“免考”为噱头招揽学员，收取数千元费用后，把学员信息录入假冒网站，再把网址印在证书背面的二维码里，学员扫码即可“查到”自己的证件。',
  '业内人士提醒，查询证件时务必手动输入官方网址，不要轻信二维码和搜索结果中的链接；对证件真伪有疑问的，可以向发证机关咨询核实，也可以拨打12350举报。',
];

/** A news report quoting the platform's name and address and linking to it (benign). */
export const newsArticle: PageSnapshot = pageSnapshot('https://www.workercn.cn/fazhi/2021/0923/1.html', {
  title: '“官网可查”的证书也可能是假的——起底假冒证书查询网站黑产链条_中工网',
  text: [
    '中工网 法治频道',
    '“官网可查”的证书也可能是假的',
    '——起底假冒证书查询网站黑产链条',
    '2021-09-23 07:42　来源：工人日报　记者 陈曦',
    ...newsParagraphs,
    '责任编辑：刘颖',
    '相关阅读',
    '多地开展安全生产“打非治违”专项行动',
    '买来的焊工证，差点酿成大祸',
    '中工网 版权所有 京ICP备05033394号',
  ].join('\n'),
  forms: [
    { action: 'https://search.workercn.cn/', method: 'get', fields: [input('q', null, '搜索'), button()] },
  ],
  links: [
    { href: 'http://cx.mem.gov.cn/', text: '应急管理部特种作业操作证及安全生产知识和管理能力考核合格信息查询平台' },
    { href: 'https://www.mem.gov.cn/', text: '应急管理部' },
    { href: 'https://www.workercn.cn/', text: '首页' },
    { href: 'https://news.workercn.cn/a/1', text: '多地开展安全生产“打非治违”专项行动' },
    { href: 'https://news.workercn.cn/a/2', text: '买来的焊工证，差点酿成大祸' },
    { href: 'https://www.12377.cn/', text: '举报' },
    { href: 'https://www.people.com.cn/', text: '人民网' },
    { href: 'https://www.xinhuanet.com/', text: '新华网' },
  ],
});

/** A training school that tells students to check on the official platform (benign). */
export const trainingSchool: PageSnapshot = pageSnapshot('https://www.jzdgpx.com/', {
  title: '金州电工培训学校 - 低压电工 高压电工 特种作业取证培训',
  text: [
    '金州电工培训学校 首页 课程 报名 联系我们',
    '低压电工 · 高压电工 · 电气试验',
    '应急管理部门统一考试，理论+实操，考试合格由应急管理部门发证',
    '2026年12月班招生',
    '班级\t课时\t开班日期\t培训费',
    '低压电工作业（初训）\t80学时\t12月2日\t980元（不含考试费）',
    '本校只负责培训，不承诺“包过”，考试由应急管理部门组织，成绩不合格须补考。',
    '证书查询',
    '证书查询请登录应急管理部官方平台 cx.mem.gov.cn，输入身份证号码和姓名即可查询。',
    '网上流传的其他“查询网站”均非官方，请勿相信。',
    '报名',
    '携带身份证复印件、一寸照片4张、初中及以上学历证明到校报名。',
    '地址：金州区友谊街188号　电话：0411-8770-2316',
  ].join('\n'),
  forms: [
    {
      action: 'https://www.jzdgpx.com/signup',
      method: 'post',
      fields: [input('name', '姓名'), input('idcard', '身份证号'), input('phone', '手机号码'), input('address', '地址'), button()],
    },
  ],
  links: [
    { href: 'http://cx.mem.gov.cn/', text: 'cx.mem.gov.cn' },
    { href: 'https://www.jzdgpx.com/', text: '首页' },
  ],
});

/** A shop with a login form (unrelated business). */
export const shop: PageSnapshot = pageSnapshot('https://www.tea-shop.example/', {
  title: '云雾茶叶商城 - 明前龙井 碧螺春 正品直销',
  text: '云雾茶叶商城\n明前龙井 ¥298\n碧螺春 ¥188\n加入购物车\n会员登录\n用户名\n密码\n验证码\n客服电话 400-800-1234',
  forms: [
    {
      action: 'https://www.tea-shop.example/login',
      method: 'post',
      fields: [input('username', '用户名'), input('password', '密码', null, 'password'), input('yzm', '验证码'), button()],
    },
  ],
  links: [{ href: 'https://www.tea-shop.example/cart', text: '购物车' }],
});

/** A cooking blog: long prose, links out, nothing about any platform. */
export const blog: PageSnapshot = pageSnapshot('https://cook.example/post/1', {
  title: '家常红烧肉的做法',
  text: [
    '家常红烧肉的做法',
    '红烧肉是一道经典的家常菜，选用肥瘦相间的五花肉，先焯水去除血沫，再用冰糖炒出糖色，最后小火慢炖一个小时。',
    '炖的时候加入八角、桂皮和香叶，酱油要分两次放，第一次上色，第二次调味，这样做出来的红烧肉色泽红亮、肥而不腻。',
  ].join('\n'),
  forms: [],
  links: [{ href: 'https://other.example/', text: '友情链接' }],
});

/**
 * An advertorial (软文) on a content farm: written like a news feature, linking to the official platform, but
 * it sells certificates and leaves a WeChat and a mobile number to buy from (counterfeit evidence, not benign).
 */
export const advertorial: PageSnapshot = pageSnapshot('http://www.anquan-zixun.com/news/2026/1102.html', {
  title: '2026年特种作业操作证怎么考？一文看懂报名流程与官网查询_安全资讯网',
  text: [
    '安全资讯网 > 行业资讯',
    '2026年特种作业操作证怎么考？一文看懂报名流程与官网查询',
    '发布时间：2026-11-02　来源：安全资讯网　阅读：3261',
    '特种作业操作证由应急管理部门统一核发，电工、焊工、高处作业等岗位必须持证上岗，证件信息可以在应急管理部特种作业操作证查询平台上查询。',
    '很多在职人员工作繁忙，没有时间参加培训和考试。本中心与多地考点长期合作，内部渠道办理，免考试、不用到场，最快7天出证，包过，官网可查，假一赔十。',
    '办理流程非常简单：提交身份证正反面照片和一寸照，确认工种后付定金，出证后在官网查询无误再付尾款。',
    '咨询办理请添加微信：zs-banli2026，或拨打手机 13912345678（同微信），客服在线时间 8:00-22:00。',
    '温馨提示：证件可在应急管理部官网 cx.mem.gov.cn 查询，全国通用。',
    '上一篇：高处作业证复审需要什么材料',
    '下一篇：焊工证到期了怎么办',
  ].join('\n'),
  forms: [],
  links: [
    { href: 'http://cx.mem.gov.cn/', text: '应急管理部特种作业操作证查询平台' },
    { href: 'http://www.anquan-zixun.com/', text: '首页' },
    { href: 'http://www.anquan-zixun.com/news/2026/1101.html', text: '高处作业证复审需要什么材料' },
    { href: 'http://www.anquan-zixun.com/news/2026/1103.html', text: '焊工证到期了怎么办' },
    { href: 'http://www.anquan-zixun.com/about.html', text: '关于我们' },
  ],
});
