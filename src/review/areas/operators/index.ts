/**
 * The 团伙/案件 view of the console (a Hono sub-app mounted at /operators): the operators the store's
 * recompute found — each one's sites (alive, down, since when), the identifiers that link them with the page
 * evidence of each, a small graph and a timeline drawn as server-side SVG (the CSP allows no inline script),
 * its history — and decisions taken on an operator as a whole (recorded on every member site and audited).
 * Every captured string is escaped by the `html` tag; captured URLs are shown as text, never as links.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { z } from 'zod';
import { decideOperator, getOperator, listOperators, operatorEvents, operatorOfHost, type OperatorEvent, type StoredOperator } from '../../../data/operators.js';
import { siteHistories, type SiteHistory } from '../../../data/reports.js';
import { latestDecisions, type Decision, type DecisionRecord } from '../../../data/review.js';
import type { Store } from '../../../data/store.js';
import { IDENTIFIER_KIND_ZH, IDENTIFIER_SOURCE_ZH, type IdentifierKind, type SharedIdentifier } from '../../../model/identifier.js';
import { recomputeOperators } from '../../../pipeline/operators.js';
import { viewerOf, type ConsoleDeps, type Env, type Viewer } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, DECISION_LABEL, decisionBadge, fmtTime, hostLabel, page, verdictBadge } from '../../layout.js';
import { form, text } from '../../validate.js';

const CSS = readFileSync(new URL('./operators.css', import.meta.url));
const DECISIONS: readonly Decision[] = ['confirmed', 'rejected', 'pending'];
const ID = /^OP-[0-9A-F]{8}(-\d+)?$/;

/** One member site as the page shows it: its history and the analysts' latest word on it. */
interface MemberView {
  readonly host: string;
  readonly joinedAt: string;
  readonly history: SiteHistory | null;
  readonly decision: DecisionRecord | null;
}

const alive = (m: MemberView) => m.history !== null && m.history.lastAlive !== null && m.history.downSince === null;
const day = (iso: string | null | undefined) => (iso ? fmtTime(iso).slice(0, 10) : '—');
const short = (v: string, n = 24) => (v.length > n ? `${v.slice(0, n - 1)}…` : v);

/** The category colour of a kind in the graph and the tables (contacts, accounts, code, certificates, sites named, infrastructure). */
function kindClass(kind: IdentifierKind): string {
  if (['wechat', 'qq', 'qq-group', 'phone', 'email', 'telegram'].includes(kind)) return 'k-contact';
  if (kind === 'analytics' || kind === 'chat-widget') return 'k-account';
  if (kind === 'script' || kind === 'inline-script' || kind === 'script-host' || kind === 'dom-skeleton') return 'k-code';
  if (kind === 'tls-cert' || kind === 'tls-san') return 'k-cert';
  if (kind === 'redirect' || kind === 'form-target') return 'k-site';
  return 'k-infra';
}

/** How a value reads: hashes cut short, everything else as normalised. */
function valueText(s: Pick<SharedIdentifier, 'kind' | 'value'>): string {
  return /^[0-9a-f]{64}$/.test(s.value) ? `${s.value.slice(0, 12)}…` : s.value;
}

/**
 * The graph: member sites on a circle, each strong identifier a hub joined to the sites carrying it, weak ones
 * dashed lines between their sites. Alive sites red, sites gone grey.
 */
