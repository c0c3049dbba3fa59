import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { CorpusSite, HostileBehaviour, Route } from './corpus/types.js';
import { isRegistered, normaliseName } from './dns-server.js';
import { listenTracked, type RunningServer } from './whois-server.js';
import { innerServer, sandboxTls, terminateConnect } from './tls.js';

/** One request the sandbox proxy saw; `status` 0 means no HTTP answer was given (stall, malformed). */
export interface ProxyLogEntry {
  method: string;
  url: string;
  host: string;
  status: number;
  at: string;
}

/** Everything the proxy needs; `log` is appended to as requests arrive. */
export interface ProxyOptions {
  corpus: readonly CorpusSite[];
  pagesDir: string;
  host: string;
  port: number;
  stallMs: number;
  log: ProxyLogEntry[];
}

const HUGE_BODY_BYTES = 40 * 1024 * 1024;
const DOWNLOAD_BYTES = 2 * 1024 * 1024;
const MAX_FORM_BYTES = 1024 * 1024;

export const NO_RECORD_TEXT = '没有查询到相关证件信息！';
export const VALID_TEXT = '查询结果：证件有效';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a page file, from its extension; HTML when unknown. */
export function contentTypeFor(file: string | undefined): string {
  const ext = file ? path.extname(file).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'text/html; charset=utf-8';
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/** Finds the route for a URL: the exact path with its query first, then the path alone. */
export function findRoute(site: CorpusSite, url: URL): Route | undefined {
  for (const key of [url.pathname + url.search, url.pathname]) {
    if (Object.hasOwn(site.routes, key)) return site.routes[key];
  }
  return undefined;
}

function hasBehaviour(site: CorpusSite, behaviour: HostileBehaviour): boolean {
  return Object.values(site.routes).some((r) => r.kind === 'hostile' && r.behaviour === behaviour);
}

/** Resolves a page file under pagesDir, refusing paths that climb out of it. */
function pageFilePath(pagesDir: string, file: string): string {
  const root = path.resolve(pagesDir);
  const full = path.resolve(root, file);
  if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`sandbox: page file outside pagesDir: ${file}`);
  return full;
}

/** Reads a query's fields from the query string and, for POST, a urlencoded or JSON body. */
async function readForm(req: http.IncomingMessage, url: URL): Promise<Map<string, string>> {
  const fields = new Map<string, string>(url.searchParams);
  if (req.method !== 'POST') return fields;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' || typeof v === 'number') fields.set(k, String(v));
      }
    } catch {
      // A bad JSON body is just an empty query, as a lax real endpoint would treat it.
    }
  } else {
    for (const [k, v] of new URLSearchParams(text)) fields.set(k, v);
  }
  return fields;
}

/**
 * First non-empty value among the field names the official forms and their copies use, matched without regard
 * to case: the MOHURD and SAMR forms write `idCard`, others `idcard`.
 */
function pickField(fields: Map<string, string>, names: readonly string[]): string {
  const wanted = names.map((n) => n.toLowerCase());
  for (const n of wanted) {
    for (const [k, v] of fields) if (v && k.toLowerCase() === n) return v;
  }
  return '';
}

const NAME_FIELDS = ['name', 'xm', '姓名'] as const;
const ID_FIELDS = ['idcard', 'sfzh', 'zjhm', 'certNo'] as const;

type QueryRoute = Extract<Route, { kind: 'query' }>;

/** Whether a query endpoint declares this holder's certificate valid: always, or only for the records it holds. */
export function isValidAnswer(route: QueryRoute, name: string, idcard: string): boolean {
  if (route.answer === 'always-valid') return true;
  const id = idcard.trim().toUpperCase();
  const who = name.trim();
  return (route.records ?? []).some((r) => r.idcard.toUpperCase() === id && r.name === who);
}

/** The JSON a script-driven fake's endpoint answers with; the page builds the result from it. */
export function jsonQueryAnswer(route: QueryRoute, fields: Map<string, string>): string {
  const name = pickField(fields, NAME_FIELDS);
  const idcard = pickField(fields, ID_FIELDS);
  const answer = isValidAnswer(route, name, idcard)
    ? { code: 200, valid: true, msg: VALID_TEXT, data: { name, idcard, status: '有效' } }
    : { code: 404, valid: false, msg: route.noRecordText ?? NO_RECORD_TEXT, data: null };
  return JSON.stringify(answer);
}

/** Picks the file or body a page route serves to this User-Agent: the first matching variant, else its own. */
export function pageForUserAgent(
  route: Extract<Route, { kind: 'page' }>,
  userAgent: string,
): { file?: string; body?: string } {
  for (const v of route.variants ?? []) {
    if (new RegExp(v.userAgent).test(userAgent)) return { file: v.file, body: v.body };
  }
  return { file: route.file, body: route.body };
}

