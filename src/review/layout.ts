/**
 * The console's page shell and the small pieces every page shares (labels in Chinese, badges, dates).
 * Pages are server-rendered; the only scripts are files under /static (the CSP allows nothing else).
 */
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

/** A coloured verdict badge. */
export function verdictBadge(v: Verdict): SafeHtml {
  return html`<span class="badge v-${v}">${VERDICT_LABEL[v] ?? v}</span>`;
}

/** A coloured review-state badge (未审 when nobody has decided). */
export function decisionBadge(d: Decision | null): SafeHtml {
  return d ? html`<span class="badge d-${d}">${DECISION_LABEL[d]}</span>` : html`<span class="badge d-none">未审</span>`;
}

/** An ISO time shown as local "YYYY-MM-DD HH:mm" (Beijing time, which is where the analysts sit). */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const bj = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${bj.slice(0, 10)} ${bj.slice(11, 16)}`;
}

type NavKey = 'queue' | 'overview' | 'operators' | 'leads' | 'evidence' | 'users' | 'audit' | null;

/** The full page: head with the stylesheet and console.js, the top bar, the content. */
export function page(opts: { title: string; session: Session | null; nav?: NavKey; body: SafeHtml; head?: SafeHtml; scripts?: readonly string[] }): string {
  const s = opts.session;
  const link = (key: NavKey, href: string, label: string) => html`<a href="${href}" class="${opts.nav === key ? 'active' : ''}">${label}</a>`;
  const top = s
    ? html`<header class="top">
        <span class="brand">鉴真 · 审核台</span>
        <nav>
          ${link('queue', '/queue', '待审队列')}${link('overview', '/overview', '总览')}${link('operators', '/operators', '团伙')}${link('leads', '/leads', '提交线索')}${link('evidence', '/evidence', '证据包')}
          ${s.user.role === 'supervisor' ? [link('users', '/users', '用户'), link('audit', '/audit', '审计日志')] : ''}
        </nav>
        <span class="who">${s.user.name}（${ROLE_LABEL[s.user.role]}）
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
