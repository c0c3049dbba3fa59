/**
 * The site page (GET /site/:host) and its diff overlay (GET /site/:host/diff.png). Opening a site claims it
 * for the analyst for a while (claims.ts), unless another analyst holds it, which the page then says. The
 * overlay is the one diff the console offers: this site's screenshot against its platform's reference,
 * computed in the diff worker; no other pair can be asked for.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { claimSite } from '../../../data/claims.js';
import { queueHosts } from '../../../data/console-queries.js';
import { decisionHistory } from '../../../data/review.js';
import type { Store } from '../../../data/store.js';
import type { PageSnapshot } from '../../../model/snapshot.js';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { errorPage } from '../../layout.js';
import { param, query } from '../../validate.js';
import { filterOf, filterQuery, queueQuery } from '../queue/filter.js';
import { sitePage } from './page.js';

const hostParam = z.object({ host: z.string().toLowerCase().regex(/^[a-z0-9.-]{1,253}$/, '站点名称不正确。') });

/** The site's screenshot and its platform's reference screenshot, as the page shows them (either may be missing). */
async function screenshots(store: Store, host: string, platformIds: readonly string[]) {
  const results = await store.findResults({ host, limit: 500 });
  const latest = results[0] ?? null;
  const withPage = results.find((r) => r.snapshot) ?? null;
  const platformId = latest?.platform ?? withPage?.platform ?? null;
  const reference: PageSnapshot | null =
    platformId && platformIds.includes(platformId) ? ((await store.listReferences()).find((r) => r.platform === platformId)?.snapshot ?? null) : null;
  return { results, latest, withPage, platformId, reference, shot: withPage?.snapshot?.screenshot ?? null, refShot: reference?.screenshot ?? null };
}

const isPng = (mime: string | undefined) => mime?.split(';')[0]?.trim().toLowerCase() === 'image/png';

/** The site area, mounted at /site. */
export function siteArea(deps: ConsoleDeps): Hono<Env> {
  const { store, platforms } = deps;
  const platformIds = platforms.map((p) => p.id);
  const app = new Hono<Env>();

  app.get('/:host', param(hostParam), query(queueQuery), async (c) => {
    const v = viewerOf(c);
    const { host } = c.req.valid('param');
    const s = await screenshots(store, host, platformIds);
    if (!s.latest) return c.html(errorPage(v, 404, '没有这个站点。'), 404);
    const now = deps.now();
    const claim = await claimSite(store, { host, actor: v.user.name, ttlMs: deps.claimTtlMs, now });
    const filter = filterOf(c.req.valid('query'));
    const order = await queueHosts(store, filter, now);
    const at = order.findIndex((h) => h.host === host);
    const free = (h: { host: string; claimedBy: string | null }) => h.host !== host && (h.claimedBy === null || h.claimedBy === v.user.name);
    // Next: the following site nobody else holds; a site outside the filter (just decided) gets the queue's first.
    const next = (at >= 0 ? order.slice(at + 1).find(free) : order.find(free))?.host ?? null;
    const prev = at > 0 ? (order.slice(0, at).reverse().find(free)?.host ?? null) : null;
    return c.html(
      sitePage(v, {
        host,
        latest: s.latest,
        withPage: s.withPage,
        platform: platforms.find((p) => p.id === s.platformId) ?? null,
        reference: s.reference,
        history: await store.snapshotsForHost(host),
        decisions: await decisionHistory(store, host),
        prev,
        next,
        back: filterQuery({ ...filter, page: 1 }),
        heldBy: claim.ok ? null : claim.heldBy,
        diff: !!(s.shot && s.refShot && isPng(s.shot.mime) && isPng(s.refShot.mime)),
      }),
    );
  });

  app.get('/:host/diff.png', param(hostParam), async (c) => {
    const { host } = c.req.valid('param');
    const s = await screenshots(store, host, platformIds);
    const { shot, refShot } = s;
    if (!shot || !refShot || !isPng(shot.mime) || !isPng(refShot.mime)) return c.text('没有可对比的截图', 404);
    const diff = await deps.diffs.diff(shot.sha256, refShot.sha256, async () => {
      const [a, b] = await Promise.all([store.readArtifact(shot.sha256), store.readArtifact(refShot.sha256)]);
      return a && b ? [a, b] : null;
    });
    if (!diff) return c.text('没有可对比的截图', 404);
    return c.body(new Uint8Array(diff.png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=86400' });
  });

  return app;
}
