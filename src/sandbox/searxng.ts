import http from 'node:http';
import type { SearchFixture } from './corpus/types.js';
import { escapeHtml } from './proxy.js';
import { listenTracked, type RunningServer } from './whois-server.js';

/** One result as SearXNG's JSON output lists it. */
export interface SearxngResult {
  url: string;
  title: string;
  content: string;
  engine: 'sandbox';
  engines: ['sandbox'];
  score: number;
  category: 'general';
}

/** The body of SearXNG's `/search?format=json`, limited to the fields clients read. */
export interface SearxngResponse {
  query: string;
  number_of_results: number;
  results: SearxngResult[];
  answers: string[];
  corrections: string[];
  infoboxes: unknown[];
  suggestions: string[];
  unresponsive_engines: [string, string][];
}

const PAGE_SIZE = 10;

/** True when every whitespace-separated word of the fixture's query occurs in the user's query. */
export function fixtureMatches(fixture: SearchFixture, q: string): boolean {
  const haystack = q.toLowerCase();
  const words = fixture.query.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => haystack.includes(w));
}

/** Runs a search over the fixtures: every matching fixture's results, deduplicated by URL, one page. */
export function search(fixtures: readonly SearchFixture[], q: string, pageno = 1): SearxngResponse {
  const seen = new Set<string>();
  const merged: { url: string; title: string; content: string }[] = [];
  for (const fixture of fixtures) {
    if (!fixtureMatches(fixture, q)) continue;
    for (const r of fixture.results) {
      if (seen.has(r.url)) continue;
      seen.add(r.url);
      merged.push(r);
    }
  }
  const start = (Math.max(1, pageno) - 1) * PAGE_SIZE;
  const results = merged.slice(start, start + PAGE_SIZE).map(
    (r, i): SearxngResult => ({
      url: r.url,
      title: r.title,
      content: r.content,
      engine: 'sandbox',
      engines: ['sandbox'],
      // SearXNG ranks by descending score; keep the fixture order.
      score: Number((1 / (start + i + 1)).toFixed(4)),
      category: 'general',
    }),
  );
  return {
    query: q,
    number_of_results: merged.length,
    results,
    answers: [],
    corrections: [],
    infoboxes: [],
    suggestions: [],
    unresponsive_engines: [],
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const HOME = `<!doctype html><html><head><meta charset="utf-8"><title>SearXNG (sandbox)</title></head>
<body><form action="/search" method="get"><input name="q"><button>search</button></form>
<p>Sandbox SearXNG: answers saved result sets. JSON: /search?q=…&amp;format=json</p></body></html>`;

/** Reads the form parameters of a GET query string or a urlencoded POST body. */
async function readParams(req: http.IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method !== 'POST') return params;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 65536) break;
    chunks.push(chunk);
  }
  for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.set(k, v);
  return params;
}

/** Starts the SearXNG-compatible search API serving the saved result sets. */
export async function startSearxng(opts: {
  fixtures: readonly SearchFixture[];
  host: string;
  port: number;
}): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://searxng.invalid');
      if (url.pathname === '/' && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', HOME);
      if (url.pathname !== '/search') return send(res, 404, 'text/plain; charset=utf-8', 'Not Found');
      const params = await readParams(req, url);
      const q = (params.get('q') ?? '').trim();
      const format = params.get('format') ?? 'html';
      // SearXNG answers 403 for an output format not enabled in settings.yml; only json is here.
      if (format !== 'json' && format !== 'html') return send(res, 403, 'text/html; charset=utf-8', 'Forbidden');
      if (q === '') {
        return format === 'json'
          ? send(res, 400, 'application/json', JSON.stringify({ error: 'search error: empty query' }))
          : send(res, 200, 'text/html; charset=utf-8', HOME);
      }
      const pageno = Number.parseInt(params.get('pageno') ?? '1', 10);
      const body = search(opts.fixtures, q, Number.isFinite(pageno) && pageno > 0 ? pageno : 1);
      if (format === 'json') return send(res, 200, 'application/json', JSON.stringify(body));
      const items = body.results
        .map((r) => `<article class="result"><h3><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a></h3><p>${escapeHtml(r.content)}</p></article>`)
        .join('\n');
      return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(q)} - SearXNG</title></head><body>${items}</body></html>`);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
      else res.destroy();
    });
  });
  return listenTracked(server, opts.host, opts.port);
}
