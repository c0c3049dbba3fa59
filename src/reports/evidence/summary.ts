/**
 * The packet's summary for a case officer: one HTML page in Chinese, printed to PDF by Chromium. It says
 * what was found (对象, 仿冒平台, 判定及依据), how it was extracted (提取记录) and lists every file with its
 * integrity values (电子数据清单), so it can be read and checked without any tool of ours.
 */
import type { StoredSignal } from '../../model/result.js';
import { detailOf, signalName } from '../../model/messages/index.js';
import { escapeHtml as e, VERDICT_ZH } from '../sites.js';
import type { Custody, ExtractionRecord, ManifestFile, ManifestSubject } from './manifest.js';

export interface SummaryInput {
  readonly packetId: string;
  readonly createdAt: string;
  readonly subject: ManifestSubject;
  readonly platformName: string | null;
  readonly signals: readonly StoredSignal[];
  readonly extraction: ExtractionRecord;
  /** Every file of the packet except the summary itself, the manifest and the signatures. */
  readonly files: readonly ManifestFile[];
  readonly whois: { registrar: string; registrationDate: string; registrant: string } | null;
  readonly icp: string;
  readonly keyFingerprint: string;
  /** The SM2 key's fingerprint when the packet is SM2-signed too. */
  readonly sm2KeyFingerprint: string | null;
  /** The picture of the first page: the fresh visit's, or (a site not reached) the scan's, said to be so. */
  readonly screenshot: { readonly png: Buffer | null; readonly fresh: boolean } | null;
}

/**
 * A time as a Chinese reader reads it: Beijing time (UTC+8, no daylight saving), labelled. Text that is
 * not a time with a zone (a registry's own date format) is kept as written.
 */
export function beijingTime(iso: string | null | undefined, opts: { ms?: boolean; label?: boolean } = {}): string {
  if (!iso) return '未知';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(iso) || Number.isNaN(Date.parse(iso))) return iso;
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ');
  return `${opts.ms ? t.slice(0, 23) : t.slice(0, 19)}${opts.label === false ? '' : '（北京时间）'}`;
}

const fmtBytes = (n: number): string => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

/** The summary's print style (A4, CJK fonts), shared with the case report of an operator. */
export const SUMMARY_STYLE = `<style>
  body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", sans-serif; font-size: 10.5pt; color: #111; }
  h1 { font-size: 17pt; text-align: center; margin: 0 0 4pt; }
  .sub { text-align: center; color: #444; margin-bottom: 10pt; }
  h2 { font-size: 12.5pt; border-bottom: 1.5pt solid #333; padding-bottom: 2pt; margin: 14pt 0 6pt; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 6pt; table-layout: auto; }
  th, td { border: 0.6pt solid #888; padding: 3pt 5pt; vertical-align: top; text-align: left; }
  th { background: #f0f0f0; width: 24%; font-weight: 600; }
  table.list th { width: auto; }
  .mono, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
  .verdict { font-size: 13pt; font-weight: 700; color: #b00; }
  .shot { max-width: 100%; max-height: 120mm; border: 0.6pt solid #888; display: block; margin: 4pt auto; object-fit: contain; object-position: top; }
  ol { margin: 0; padding-left: 18pt; } li { margin-bottom: 2pt; }
  .note { color: #333; font-size: 9.5pt; }
  .down { color: #b00; font-weight: 700; }
  td.sign { height: 15mm; }
  .signatures { page-break-inside: avoid; }
  tr { page-break-inside: avoid; }
</style>`;

/**
 * The signature block: every named 提取人 and at least two lines (法发〔2016〕22号 第七条), every 见证人 or one
 * blank line.
 */
export function signatureBlock(title: string, c: Custody): string {
  const signers = [...c.extractors, ...Array(Math.max(0, 2 - c.extractors.length)).fill('')] as string[];
  const witnesses = c.witnesses.length ? c.witnesses : [''];
  const signRow = (role: string, name: string): string =>
    `<tr><td>${e(role)}</td><td>${e(name) || '&nbsp;'}</td><td class="sign"></td><td class="sign"></td></tr>`;
  return `<div class="signatures">
<h2>${e(title)}</h2>
<table class="list"><colgroup><col style="width:20%"><col style="width:24%"><col style="width:32%"><col style="width:24%"></colgroup>
<tr><th>身份</th><th>姓名</th><th>签名</th><th>日期</th></tr>
${signers.map((n) => signRow('侦查人员（提取人）', n)).join('\n')}
${witnesses.map((n) => signRow('见证人', n)).join('\n')}
</table>
</div>`;
}

