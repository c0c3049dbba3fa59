/** The review queue (GET /queue): one page of the filtered, sorted queue with the viewer's undo bar. */
import { Hono } from 'hono';
import { z } from 'zod';
import { platformsSeen, queuePage as queryQueue } from '../../../data/console-queries.js';
import { undoableDecisions, type Decision } from '../../../data/review.js';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { DECISION_LABEL } from '../../layout.js';
import { query } from '../../validate.js';
import { filterOf, queueQuery } from './filter.js';
import { PAGE_SIZE, queuePage } from './page.js';

const flashQuery = queueQuery.extend({
  msg: z.enum(['confirmed', 'rejected', 'pending', 'undone']).optional(),
  n: z.coerce.number().int().min(0).max(100_000).optional(),
  h: z.string().max(253).optional(),
  cursor: z.string().max(253).optional(),
});

/** The queue area, mounted at /queue. */
export function queueArea(deps: ConsoleDeps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  app.get('/', query(flashQuery), async (c) => {
    const v = viewerOf(c);
    const q = c.req.valid('query');
    const filter = filterOf(q);
    const now = deps.now();
    const { rows, total } = await queryQueue(store, filter, { offset: (filter.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, now);
    let flash: string | null = null;
    if (q.msg === 'undone') flash = `已撤销 ${q.n ?? 0} 个审核结论。`;
    else if (q.msg) flash = `已将${(q.n ?? 1) > 1 ? ` ${q.n} 个站点` : ` ${q.h ?? ''} `}标记为「${DECISION_LABEL[q.msg as Decision]}」。`;
    return c.html(
      queuePage({
        viewer: v,
        filter,
        rows,
        total,
        platforms: deps.platforms,
        platformIds: await platformsSeen(store),
        cursor: q.cursor ?? null,
        flash,
        undoable: await undoableDecisions(store, { actor: v.user.name, withinMs: deps.undoWindowMs, now }),
      }),
    );
  });
  return app;
}