export function operatorGraph(op: Pick<StoredOperator, 'links' | 'support'>, members: readonly MemberView[]): SafeHtml {
  const W = 1200;
  const H = Math.max(420, 200 + members.length * 26);
  const cx = W / 2;
  const cy = H / 2;
  // Sites on an ellipse that uses the panel's width; hubs inside it.
  const rx = W / 2 - 170;
  const ry = H / 2 - 60;
  const pos = new Map(members.map((m, i) => {
    const a = (2 * Math.PI * i) / members.length - Math.PI / 2;
    return [m.host, { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a), m }] as const;
  }));
  const hubs = op.links.slice(0, 24).map((l, i) => {
    const pts = l.hosts.map((h) => pos.get(h)).filter((p) => p !== undefined);
    const mx = pts.reduce((s, p) => s + p.x, 0) / Math.max(1, pts.length);
    const my = pts.reduce((s, p) => s + p.y, 0) / Math.max(1, pts.length);
    // A pair's hub sits near the middle of its chord, a larger group's nearer the centre; hubs that would
    // land on one spot are spread along a small circle.
    const k = pts.length <= 2 ? 0.85 : 0.6;
    const spread = (2 * Math.PI * i) / Math.max(1, Math.min(op.links.length, 24));
    const d = op.links.length > 1 ? 36 : 0;
    return { l, x: cx + (mx - cx) * k + d * Math.cos(spread), y: cy + (my - cy) * k + d * Math.sin(spread), pts };
  });
  const weak = op.support
    .slice(0, 30)
    .flatMap((s) => s.hosts.slice(1).map((h) => [pos.get(s.hosts[0]!), pos.get(h), s] as const))
    .filter(([a, b]) => a !== undefined && b !== undefined);
  return html`<svg class="op-graph" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="团伙关系图：站点与共享标识">
    <g class="weak">${weak.map(([a, b, s]) => html`<line x1="${a!.x.toFixed(1)}" y1="${a!.y.toFixed(1)}" x2="${b!.x.toFixed(1)}" y2="${b!.y.toFixed(1)}"><title>弱关联：${IDENTIFIER_KIND_ZH[s.kind]} ${valueText(s)}</title></line>`)}</g>
    <g class="edges">${hubs.flatMap((h) => h.pts.map((p) => html`<line class="${kindClass(h.l.kind)}" x1="${h.x.toFixed(1)}" y1="${h.y.toFixed(1)}" x2="${p.x.toFixed(1)}" y2="${p.y.toFixed(1)}"></line>`))}</g>
    <g class="hubs">${hubs.map(
      (h) => html`<g class="hub ${kindClass(h.l.kind)}"><rect x="${(h.x - 80).toFixed(1)}" y="${(h.y - 21).toFixed(1)}" width="160" height="42" rx="6"></rect>
        <text x="${h.x.toFixed(1)}" y="${(h.y - 4).toFixed(1)}" class="hub-kind">${IDENTIFIER_KIND_ZH[h.l.kind]}</text>
        <text x="${h.x.toFixed(1)}" y="${(h.y + 12).toFixed(1)}" class="hub-value">${short(valueText(h.l), 20)}</text>
        <title>${IDENTIFIER_KIND_ZH[h.l.kind]} ${h.l.value}：${h.l.hosts.join('、')}</title></g>`,
    )}</g>
    <g class="sites">${[...pos.values()].map(
      (p) => html`<g class="site ${alive(p.m) ? 'alive' : 'gone'}"><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="11"></circle>
        <text x="${p.x.toFixed(1)}" y="${(p.y + (p.y < cy ? -18 : 28)).toFixed(1)}">${p.m.host}</text><title>${p.m.host}（${alive(p.m) ? '存活' : '已下线或未访问'}）</title></g>`,
    )}</g>
  </svg>`;
}

