/**
 * HTML pages the visual tests render with Chromium: an official-like query page (modelled on the
 * bundled cx.mem.gov.cn replica), the ways counterfeits alter it, and unrelated pages. Self-contained
 * (inline CSS, inline SVG), so `page.setContent` needs no server.
 */

interface Look {
  readonly page: string;
  readonly strip: string;
  readonly stripText: string;
  readonly banner: string;
  readonly bannerEdge: string;
  readonly accent: string;
  readonly button: string;
  /** Width of the centred column; 1100 on the official page. */
  readonly wrap: number;
  /** A body narrower than the window, centred with page-coloured margins (the narrow copy). */
  readonly bodyWidth: number | null;
}

const OFFICIAL: Look = {
  page: '#eef2f7',
  strip: '#0b3d7a',
  stripText: '#cfe0f5',
  banner: '#135cb0',
  bannerEdge: '#c8161e',
  accent: '#ffe9a8',
  button: '#135cb0',
  wrap: 1100,
  bodyWidth: null,
};

const EMBLEM = `<svg width="72" height="72" viewBox="0 0 72 72"><circle cx="36" cy="36" r="34" fill="#d4a017" stroke="#8a5a00" stroke-width="3"/><circle cx="36" cy="36" r="22" fill="#c8161e"/><polygon points="36,18 41,32 56,32 44,41 48,55 36,46 24,55 28,41 16,32 31,32" fill="#ffd200"/></svg>`;
const TITLE = '特种作业操作证及安全生产知识和管理能力考核合格信息查询';

