/**
 * The review queue: flagged sites by score (or newest), filtered and searched, with keyboard shortcuts
 * (console.js), claims shown, bulk selection for decisions with one note, takedown lists and evidence packets,
 * and the analyst's last decision with its undo.
 */
import type { QueueRow, ReviewState } from '../../../data/console-queries.js';
import type { DecisionRecord } from '../../../data/review.js';
import type { Platform } from '../../../model/platform.js';
import type { Viewer } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, DECISION_LABEL, decisionBadge, fmtTime, hostLabel, page, timeCell, VERDICT_LABEL, verdictBadge } from '../../layout.js';
import { filterQuery, STATES, VERDICTS, type QueueView } from './filter.js';

export const PAGE_SIZE = 50;

const VERDICT_FILTER_LABEL: Record<string, string> = { flagged: '假冒 + 可疑', all: '全部', ...VERDICT_LABEL };
const STATE_LABEL: Record<ReviewState, string> = { open: '未审 + 待定', undecided: '未审', pending: '待定', confirmed: '确认假冒', rejected: '误报', all: '全部' };
const SORT_LABEL = { score: '分数从高到低', newest: '最新发现在前', recent: '最近扫描在前' } as const;

function options<T extends string>(values: readonly T[], selected: T | null | undefined, label: (v: T) => string): SafeHtml[] {
  return values.map((v) => html`<option value="${v}" ${v === selected ? html`selected` : ''}>${label(v)}</option>`);
}

/** The bar that offers to take back the viewer's newest decision (or bulk decision). */
export function undoBar(viewer: Viewer, undoable: readonly DecisionRecord[], back: string): SafeHtml {
  if (undoable.length === 0) return html``;
  const d = undoable[0]!;
  const hosts = undoable.map((x) => x.host);
  const shown = hosts.length > 3 ? `${hosts.slice(0, 3).join('、')} 等 ${hosts.length} 个站点` : hosts.join('、');
  return html`<form method="post" action="/decisions/undo" class="undo-bar" id="undo-form">${csrfField(viewer)}
    <input type="hidden" name="return" value="${back}">
    <span>你刚才将 ${shown} 标记为「${DECISION_LABEL[d.decision]}」${d.note ? html`（备注：${d.note}）` : ''}。</span>
    <button type="submit" id="undo">撤销 <kbd>u</kbd></button>
  </form>`;
}

