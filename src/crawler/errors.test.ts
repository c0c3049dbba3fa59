import { errors as playwrightErrors } from 'playwright';
import { describe, expect, it } from 'vitest';
import {
  BrowserFailureError,
  ConnectionFailedError,
  crawlErrorOf,
  DnsLookupError,
  DownloadRefusedError,
  httpErrorOf,
  NoAnswerError,
  NotAPageError,
  proxyStatusError,
  RedirectLoopError,
  retryOverHttp,
  ServerErrorError,
  SiteFailureError,
  StarvedError,
  TargetRefusedError,
  TooBigError,
} from './errors.js';

const visit = { bytesFromSite: 0, timeoutMs: 20_000 };

describe('crawlErrorOf', () => {
  it('names what the browser reported, and whose failure it is', () => {
    const cases: [string, new (...a: never[]) => Error, 'site' | 'ours'][] = [
      ['page.goto: net::ERR_TOO_MANY_REDIRECTS at http://x/', RedirectLoopError, 'site'],
      ['page.goto: net::ERR_CONNECTION_REFUSED at https://x/', ConnectionFailedError, 'site'],
      ['page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://x/', ConnectionFailedError, 'site'],
      ['Detected a session error, rotating session...\nnet::ERR_TUNNEL_CONNECTION_FAILED', ConnectionFailedError, 'site'],
      ['page.goto: Download is starting', DownloadRefusedError, 'site'],
      ['browserController.newPage() failed: 1\nCause:Target page, context or browser has been closed.', BrowserFailureError, 'ours'],
      ['page.goto: net::ERR_ABORTED at http://x/', SiteFailureError, 'site'],
    ];
    for (const [message, kind, blame] of cases) {
      const err = crawlErrorOf(new Error(message), visit);
      expect(err, message).toBeInstanceOf(kind);
      expect(err.blame, message).toBe(blame);
      expect(err.message).not.toMatch(/\n/);
    }
  });

  it('tells a silent server from an answer we were too slow to read', () => {
    const timeout = new playwrightErrors.TimeoutError('page.goto: Timeout 20000ms exceeded.');
    expect(crawlErrorOf(timeout, { bytesFromSite: 0, timeoutMs: 20_000 })).toBeInstanceOf(NoAnswerError);
    expect(crawlErrorOf(timeout, { bytesFromSite: 0, timeoutMs: 20_000 }).message).toBe('no answer: the site sent nothing within 20 s');
    const slow = crawlErrorOf(timeout, { bytesFromSite: 5120, timeoutMs: 20_000 });
    expect(slow).toBeInstanceOf(StarvedError);
    expect(slow.blame).toBe('ours');
    expect((slow as StarvedError).bytesFromSite).toBe(5120);
  });

  it('keeps an error that is already a crawl error', () => {
    const err = new TooBigError(15 * 1048576);
    expect(crawlErrorOf(err, visit)).toBe(err);
    expect(err.message).toBe('response over the 15 MB size limit: visit aborted');
  });

  it('tries http:// after a connection failure only', () => {
    expect(retryOverHttp(new ConnectionFailedError('net::ERR_SSL_PROTOCOL_ERROR'))).toBe(true);
    expect(retryOverHttp(new NoAnswerError(20))).toBe(false);
  });
});

describe('the refusals of the resolve stage', () => {
  it('say what happened and what to do next', () => {
    expect(new DnsLookupError('gone.example', 'NXDOMAIN').message).toBe('DNS: gone.example does not exist (NXDOMAIN)');
    expect(new DnsLookupError('x.example', 'SERVFAIL').stage).toBe('dns');
    const refused = TargetRefusedError.privateAddress('router.example', '10.0.0.1');
    expect(refused.stage).toBe('refused');
    expect(refused.message).toMatch(/10\.0\.0\.1.*--allow-private/);
  });
});

describe('proxyStatusError', () => {
  it('reads the guard proxy\'s own statuses as what they stand for, and leaves a server\'s alone', () => {
    const reset = proxyStatusError(595);
    expect(reset).toBeInstanceOf(ConnectionFailedError);
    expect((reset as ConnectionFailedError).transient).toBe(true);
    expect(proxyStatusError(599)).toBeInstanceOf(ServerErrorError);
    expect(proxyStatusError(599)?.message).toMatch(/^no valid HTTP answer/);
    expect(proxyStatusError(594)).toBeInstanceOf(ConnectionFailedError);
    expect(proxyStatusError(503)).toBeNull();
    expect(proxyStatusError(200)).toBeNull();
  });
});

describe('httpErrorOf', () => {
  it('names what the HTTP client reported', () => {
    const stalled = { timeoutMs: 15_000, stalled: false };
    expect(httpErrorOf(new Error('503 - Service Unavailable'), stalled)).toBeInstanceOf(ServerErrorError);
    expect(httpErrorOf(Object.assign(new Error('Redirected 11 times. Aborting.'), { name: 'MaxRedirectsError' }), stalled)).toBeInstanceOf(RedirectLoopError);
    expect(httpErrorOf(new Error('Resource http://x/ served Content-Type application/zip, but only text/html are allowed. Skipping resource.'), stalled)).toBeInstanceOf(NotAPageError);
    expect(httpErrorOf(Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:443'), { code: 'ECONNREFUSED' }), stalled)).toBeInstanceOf(ConnectionFailedError);
    const timeout = Object.assign(new Error("Timeout awaiting 'request' for 15000ms"), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect(httpErrorOf(timeout, stalled)).toBeInstanceOf(NoAnswerError);
    expect(httpErrorOf(timeout, { timeoutMs: 15_000, stalled: true })).toBeInstanceOf(StarvedError);
  });

  it('finds a crawl error carried as the cause', () => {
    const big = new TooBigError(5 * 1048576, 'fetch');
    expect(httpErrorOf(Object.assign(new Error('wrapped'), { cause: big }), { timeoutMs: 15_000, stalled: false })).toBe(big);
  });
});
