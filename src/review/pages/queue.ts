/**
 * The review queue: flagged sites by score, filtered and searched, with keyboard shortcuts (console.js) and
 * bulk selection for takedown lists and evidence packets.
 */
import type { Session } from '../../data/accounts.js';
import type { QueueFilter, QueueRow, ReviewState, VerdictFilter } from '../../data/console-queries.js';
import type { Platform } from '../../model/platform.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, decisionBadge, fmtTime, page, VERDICT_LABEL, verdictBadge } from '../layout.js';

export const PAGE_SIZE = 50;

const VERDICTS: readonly VerdictFilter[] = ['flagged', 'counterfeit', 'suspicious', 'benign', 'official', 'unreachable', 'all'];
const STATES: readonly ReviewState[] = ['open', 'undecided', 'pending', 'confirmed', 'rejected', 'all'];
const VERDICT_FILTER_LABEL: Record<string, string> = { flagged: '假冒 + 可疑', all: '全部', ...VERDICT_LABEL };
const STATE_LABEL: Record<ReviewState, string> = { open: '未审 + 待定', undecided: '未审', pending: '待定', confirmed: '确认假冒', rejected: '误报', all: '全部' };

/** The queue filter read from a query string; unknown values fall back to the defaults. */
export function filterFromQuery(q: (k: string) => string | undefined): QueueFilter & { page: number } {
  const verdict = VERDICTS.find((v) => v === q('verdict')) ?? 'flagged';
  const state = STATES.find((s) => s === q('state')) ?? 'open';
  const date = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  const pageNo = Math.max(1, Math.min(100_000, Number.parseInt(q('page') ?? '1', 10) || 1));
  return {
    verdict,
    state,
    platform: q('platform')?.trim() || null,
    firstSeenFrom: date(q('from')),
    firstSeenTo: date(q('to')),
    search: q('q')?.trim().slice(0, 200) || null,
    page: pageNo,
  };
}

/** The query string that reproduces a filter (links keep the analyst's place in the queue). */
export function filterQuery(f: QueueFilter & { page?: number }, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.verdict && f.verdict !== 'flagged') p.set('verdict', f.verdict);
  if (f.state && f.state !== 'open') p.set('state', f.state);
  if (f.platform) p.set('platform', f.platform);
  if (f.firstSeenFrom) p.set('from', f.firstSeenFrom);
  if (f.firstSeenTo) p.set('to', f.firstSeenTo);
  if (f.search) p.set('q', f.search);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function options<T extends string>(values: readonly T[], selected: T | null | undefined, label: (v: T) => string): SafeHtml[] {
  return values.map((v) => html`<option value="${v}" ${v === selected ? html`selected` : ''}>${label(v)}</option>`);
}

/** Renders the queue page. */
export function queuePage(opts: {
  session: Session;
  filter: QueueFilter & { page: number };
  rows: readonly QueueRow[];
  total: number;
  platforms: readonly Platform[];
  platformIds: readonly string[];
  cursor: string | null;
  flash: string | null;
}): string {
  const { session, filter, rows, total } = opts;
  const pName = (id: string | null) => (id ? (opts.platforms.find((p) => p.id === id)?.name ?? id) : '—');
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const keep = filterQuery({ ...filter, page: filter.page });
  const body = html`
  <h1>待审队列 <span class="muted">（${total} 个站点）</span></h1>
  ${opts.flash ? html`<div class="flash" role="status">${opts.flash}</div>` : ''}
  <div class="panel">
    <form class="filters" method="get" action="/queue">
      <label>平台<select name="platform"><option value="">全部平台</option>${options(opts.platformIds, filter.platform, pName)}</select></label>
      <label>判定<select name="verdict">${options(VERDICTS, filter.verdict, (v) => VERDICT_FILTER_LABEL[v] ?? v)}</select></label>
      <label>审核状态<select name="state">${options(STATES, filter.state, (s) => STATE_LABEL[s])}</select></label>
      <label>首次发现 从<input type="date" name="from" value="${filter.firstSeenFrom ?? ''}"></label>
      <label>至<input type="date" name="to" value="${filter.firstSeenTo ?? ''}"></label>
      <label>搜索域名<input type="search" name="q" value="${filter.search ?? ''}" placeholder="如 cx-mem"></label>
      <button type="submit" class="primary">筛选</button>
      <a href="/queue" class="button">重置</a>
    </form>
  </div>
  <form id="bulk" method="post" action="/export">${csrfField(session)}</form>
  <form id="quick-decision" method="post" action="/queue/decision">
    ${csrfField(session)}<input type="hidden" name="host" value=""><input type="hidden" name="decision" value="">
    <input type="hidden" name="cursor" value=""><input type="hidden" name="return" value="${keep}">
  </form>
  <div class="panel">
    <div class="bulk">
      <span class="muted">选中站点：</span>
      <button type="submit" form="bulk" name="format" value="csv">下载下架清单（CSV）</button>
      <button type="submit" form="bulk" name="format" value="json">下载下架清单（JSON）</button>
      <button type="submit" form="bulk" name="format" value="evidence">生成证据包</button>
      <span class="shortcuts"><kbd>j</kbd>/<kbd>k</kbd> 下一个/上一个 · <kbd>o</kbd> 打开 · <kbd>x</kbd> 选中 · <kbd>c</kbd> 确认假冒 · <kbd>r</kbd> 误报 · <kbd>p</kbd> 待定</span>
    </div>
    <table id="queue" data-cursor="${opts.cursor ?? ''}">
      <thead><tr>
        <th class="checkbox-col"><input type="checkbox" id="select-all" aria-label="全选"></th>
        <th>分数</th><th>判定</th><th>域名</th><th>网页标题</th><th>仿冒平台</th><th>首次发现</th><th>最近扫描</th><th>审核</th>
      </tr></thead>
      <tbody>
      ${rows.length === 0 ? html`<tr><td colspan="9" class="muted">没有符合条件的站点。</td></tr>` : ''}
      ${rows.map(
        (r) => html`<tr data-host="${r.host}">
          <td><input type="checkbox" form="bulk" name="hosts" value="${r.host}" aria-label="选中 ${r.host}"></td>
          <td class="num">${Math.round(r.score)}</td>
          <td>${verdictBadge(r.verdict)}</td>
          <td class="host"><a class="open" href="/site/${encodeURIComponent(r.host)}${keep}">${r.host}</a></td>
          <td class="title-cell">${r.title ?? ''}</td>
          <td>${pName(r.platform)}</td>
          <td>${fmtTime(r.firstSeen)}</td>
          <td>${fmtTime(r.capturedAt)}</td>
          <td>${decisionBadge(r.decision)} ${r.decidedBy ? html`<span class="hint">${r.decidedBy}</span>` : ''}</td>
        </tr>`,
      )}
      </tbody>
    </table>
    <div class="pager">
      ${filter.page > 1 ? html`<a href="/queue${filterQuery({ ...filter, page: filter.page - 1 })}">上一页</a>` : ''}
      <span class="muted">第 ${filter.page} / ${pages} 页</span>
      ${filter.page < pages ? html`<a href="/queue${filterQuery({ ...filter, page: filter.page + 1 })}">下一页</a>` : ''}
    </div>
  </div>`;
  return page({ title: '待审队列', session, nav: 'queue', body });
}