/** Renders the summary page (UTF-8 HTML, self-contained: the screenshot is a data: URL). */
export function renderSummaryHtml(s: SummaryInput): string {
  const x = s.extraction;
  const row = (k: string, v: string): string => `<tr><th>${e(k)}</th><td>${v}</td></tr>`;
  const signals = s.signals
    .map(
      (g, i) =>
        `<tr><td>${i + 1}</td><td>${e(signalName(g.id, 'zh'))}<br><span class="mono">${e(g.id)}</span></td><td>${e(g.weight)}</td><td>${e(g.score.toFixed(2))}</td><td class="mono">${e(g.platform ?? '—')}</td><td>${e(detailOf(g, 'zh'))}</td></tr>`,
    )
    .join('');
  const files = s.files
    .map(
      (f, i) =>
        `<tr><td>${i + 1}</td><td class="mono">${e(f.path)}</td><td>${e(f.category)}</td><td>${e(f.format)}</td><td>${e(fmtBytes(f.bytes))}</td>` +
        `<td class="hash">SHA-256: ${e(f.sha256)}<br>SM3: ${e(f.sm3)}</td></tr>`,
    )
    .join('');
  const steps = x.steps.map((st) => `<li><span class="mono">${e(beijingTime(st.at, { ms: true, label: false }))}</span> ${e(st.step)}</li>`).join('');
  const png = s.screenshot?.png ?? null;
  const picture = png ? `<img class="shot" src="data:image/png;base64,${png.toString('base64')}" alt="页面截图">` : '<p>（无截图）</p>';
  const img = x.status.reachable
    ? picture
    : `<p class="down">本次提取无法访问该网站：${e(x.status.reason ?? '原因不明')}。</p>` +
      (s.screenshot && !s.screenshot.fresh && png
        ? `<p class="note">下图为扫描时（${e(beijingTime(s.subject.capturedAt))}）保存的截图，不是本次提取所见；本次浏览器显示的错误页见 capture/ 目录。</p>${picture}`
        : '<p class="note">无扫描时保存的截图；本次浏览器显示的错误页见 capture/ 目录。</p>');
  const statusCell = x.status.reachable
    ? e(`已访问（最终页面 HTTP ${x.documents.at(-1)?.status ?? '?'}）`)
    : `<span class="down">无法访问</span>：${e(x.status.reason ?? '原因不明')}`;
  const hops = x.documents
    .map(
      (d, i) =>
        `<tr><td>${i + 1}</td><td class="mono">${e(d.url)}</td><td>${e(d.status)}${d.location ? `<br>跳转至 <span class="mono">${e(d.location)}</span>` : ''}</td>` +
        `<td class="mono">${e(d.serverAddresses.join('、') || '无 DNS 解析结果')}</td></tr>`,
    )
    .join('');
  const c = x.custody;
  const names = (list: readonly string[]): string => e(list.join('、'));
  const vp = x.vantagePoint;
  const exit = vp.publicAddress ? `${vp.publicAddress}（${vp.publicAddressSource ?? ''}）` : '未提供（以 --exit-ip 注明网站所见的公网出口地址）';
  // 法发〔2016〕22号 第十五条: with no 见证人, the 笔录 says so and the extraction is filmed.
  const filmed = s.files.some((f) => /^capture\/visit\.(webm|avi)$/.test(f.path));
  const noWitness = filmed ? '无（提取过程已全程录像，见 capture/ 目录）' : '无';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(`电子数据提取报告 ${s.packetId}`)}</title>
${SUMMARY_STYLE}</head><body>
<h1>网站电子数据提取报告</h1>
<div class="sub">证据包编号 <span class="mono">${e(s.packetId)}</span> · 生成时间 ${e(beijingTime(s.extraction.finishedAt.utc))}</div>

<table>
${row('案由', e(c.caseCause ?? '（未填写）'))}
${c.caseNumber ? row('案件编号', e(c.caseNumber)) : ''}
${row('提取单位', e(c.unit ?? '（未填写）'))}
${row('提取人', names(c.extractors))}
${row('见证人', c.witnesses.length ? names(c.witnesses) : noWitness)}
</table>

