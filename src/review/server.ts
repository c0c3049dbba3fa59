/**
 * The analysts' review console: a Hono app over the same store and library calls as the CLI.
 *
 * Safety, because every page it shows was written by a criminal:
 * - captured HTML is never rendered; every captured string goes through the escaping `html` tag;
 * - a strict Content-Security-Policy (no inline script or style, no frames, forms only to itself);
 * - images only from the artifact store, by SHA-256, with their recorded type, and only raster types
 *   (SVG can carry script), always with `X-Content-Type-Options: nosniff`;
 * - sessions in HttpOnly, SameSite=Strict cookies (Secure off loopback), a CSRF token on every POST, and
 *   cross-site posts (foreign Origin or Sec-Fetch-Site) refused with 403.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import {
  authenticate,
  createSession,
  createUser,
  deleteSession,
  getSession,
  listUsers,
  ROLES,
  SESSION_TTL_MS,
  tokensEqual,
  updateUser,
  type Role,
  type Session,
} from '../data/accounts.js';
import { artifactInfo, platformsSeen, queueHosts, queuePage as queryQueue } from '../data/console-queries.js';
import { audit, auditLog, decisionHistory, recordDecision, type Decision } from '../data/review.js';
import type { Store } from '../data/store.js';
import { JianzhenError, errorMessage } from '../errors.js';
import { loadRules } from '../rules/index.js';
import { DiffCache, pixelDiff } from './diff.js';
import { EvidenceRunner, exportTakedownList, type TakedownFormat } from './exports.js';
import { listEvidencePackets, readPacketZip } from '../data/reports.js';
import { DECISION_LABEL } from './layout.js';
import { LeadRunner, normaliseLead, readQrFromImage, type LeadCapture } from '../pipeline/leads.js';
import { overviewData } from './overview-data.js';
import { auditPage, errorPage, evidencePage, leadsPage, loginPage, overviewPage, usersPage } from './pages/other.js';
import { filterFromQuery, filterQuery, PAGE_SIZE, queuePage } from './pages/queue.js';
import { sitePage } from './pages/site.js';
import { operatorsApp } from './operators.js';

export const DEFAULT_PORT = 8787;

/** The policy every response carries (strict CSP, no framing, forms only to the console). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/** Raster types an artifact may be served as; anything else (SVG above all) is refused. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/x-icon']);

const SESSION_COOKIE = 'jz_session';
const LOGIN_COOKIE = 'jz_login';
const SHA = /^[0-9a-f]{64}$/;
const DECISIONS: readonly Decision[] = ['confirmed', 'rejected', 'pending'];

export interface ConsoleOptions {
  readonly store: Store;
  /** Capture options for lead scans (the console's NET flags); null when no browser is configured. */
  readonly capture: LeadCapture;
  /** Extra identity for lead scans (e.g. the NET options), as `jianzhen scan` records them. */
  readonly identity?: Record<string, unknown>;
  /** Mark cookies Secure: on whenever the console is served beyond loopback. */
  readonly secureCookies?: boolean;
  readonly sessionTtlMs?: number;
}

type Env = { Variables: { session: Session | null } };

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

function staticFiles(): Map<string, StaticFile> {
  const here = dirname(fileURLToPath(import.meta.url));
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  const files = new Map<string, StaticFile>();
  const add = (name: string, file: string, type: string) => files.set(name, { body: readFileSync(file), type });
  add('console.css', join(here, 'static', 'console.css'), 'text/css; charset=utf-8');
  add('console.js', join(here, 'static', 'console.js'), 'text/javascript; charset=utf-8');
  add('overview.js', join(here, 'static', 'overview.js'), 'text/javascript; charset=utf-8');
  add('chart.umd.min.js', join(chartDir, 'chart.umd.min.js'), 'text/javascript; charset=utf-8');
  return files;
}

/** A local path to go back to after login: only this console's own paths, never //host or a scheme. */
function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/queue';
}

