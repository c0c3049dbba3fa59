/** Static files: the stylesheet, the scripts (the CSP allows no inline script) and Chart.js from node_modules. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Env } from '../../context.js';

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

function staticFiles(): Map<string, StaticFile> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'static');
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, StaticFile>([
    ['console.css', { body: readFileSync(join(dir, 'console.css')), type: 'text/css; charset=utf-8' }],
    ['console.js', { body: readFileSync(join(dir, 'console.js')), type: js }],
    ['overview.js', { body: readFileSync(join(dir, 'overview.js')), type: js }],
    ['chart.umd.min.js', { body: readFileSync(join(chartDir, 'chart.umd.min.js')), type: js }],
  ]);
}

/** Serves /static/:name from the files read once at start. */
export function staticArea(): Hono<Env> {
  const files = staticFiles();
  const app = new Hono<Env>();
  app.get('/:name', (c) => {
    const f = files.get(c.req.param('name'));
    if (!f) return c.notFound();
    return c.body(new Uint8Array(f.body), 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' });
  });
  return app;
}
