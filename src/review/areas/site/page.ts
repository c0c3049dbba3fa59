/**
 * The site page: everything an analyst needs to decide on one host — its screenshot beside the impersonated
 * platform's reference (with a pixel-diff overlay), the reasons with each signal's contribution, redirects,
 * registration numbers, WHOIS, DNS, hosting, the probe transcript and earlier snapshots — and the decision
 * form. Captured HTML is never rendered; every captured string is escaped text. URLs of the site are shown
 * as text, not links, so a click never sends an analyst's browser to a criminal's server.
 */
import type { Claim } from '../../../data/claims.js';
import type { DecisionRecord } from '../../../data/review.js';
import type { FoundResult } from '../../../data/store.js';
import type { StoredSignal } from '../../../model/result.js';
import type { PageSnapshot } from '../../../model/snapshot.js';
import { attributionOf, loadRules } from '../../../rules/index.js';
import type { Platform } from '../../../model/platform.js';
import type { Viewer } from '../../context.js';
import { hostingOf, NUMBER_KIND_LABEL, registrarOfSnapshot, registrationNumbers } from '../../facts.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, DECISION_LABEL, decisionBadge, hostLabel, page, timeCell, timeLabelled, verdictBadge } from '../../layout.js';
import { signalRow } from './signal.js';
import { failureZh, noteZh } from '../../../model/messages/notes.js';

export interface SiteView {
  readonly host: string;
  readonly latest: FoundResult;
  /** The newest result that has a page (the latest may be an unreachable re-scan). */
  readonly withPage: FoundResult | null;
  readonly platform: Platform | null;
  readonly reference: PageSnapshot | null;
  readonly history: readonly { scanId: string; index: number; capturedAt: string; snapshot: PageSnapshot }[];
  readonly decisions: readonly DecisionRecord[];
  readonly prev: string | null;
  readonly next: string | null;
  /** The queue filter's query string, kept on every link. */
  readonly back: string;
  /** Another analyst's live claim on the site (they are reviewing it), or null when the viewer holds it. */
  readonly heldBy: Claim | null;
  /** Whether the platform's reference screenshot and the site's can be diffed (the overlay is offered). */
  readonly diff: boolean;
}

function contributions(signals: readonly StoredSignal[], verdict: string): SafeHtml {
  if (signals.length === 0) return html`<p class="muted">没有信号。</p>`;
  const sorted = [...signals].sort((a, b) => b.weight * b.score - a.weight * a.score);
  const max = Math.max(...sorted.map((s) => Math.abs(s.weight * s.score)), 1);
  const attribution = verdict === 'counterfeit' || verdict === 'suspicious' ? attributionOf(signals, loadRules()) : [];
  return html`<table>
    <thead><tr><th>信号</th><th>说明</th><th class="nowrap">指向平台</th><th class="nowrap">权重</th><th class="nowrap">得分</th><th>贡献（权重×得分）</th></tr></thead>
    <tbody>${sorted.map((s) => signalRow(s, max))}</tbody></table>
    ${attribution.length
      ? html`<p class="hint" id="attribution">冒充平台判定（各信号指向平台的归属权重×得分之和，页面自称的平台重于域名相似）：${attribution.map(
          (a, i) => html`${i ? ' · ' : ''}<span class="host">${a.platform}</span> ${a.weight.toFixed(0)}`,
        )}</p>`
      : ''}`;
}

function redirects(snap: PageSnapshot): SafeHtml {
  if (snap.redirects.length === 0) return html`<p>无跳转：<span class="host">${snap.url}</span></p>`;
  return html`<ol>${snap.redirects.map(
    (h) => html`<li><span class="host">${h.from}</span> → <span class="host">${h.to}</span> <span class="hint">${h.kind}${h.status ? ` ${h.status}` : ''}</span></li>`,
  )}</ol><p>最终网址：<span class="host">${snap.finalUrl}</span></p>`;
}

function dnsBlock(snap: PageSnapshot | null): SafeHtml {
  const dns = snap?.dns;
  if (!dns) return html`<p class="muted">未记录。</p>`;
  return html`<dl class="kv">
    <dt>A</dt><dd>${dns.a.join(', ') || '—'}</dd>
    <dt>AAAA</dt><dd>${dns.aaaa.join(', ') || '—'}</dd>
    <dt>NS</dt><dd>${dns.ns.join(', ') || '—'}</dd>
    <dt>MX</dt><dd>${dns.mx.join(', ') || '—'}</dd>
    <dt>错误</dt><dd>${dns.error ?? '无'}</dd>
    <dt>解析服务器</dt><dd>${dns.server}</dd>
  </dl>`;
}

