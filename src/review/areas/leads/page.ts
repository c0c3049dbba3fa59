/** The lead form and the leads submitted (kept in the store's jobs): console.js refreshes the list while one runs. */
import type { JobRecord } from '../../../data/jobs.js';
import type { Viewer } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, page, timeCell, verdictBadge } from '../../layout.js';
import type { LeadInput, LeadProgress, LeadResult } from '../../jobs/lead.js';

export type LeadJob = JobRecord<LeadInput, LeadProgress, LeadResult | null>;

const STATE = { queued: '排队中', running: '扫描中', done: '完成', failed: '失败' } as const;

/** The list of leads; while one is queued or running it asks console.js to refresh it (data-live). */
export function leadsList(leads: readonly LeadJob[], focus: string | null, pending: boolean): SafeHtml {
  return html`<div id="leads-list" ${pending ? html`data-live="/leads/list${focus ? `?focus=${encodeURIComponent(focus)}` : ''}"` : ''}>
    <table id="leads"><thead><tr><th>提交时间（北京时间）</th><th>目标</th><th>来源</th><th>提交人</th><th>状态</th><th>结果</th></tr></thead><tbody>
    ${leads.length === 0 ? html`<tr><td colspan="6" class="muted">暂无。</td></tr>` : ''}
    ${leads.map(
      (l) => html`<tr class="${l.id === focus ? 'cursor' : ''}" data-lead="${l.id}">
        <td>${timeCell(l.createdAt)}</td><td class="host">${l.input.target}</td><td>${l.input.source === 'qr' ? '二维码' : '网址'}</td><td>${l.actor}</td>
        <td class="state">${STATE[l.state]}${l.state === 'running' && l.progress ? ` ${l.progress.done}/${l.progress.total}` : ''}</td>
        <td>${l.result
          ? html`${verdictBadge(l.result.verdict)} ${Math.round(l.result.score)}分 ${l.result.host ? html`<a href="/site/${encodeURIComponent(l.result.host)}?verdict=all&state=all">查看</a>` : ''} ${l.result.error ?? ''}`
          : (l.error ?? '')}</td>
      </tr>`,
    )}
    </tbody></table>
    ${pending ? html`<p class="hint">扫描进行中，列表每 3 秒自动更新（不影响正在输入的内容）。</p>` : ''}
  </div>`;
}

/** The leads page. */
export function leadsPage(viewer: Viewer, opts: { leads: readonly LeadJob[]; disabled: string | null; error: string | null; focus: string | null; pending: boolean; url?: string }): string {
  const body = html`
  <h1>提交线索</h1>
  ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  ${opts.disabled ? html`<div class="flash error">${opts.disabled}</div>` : ''}
  <div class="grid2">
    <div class="panel">
      <h2>网址</h2>
      <form method="post" action="/leads">
        ${csrfField(viewer)}
        <p><input type="text" name="url" id="lead-url" placeholder="https://cx-mem-gov.example/ 或 域名" size="48" required value="${opts.url ?? ''}"></p>
        <button type="submit" class="primary">开始扫描</button>
      </form>
    </div>
    <div class="panel">
      <h2>证书照片（含二维码）</h2>
      <form method="post" action="/leads" enctype="multipart/form-data">
        ${csrfField(viewer)}
        <p><input type="file" name="photo" accept="image/png,image/jpeg,image/webp" required></p>
        <button type="submit" class="primary">识别二维码并扫描</button>
        <p class="hint">照片中的二维码网址会被读取并扫描；照片本身不保存。</p>
      </form>
    </div>
  </div>
  <div class="panel"><h2>最近提交的线索</h2>${leadsList(opts.leads, opts.focus, opts.pending)}</div>`;
  return page({ title: '提交线索', session: viewer, nav: '/leads', body });
}
