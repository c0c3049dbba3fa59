/**
 * The analysts' review console: Hono sub-apps (areas.ts) composed behind one set of guards, over the same
 * store and library calls as the CLI.
 *
 * Safety, because every page it shows was written by a criminal and the console may be reachable by others:
 * - captured HTML is never rendered; every captured string goes through the escaping `html` tag;
 * - secureHeaders: a strict Content-Security-Policy (no inline script or style, no frames, forms only to
 *   itself), nosniff, no framing, no referrer to other sites;
 * - Host pinning, trusted origins (Hono's csrf), Secure cookies where the browser talks HTTPS, the session's
 *   CSRF token on every POST (security.ts); login throttling per account and per address (throttle.ts);
 * - input validated at the edge with zod (validate.ts).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { SESSION_TTL_MS } from '../data/accounts.js';
import type { Store } from '../data/store.js';
import type { LeadCapture } from '../pipeline/leads.js';
import { loadRules } from '../rules/index.js';
import { AREAS } from './areas.js';
import type { ConsoleArea, ConsoleDeps, Env } from './context.js';
import { DiffPool } from './diff.js';
import { EVIDENCE, evidenceHandler } from './jobs/evidence.js';
import { StoreJobs, type ConsoleJobs, type JobHandler, type StoreJobsOptions } from './jobs/index.js';
import { LEAD, leadHandler } from './jobs/lead.js';
import { errorPage, type NavLink } from './layout.js';
import { consoleAddresses, hostPinning, isLoopback, originGuard, sessionGuard, type ConsoleAddresses } from './security.js';

export { isLoopback } from './security.js';

export const DEFAULT_PORT = 8787;

/** The policy every response carries (strict CSP, no framing, forms only to the console). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

export interface ConsoleOptions {
  readonly store: Store;
  /** Capture options for lead scans and evidence packets (the console's NET flags); null without a browser. */
  readonly capture: LeadCapture;
  /** Extra identity for lead scans (e.g. the NET options), as `jianzhen scan` records them. */
  readonly identity?: Record<string, unknown>;
  /** The address analysts' browsers use when the console sits behind an HTTPS reverse proxy. */
  readonly publicUrl?: string | null;
  readonly sessionTtlMs?: number;
  readonly claimTtlMs?: number;
  readonly undoWindowMs?: number;
  readonly jobs?: StoreJobsOptions;
  /**
   * Another runner for the console's jobs (review/jobs/queue.ts on a cluster's Redis), given the handlers and
   * the kinds that cannot run here; by default the in-process runner over the store's jobs table.
   */
  readonly jobRunner?: ((handlers: readonly JobHandler<never, never, unknown>[], disabled: ReadonlyMap<string, string>) => ConsoleJobs) | null;
  readonly areas?: readonly ConsoleArea[];
  readonly now?: () => Date;
}

/**
 * Builds the console app (no listening socket) for the given addresses; `startConsole` serves it. `close`
 * stops the job runner and the diff worker.
 */
export function createConsoleApp(opts: ConsoleOptions & { addresses: ConsoleAddresses }): { app: Hono<Env>; jobs: ConsoleJobs; close(): Promise<void> } {
  const { store, addresses } = opts;
  const areas = opts.areas ?? AREAS;
  const handlers: JobHandler<never, never, unknown>[] = [];
  const disabled = new Map<string, string>();
  if (opts.capture) {
    handlers.push(leadHandler(store, opts.capture, opts.identity ?? {}) as JobHandler<never, never, unknown>);
    handlers.push(evidenceHandler(store, opts.capture) as JobHandler<never, never, unknown>);
  } else {
    // Kinds stay known without a browser, so their pages can say why nothing runs.
    const none: JobHandler<never, never, unknown> = { kind: LEAD, run: async () => null };
    handlers.push(none, { ...none, kind: EVIDENCE });
    disabled.set(LEAD, '审核台启动时未找到浏览器，线索无法扫描。');
    disabled.set(EVIDENCE, '审核台启动时未找到浏览器，无法生成证据包。');
  }
  const jobs: ConsoleJobs & { start?(): void } = opts.jobRunner ? opts.jobRunner(handlers, disabled) : new StoreJobs(store, handlers, { ...opts.jobs, disabled });
  const diffs = new DiffPool();
  const deps: ConsoleDeps = {
    store,
    platforms: loadRules().platforms,
    jobs,
    diffs,
    addresses,
    sessionTtlMs: opts.sessionTtlMs ?? SESSION_TTL_MS,
    claimTtlMs: opts.claimTtlMs ?? 15 * 60_000,
    undoWindowMs: opts.undoWindowMs ?? 30 * 60_000,
    now: opts.now ?? (() => new Date()),
  };
  const nav: NavLink[] = areas.flatMap((a) => (a.nav ? [a.nav] : []));

  const app = new Hono<Env>();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` on the console's own
      // form posts, which the origin check must refuse. Other sites still get no referrer.
      referrerPolicy: 'same-origin',
      // HSTS only where the browser arrives over HTTPS (the public URL); on loopback http it means nothing.
      strictTransportSecurity: addresses.httpsOrigin ? 'max-age=15552000' : false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('*', hostPinning(addresses));
  app.use('*', ...originGuard(addresses));
  app.use('*', bodyLimit({ maxSize: 12 * 1024 * 1024, onError: (c) => c.text('请求过大（上限 12 MB）', 413) }));
  app.use('*', sessionGuard(store, () => nav));
  for (const area of areas) app.route(area.path, area.build(deps));

  app.notFound((c) => c.html(errorPage(c.get('viewer') ?? null, 404, '页面不存在。'), 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 403) return c.html(errorPage(null, 403, '拒绝跨站请求。'), 403);
    if (err instanceof HTTPException) return c.html(errorPage(c.get('viewer') ?? null, err.status, err.message || '请求有误。'), err.status);
    process.stderr.write(`review: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return c.html(errorPage(c.get('viewer') ?? null, 500, '服务器出错，已记录。'), 500);
  });

  jobs.start?.();
  return {
    app,
    jobs,
    close: async () => {
      await jobs.close();
      await diffs.close();
    },
  };
}

export interface RunningConsole {
  /** Where the console listens (http, the bound address). */
  readonly url: string;
  readonly port: number;
  readonly jobs: ConsoleJobs;
  close(): Promise<void>;
}

/** Serves the console on host:port (port 0 = ephemeral) and resolves once it listens. */
export async function startConsole(opts: ConsoleOptions & { host?: string; port?: number }): Promise<RunningConsole> {
  const host = opts.host ?? '127.0.0.1';
  // The addresses depend on the port, known only once listening (port 0): requests wait for the app.
  let built: ReturnType<typeof createConsoleApp> | null = null;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: (req, env) => (built ? built.app.fetch(req, env) : new Response('starting', { status: 503 })), hostname: host, port: opts.port ?? DEFAULT_PORT },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  built = createConsoleApp({ ...opts, addresses: consoleAddresses({ bindHost: host, port, publicUrl: opts.publicUrl ?? null }) });
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    jobs: built.jobs,
    close: async () => {
      await built!.close();
      await new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