function probeBlock(snap: PageSnapshot | null): SafeHtml {
  const probe = (snap as (PageSnapshot & { probe?: unknown }) | null)?.probe;
  if (probe === undefined || probe === null) return html`<p class="muted">此快照没有探测记录。</p>`;
  return html`<pre>${typeof probe === 'string' ? probe : JSON.stringify(probe, null, 2)}</pre>`;
}

const VIEW_LABEL: Readonly<Record<string, string>> = {
  plainFetch: '普通 HTTP 抓取（比对是否对爬虫隐藏内容）',
  depth: '跟进同站链接',
  ocr: '页头图片文字识别（OCR）',
  mobile: '微信手机端渲染',
  probe: '查询表单测试（提交不可能存在的证件）',
};

/** Which extra views the visit took and why: only those that could change the verdict are taken. */
function extrasBlock(snap: PageSnapshot | null): SafeHtml {
  const decided = snap?.extras ?? [];
  if (decided.length === 0) return html`<p class="muted">此快照未记录取舍（每项附加采集均已进行，或为旧快照）。</p>`;
  return html`<ul id="extras">${decided.map(
    (d) => html`<li>${d.ran ? '已采集' : '未采集'}：${VIEW_LABEL[d.view] ?? d.view} — <span class="hint">${d.reasonZh}</span></li>`,
  )}</ul>`;
}

