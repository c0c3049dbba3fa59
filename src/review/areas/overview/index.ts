/** The overview (GET /overview) and the numbers its charts are drawn from (GET /overview/data.json). */
import { Hono } from 'hono';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { overviewData } from '../../overview-data.js';
import { overviewPage } from './page.js';

/** The overview area, mounted at /overview. */
export function overviewArea(deps: ConsoleDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/', async (c) => c.html(overviewPage(viewerOf(c), await overviewData(deps.store, deps.platforms))));
  app.get('/data.json', async (c) => c.json(await overviewData(deps.store, deps.platforms)));
  return app;
}