/** Renders the answer of a certificate-query endpoint (the official "no record" or the forger's "valid"). */
export async function renderQueryAnswer(
  route: QueryRoute,
  fields: Map<string, string>,
  pagesDir: string,
): Promise<string> {
  const name = pickField(fields, NAME_FIELDS);
  const idcard = pickField(fields, ID_FIELDS);
  const valid = isValidAnswer(route, name, idcard);
  const noRecord = route.noRecordText ?? NO_RECORD_TEXT;
  const result = valid ? VALID_TEXT : noRecord;
  if (route.template) {
    const template = await readFile(pageFilePath(pagesDir, route.template), 'utf8');
    const values: Record<string, string> = { name, idcard, result };
    return template.replace(/\{\{(name|idcard|result)\}\}/g, (_m, key: string) => escapeHtml(values[key] ?? ''));
  }
  if (!valid) {
    return htmlPage('查询结果', `<div class="result">${escapeHtml(noRecord)}</div>`);
  }
  return htmlPage(
    '查询结果',
    `<div class="result"><p>${VALID_TEXT}</p>
<table>
<tr><th>姓名</th><td>${escapeHtml(name)}</td></tr>
<tr><th>身份证号</th><td>${escapeHtml(idcard)}</td></tr>
<tr><th>证件状态</th><td>有效</td></tr>
</table></div>`,
  );
}

/** The page that opens dialogs and popups and then never settles (adds nodes and polls every 100 ms). */
export const DIALOGS_PAGE = htmlPage(
  '证书查询',
  `<h1>证书查询</h1>
<script>
window.addEventListener('beforeunload', function (e) { e.preventDefault(); e.returnValue = '确定要离开吗？'; return '确定要离开吗？'; });
alert('请先安装安全控件');
confirm('是否继续查询？');
prompt('请输入验证码', '');
for (var i = 0; i < 5; i++) { window.open('/popup?i=' + i, '_blank'); }
var n = 0;
setInterval(function () {
  n += 1;
  var d = document.createElement('div');
  d.textContent = 'tick ' + n;
  document.body.appendChild(d);
  fetch('/poll?n=' + n).catch(function () {});
}, 100);
</script>`,
);

// Raw bytes that no HTTP parser accepts: a NUL where "HTTP/1.1" should start.
const GARBAGE = Buffer.from('\x00\x01NOT-HTTP garbage\r\n\r\n'.repeat(64), 'latin1');

function downloadBytes(): Buffer {
  const buf = Buffer.alloc(DOWNLOAD_BYTES);
  buf.write('MZ', 0, 'latin1'); // looks like a Windows executable, as the real lures are
  for (let i = 2; i < buf.length; i++) buf[i] = (i * 31 + 7) & 0xff;
  return buf;
}

/**
 * Starts the sandbox HTTP forward proxy: every absolute-URI request is answered from the corpus; CONNECT is
 * terminated with the sandbox's TLS for the sites that declare it and refused for every other, so clients
 * fall back to http://.
 */
