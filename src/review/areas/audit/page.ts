/** Supervisors: the audit log, newest first, filtered by who, what and a Beijing date range, a page at a time. */
import type { AuditEntry } from '../../../data/review.js';
import type { Viewer } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';
import { page, timeCell } from '../../layout.js';

export const ACTION_LABEL: Record<string, string> = {
  'decision.': '全部审核结论',
  'decision.confirmed': '确认假冒',
  'decision.rejected': '误报',
  'decision.pending': '待定',
  'decision.undo': '撤销审核',
  'claim.takeover': '接手审核',
  'export.takedown': '导出下架清单',
  'export.evidence': '生成证据包',
  'export.evidence.download': '下载证据包',
  'lead.submit': '提交线索',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.password': '修改密码',
  login: '登录',
  'login.failed': '登录失败',
  'login.throttled': '登录被限制（失败次数过多）',
  logout: '退出',
};

export interface AuditView {
  readonly actor: string | null;
  readonly action: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly page: number;
}

export const AUDIT_PAGE_SIZE = 100;

function auditQuery(f: AuditView, pageNo: number): string {
  const p = new URLSearchParams();
  if (f.actor) p.set('actor', f.actor);
  if (f.action) p.set('action', f.action);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (pageNo > 1) p.set('page', String(pageNo));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function select(name: string, values: readonly string[], selected: string | null, label: (v: string) => string, all: string): SafeHtml {
  return html`<select name="${name}"><option value="">${all}</option>${values.map((v) => html`<option value="${v}" ${v === selected ? html`selected` : ''}>${label(v)}</option>`)}</select>`;
}

/** The audit page. */
export function auditPage(viewer: Viewer, opts: { entries: readonly AuditEntry[]; total: number; filter: AuditView; actors: readonly string[]; actions: readonly string[] }): string {
  const f = opts.filter;
  const pages = Math.max(1, Math.ceil(opts.total / AUDIT_PAGE_SIZE));
  const actions = ['decision.', ...opts.actions.filter((a) => a !== 'decision.')];
  const body = html`<h1>审计日志 <span class="muted">（${opts.total} 条）</span></h1>
  <div class="panel">
    <form class="filters" method="get" action="/audit" id="audit-filter">
      <label>操作人${select('actor', opts.actors, f.actor, (a) => a, '全部')}</label>
      <label>操作${select('action', actions, f.action, (a) => ACTION_LABEL[a] ?? a, '全部')}</label>
      <label>日期（北京时间）从<input type="date" name="from" value="${f.from ?? ''}"></label>
      <label>至<input type="date" name="to" value="${f.to ?? ''}"></label>
      <button type="submit" class="primary">筛选</button>
      <a href="/audit" class="button">重置</a>
    </form>
  </div>
  <div class="panel"><table id="audit"><thead><tr><th>时间（北京时间）</th><th>操作人</th><th>操作</th><th>对象</th><th>详情</th></tr></thead><tbody>
  ${opts.entries.length === 0 ? html`<tr><td colspan="5" class="muted">没有符合条件的记录。</td></tr>` : ''}
  ${opts.entries.map(
    (e) => html`<tr data-action="${e.action}"><td>${timeCell(e.at)}</td><td>${e.actor}</td><td>${ACTION_LABEL[e.action] ?? e.action}</td><td class="host">${e.subject}</td>
      <td><code>${JSON.stringify(e.detail)}</code></td></tr>`,
  )}
  </tbody></table>
  <div class="pager">
    ${f.page > 1 ? html`<a href="/audit${auditQuery(f, f.page - 1)}" id="audit-prev">上一页</a>` : ''}
    <span class="muted">第 ${f.page} / ${pages} 页</span>
    ${f.page < pages ? html`<a href="/audit${auditQuery(f, f.page + 1)}" id="audit-next">下一页</a>` : ''}
  </div></div>`;
  return page({ title: '审计日志', session: viewer, nav: '/audit', body });
}
