/** Supervisors: the audit log (GET /audit), paged and filtered so that no flood hides the real entries. */
import { Hono } from 'hono';
import { z } from 'zod';
import { beijingDayEnd, beijingDayStart } from '../../../data/console-queries.js';
import { auditFacets, auditPage as queryAudit } from '../../../data/review.js';
import { supervisorsOnly, viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { day, pageNumber, query } from '../../validate.js';
import { AUDIT_PAGE_SIZE, auditPage } from './page.js';

const auditQuery = z.object({
  actor: z.string().max(64).optional().transform((v) => v?.trim() || null),
  action: z.string().regex(/^[a-z.]{0,64}$/).optional().transform((v) => v || null),
  from: day,
  to: day,
  page: pageNumber,
});

/** The audit area, mounted at /audit. */
export function auditArea(deps: ConsoleDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', supervisorsOnly);
  app.get('/', query(auditQuery), async (c) => {
    const f = c.req.valid('query');
    const { rows, total } = await queryAudit(
      deps.store,
      { actor: f.actor, action: f.action, from: f.from ? beijingDayStart(f.from) : null, until: f.to ? beijingDayEnd(f.to) : null },
      { offset: (f.page - 1) * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE },
    );
    const facets = await auditFacets(deps.store);
    return c.html(auditPage(viewerOf(c), { entries: rows, total, filter: f, ...facets }));
  });
  return app;
}
