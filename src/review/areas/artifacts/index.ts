/**
 * Images from the artifact store (GET /artifact/:sha256): only raster types (SVG can carry script), only with
 * their recorded type, always with nosniff (secureHeaders). Captured HTML is an artifact too and is never served.
 */
import { Hono } from 'hono';
import { artifactInfo } from '../../../data/console-queries.js';
import type { ConsoleDeps, Env } from '../../context.js';

/** Raster types an artifact may be served as; anything else (SVG above all) is refused. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/x-icon']);

/** The artifacts area, mounted at /artifact. */
export function artifactsArea(deps: ConsoleDeps): Hono<Env> {
  const app = new Hono<Env>();
  // Anything but a SHA-256 in hex does not match the route: 404, like an unknown hash.
  app.get('/:sha{[0-9a-f]{64}}', async (c) => {
    const sha = c.req.param('sha');
    const info = await artifactInfo(deps.store, sha);
    const mime = info?.mime.split(';')[0]!.trim().toLowerCase() ?? '';
    if (!info || !IMAGE_TYPES.has(mime)) return c.text('只提供图片（PNG/JPEG/GIF/WebP/ICO）', 404);
    const bytes = await deps.store.readArtifact(sha);
    if (!bytes) return c.text('文件已不在存储中（可能已被清理）', 404);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': mime, 'Cache-Control': 'private, max-age=86400, immutable' });
  });
  return app;
}