<h2>一、基本情况</h2>
<table>
${row('提取对象', `${e(s.subject.host)}`)}
${row('提取状态', statusCell)}
${row('网址', `<span class="mono">${e(x.url)}</span>${x.finalUrl && x.finalUrl !== x.url ? `<br>最终地址：<span class="mono">${e(x.finalUrl)}</span>` : ''}`)}
${row('解析IP地址', e(x.resolvedIps.join('、') || '无'))}
${row('仿冒平台', e(s.platformName ? `${s.platformName}（${s.subject.platform}）` : (s.subject.platform ?? '未识别')))}
${row('判定结论（扫描时）', `<span class="verdict">${e(VERDICT_ZH[s.subject.verdict] ?? s.subject.verdict)}</span>　评分 ${e(s.subject.score)} / 100`)}
${row('页面显示的ICP备案号', e(s.icp || '无'))}
${row('域名注册商', e(s.whois?.registrar || '未知'))}
${row('域名注册时间', e(beijingTime(s.whois?.registrationDate)))}
${row('域名注册人', e(s.whois?.registrant || '未知'))}
${row('扫描记录时间', e(beijingTime(s.subject.capturedAt)))}
</table>
<p>访问经过（每一步的服务器地址为防护代理对该域名的解析结果；HAR 文件中的服务器地址是本机防护代理）：</p>
<table class="list"><colgroup><col style="width:8%"><col style="width:48%"><col style="width:22%"><col style="width:22%"></colgroup>
<tr><th>序号</th><th>网址</th><th>HTTP 状态</th><th>服务器地址</th></tr>${hops || '<tr><td colspan="4">浏览器未收到任何应答</td></tr>'}</table>

<h2>二、页面截图${x.status.reachable ? '（本次提取）' : ''}</h2>
${img}

<h2>三、判定依据</h2>
<table class="list"><colgroup><col style="width:8%"><col style="width:22%"><col style="width:7%"><col style="width:7%"><col style="width:13%"><col style="width:43%"></colgroup>
<tr><th>序号</th><th>信号</th><th>权重</th><th>得分</th><th>指向平台</th><th>说明</th></tr>${signals || '<tr><td colspan="6">无</td></tr>'}</table>

<h2>四、提取记录</h2>
<table>
${row('提取状态', statusCell)}
${row('提取人', names(c.extractors))}
${row('提取方法', e(x.accessMethod))}
${row('提取地点', e(`${vp.place ?? '（未填写提取单位及地点）'}；公网出口地址 ${exit}`))}
${row('网络位置', e(`提取计算机 ${vp.hostname}；上游代理 ${vp.proxy}；本机防护代理 ${vp.guardProxy ?? '无'}`))}
${row('DNS 解析服务器', e(x.dnsServer))}
${row('提取工具及版本', e(`${x.tool.name} ${x.tool.version}；浏览器 ${x.tool.browser}；Node.js ${x.tool.node}`))}
${row('开始时间', e(`${x.startedAt.shanghai}（北京时间）／ ${x.startedAt.utc}（UTC）`))}
${row('结束时间', e(`${x.finishedAt.shanghai}（北京时间）／ ${x.finishedAt.utc}（UTC）`))}
${row('说明', e(x.notes.join('；') || '无'))}
</table>
<p>提取步骤（北京时间）：</p>
<ol>${steps}</ol>

<h2>五、电子数据清单</h2>
<table class="list"><colgroup><col style="width:7%"><col style="width:17%"><col style="width:13%"><col style="width:10%"><col style="width:8%"><col style="width:45%"></colgroup>
<tr><th>序号</th><th>文件</th><th>类别</th><th>文件格式</th><th>大小</th><th>完整性校验值</th></tr>${files}</table>

<h2>六、完整性校验说明</h2>
<p class="note">本报告（report.pdf）及上表所列全部文件的 SHA-256 与 SM3 校验值均记录于 manifest.json，manifest.json 以 Ed25519
${s.sm2KeyFingerprint ? '及 SM2 ' : ''}数字签名（manifest.sig${s.sm2KeyFingerprint ? '、manifest.sm2.sig' : ''}）保护。签名公钥指纹：Ed25519 <span class="mono">${e(s.keyFingerprint)}</span>${s.sm2KeyFingerprint ? `；SM2 <span class="mono">${e(s.sm2KeyFingerprint)}</span>` : ''}。
核验方法：运行 <span class="mono">jianzhen evidence verify 证据包目录或ZIP</span>；或使用任一 SHA-256 / SM3 工具逐一计算文件校验值并与本清单比对。任何文件的任何改动都会使校验失败。</p>

${signatureBlock('七、签名', c)}
</body></html>
`;
}