/** Renders the queue page. */
export function queuePage(opts: {
  viewer: Viewer;
  filter: QueueView;
  rows: readonly QueueRow[];
  total: number;
  platforms: readonly Platform[];
  platformIds: readonly string[];
  cursor: string | null;
  flash: string | null;
  undoable: readonly DecisionRecord[];
}): string {
  const { viewer, filter, rows, total } = opts;
  const pName = (id: string | null) => (id ? (opts.platforms.find((p) => p.id === id)?.name ?? id) : '—');
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const keep = filterQuery(filter);
  const mine = viewer.user.name;
  const body = html`
  <h1>待审队列 <span class="muted">（${total} 个站点）</span></h1>
  ${opts.flash ? html`<div class="flash" role="status">${opts.flash}</div>` : ''}
  ${undoBar(viewer, opts.undoable, keep)}
  <div class="panel">
    <form class="filters" method="get" action="/queue">
      <label>平台<select name="platform"><option value="">全部平台</option>${options(opts.platformIds, filter.platform, pName)}</select></label>
      <label>判定<select name="verdict">${options(VERDICTS, filter.verdict, (v) => VERDICT_FILTER_LABEL[v] ?? v)}</select></label>
      <label>审核状态<select name="state">${options(STATES, filter.state, (s) => STATE_LABEL[s])}</select></label>
      <label>排序<select name="sort">${options(['score', 'newest', 'recent'] as const, filter.sort, (s) => SORT_LABEL[s])}</select></label>
      <label>首次发现（北京时间）从<input type="date" name="from" value="${filter.firstSeenFrom ?? ''}"></label>
      <label>至<input type="date" name="to" value="${filter.firstSeenTo ?? ''}"></label>
      <label class="grow">搜索（域名、标题、IP、注册商、备案号、联系方式）<input type="search" name="q" value="${filter.search ?? ''}" placeholder="如 cx-mem、京ICP备、微信号、203.0.113.7"></label>
      <button type="submit" class="primary">筛选</button>
      <a href="/queue" class="button">重置</a>
    </form>
  </div>
  <form id="bulk" method="post" action="/export">${csrfField(viewer)}<input type="hidden" name="return" value="${keep}"></form>
  <form id="quick-decision" method="post" action="/decisions">
    ${csrfField(viewer)}<input type="hidden" name="host" value=""><input type="hidden" name="decision" value="">
    <input type="hidden" name="cursor" value=""><input type="hidden" name="return" value="${keep}"><input type="hidden" name="from" value="queue">
  </form>
  <div class="panel">
    <div class="bulk" id="bulk-decide">
      <span class="muted">选中站点：</span>
      <input type="text" name="note" form="bulk" maxlength="2000" placeholder="批量审核的备注（如：同一团伙，页脚冒用备案号）" class="grow" aria-label="批量备注">
      <button type="submit" form="bulk" formaction="/decisions/bulk" name="decision" value="confirmed" class="confirm">批量确认假冒</button>
      <button type="submit" form="bulk" formaction="/decisions/bulk" name="decision" value="rejected" class="reject">批量误报</button>
      <button type="submit" form="bulk" formaction="/decisions/bulk" name="decision" value="pending" class="pending">批量待定</button>
    </div>
    <div class="bulk">
      <button type="submit" form="bulk" name="format" value="csv">下载下架清单（CSV）</button>
      <button type="submit" form="bulk" name="format" value="json">下载下架清单（JSON）</button>
      <button type="submit" form="bulk" name="format" value="evidence">生成证据包</button>
      <label class="hint"><input type="checkbox" name="include_unconfirmed" value="1" form="bulk"> 包括未确认的站点（默认只导出已确认假冒的站点）</label>
    </div>
    <p class="shortcuts"><kbd>j</kbd>/<kbd>k</kbd> 下一个/上一个 · <kbd>o</kbd> 打开 · <kbd>x</kbd> 选中 · <kbd>c</kbd> 确认假冒 · <kbd>r</kbd> 误报 · <kbd>p</kbd> 待定 · <kbd>u</kbd> 撤销</p>
    <table id="queue" data-cursor="${opts.cursor ?? ''}">
      <thead><tr>
        <th class="checkbox-col"><input type="checkbox" id="select-all" aria-label="全选"></th>
        <th>分数</th><th>判定</th><th>域名</th><th>网页标题</th><th>仿冒平台</th><th>首次发现（北京时间）</th><th>最近扫描（北京时间）</th><th>审核</th>
      </tr></thead>
      <tbody>
      ${rows.length === 0 ? html`<tr><td colspan="9" class="muted">没有符合条件的站点。</td></tr>` : ''}
      ${rows.map(
        (r) => html`<tr data-host="${r.host}" class="${r.claimedBy && r.claimedBy !== mine ? 'claimed' : ''}">
          <td><input type="checkbox" form="bulk" name="hosts" value="${r.host}" aria-label="选中 ${r.host}"></td>
          <td class="num">${Math.round(r.score)}</td>
          <td>${verdictBadge(r.verdict)}</td>
          <td class="host"><a class="open" href="/site/${encodeURIComponent(r.host)}${keep}">${hostLabel(r.host)}</a></td>
          <td class="title-cell">${r.title ?? ''}</td>
          <td>${pName(r.platform)}</td>
          <td>${timeCell(r.firstSeen)}</td>
          <td>${timeCell(r.capturedAt)}</td>
          <td>${decisionBadge(r.decision)} ${r.decidedBy ? html`<span class="hint">${r.decidedBy}</span>` : ''}
            ${r.claimedBy ? html`<span class="badge claim" title="认领至 ${fmtTime(r.claimExpiresAt)} 北京时间">${r.claimedBy === mine ? '我在审核' : `${r.claimedBy} 审核中`}</span>` : ''}</td>
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
  return page({ title: '待审队列', session: viewer, nav: '/queue', body });
}