/** Renders the site page. */
export function sitePage(session: Viewer, v: SiteView): string {
  const r = v.latest;
  const snap = v.withPage?.snapshot ?? null;
  const last = v.decisions[v.decisions.length - 1] ?? null;
  const refShot = v.reference?.screenshot ?? null;
  const shot = snap?.screenshot ?? null;
  const numbers = registrationNumbers((v.withPage ?? r).signals);
  const hosting = hostingOf(snap);
  const next = v.next ? `/site/${encodeURIComponent(v.next)}${v.back}` : null;
  const prev = v.prev ? `/site/${encodeURIComponent(v.prev)}${v.back}` : null;
  const body = html`
  <p><a href="/queue${v.back}">← 返回队列</a>
    ${prev ? html` · <a id="prev-site" href="${prev}">上一个（k）</a>` : ''}
    ${next ? html` · <a id="next-site" href="${next}">下一个（j）</a>` : ''} · <a id="site-operator" href="/operators/of/${encodeURIComponent(v.host)}">所属团伙</a></p>
  ${v.heldBy
    ? html`<div class="flash warn" role="alert" id="claim-warning">${v.heldBy.actor} 正在审核此站点（认领至 ${timeLabelled(v.heldBy.expiresAt)}）。为免重复审核，请换一个站点；确需由你审核时：
        <form method="post" action="/decisions/claim" class="inline-form">${csrfField(session)}<input type="hidden" name="host" value="${v.host}"><input type="hidden" name="return" value="${v.back}"><button type="submit" id="take-over">接手审核</button></form></div>`
    : ''}
  <div class="site-head">
    <span class="host">${hostLabel(v.host)}</span>
    ${verdictBadge(r.verdict)} <span>分数 <strong>${Math.round(r.score)}</strong></span>
    <span>仿冒平台：${v.platform ? `${v.platform.name}（${v.platform.id}）` : (r.platform ?? '—')}</span>
    ${decisionBadge(last?.decision ?? null)}
  </div>
  <p class="muted">网页标题：<span id="site-title">${snap?.title ?? '—'}</span> · 最近扫描 ${timeLabelled(r.capturedAt)}${r.error ? html` · 错误：${failureZh(r.error)}` : ''}</p>

  <div class="panel">
    <form method="post" action="/decisions" class="decision-bar">
      ${csrfField(session)}
      <input type="hidden" name="host" value="${v.host}">
      <input type="hidden" name="from" value="site">
      <input type="hidden" name="return" value="${v.back}">
      <input type="hidden" name="next" value="${v.next ?? ''}">
      <textarea id="note" name="note" maxlength="2000" placeholder="备注（按 n 聚焦，Esc 退出）：依据、线索来源、处置建议……"></textarea>
      <div class="buttons">
        <button type="submit" id="decide-confirmed" name="decision" value="confirmed" class="confirm">确认假冒 <kbd>c</kbd></button>
        <button type="submit" id="decide-rejected" name="decision" value="rejected" class="reject">误报 <kbd>r</kbd></button>
        <button type="submit" id="decide-pending" name="decision" value="pending" class="pending">待定 <kbd>p</kbd></button>
      </div>
    </form>
    ${v.decisions.length
      ? html`<details><summary class="hint">审核记录（${v.decisions.length}）</summary><ul>${v.decisions.map(
          (d) => html`<li>${timeLabelled(d.decidedAt)} ${d.actor}：${DECISION_LABEL[d.decision]}${d.note ? html` — ${d.note}` : ''}</li>`,
        )}</ul></details>`
      : ''}
  </div>

  <div class="panel">
    <h2>截图对比 ${v.diff ? html`<button type="button" id="toggle-diff" aria-pressed="false">显示差异叠加（d）</button>` : ''}</h2>
    <div class="grid2">
      <figure>
        <figcaption>可疑站点 ${v.host}</figcaption>
        ${shot
          ? html`<div class="shot-viewport"><div class="shot-wrap" id="shot-wrap">
              <img src="/artifact/${shot.sha256}" alt="可疑站点截图">
              ${v.diff ? html`<img class="overlay" src="/site/${encodeURIComponent(v.host)}/diff.png" alt="">` : ''}
            </div></div>`
          : html`<p class="muted">没有截图。</p>`}
      </figure>
      <figure>
        <figcaption>官方平台参考截图 ${v.platform?.name ?? ''}</figcaption>
        ${refShot
          ? html`<div class="shot-viewport"><img src="/artifact/${refShot.sha256}" alt="官方参考截图"></div>`
          : html`<p class="muted">没有该平台的参考截图（运行 jianzhen references refresh）。</p>`}
      </figure>
    </div>
  </div>

  <div class="panel"><h2>判定依据</h2>${contributions((v.withPage ?? r).signals, (v.withPage ?? r).verdict)}</div>

  <div class="grid2">
    <div class="panel"><h2>跳转链</h2>${snap ? redirects(snap) : html`<p class="muted">没有页面。</p>`}</div>
    <div class="panel"><h2>页面中的备案号</h2>
      ${numbers.length
        ? html`<table><thead><tr><th>号码</th><th>类型</th><th>位置</th><th>问题</th></tr></thead><tbody>${numbers.map(
            (n) => html`<tr><td class="host">${n.canonical}</td><td>${NUMBER_KIND_LABEL[n.kind] ?? n.kind}</td><td>${n.position === 'footer' ? '页脚' : n.position === 'body' ? '正文' : n.position}</td><td>${n.issues.join('；') || '—'}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="muted">未发现备案号。</p>`}
    </div>
  </div>

  <div class="grid2">
    <div class="panel"><h2>DNS</h2>${dnsBlock(snap ?? null)}</div>
    <div class="panel"><h2>托管</h2>
      ${hosting.length
        ? html`<table><thead><tr><th>IP</th><th>国家/地区</th><th>网络</th></tr></thead><tbody>${hosting.map(
            (h) => html`<tr><td class="host">${h.ip}</td><td>${h.facts?.country ?? '未知'}</td><td>${h.facts?.org ?? ''}${h.facts?.asn ? ` AS${h.facts.asn}` : ''}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="muted">未知。</p>`}
      <p>注册商：${registrarOfSnapshot(snap) ?? '未知'}</p>
    </div>
  </div>

  <div class="panel"><h2>WHOIS</h2>${snap?.whois ? html`<pre id="whois">${snap.whois.raw || snap.whois.error || ''}</pre>` : html`<p class="muted">未记录。</p>`}</div>
  <div class="panel"><h2>附加采集及其理由</h2>${extrasBlock(snap)}</div>
  <div class="panel"><h2>探测记录</h2>${probeBlock(snap)}</div>
  <div class="panel"><h2>页面文字（按原样显示，不执行）</h2>${snap ? html`<pre id="site-text">${snap.text}</pre>` : html`<p class="muted">没有页面。</p>`}
    ${snap && snap.notes.length ? html`<p class="hint">记录：${snap.notes.map(noteZh).join('；')}</p>` : ''}
    ${snap && snap.blockedRequests.length ? html`<p class="hint">已拦截的请求：${snap.blockedRequests.join('；')}</p>` : ''}
  </div>

  <div class="panel"><h2>历史快照（${v.history.length}）</h2>
    <table><thead><tr><th>时间（北京时间）</th><th>扫描</th><th>标题</th><th>最终网址</th><th>截图</th></tr></thead><tbody>
    ${[...v.history].reverse().map(
      (h) => html`<tr><td>${timeCell(h.capturedAt)}</td><td class="hint">${h.scanId}#${h.index + 1}</td><td class="title-cell">${h.snapshot.title}</td>
        <td class="host">${h.snapshot.finalUrl}</td>
        <td>${h.snapshot.screenshot ? html`<a href="/artifact/${h.snapshot.screenshot.sha256}">查看</a>` : '—'}</td></tr>`,
    )}
    </tbody></table>
  </div>`;
  return page({ title: v.host, session, nav: '/queue', body });
}
