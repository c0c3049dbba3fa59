/**
 * Why a visit failed, as classes the crawl branches on with `instanceof`: whose failure it is (the site's,
 * recorded as its result, or ours, retried and never recorded as the site's `unreachable`), whether an
 * https:// URL is worth trying again over http://, and the one line a result's `error` carries.
 *
 * Playwright and Chromium report network failures only as `net::ERR_…` codes inside messages, so
 * `crawlErrorOf` is the one place that reads a message; everything after it reads the class.
 */
import { errors as playwrightErrors } from 'playwright';
import { JianzhenError } from '../errors.js';

/** Whose failure it is: the site's (its result says so) or ours (the visit is retried). */
export type Blame = 'site' | 'ours';

/** The stage a failure belongs to, as CaptureOutcome records it. */
export type FailureStage = 'dns' | 'refused' | 'fetch';

/** A visit that failed; `message` is the one line a result's `error` carries. */
export abstract class CrawlError extends JianzhenError {
  abstract readonly blame: Blame;
  readonly stage: FailureStage = 'fetch';
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 1, options);
  }
}

/** A failure the site caused: recorded as its result. */
export abstract class SiteError extends CrawlError {
  readonly blame = 'site';
}

/** A failure of ours (our browser, our slowness): the visit is retried, never recorded as the site's. */
export abstract class OurError extends CrawlError {
  readonly blame = 'ours';
}

/** The name has no address: NXDOMAIN, SERVFAIL, a resolver timeout. Nothing was sent to the site. */
export class DnsLookupError extends SiteError {
  override readonly stage = 'dns';
  readonly rcode: string;
  constructor(host: string, rcode: string) {
    super('dns', rcode === 'NXDOMAIN' ? `DNS: ${host} does not exist (NXDOMAIN)` : `DNS: no address for ${host} (${rcode})`);
    this.rcode = rcode;
  }
}

/**
 * A target refused before any request was sent: its name resolves to a loopback, private or link-local
 * address (a scanner inside a government network must not probe it), or the guard proxy refused the page.
 */
export class TargetRefusedError extends SiteError {
  override readonly stage = 'refused';
  constructor(message: string) {
    super('target-refused', message);
  }

  /** The refusal of a host that resolves to a private address, with the flag that lifts it. */
  static privateAddress(host: string, address: string): TargetRefusedError {
    return new TargetRefusedError(`refused: ${host} resolves to ${address}, a loopback/private/link-local address (use --allow-private to scan it)`);
  }
}

/** The server sent nothing at all within the bound (its connection stayed silent). */
export class NoAnswerError extends SiteError {
  constructor(seconds: number) {
    super('no-answer', `no answer: the site sent nothing within ${seconds} s`);
  }
}

/** The server answered, but so slowly that the page never arrived within the bound, even on a second try. */
export class SlowAnswerError extends SiteError {
  constructor(bytes: number | null, seconds: number) {
    super('slow-answer', `no complete answer: the site ${bytes === null ? 'began to answer' : `sent ${bytes} bytes`} but did not finish the page within ${seconds} s`);
  }
}

/** The page kept moving: more redirects (HTTP, meta or script) than a visit follows. */
export class RedirectLoopError extends SiteError {
  constructor(detail = 'too many redirects (net::ERR_TOO_MANY_REDIRECTS)') {
    super('redirect-loop', `redirect loop: ${detail}`);
  }
}

/** The site sent more than a visit may download. */
export class TooBigError extends SiteError {
  constructor(maxBytes: number, what = 'visit') {
    super('too-big', `response over the ${Math.round(maxBytes / 1048576)} MB size limit: ${what} aborted`);
  }
}

/** The address is a file download, not a web page. */
export class DownloadRefusedError extends SiteError {
  constructor(detail = 'the page is a file download, not a web page') {
    super('download', `download refused: ${detail}`);
  }
}

/** The answer is not a web page a detector can read (an image, a PDF). */
export class NotAPageError extends SiteError {
  constructor(detail: string) {
    super('not-a-page', `not a web page: ${detail}`);
  }
}

/**
 * The connection could not be made or was broken: refused, reset, closed, a TLS failure, a proxy that
 * refused CONNECT. An https:// URL failing this way is tried again over http:// (DESIGN.md, scan).
 */
