/**
 * The crawler's notes and failures in Chinese. The crawler writes them as English lines (snapshot.notes,
 * a failed target's error); the console shows them to analysts, so the known shapes are rendered here, pure,
 * and anything else is shown as written. Technical tokens (net::ERR_…, addresses) stay as they are.
 */

type Rule = readonly [RegExp, (m: RegExpExecArray) => string];

// Inner parts first: a failure described inside a note ("… unreachable (connection failed (…))").
const FAILURES: readonly Rule[] = [
  [/^download refused: the page is a file download, not a web page$/, () => '拒绝下载：该网址是文件下载，不是网页'],
  [/^redirect loop: too many redirects \((.+)\)$/, (m) => `跳转循环：跳转次数过多（${m[1]}）`],
  [/^no answer: the site sent nothing within (\d+) s$/, (m) => `无应答：网站${m[1]}秒内没有返回任何内容`],
  [/^connection failed \((.+)\)$/, (m) => `连接失败（${m[1]}）`],
  [/^connection failed through the proxy$/, () => '经代理连接失败'],
  [/^the page never settled: capture timed out$/, () => '页面一直未加载完成：采集超时'],
  [/^DNS: (\S+) does not exist \(NXDOMAIN\)$/, (m) => `DNS：${m[1]}不存在（NXDOMAIN）`],
  [/^DNS: no address for (\S+) \((.+)\)$/, (m) => `DNS：${m[1]}没有地址（${m[2]}）`],
  [
    /^refused: (\S+) resolves to (\S+), a loopback\/private\/link-local address \(use --allow-private to scan it\)$/,
    (m) => `已拒绝：${m[1]}解析到${m[2]}，这是本机/内网/链路本地地址（如需扫描请加 --allow-private）`,
  ],
];

const NOTES: readonly Rule[] = [
  [/^(\S+) unreachable \((.+)\); retried over http:\/\/$/, (m) => `${m[1]}无法访问（${failureZh(m[2] ?? '')}），已改用 http:// 重试`],
  [/^screenshot cut at (\d+)px of (\d+)px$/, (m) => `截图在${m[1]}像素处截断（页面全长${m[2]}像素）`],
  [/^(\d+) dialog\(s\) dismissed$/, (m) => `关闭了${m[1]}个对话框`],
  [/^(\d+) popup\(s\) closed$/, (m) => `关闭了${m[1]}个弹出窗口`],
  [/^(\d+) download\(s\) refused$/, (m) => `拒绝了${m[1]}个下载`],
  [/^hosting: IP database unavailable \((.+)\)$/, (m) => `托管信息：IP数据库不可用（${m[1]}）`],
  [/^OCR skipped for this scan: (.+) \(npm run setup installs it\)$/, (m) => `本次扫描未做文字识别：${m[1]}（npm run setup 会安装）`],
  [/^OCR failed: (.+)$/, (m) => `文字识别失败：${m[1]}`],
  [/^plain fetch of (\S+) failed: (.+)$/, (m) => `以普通HTTP客户端获取${m[1]}失败：${m[2]}`],
  [/^depth: (.+)$/, (m) => `站内链接检查：${m[1]}`],
  [/^mobile render skipped: no browser handle$/, () => '未做手机渲染：没有可用的浏览器'],
  [/^mobile render failed: (.+)$/, (m) => `手机渲染失败：${m[1]}`],
  [/^probe: not made — (\S+) is (.+)$/, (m) => `未探测：${m[1]}属于${m[2]}`],
  [/^probe: not repeated — (\S+) was already probed in this scan \(no result to share\)$/, (m) => `未重复探测：本次扫描已探测过${m[1]}（没有可沿用的结果）`],
  [/^probe: (\S+) was already probed in this scan; that probe's record is shared$/, (m) => `本次扫描已探测过${m[1]}，沿用那次的探测记录`],
];

function apply(rules: readonly Rule[], text: string): string | null {
  for (const [re, zh] of rules) {
    const m = re.exec(text);
    if (m) return zh(m);
  }
  return null;
}

/** A capture failure (a target's error) in Chinese; unknown shapes as written. */
export function failureZh(text: string): string {
  return apply(FAILURES, text) ?? text;
}

/** One crawler note in Chinese; unknown shapes as written. */
export function noteZh(text: string): string {
  return apply(NOTES, text) ?? apply(FAILURES, text) ?? text;
}