function queryPage(look: Look, opts: { adBar?: boolean; svgHeading?: boolean } = {}): string {
  const heading = opts.svgHeading
    ? // The heading drawn as an image: the same words as vector text, which no text extractor reads.
      `<svg width="900" height="44" role="img"><text x="0" y="34" font-size="30" font-weight="bold" fill="#fff" font-family="'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif">${TITLE}</text></svg>`
    : `<h1>${TITLE}</h1>`;
  const ad = opts.adBar
    ? `<div style="height:90px;background:#ff6a00;color:#fff;font-size:28px;line-height:90px;text-align:center">加急办理 特种作业操作证 当天出证 全国可查 微信 tzzy888</div>`
    : '';
  const body = look.bodyWidth === null ? '' : `width:${look.bodyWidth}px;margin:0 auto;`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${TITLE}</title><style>
* { box-sizing: border-box; margin: 0; padding: 0; }
html { background: ${look.page}; }
body { ${body} font-family: 'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif; background: ${look.page}; color: #333; font-size: 14px; }
.wrap { width: ${look.wrap}px; max-width: 100%; margin: 0 auto; }
.strip { background: ${look.strip}; color: ${look.stripText}; font-size: 12px; line-height: 28px; }
.banner { background: ${look.banner}; border-bottom: 4px solid ${look.bannerEdge}; }
.banner-inner { display: flex; align-items: center; height: 118px; }
.emblem { margin-right: 18px; }
.agency { color: ${look.accent}; font-size: 18px; letter-spacing: 4px; }
h1 { color: #fff; font-size: 30px; font-weight: bold; margin-top: 6px; }
.box { background: #fff; margin: 28px auto 0; width: 640px; max-width: 100%; border: 1px solid #c9d6e6; }
.box-title { background: #f3f7fc; border-bottom: 1px solid #c9d6e6; padding: 0 20px; line-height: 44px; font-size: 16px; font-weight: bold; color: ${look.button}; }
form { padding: 26px 60px 18px; }
.row { display: flex; align-items: center; margin-bottom: 18px; }
.row label { width: 90px; text-align: right; padding-right: 14px; color: #555; }
.row input, .row select { flex: 1; height: 36px; border: 1px solid #b7c6d9; padding: 0 10px; }
.actions { padding-left: 90px; }
.btn { width: 130px; height: 38px; border: 0; font-size: 16px; margin-right: 16px; }
.q { background: ${look.button}; color: #fff; }
.r { background: #e5e9ef; color: #444; }
.notice { width: 640px; max-width: 100%; margin: 20px auto 30px; background: #fff; border: 1px solid #c9d6e6; padding: 16px 24px; line-height: 26px; }
footer { background: ${look.strip}; color: #c4d4ea; text-align: center; padding: 18px 0; line-height: 26px; font-size: 13px; }
</style></head><body>
${ad}
<div class="strip"><div class="wrap">欢迎访问中华人民共和国应急管理部 特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</div></div>
<div class="banner"><div class="wrap banner-inner"><div class="emblem">${EMBLEM}</div><div><div class="agency">中华人民共和国应急管理部</div>${heading}</div></div></div>
<div class="wrap">
<div class="box"><div class="box-title">证件信息查询</div>
<form><div class="row"><label>证件类型</label><select><option>特种作业操作证</option></select></div>
<div class="row"><label>证件号码</label><input placeholder="请输入证件号码（身份证号码）"></div>
<div class="row"><label>姓　　名</label><input placeholder="请输入姓名"></div>
<div class="row"><label>验 证 码</label><input placeholder="验证码"></div>
<div class="row actions"><button class="btn q">查　询</button><button class="btn r">重　置</button></div></form></div>
<div class="notice"><b>查询说明</b><ol><li>本平台提供全国范围内特种作业操作证的信息查询服务。</li><li>请输入持证人的证件号码和姓名进行查询。</li><li>如查询结果与纸质证书不一致，请向发证机关咨询核实。</li></ol></div>
</div>
<footer>主办单位：中华人民共和国应急管理部　京ICP备18046060号-1</footer>
</body></html>`;
}

/** The official-like page the references are captured from. */
export const officialPage = queryPage(OFFICIAL);
/** The same page recoloured: red and beige instead of blue and grey-blue (a hue shift). */
export const recolouredPage = queryPage({
  ...OFFICIAL,
  page: '#f6efe4',
  strip: '#6b1010',
  stripText: '#f5d6c6',
  banner: '#a8261b',
  bannerEdge: '#1d5fb0',
  accent: '#fff1b0',
  button: '#a8261b',
});
/** The same page under a 90 px advertising bar. */
export const adBarPage = queryPage(OFFICIAL, { adBar: true });
/** The same page squeezed into a 900 px body centred in the window. */
export const narrowPage = queryPage({ ...OFFICIAL, wrap: 860, bodyWidth: 900 });
/** The same page with its heading drawn as an inline SVG image. */
export const svgHeadingPage = queryPage(OFFICIAL, { svgHeading: true });

/** A news article: masthead, long paragraphs, a side rail. */
export const newsPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻</title><style>
body { margin: 0; font-family: 'Noto Sans CJK SC',serif; background: #fff; color: #222; }
.mast { height: 64px; border-bottom: 3px solid #b00; padding: 0 80px; font-size: 32px; line-height: 64px; color: #b00; font-weight: bold; }
.layout { display: flex; width: 1000px; margin: 24px auto; gap: 40px; }
.story { flex: 1; font-size: 17px; line-height: 30px; }
.story h1 { font-size: 28px; line-height: 40px; }
.rail { width: 260px; border-left: 1px solid #ddd; padding-left: 20px; font-size: 14px; line-height: 26px; }
</style></head><body><div class="mast">中工网 · 法治频道</div><div class="layout"><div class="story">
<h1>“官网可查”的证书也可能是假的——起底假冒证书查询网站黑产链条</h1>
<p>2021-09-23 07:42 来源：工人日报 记者 陈曦</p>
${'<p>在某建筑工地，电工老周拿出一本“低压电工作业”操作证，扫码后跳转的网页与应急管理部的查询页面几乎一模一样，姓名、证号、有效期一应俱全。然而，当执法人员在浏览器地址栏里输入官方网址重新查询时，系统却显示没有查询到相关证件信息。</p>'.repeat(4)}
</div><div class="rail"><h3>相关阅读</h3><ul><li>多地开展安全生产“打非治违”专项行动</li><li>买来的焊工证，差点酿成大祸</li><li>人社部门提醒：谨防职业资格证书诈骗</li></ul></div></div></body></html>`;

/** A shop: dark navigation, a product grid of coloured tiles, prices. */
export const shopPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>茶叶商城</title><style>
body { margin: 0; font-family: 'Noto Sans CJK SC',sans-serif; background: #fafafa; }
nav { background: #222; color: #fff; height: 56px; line-height: 56px; padding: 0 40px; font-size: 20px; }
.hero { height: 220px; background: linear-gradient(90deg, #2e7d32, #a5d6a7); color: #fff; font-size: 44px; padding: 60px; box-sizing: border-box; }
.grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 24px; padding: 32px 60px; }
.item { background: #fff; border: 1px solid #e0e0e0; height: 260px; }
.item .img { height: 180px; background: #c8a165; }
.item p { margin: 10px; color: #d32f2f; font-size: 20px; }
</style></head><body><nav>云雾茶叶商城　首页　绿茶　红茶　购物车</nav><div class="hero">明前龙井 新茶上市</div>
<div class="grid">${'<div class="item"><div class="img"></div><p>¥298 明前龙井</p></div>'.repeat(8)}</div></body></html>`;