export class ConnectionFailedError extends SiteError {
  /** The browser's or the client's code, e.g. net::ERR_CONNECTION_REFUSED, ECONNRESET. */
  readonly netCode: string | null;
  /** A connection that broke after it was made (reset, broken pipe): worth one more try before it counts. */
  readonly transient: boolean;
  constructor(netCode: string | null, detail?: string, opts: { transient?: boolean } = {}) {
    super('connection', detail ?? (netCode ? `connection failed (${netCode})` : 'connection failed through the proxy'));
    this.netCode = netCode;
    this.transient = opts.transient ?? false;
  }
}

/** The server answered with an error page only (HTTP 5xx), or with something that is not HTTP. */
export class ServerErrorError extends SiteError {
  readonly status: number | null;
  constructor(status: number | null) {
    super(
      'server-error',
      status === null || status === 599
        ? 'no valid HTTP answer: the server sent malformed data or closed the connection'
        : `HTTP ${status}: the server answered with an error page only`,
    );
    this.status = status;
  }
}

/** Any other failure the site caused (a message the browser gave that none of the classes above names). */
export class SiteFailureError extends SiteError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('site-failure', message, options);
  }
}

/** Our browser failed: no page could be opened, the browser or its context closed under the visit. */
export class BrowserFailureError extends OurError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('browser-failure', `our browser failed (${detail}); not the site's fault`, options);
  }
}

/**
 * We were too slow to read what the site sent: the server had answered, but this machine (CPU starvation,
 * a busy browser) did not finish the page within our own bound.
 */
export class StarvedError extends OurError {
  /** Bytes the site had sent when we gave up reading (null: we cannot tell; the machine was starved). */
  readonly bytesFromSite: number | null;
  constructor(detail: string, options?: { cause?: unknown; bytesFromSite?: number | null }) {
    super('starved', `we were too slow to read the site's answer (${detail}); not the site's fault`, options);
    this.bytesFromSite = options?.bytesFromSite ?? null;
  }
}

/** Client error codes and wordings (got, Node's TLS, a proxy) of a connection that could not be made or broke. */
const HTTP_CONNECTION = /ECONNREFUSED|ECONNRESET|EPROTO|socket hang up|certificate|SSL|TLS|tunnel|CONNECT|Proxy responded|proxy|ERR_TUNNEL|self[- ]signed|EHOSTUNREACH|ENETUNREACH/i;

/**
 * Turns anything a plain HTTP fetch threw (Crawlee's HTTP crawler, got) into a CrawlError: the one place that
 * reads their codes and messages. `stalled`: this process was starved for a good part of the bound.
 */
export function httpErrorOf(err: unknown, ctx: { timeoutMs: number; stalled: boolean }): CrawlError {
  if (err instanceof CrawlError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof CrawlError) return cause;
  const e = err as { name?: string; code?: string; timings?: { response?: number } };
  const message = err instanceof Error ? err.message : String(err);
  const first = (message.split('\n')[0] ?? message).trim();
  if (/Detected a session error/.test(first)) return new ConnectionFailedError(null, 'connection failed through the proxy (refused or reset)');
  // Crawlee's HTTP crawler reports an error status as "503 - …"; 599 is proxy-chain's for no valid HTTP.
  const status = /^(5\d\d) - /.exec(first);
  if (status) return new ServerErrorError(Number(status[1]));
  if (e.name === 'MaxRedirectsError' || (/Redirected \d+ times|maxRedirects|redirect/i.test(first) && /times|loop/i.test(first))) return new RedirectLoopError(first);
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT' || /timed out|Timeout awaiting/i.test(first)) {
    const seconds = Math.round(ctx.timeoutMs / 1000);
    if (ctx.stalled) return new StarvedError(`this machine was too busy to read the answer within ${seconds} s`, { cause: err });
    // got notes when the response's headers arrived: then the site answered, too slowly.
    return e.timings?.response !== undefined ? new SlowAnswerError(null, seconds) : new NoAnswerError(seconds);
  }
  if (/served Content-Type/.test(first)) return new NotAPageError(first.replace(/^Resource \S+ served /, 'served ').replace(/ Skipping resource\.$/, ''));
  if ((e.code !== undefined && HTTP_CONNECTION.test(e.code)) || HTTP_CONNECTION.test(first)) return new ConnectionFailedError(e.code ?? null, first.slice(0, 300));
  return new SiteFailureError(first.slice(0, 300), { cause: err });
}

