/**
 * The console's page shell and the small pieces every page shares (labels in Chinese, badges, times, hosts).
 * Pages are server-rendered; the only scripts are files under /static (the CSP allows nothing else).
 */
import { domainToUnicode } from 'node:url';
import type { Session } from '../data/accounts.js';
import type { Decision } from '../data/review.js';
import type { Verdict } from '../model/verdict.js';
import { html, type SafeHtml } from './html.js';

export const VERDICT_LABEL: Record<Verdict, string> = {
  counterfeit: '假冒',
  suspicious: '可疑',
  benign: '正常',
  official: '官方',
  unreachable: '无法访问',
};

export const DECISION_LABEL: Record<Decision, string> = { confirmed: '确认假冒', rejected: '误报', pending: '待定' };

export const ROLE_LABEL = { analyst: '分析员', supervisor: '主管' } as const;

/** A link of the top bar; `supervisor` links are shown to supervisors only. */
export interface NavLink {
  readonly href: string;
  readonly label: string;
  readonly supervisor?: boolean;
}

/** What a page needs of its viewer: the session and the top bar's links (context.ts Viewer). */
type PageViewer = Session & { readonly nav: readonly NavLink[] };

/** A coloured verdict badge. */
export function verdictBadge(v: Verdict): SafeHtml {
  return html`<span class="badge v-${v}">${VERDICT_LABEL[v] ?? v}</span>`;
}

/** A coloured review-state badge (未审 when nobody has decided). */
export function decisionBadge(d: Decision | null): SafeHtml {
  return d ? html`<span class="badge d-${d}">${DECISION_LABEL[d]}</span>` : html`<span class="badge d-none">未审</span>`;
}

/** An instant as "YYYY-MM-DD HH:mm" in Beijing time (UTC+8), where the analysts sit. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const bj = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${bj.slice(0, 10)} ${bj.slice(11, 16)}`;
}

/** An instant for a table whose column header says （北京时间）: machine-readable, with the zone on hover. */
export function timeCell(iso: string | null | undefined): SafeHtml {
  return iso ? html`<time datetime="${iso}" title="北京时间（UTC+8）">${fmtTime(iso)}</time>` : html`—`;
}

/** An instant in running text, labelled with its zone. */
export function timeLabelled(iso: string | null | undefined): SafeHtml {
  return iso ? html`<time datetime="${iso}">${fmtTime(iso)} 北京时间</time>` : html`—`;
}

/** The Unicode form of an IDN host, or null when it is plain ASCII (xn-- labels decoded). */
export function unicodeHost(host: string): string | null {
  if (!/(^|\.)xn--/i.test(host)) return null;
  const u = domainToUnicode(host);
  return u && u !== host ? u : null;
}

/**
 * A host as analysts must read it: always the ASCII (punycode) form that DNS and takedown lists use, and
 * for an IDN its decoded form beside it, so a homograph (cx-mem-gov with a Cyrillic letter) is visible.
 */
export function hostLabel(host: string): SafeHtml {
  const u = unicodeHost(host);
  return u ? html`${host} <span class="idn" title="国际化域名（IDN）的中文/Unicode 形式">（${u}）</span>` : html`${host}`;
}

/** The full page: head with the stylesheet and console.js, the top bar, the content. */
export function page(opts: { title: string; session: PageViewer | null; nav?: string; body: SafeHtml; head?: SafeHtml; scripts?: readonly string[] }): string {
  const s = opts.session;
  const links = s ? s.nav.filter((l) => !l.supervisor || s.user.role === 'supervisor') : [];
  const top = s
    ? html`<header class="top">
        <span class="brand">鉴真 · 审核台</span>
        <nav>${links.map((l) => html`<a href="${l.href}" class="${opts.nav === l.href ? 'active' : ''}">${l.label}</a>`)}</nav>
        <span class="who"><a href="/account" class="who-name">${s.user.name}（${ROLE_LABEL[s.user.role]}）</a>
          <form method="post" action="/logout" class="inline-form"><input type="hidden" name="_csrf" value="${s.csrfToken}"><button type="submit">退出</button></form>
        </span>
      </header>`
    : html`<header class="top"><span class="brand">鉴真 · 审核台</span></header>`;
  const scripts = ['/static/console.js', ...(opts.scripts ?? [])];
  return `<!doctype html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${opts.title} · 鉴真审核台</title>
<link rel="stylesheet" href="/static/console.css">
${opts.head ?? ''}
</head>
<body>
${top}
<main>${opts.body}</main>
${scripts.map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`}`;
}

/** A hidden CSRF field for a form. */
export function csrfField(session: Session): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
}

/** A plain error page (400, 403, 404, 409 …) inside the shell. */
export function errorPage(session: PageViewer | null, status: number, message: string | SafeHtml): string {
  return page({
    title: String(status),
    session,
    body: html`<div class="panel error-page"><h1>${status}</h1><p id="error-message">${message}</p><p><a href="/queue">返回队列</a></p></div>`,
  });
}
