/**
 * Decisions: one site (from the queue's c/r/p or the site page), many at once with one note (bulk), the undo
 * of the analyst's newest decision, and taking over a site another analyst holds. A site another analyst is
 * reviewing (a live claim) is not decided behind their back; an official platform's own address is never
 * confirmed as counterfeit.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { activeClaims, claimSite, releaseClaim, type Claim } from '../../../data/claims.js';
import { queueHosts } from '../../../data/console-queries.js';
import { audit, recordDecisions, undoLastDecision, type Decision } from '../../../data/review.js';
import { officialPlatformOf } from '../../../model/platform.js';
import { viewerOf, type ConsoleDeps, type Env, type Viewer } from '../../context.js';
import { html } from '../../html.js';
import { errorPage, fmtTime } from '../../layout.js';
import { checkbox, form, hostList, hostName, returnQuery, text } from '../../validate.js';
import { filterOf, queueQuery } from '../queue/filter.js';

const decision = z.enum(['confirmed', 'rejected', 'pending'], { error: '未知的审核结论。' });

/** The queue filter a return query string describes. */
function filterOfReturn(back: string) {
  return filterOf(queueQuery.parse(Object.fromEntries(new URLSearchParams(back.slice(1)))));
}

/** The site to review after `host`: the hint if nobody else holds it, else the first of the queue nobody else holds. */
export async function nextSite(deps: ConsoleDeps, viewer: Viewer, back: string, host: string, hint: string | null): Promise<string | null> {
  const order = await queueHosts(deps.store, filterOfReturn(back), deps.now());
  const free = (h: { host: string; claimedBy: string | null }) => h.host !== host && (h.claimedBy === null || h.claimedBy === viewer.user.name);
  if (hint) {
    const entry = order.find((h) => h.host === hint);
    if (entry && free(entry)) return hint;
  }
  return order.find(free)?.host ?? null;
}

function heldMessage(held: readonly Claim[]): string {
  return held.map((c) => `${c.actor} 正在审核 ${c.host}（认领至 ${fmtTime(c.expiresAt)} 北京时间）`).join('；');
}

/** The decisions area, mounted at /decisions. */
export function decisionsArea(deps: ConsoleDeps): Hono<Env> {
  const { store, platforms } = deps;
  const app = new Hono<Env>();

  /** Refuses what may not be decided: unknown hosts, official hosts confirmed, hosts another analyst holds. */
  const check = async (c: Context<Env>, hosts: readonly string[], d: Decision, takeover: boolean): Promise<Response | { host: string; scanId: string; index: number }[]> => {
    const v = viewerOf(c);
    if (hosts.length === 0) return c.html(errorPage(v, 400, '请先在队列中勾选要审核的站点。'), 400);
    if (d === 'confirmed') {
      const official = hosts.map((h) => [h, officialPlatformOf(h, platforms)] as const).filter(([, p]) => p);
      if (official.length) {
        const list = official.map(([h, p]) => `${h}（${p!.name}）`).join('、');
        return c.html(errorPage(v, 400, `${list} 是官方平台地址，不能标记为确认假冒。`), 400);
      }
    }
    const targets: { host: string; scanId: string; index: number }[] = [];
    for (const h of hosts) {
      const latest = (await store.findResults({ host: h, limit: 1 }))[0];
      if (!latest) return c.html(errorPage(v, 404, `没有这个站点：${h}。`), 404);
      targets.push({ host: latest.host ?? h, scanId: latest.scanId, index: latest.index });
    }
    if (!takeover) {
      const held = [...(await activeClaims(store, hosts, deps.now())).values()].filter((cl) => cl.actor !== v.user.name);
      if (held.length) {
        return c.html(errorPage(v, 409, html`${heldMessage(held)}。请换一个站点；确需由你审核时，在站点页点击「接手审核」。`), 409);
      }
    }
    return targets;
  };

  app.post(
    '/',
    form(
      z.object({
        host: hostName,
        decision,
        note: text(2000),
        return: returnQuery,
        next: z.string().optional().transform((s) => (s && /^[a-z0-9.-]{1,253}$/.test(s) ? s : null)),
        cursor: z.string().optional().transform((s) => (s && /^[a-z0-9.-]{1,253}$/.test(s) ? s : null)),
        from: z.enum(['queue', 'site']).default('queue'),
        takeover: checkbox,
      }),
    ),
    async (c) => {
      const v = viewerOf(c);
      const b = c.req.valid('form');
      const targets = await check(c, [b.host], b.decision, b.takeover);
      if (targets instanceof Response) return targets;
      await recordDecisions(store, { targets, decision: b.decision, note: b.note, actor: v.user.name, at: deps.now() });
      await releaseClaim(store, { hosts: [targets[0]!.host], actor: v.user.name });
      if (b.from === 'site') {
        const next = await nextSite(deps, v, b.return, targets[0]!.host, b.next);
        if (next) return c.redirect(`/site/${encodeURIComponent(next)}${b.return}`, 303);
      }
      const q = new URLSearchParams(b.return.slice(1));
      q.set('msg', b.decision);
      q.set('h', targets[0]!.host);
      if (b.cursor) q.set('cursor', b.cursor);
      return c.redirect(`/queue?${q.toString()}`, 303);
    },
  );

  app.post('/bulk', form(z.object({ hosts: hostList, decision, note: text(2000), return: returnQuery })), async (c) => {
    const v = viewerOf(c);
    const b = c.req.valid('form');
    const targets = await check(c, b.hosts, b.decision, false);
    if (targets instanceof Response) return targets;
    await recordDecisions(store, { targets, decision: b.decision, note: b.note, actor: v.user.name, at: deps.now() });
    await releaseClaim(store, { hosts: targets.map((t) => t.host), actor: v.user.name });
    const q = new URLSearchParams(b.return.slice(1));
    q.set('msg', b.decision);
    q.set('n', String(targets.length));
    q.set('h', targets[0]!.host);
    return c.redirect(`/queue?${q.toString()}`, 303);
  });

  app.post('/undo', form(z.object({ return: returnQuery })), async (c) => {
    const v = viewerOf(c);
    const b = c.req.valid('form');
    const undone = await undoLastDecision(store, { actor: v.user.name, withinMs: deps.undoWindowMs, now: deps.now() });
    if (undone.length === 0) return c.html(errorPage(v, 409, `没有可以撤销的审核结论（只能撤销自己 ${Math.round(deps.undoWindowMs / 60_000)} 分钟内的最近一次审核）。`), 409);
    const q = new URLSearchParams(b.return.slice(1));
    q.set('msg', 'undone');
    q.set('n', String(undone.length));
    return c.redirect(`/queue?${q.toString()}`, 303);
  });

  app.post('/claim', form(z.object({ host: hostName, return: returnQuery })), async (c) => {
    const v = viewerOf(c);
    const b = c.req.valid('form');
    const before = (await activeClaims(store, [b.host], deps.now())).get(b.host) ?? null;
    await claimSite(store, { host: b.host, actor: v.user.name, ttlMs: deps.claimTtlMs, takeover: true, now: deps.now() });
    if (before && before.actor !== v.user.name) await audit(store, { actor: v.user.name, action: 'claim.takeover', subject: b.host, detail: { from: before.actor } });
    return c.redirect(`/site/${encodeURIComponent(b.host)}${b.return}`, 303);
  });

  return app;
}