/**
 * What a status of 590–599 stands for: proxy-chain, our guard proxy, answers with these when it got no
 * answer upstream (refused, reset, no valid HTTP). Null for any other status, which the server sent.
 */
export function proxyStatusError(status: number): CrawlError | null {
  switch (status) {
    case 593:
      return new ConnectionFailedError('ENOTFOUND', 'connection failed: the proxy could not resolve the host');
    case 594:
      return new ConnectionFailedError('ECONNREFUSED', 'connection failed (ECONNREFUSED): the server refused the connection');
    case 595:
    case 596:
      return new ConnectionFailedError(status === 595 ? 'ECONNRESET' : 'EPIPE', `connection failed (${status === 595 ? 'ECONNRESET' : 'EPIPE'}): the connection broke before the answer was complete`, { transient: true });
    case 590:
    case 592:
    case 599:
      return new ServerErrorError(null);
    default:
      return null;
  }
}

/** Whether a failure of an https:// URL is one after which http:// is tried. */
export function retryOverHttp(err: CrawlError): boolean {
  return err instanceof ConnectionFailedError;
}

const NET_CODE = /net::ERR_[A-Z_]+/;
const CONNECTION_CODES =
  /ERR_TUNNEL_CONNECTION_FAILED|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_SSL_|ERR_CERT_|ERR_EMPTY_RESPONSE|ERR_PROXY_CONNECTION_FAILED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_FAILED/;
/** A page, context or browser that closed under us: Chromium or Playwright gave up, not the site. */
const CLOSED_UNDER_US = /Target page, context or browser has been closed|Browser has been closed|browser has disconnected|Target closed|Page crashed|newPage\(\) (?:failed|timed out)/i;

/** What the visit knew when it failed, to tell a silent server from our own slowness. */
export interface FailureContext {
  /** Bytes the site sent for this visit, as the guard proxy counted them (null: unknown). */
  readonly bytesFromSite: number | null;
  /** The navigation bound, for the message. */
  readonly timeoutMs: number;
}

/**
 * Turns anything a visit threw (Playwright, Crawlee, our own checks) into a CrawlError: the one place that
 * reads Chromium's net::ERR codes and Playwright's messages.
 */
export function crawlErrorOf(err: unknown, ctx: FailureContext): CrawlError {
  if (err instanceof CrawlError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const first = (message.split('\n')[0] ?? message).replace(/^page\.goto: /, '').replace(/\s+at .*$/, '');
  const netCode = NET_CODE.exec(message)?.[0] ?? null;
  if (/Download is starting/.test(message)) return new DownloadRefusedError();
  if (netCode === 'net::ERR_TOO_MANY_REDIRECTS') return new RedirectLoopError();
  if (netCode !== null && CONNECTION_CODES.test(netCode)) return new ConnectionFailedError(netCode);
  if (CLOSED_UNDER_US.test(message)) return new BrowserFailureError(first.slice(0, 160), { cause: err });
  const timedOut = err instanceof playwrightErrors.TimeoutError || /Timeout \d+ms exceeded|timed out after/i.test(message);
  if (timedOut) {
    const seconds = Math.round(ctx.timeoutMs / 1000);
    // A silent server is the site's failure; an answer we did not finish reading is ours.
    if (ctx.bytesFromSite === null || ctx.bytesFromSite === 0) return new NoAnswerError(seconds);
    return new StarvedError(`the site had sent ${ctx.bytesFromSite} bytes; the page did not finish within ${seconds} s`, { cause: err, bytesFromSite: ctx.bytesFromSite });
  }
  // Crawlee's SessionError wraps a proxy/tunnel failure whose own code may be missing.
  if (/Detected a session error/.test(message)) return new ConnectionFailedError(netCode);
  if (netCode !== null) return new SiteFailureError(`${first.slice(0, 200)}`);
  return new SiteFailureError(first.slice(0, 300), { cause: err });
}

/**
 * Whether an error means the document was replaced while we read it (a late script or meta hop): the page
 * is to be settled and read again, not failed.
 */
export function navigatedUnderUs(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Execution context was destroyed|navigating and changing the content|Target page, context or browser has been closed|frame was detached/i.test(message);
}
