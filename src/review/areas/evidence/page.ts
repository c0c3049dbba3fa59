/**
 * Evidence packets: the form that starts a build (the hosts, and the officer's 案由/案件编号/提取单位/见证人;
 * the console user is the 提取人), the jobs (kept in the store) with each site's outcome — 无法访问 with the
 * reason when the fresh visit could not reach the site — and every packet with its ZIP.
 */
import type { EvidencePacketRecord } from '../../../data/reports.js';
import type { JobRecord } from '../../../data/jobs.js';
import type { Viewer } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, hostLabel, page, timeCell } from '../../layout.js';
import type { EvidenceInput, EvidenceOutcome, EvidenceProgress } from '../../jobs/evidence.js';

export type EvidenceJob = JobRecord<EvidenceInput, EvidenceProgress, EvidenceProgress>;

/** The form for the officer's part of the 提取记录, for the selected hosts. */
export function evidenceForm(viewer: Viewer, opts: { hosts: readonly string[]; error: string | null; includeUnconfirmed?: boolean; values?: Partial<Record<'caseCause' | 'caseNumber' | 'unit' | 'witnesses', string>> }): string {
  const v = opts.values ?? {};
  const body = html`<h1>生成证据包</h1>
  ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  <div class="panel narrow">
    <p>将为以下 ${opts.hosts.length} 个站点重新访问并录制，生成签名证据包：</p>
    <ul class="hosts">${opts.hosts.map((h) => html`<li class="host">${hostLabel(h)}</li>`)}</ul>
    <form method="post" action="/evidence" class="stack" id="evidence-form">${csrfField(viewer)}
      ${opts.hosts.map((h) => html`<input type="hidden" name="hosts" value="${h}">`)}
      ${opts.includeUnconfirmed ? html`<input type="hidden" name="include_unconfirmed" value="1">` : ''}
      <label>案由<input type="text" name="caseCause" maxlength="200" value="${v.caseCause ?? ''}" placeholder="如：涉嫌伪造国家机关证件案"></label>
      <label>案件编号<input type="text" name="caseNumber" maxlength="200" value="${v.caseNumber ?? ''}"></label>
      <label>提取单位<input type="text" name="unit" maxlength="200" value="${v.unit ?? ''}" placeholder="如：某某市公安局网络安全保卫支队"></label>
      <label>见证人（每行一人）<textarea name="witnesses" rows="3">${v.witnesses ?? ''}</textarea></label>
      <p class="hint">提取人：${viewer.user.name}（当前登录用户）。未填写的项目在证据包中记为“未填写”。</p>
      <button type="submit" class="primary">开始生成</button>
    </form>
  </div>`;
  return page({ title: '生成证据包', session: viewer, nav: '/evidence', body });
}

function outcomeLine(o: EvidenceOutcome): SafeHtml {
  if (!o.packetId) return html`<li class="outcome failed"><span class="host">${o.host}</span>：失败 — ${o.error ?? ''}</li>`;
  if (!o.reachable) return html`<li class="outcome unreachable"><span class="host">${o.host}</span>：<strong>无法访问</strong> — ${o.error ?? ''}（证据包 ${o.packetId} 记录了访问经过）</li>`;
  return html`<li class="outcome done"><span class="host">${o.host}</span>：已生成 ${o.packetId}</li>`;
}

function jobState(j: EvidenceJob): string {
  const outcomes = j.progress?.outcomes ?? j.result?.outcomes ?? [];
  if (j.state === 'queued') return '排队中';
  if (j.state === 'running') return `生成中 ${outcomes.length}/${j.input.hosts.length}`;
  if (j.state === 'failed') return '失败';
  const unreachable = outcomes.filter((o) => o.packetId && !o.reachable).length;
  const failed = outcomes.filter((o) => !o.packetId).length;
  if (unreachable + failed === 0) return '完成';
  if (unreachable === outcomes.length) return '无法访问';
  return `完成，其中 ${unreachable ? `${unreachable} 个站点无法访问` : ''}${unreachable && failed ? '、' : ''}${failed ? `${failed} 个失败` : ''}`;
}

/** The jobs list; while one is queued or running it asks console.js to refresh it (data-live). */
export function evidenceJobs(jobs: readonly EvidenceJob[], pending: boolean): SafeHtml {
  return html`<div id="evidence-jobs" ${pending ? html`data-live="/evidence/jobs"` : ''}>
    ${jobs.length === 0 ? html`<p class="muted">暂无。在队列中勾选已确认的站点后点“生成证据包”。</p>` : ''}
    <ul class="jobs">${jobs.map((j) => {
      const outcomes = j.result?.outcomes ?? j.progress?.outcomes ?? [];
      const custody = j.input.custody;
      return html`<li data-job="${j.id}">${timeCell(j.createdAt)} ${j.actor}：${j.input.hosts.join('、')} — <span class="job-state">${jobState(j)}</span>
        ${custody.caseCause || custody.caseNumber ? html`<div class="hint">案由：${custody.caseCause ?? '未填写'} · 案件编号：${custody.caseNumber ?? '未填写'}</div>` : ''}
        ${j.error ? html`<div class="hint">${j.error}</div>` : ''}
        <ul>${outcomes.map(outcomeLine)}</ul></li>`;
    })}</ul>
    ${pending ? html`<p class="hint">每个证据包都会重新访问并录制站点，需要几十秒；列表自动更新。</p>` : ''}
  </div>`;
}

/** The evidence page: jobs and packets. */
export function evidencePage(viewer: Viewer, opts: { jobs: readonly EvidenceJob[]; pending: boolean; packets: readonly EvidencePacketRecord[]; disabled: string | null }): string {
  const body = html`<h1>证据包</h1>
  ${opts.disabled ? html`<div class="flash error">${opts.disabled}</div>` : ''}
  <div class="panel"><h2>生成任务（时间为北京时间）</h2>${evidenceJobs(opts.jobs, opts.pending)}</div>
  <div class="panel"><h2>已生成的证据包</h2>
    <table><thead><tr><th>编号</th><th>站点</th><th>生成时间（北京时间）</th><th>生成人</th><th>清单 SHA-256</th><th>下载</th></tr></thead><tbody>
    ${opts.packets.map(
      (p) => html`<tr><td class="host">${p.id}</td><td class="host">${p.host}</td><td>${timeCell(p.builtAt)}</td><td>${p.actor}</td>
        <td class="hint">${p.manifestSha256.slice(0, 16)}…</td><td>${p.zip ? html`<a href="/evidence/${encodeURIComponent(p.id)}.zip">ZIP</a>` : '—'}</td></tr>`,
    )}
    </tbody></table>
  </div>`;
  return page({ title: '证据包', session: viewer, nav: '/evidence', body });
}