/** The timeline: one row per site, from first seen to last seen alive (red), then down (grey); joins marked. */
export function operatorTimeline(members: readonly MemberView[], now = new Date()): SafeHtml {
  const times = members.flatMap((m) => [m.history?.firstSeen, m.history?.lastAlive?.capturedAt, m.history?.downSince, m.joinedAt]).filter((t): t is string => !!t).map(Date.parse);
  const t0 = Math.min(...times, now.getTime() - 86_400_000);
  const t1 = Math.max(now.getTime(), ...times);
  const L = 260;
  const W = 1200;
  const row = 26;
  const H = 40 + members.length * row;
  const x = (t: number) => L + ((t - t0) / Math.max(1, t1 - t0)) * (W - L - 20);
  const ticks = Array.from({ length: 5 }, (_, i) => t0 + ((t1 - t0) * i) / 4);
  return html`<svg class="op-timeline" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="团伙时间线：各站点首次发现、存活和下线时间">
    ${ticks.map((t, i) => html`<g class="tick"><line x1="${x(t).toFixed(1)}" y1="18" x2="${x(t).toFixed(1)}" y2="${H}"></line><text x="${x(t).toFixed(1)}" y="12" class="${i === ticks.length - 1 ? 'last' : ''}">${day(new Date(t).toISOString())}</text></g>`)}
    ${members.map((m, i) => {
      const y = 30 + i * row;
      const h = m.history;
      const first = h ? Date.parse(h.firstSeen) : null;
      const last = h?.lastAlive ? Date.parse(h.lastAlive.capturedAt) : null;
      const down = h?.downSince ? Date.parse(h.downSince) : null;
      const end = down ?? (last !== null ? now.getTime() : null);
      return html`<g class="row"><text class="label" x="${L - 8}" y="${y + 13}">${m.host}</text>
        ${first !== null && end !== null ? html`<rect class="alive" x="${x(first).toFixed(1)}" y="${y + 3}" width="${Math.max(3, x(end) - x(first)).toFixed(1)}" height="14"><title>${m.host}：${day(h!.firstSeen)} 首次发现${down ? `，${day(h!.downSince)} 起无法访问` : '，仍可访问'}</title></rect>` : ''}
        ${down !== null ? html`<rect class="down" x="${x(down).toFixed(1)}" y="${y + 3}" width="${Math.max(3, x(now.getTime()) - x(down)).toFixed(1)}" height="14"></rect>` : ''}
        <circle class="joined" cx="${x(Date.parse(m.joinedAt)).toFixed(1)}" cy="${y + 10}" r="4"><title>${day(m.joinedAt)} 归入本团伙</title></circle></g>`;
    })}
  </svg>`;
}