/** A query string to return to (from a hidden field): only "?…" or nothing. */
function returnQuery(v: unknown): string {
  return typeof v === 'string' && /^\?[^\s#]*$/.test(v) ? v : '';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Builds the console app (no listening socket): tests may call `app.request`, `startConsole` serves it. */
export function createConsoleApp(opts: ConsoleOptions): { app: Hono<Env>; leads: LeadRunner; evidence: EvidenceRunner } {
  const { store } = opts;
  const rules = loadRules();
  const platforms = rules.platforms;
  const diffs = new DiffCache();
  const leads = new LeadRunner(store, opts.capture, opts.identity ?? {});
  const evidence = new EvidenceRunner(store, opts.capture);
  const files = staticFiles();
  const ttl = opts.sessionTtlMs ?? SESSION_TTL_MS;
  const app = new Hono<Env>();
  const cookieBase = { httpOnly: true, sameSite: 'Strict' as const, secure: opts.secureCookies === true, path: '/' };

  // Security headers on every response, static files and errors included.
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('X-Frame-Options', 'DENY');
    // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` on the console's own
    // form posts, which the cross-site check below must refuse. Other sites still get no referrer.
    c.res.headers.set('Referrer-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  // A POST from another site is refused before anything else looks at it: the browser's own Origin and
  // Sec-Fetch-Site headers say where a request came from, and no attacker page can forge them.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const own = new URL(c.req.url).origin;
      if ((origin !== undefined && origin !== own) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        return c.html(errorPage(null, 403, '拒绝跨站请求。'), 403);
      }
    }
    await next();
  });

  app.use('*', bodyLimit({ maxSize: 12 * 1024 * 1024, onError: (c) => c.text('请求过大（上限 12 MB）', 413) }));

  // Session: from the cookie; everything but the login page and static files needs one.
  app.use('*', async (c, next) => {
    const raw = getCookie(c, SESSION_COOKIE);
    const session = raw ? await getSession(store, raw) : null;
    c.set('session', session);
    const path = c.req.path;
    if (path === '/login' || path === '/favicon.ico' || path.startsWith('/static/')) return next();
    if (!session) {
      if (c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html')) {
        return c.redirect(`/login?next=${encodeURIComponent(path + (new URL(c.req.url).search || ''))}`, 302);
      }
      return c.text('未登录', 401);
    }
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody({ all: true });
      const token = str(body['_csrf']) || c.req.header('x-csrf-token') || '';
      if (!tokensEqual(token, session.csrfToken)) return c.html(errorPage(session, 403, 'CSRF 校验失败，请刷新页面后重试。'), 403);
    }
    return next();
  });

  const session = (c: Context<Env>): Session => c.get('session')!;
  const supervisorOnly = (c: Context<Env>) => (session(c).user.role === 'supervisor' ? null : c.html(errorPage(session(c), 403, '仅主管可以访问此页面。'), 403));

  app.get('/static/:name', (c) => {
    const f = files.get(c.req.param('name'));
    if (!f) return c.notFound();
    return c.body(new Uint8Array(f.body), 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' });
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));

  // ---- login / logout -------------------------------------------------------------------------------
  app.get('/login', (c) => {
    if (c.get('session')) return c.redirect(localPath(c.req.query('next')), 302);
    const token = randomBytes(24).toString('base64url');
    setCookie(c, LOGIN_COOKIE, token, { ...cookieBase, maxAge: 3600 });
    return c.html(loginPage({ token, next: localPath(c.req.query('next')), error: null }));
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const cookieToken = getCookie(c, LOGIN_COOKIE) ?? '';
    if (!cookieToken || !tokensEqual(str(body['_csrf']), cookieToken)) return c.html(errorPage(null, 403, 'CSRF 校验失败，请刷新登录页。'), 403);
    const name = str(body['name']).trim().slice(0, 64);
    const user = await authenticate(store, name, str(body['password']));
    const next = localPath(str(body['next']));
    if (!user) {
      await audit(store, { actor: name || '(空)', action: 'login.failed', subject: name });
      const token = randomBytes(24).toString('base64url');
      setCookie(c, LOGIN_COOKIE, token, { ...cookieBase, maxAge: 3600 });
      return c.html(loginPage({ token, next, error: '用户名或密码错误。' }), 401);
    }
    const s = await createSession(store, user, { ttlMs: ttl });
    deleteCookie(c, LOGIN_COOKIE, { path: '/' });
    setCookie(c, SESSION_COOKIE, s.id, { ...cookieBase, expires: new Date(s.expiresAt) });
    await audit(store, { actor: user.name, action: 'login', subject: user.name });
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const s = session(c);
    await deleteSession(store, s.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    await audit(store, { actor: s.user.name, action: 'logout', subject: s.user.name });
    return c.redirect('/login', 303);
  });

  app.get('/', (c) => c.redirect('/queue', 302));

  // ---- queue and decisions --------------------------------------------------------------------------
  app.get('/queue', async (c) => {
    const filter = filterFromQuery((k) => c.req.query(k));
    const { rows, total } = await queryQueue(store, filter, { offset: (filter.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    const msg = c.req.query('msg');
    const decided = DECISIONS.find((d) => d === msg);
    const flash = decided ? `已将 ${c.req.query('h') ?? ''} 标记为「${DECISION_LABEL[decided]}」。` : null;
    return c.html(
      queuePage({ session: session(c), filter, rows, total, platforms, platformIds: await platformsSeen(store), cursor: c.req.query('cursor') ?? null, flash }),
    );
  });

  const decide = async (c: Context<Env>, host: string, decision: string, note: string): Promise<{ ok: true; host: string } | { ok: false; res: Response }> => {
    const d = DECISIONS.find((x) => x === decision);
    if (!d) return { ok: false, res: c.html(errorPage(session(c), 400, '未知的审核结论。'), 400) };
    const latest = (await store.findResults({ host: host.toLowerCase(), limit: 1 }))[0];
    if (!latest) return { ok: false, res: c.html(errorPage(session(c), 404, '没有这个站点。'), 404) };
    await recordDecision(store, { host: latest.host ?? host, decision: d, note: note.slice(0, 2000), actor: session(c).user.name, scanId: latest.scanId, index: latest.index });
    return { ok: true, host: latest.host ?? host };
  };

  app.post('/queue/decision', async (c) => {
    const body = await c.req.parseBody();
    const r = await decide(c, str(body['host']), str(body['decision']), '');
    if (!r.ok) return r.res;
    const back = new URLSearchParams(returnQuery(body['return']).slice(1));
    back.set('msg', str(body['decision']));
    back.set('h', r.host);
    const cursor = str(body['cursor']);
    if (cursor) back.set('cursor', cursor);
    return c.redirect(`/queue?${back.toString()}`, 303);
  });

  app.get('/site/:host', async (c) => {
    const host = c.req.param('host').toLowerCase();
    const results = await store.findResults({ host, limit: 500 });
    const latest = results[0];
    if (!latest) return c.html(errorPage(session(c), 404, '没有这个站点。'), 404);
    const filter = filterFromQuery((k) => c.req.query(k));
    const order = await queueHosts(store, filter);
    const at = order.indexOf(host);
    // A site outside the current filter (just decided, say) still gets a "next": the queue's first site.
    const next = at >= 0 ? (order[at + 1] ?? null) : (order.find((h) => h !== host) ?? null);
    const prev = at > 0 ? order[at - 1]! : null;
    const withPage = results.find((r) => r.snapshot) ?? null;
    const platformId = latest.platform ?? withPage?.platform ?? null;
    const reference = platformId ? ((await store.listReferences()).find((r) => r.platform === platformId)?.snapshot ?? null) : null;
    return c.html(
      sitePage(session(c), {
        host,
        latest,
        withPage,
        platform: platforms.find((p) => p.id === platformId) ?? null,
        reference,
        history: await store.snapshotsForHost(host),
        decisions: await decisionHistory(store, host),
        prev,
        next,
        back: filterQuery({ ...filter, page: 1 }),
      }),
    );
  });

  app.post('/site/:host/decision', async (c) => {
    const body = await c.req.parseBody();
    const r = await decide(c, c.req.param('host'), str(body['decision']), str(body['note']));
    if (!r.ok) return r.res;
    const back = returnQuery(body['return']);
    const next = str(body['next']).toLowerCase();
    if (next && /^[a-z0-9.-]+$/.test(next)) return c.redirect(`/site/${encodeURIComponent(next)}${back}`, 303);
    const q = new URLSearchParams(back.slice(1));
    q.set('msg', str(body['decision']));
    q.set('h', r.host);
    return c.redirect(`/queue?${q.toString()}`, 303);
  });

  app.route('/operators', operatorsApp({ store }));

  // ---- exports --------------------------------------------------------------------------------------
  app.post('/export', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body['hosts'];
    const hosts = [...new Set((Array.isArray(raw) ? raw : [raw]).filter((h): h is string => typeof h === 'string' && /^[a-z0-9.-]{1,253}$/i.test(h)).map((h) => h.toLowerCase()))];
    if (hosts.length === 0) return c.html(errorPage(session(c), 400, '请先在队列中勾选要导出的站点。'), 400);
    const format = str(body['format']);
    const actor = session(c).user.name;
    if (format === 'evidence') {
      if (!evidence.enabled) return c.html(errorPage(session(c), 503, '审核台启动时未找到浏览器，无法生成证据包。'), 503);
      await evidence.start(hosts, actor);
      return c.redirect('/evidence', 303);
    }
    if (format !== 'csv' && format !== 'json') return c.html(errorPage(session(c), 400, '未知的导出格式。'), 400);
    const dl = await exportTakedownList(store, { hosts, format: format as TakedownFormat, actor });
    return c.body(new Uint8Array(dl.body), 200, {
      'Content-Type': dl.contentType,
      'Content-Disposition': `attachment; filename="${dl.filename}"`,
    });
  });

  app.get('/evidence', async (c) => c.html(evidencePage(session(c), { jobs: evidence.list(), packets: (await listEvidencePackets(store)).reverse() })));

  app.get('/evidence/:id', async (c) => {
    const id = c.req.param('id').replace(/\.zip$/, '');
    const packet = (await listEvidencePackets(store)).find((p) => p.id === id);
    const bytes = packet ? await readPacketZip(store, packet) : null;
    if (!packet || !bytes) return c.html(errorPage(session(c), 404, '没有这个证据包。'), 404);
    await audit(store, { actor: session(c).user.name, action: 'export.evidence.download', subject: packet.host, detail: { packet: packet.id } });
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${packet.id.replace(/[^A-Za-z0-9._-]/g, '_')}.zip"`,
    });
  });

  // ---- artifacts and diffs --------------------------------------------------------------------------
  app.get('/artifact/:sha', async (c) => {
    const sha = c.req.param('sha');
    if (!SHA.test(sha)) return c.text('not found', 404);
    const info = await artifactInfo(store, sha);
    const mime = info?.mime.split(';')[0]!.trim().toLowerCase() ?? '';
    if (!info || !IMAGE_TYPES.has(mime)) return c.text('只提供图片（PNG/JPEG/GIF/WebP/ICO）', 404);
    const bytes = await store.readArtifact(sha);
    if (!bytes) return c.text('not found', 404);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': mime, 'Cache-Control': 'private, max-age=86400, immutable' });
  });

  app.get('/diff/:a/:b', async (c) => {
    const a = c.req.param('a');
    const b = c.req.param('b').replace(/\.png$/, '');
    if (!SHA.test(a) || !SHA.test(b)) return c.text('not found', 404);
    const diff = await diffs.get(a, b, async () => {
      const x = await store.readArtifact(a);
      const y = await store.readArtifact(b);
      return x && y ? pixelDiff(x, y) : null;
    });
    if (!diff) return c.text('not found', 404);
    return c.body(new Uint8Array(diff.png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=86400, immutable' });
  });

  // ---- overview and leads ---------------------------------------------------------------------------
  app.get('/overview', async (c) => c.html(overviewPage(session(c), await overviewData(store, platforms))));
  app.get('/overview/data.json', async (c) => c.json(await overviewData(store, platforms)));

  app.get('/leads', (c) => c.html(leadsPage(session(c), { leads: leads.list(), enabled: leads.enabled, error: null, focus: c.req.query('focus') ?? null })));

  app.post('/leads', async (c) => {
    const body = await c.req.parseBody();
    const s = session(c);
    const fail = (error: string) => c.html(leadsPage(s, { leads: leads.list(), enabled: leads.enabled, error, focus: null }), 400);
    let target: string | null = null;
    let source: 'url' | 'qr' = 'url';
    const photo = body['photo'];
    if (photo instanceof File && photo.size > 0) {
      source = 'qr';
      let text: string | null;
      try {
        text = await readQrFromImage(Buffer.from(await photo.arrayBuffer()));
      } catch (err) {
        return fail(`无法读取照片：${errorMessage(err)}`);
      }
      if (!text) return fail('照片中没有找到二维码。');
      target = normaliseLead(text);
      if (!target) return fail(`二维码内容不是网址：${text.slice(0, 200)}`);
    } else {
      target = normaliseLead(str(body['url']));
      if (!target) return fail('请输入 http(s) 网址或域名。');
    }
    const lead = await leads.submit(target, source, s.user.name);
    return c.redirect(`/leads?focus=${lead.id}`, 303);
  });

  // ---- supervisors: users and audit -----------------------------------------------------------------
  app.get('/users', async (c) => supervisorOnly(c) ?? c.html(usersPage(session(c), { users: await listUsers(store), flash: null, error: null })));

  app.post('/users', async (c) => {
    const denied = supervisorOnly(c);
    if (denied) return denied;
    const body = await c.req.parseBody();
    const name = str(body['name']).trim();
    const role = str(body['role']) as Role;
    try {
      if (!ROLES.includes(role)) throw new JianzhenError('usage', '未知角色', 2);
      await createUser(store, { name, role, password: str(body['password']) });
      await audit(store, { actor: session(c).user.name, action: 'user.create', subject: name, detail: { role } });
      return c.html(usersPage(session(c), { users: await listUsers(store), flash: `已创建用户 ${name}。`, error: null }));
    } catch (err) {
      return c.html(usersPage(session(c), { users: await listUsers(store), flash: null, error: errorMessage(err) }), 400);
    }
  });

  app.post('/users/:name', async (c) => {
    const denied = supervisorOnly(c);
    if (denied) return denied;
    const body = await c.req.parseBody();
    const name = c.req.param('name');
    const change: { role?: Role; disabled?: boolean } = {};
    if (ROLES.includes(str(body['role']) as Role)) change.role = str(body['role']) as Role;
    if (body['disabled'] === '1' || body['disabled'] === '0') change.disabled = body['disabled'] === '1';
    if (name.toLowerCase() === session(c).user.name.toLowerCase()) return c.html(errorPage(session(c), 400, '不能修改自己的账户。'), 400);
    try {
      await updateUser(store, name, change);
      await audit(store, { actor: session(c).user.name, action: 'user.update', subject: name, detail: change });
      return c.redirect('/users', 303);
    } catch (err) {
      return c.html(usersPage(session(c), { users: await listUsers(store), flash: null, error: errorMessage(err) }), 400);
    }
  });

  app.get('/audit', async (c) => supervisorOnly(c) ?? c.html(auditPage(session(c), await auditLog(store, 500))));

  app.notFound((c) => c.html(errorPage(c.get('session') ?? null, 404, '页面不存在。'), 404));
  app.onError((err, c) => {
    process.stderr.write(`review: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return c.html(errorPage(c.get('session') ?? null, 500, '服务器出错，已记录。'), 500);
  });

  return { app, leads, evidence };
}

export interface RunningConsole {
  readonly url: string;
  readonly port: number;
  readonly leads: LeadRunner;
  close(): Promise<void>;
}

/** Whether an address is loopback (the only place the console binds unless `--public` says otherwise). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Serves the console on host:port (port 0 = ephemeral) and resolves once it listens. */
export async function startConsole(opts: ConsoleOptions & { host?: string; port?: number }): Promise<RunningConsole> {
  const host = opts.host ?? '127.0.0.1';
  const { app, leads } = createConsoleApp({ ...opts, secureCookies: opts.secureCookies ?? !isLoopback(host) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? DEFAULT_PORT }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    leads,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