export async function startProxy(opts: ProxyOptions): Promise<RunningServer> {
  const sites = new Map<string, CorpusSite>();
  for (const site of opts.corpus) sites.set(normaliseName(site.host), site);
  const stallTimers = new Set<NodeJS.Timeout>();

  const record = (method: string, url: string, host: string, status: number): void => {
    opts.log.push({ method, url, host, status, at: new Date().toISOString() });
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): void => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers, 'Content-Length': String(buf.length) });
    res.end(buf);
  };

  const hugeBody = (res: http.ServerResponse): void => {
    const head = Buffer.from('<!doctype html><html><head><meta charset="utf-8"><title>证书查询</title></head><body>');
    const tail = Buffer.from('</body></html>');
    const para = Buffer.from(`<p>${'x'.repeat(65536 - 8)}</p>\n`);
    const middle = HUGE_BODY_BYTES - head.length - tail.length;
    const count = Math.floor(middle / para.length);
    const rest = middle - count * para.length;
    const filler = Buffer.from(rest >= 8 ? `<p>${'x'.repeat(rest - 8)}</p>\n` : ' '.repeat(rest));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(HUGE_BODY_BYTES) });
    let gone = false;
    res.on('close', () => (gone = true));
    res.write(head);
    let written = 0;
    // Respect backpressure and stop as soon as the client goes away: 40 MB per abandoned visit adds up.
    const pump = (): void => {
      while (!gone && written < count) {
        written += 1;
        if (!res.write(para)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!gone) res.end(Buffer.concat([filler, tail]));
    };
    pump();
  };

  /** Answers a hostile route; returns the status logged (0 when no HTTP answer is given). */
  const hostile = (behaviour: HostileBehaviour, req: http.IncomingMessage, res: http.ServerResponse, url: URL): number => {
    switch (behaviour) {
      case 'redirect-loop': {
        const n = Number.parseInt(url.searchParams.get('n') ?? '0', 10);
        send(res, 302, htmlPage('Found', 'Found'), { Location: `${url.pathname}?n=${(Number.isFinite(n) ? n : 0) + 1}` });
        return 302;
      }
      case 'stall': {
        const socket = req.socket;
        socket.setTimeout(0);
        const timer = setTimeout(() => socket.destroy(), opts.stallMs);
        stallTimers.add(timer);
        socket.once('close', () => {
          clearTimeout(timer);
          stallTimers.delete(timer);
        });
        return 0;
      }
      case 'huge-body':
        hugeBody(res);
        return 200;
      case 'download':
        send(res, 200, downloadBytes(), {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment; filename="cert-tool.exe"',
        });
        return 200;
      case 'dialogs':
        send(res, 200, DIALOGS_PAGE);
        return 200;
      case 'malformed':
        req.socket.end(GARBAGE);
        return 0;
      default: {
        const never: never = behaviour;
        throw new Error(`sandbox: unknown hostile behaviour ${String(never)}`);
      }
    }
  };

  const answerRoute = async (
    route: Route,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<number> => {
    switch (route.kind) {
      case 'page': {
        const chosen = pageForUserAgent(route, String(req.headers['user-agent'] ?? ''));
        const body = chosen.file !== undefined ? await readFile(pageFilePath(opts.pagesDir, chosen.file)) : (chosen.body ?? '');
        const status = route.status ?? 200;
        // A cloaking site's answer depends on the client; say so as a careful server would (caches must not mix them).
        const vary: Record<string, string> = route.variants?.length ? { Vary: 'User-Agent' } : {};
        send(res, status, body, { 'Content-Type': route.contentType ?? contentTypeFor(chosen.file ?? route.file), ...vary, ...route.headers });
        return status;
      }
      case 'redirect': {
        const status = route.status ?? 302;
        send(res, status, htmlPage('Moved', `<a href="${escapeHtml(route.location)}">moved</a>`), { Location: route.location });
        return status;
      }
      case 'query': {
        if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') {
          send(res, 405, htmlPage('405', 'Method Not Allowed'), { Allow: 'GET, POST' });
          return 405;
        }
        const fields = await readForm(req, url);
        if (route.format === 'json') {
          send(res, 200, jsonQueryAnswer(route, fields), { 'Content-Type': 'application/json; charset=utf-8' });
        } else {
          send(res, 200, await renderQueryAnswer(route, fields, opts.pagesDir));
        }
        return 200;
      }
      case 'hostile':
        return hostile(route.behaviour, req, res, url);
      default: {
        const never: never = route;
        throw new Error(`sandbox: unknown route ${JSON.stringify(never)}`);
      }
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const raw = req.url ?? '';
    let url: URL | undefined;
    if (/^https?:\/\//i.test(raw)) {
      try {
        url = new URL(raw);
      } catch {
        url = undefined;
      }
    }
    if (!url) {
      // Origin-form ("GET /"): someone talked to the proxy as if it were a web server.
      send(res, 400, 'sandbox: this is a proxy; send absolute URLs\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      record(method, raw, String(req.headers.host ?? ''), 400);
      return;
    }
    const host = normaliseName(url.hostname.replace(/^\[|\]$/g, ''));
    const site = sites.get(host);
    if (!site || !isRegistered(site)) {
      send(res, 502, 'sandbox: unknown host\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      record(method, url.href, host, 502);
      return;
    }
    let route = findRoute(site, url);
    if (!route && hasBehaviour(site, 'dialogs')) {
      // The dialogs page polls /poll and opens /popup; answer them so it keeps spinning.
      if (url.pathname === '/poll') route = { kind: 'page', body: `{"n":${JSON.stringify(url.searchParams.get('n') ?? '0')}}`, contentType: 'application/json' };
      if (url.pathname === '/popup') route = { kind: 'page', body: htmlPage('广告', '<p>恭喜您中奖了</p>') };
    }
    if (!route) {
      send(res, 404, htmlPage('404 Not Found', '<h1>404 Not Found</h1>'));
      record(method, url.href, host, 404);
      return;
    }
    const status = await answerRoute(route, req, res, url);
    record(method, url.href, host, status);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) send(res, 500, `sandbox: ${message}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
      else res.destroy();
      record(req.method ?? 'GET', req.url ?? '', String(req.headers.host ?? ''), 500);
    });
  });

  // Sites that declare TLS get their CONNECT terminated here (tls.ts); every other CONNECT is refused.
  const tls = sandboxTls(opts.corpus);
  const inner = innerServer(server);
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => {});
    if (tls.accepts(req.url ?? '')) {
      record('CONNECT', req.url ?? '', normaliseName((req.url ?? '').replace(/:\d+$/, '')), 200);
      void terminateConnect(tls, req, socket, head, inner);
      return;
    }
    // No TLS for this site: refusing CONNECT makes clients fall back to http:// (DESIGN.md, scan).
    const body = 'sandbox: CONNECT not supported\n';
    socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    const authority = req.url ?? '';
    record('CONNECT', authority, normaliseName(authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')), 403);
  });

  const running = await listenTracked(server, opts.host, opts.port);
  return {
    ...running,
    close: async () => {
      for (const timer of stallTimers) clearTimeout(timer);
      stallTimers.clear();
      await running.close();
      await tls.close();
    },
  };
}