/** The table of shared identifiers with where each site carries it (the page evidence). */
function sharedTable(list: readonly SharedIdentifier[], empty: string): SafeHtml {
  if (list.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table class="op-links"><thead><tr><th>标识类型</th><th>值（规范化后）</th><th>站点</th><th>页面证据：各站点在何处出现、原文如何书写</th></tr></thead><tbody>
    ${list.map(
      (s) => html`<tr><td><span class="kind ${kindClass(s.kind)}">${IDENTIFIER_KIND_ZH[s.kind]}</span></td><td class="host">${valueText(s)}</td>
        <td>${s.hosts.map((h, i) => html`${i ? html`<br>` : ''}<a href="/site/${encodeURIComponent(h)}">${h}</a>`)}</td>
        <td><ul class="sightings">${s.sightings.slice(0, 12).map(
          (g) => html`<li><span class="host">${g.host}</span> · ${IDENTIFIER_SOURCE_ZH[g.where.source]} · <span class="hint">${short(g.where.locator, 60)}</span><br><q>${g.where.snippet}</q></li>`,
        )}</ul></td></tr>`,
    )}</tbody></table>`;
}

const EVENT_ZH: Record<OperatorEvent['event'], string> = { created: '建立', joined: '站点归入', left: '站点移出', merged: '并入', dissolved: '解散' };

/** The operator page. */
function operatorPage(session: Viewer, op: StoredOperator, members: readonly MemberView[], events: readonly OperatorEvent[], flash: string | null): string {
  const up = members.filter(alive).length;
  const body = html`
  <p><a href="/operators">← 全部团伙</a></p>
  <div class="site-head"><span class="host">${op.id}</span>
    <span>${members.length} 个站点：存活 <strong>${up}</strong>，已下线或未访问 ${members.length - up}</span>
    <span class="muted">建立于 ${fmtTime(op.createdAt)} · 更新于 ${fmtTime(op.updatedAt)}${op.status !== 'active' ? ` · ${op.status === 'merged' ? `已并入 ${op.mergedInto ?? ''}` : '已解散'}` : ''}</span></div>
  ${flash ? html`<div class="flash" role="status">${flash}</div>` : ''}
  <div class="panel">
    <form method="post" action="/operators/${op.id}/decision" class="decision-bar">
      ${csrfField(session)}
      <textarea name="note" maxlength="2000" placeholder="备注：串并依据、案件编号、处置建议……（结论将记录到本团伙的每个站点，并写入审计日志）"></textarea>
      <div class="buttons">
        <button type="submit" name="decision" value="confirmed" class="confirm" id="op-confirm">全部确认假冒</button>
        <button type="submit" name="decision" value="rejected" class="reject">全部标为误报</button>
        <button type="submit" name="decision" value="pending" class="pending">全部待定</button>
      </div>
    </form>
  </div>
  <div class="panel"><h2>关系图</h2>${operatorGraph(op, members)}
    <p class="hint">圆点为站点（红：存活，灰：已下线或未访问）；方框为把站点串在一起的强标识；虚线为弱关联（同 IP、同 DNS、同模板等，仅作佐证，不单独串并）。</p></div>
  <div class="panel"><h2>时间线</h2>${operatorTimeline(members)}
    <p class="hint">红条：首次发现至今或至下线；灰条：无法访问的时段；圆点：归入本团伙的时间。</p></div>
  <div class="panel"><h2>站点（${members.length}）</h2>
    <table><thead><tr><th>站点</th><th>最新判定</th><th>仿冒平台</th><th>首次发现</th><th>最后存活</th><th>下线时间</th><th>审核</th></tr></thead><tbody>
    ${members.map(
      (m) => html`<tr><td class="host"><a href="/site/${encodeURIComponent(m.host)}">${m.host}</a></td>
        <td>${m.history ? verdictBadge(m.history.latest.verdict) : '—'}</td><td class="platform">${m.history?.latest.platform ?? '—'}</td>
        <td>${fmtTime(m.history?.firstSeen)}</td><td>${fmtTime(m.history?.lastAlive?.capturedAt)}</td><td>${fmtTime(m.history?.downSince)}</td>
        <td>${decisionBadge(m.decision?.decision ?? null)}</td></tr>`,
    )}</tbody></table></div>
  <div class="panel"><h2>串并依据：共享的强标识</h2>${sharedTable(op.links, '没有。')}</div>
  <div class="panel"><h2>佐证：共享的弱标识（不单独串并）</h2>${sharedTable(op.support, '没有共享的弱标识。')}</div>
  <div class="panel"><h2>变动记录</h2><ul>${[...events].reverse().map(
    (e) => html`<li>${fmtTime(e.at)} <span class="host">${e.operatorId}</span> ${EVENT_ZH[e.event]}${e.host ? html` <span class="host">${e.host}</span>` : ''}${e.detail['into'] ? ` → ${String(e.detail['into'])}` : ''}</li>`,
  )}</ul></div>`;
  return page({ title: `团伙 ${op.id}`, session, nav: '/operators', body, head: html`<link rel="stylesheet" href="/operators/static/operators.css">` });
}

/** The list of operators. */
function listPage(session: Viewer, rows: readonly { op: StoredOperator; members: readonly MemberView[] }[]): string {
  const body = html`<h1>团伙 / 案件</h1>
  <p class="muted">同一团伙：站点共用联系方式（微信、QQ、电话、邮箱）、统计或客服账号、注册人邮箱、脚本文件或 TLS 证书。同 IP、同 DNS、同模板、同注册商只作佐证。每个团伙计为一条涉嫌犯罪的问题线索。</p>
  <div class="panel">${rows.length === 0
    ? html`<p class="muted">尚无团伙：两个可疑站点共用强标识时才会串并（每次扫描结束后自动重算，或运行 jianzhen operators recompute）。</p>`
    : html`<table><thead><tr><th>团伙编号</th><th>站点数</th><th>存活</th><th>首次发现</th><th>串并依据</th><th>站点</th><th>审核</th></tr></thead><tbody>
      ${rows.map(({ op, members }) => {
        const first = members.map((m) => m.history?.firstSeen).filter((t): t is string => !!t).sort()[0];
        const decided = new Set(members.map((m) => m.decision?.decision ?? null));
        return html`<tr><td class="host"><a href="/operators/${op.id}">${op.id}</a></td><td class="num">${members.length}</td><td class="num">${members.filter(alive).length}</td>
          <td>${fmtTime(first)}</td>
          <td>${op.links.slice(0, 4).map((l) => html`<span class="kind ${kindClass(l.kind)}">${IDENTIFIER_KIND_ZH[l.kind]}</span> `)}</td>
          <td class="host">${members.slice(0, 6).map((m) => m.host).join('、')}${members.length > 6 ? ' …' : ''}</td>
          <td>${decided.size === 1 ? decisionBadge([...decided][0]!) : html`<span class="badge d-none">部分审核</span>`}</td></tr>`;
      })}</tbody></table>`}</div>`;
  return page({ title: '团伙', session, nav: '/operators', body, head: html`<link rel="stylesheet" href="/operators/static/operators.css">` });
}

const decisionForm = z.object({ decision: z.enum(['confirmed', 'rejected', 'pending']).optional(), note: text(2000) });

/** The operators area, mounted at /operators (sessions, Host pinning and CSRF are the parent's). */
export function operatorsArea(deps: ConsoleDeps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  const session = viewerOf;

  /** The member views of operators, reading every site's history and decision once for all of them. */
  const membersOf = async (ops: readonly StoredOperator[]): Promise<MemberView[][]> => {
    const histories = await siteHistories(store);
    const decisions = new Map((await latestDecisions(store)).map((d) => [d.host, d]));
    return ops.map((op) => op.members.map((m) => ({ host: m.host, joinedAt: m.joinedAt, history: histories.get(m.host) ?? null, decision: decisions.get(m.host) ?? null })));
  };

  app.get('/static/operators.css', (c) => c.body(new Uint8Array(CSS), 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  app.get('/', async (c) => {
    const ops: StoredOperator[] = [];
    for (const o of await listOperators(store)) {
      const op = await getOperator(store, o.id);
      if (op) ops.push(op);
    }
    const members = await membersOf(ops);
    return c.html(listPage(session(c), ops.map((op, i) => ({ op, members: members[i]! }))));
  });

  // From a site page: the site's operator, or a sentence saying it belongs to none.
  app.get('/of/:host', async (c) => {
    const host = c.req.param('host').toLowerCase();
    const id = await operatorOfHost(store, host);
    if (id) return c.redirect(`/operators/${id}`, 302);
    return c.html(page({ title: '团伙', session: session(c), nav: '/operators', body: html`<p><a href="/site/${encodeURIComponent(host)}">← ${host}</a></p><div class="panel"><p>${host} 不属于任何团伙：它与其他可疑站点没有共用的强标识（联系方式、统计或客服账号、注册人邮箱、脚本文件、TLS 证书）。</p></div>` }), 200);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id').toUpperCase();
    const op = ID.test(id) ? await getOperator(store, id) : null;
    if (!op) return c.html(page({ title: '团伙', session: session(c), nav: '/operators', body: html`<div class="panel"><p>没有这个团伙（${id}）。</p><p><a href="/operators">全部团伙</a></p></div>` }), 404);
    if (op.status === 'merged' && op.mergedInto) return c.redirect(`/operators/${op.mergedInto}`, 302);
    const decided = DECISIONS.find((d) => d === c.req.query('msg'));
    const flash = decided ? `已将本团伙的全部站点标记为「${DECISION_LABEL[decided]}」，并已记入审计日志。` : null;
    return c.html(operatorPage(session(c), op, (await membersOf([op]))[0]!, await operatorEvents(store, op.id), flash));
  });

  app.post('/:id/decision', form(decisionForm), async (c) => {
    const id = c.req.param('id').toUpperCase();
    const body = c.req.valid('form');
    const decision = body.decision;
    const op = ID.test(id) ? await getOperator(store, id) : null;
    if (!op || op.status !== 'active') return c.html(page({ title: '团伙', session: session(c), body: html`<div class="panel"><p>没有这个团伙（${id}）。</p></div>` }), 404);
    if (!decision) return c.html(page({ title: '团伙', session: session(c), body: html`<div class="panel"><p>未知的审核结论。</p></div>` }), 400);
    const note = body.note ?? '';
    await decideOperator(store, { operatorId: op.id, decision, note, actor: session(c).user.name });
    // A rejected site leaves its operator: regroup now, so the page shown next is true.
    if (decision === 'rejected') await recomputeOperators(store);
    const after = await getOperator(store, op.id);
    return c.redirect(after?.status === 'active' ? `/operators/${op.id}?msg=${decision}` : '/operators', 303);
  });

  return app;
}
