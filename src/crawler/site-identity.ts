/**
 * What a visit records for telling who runs a site, beyond the page itself: the bytes of the same-site scripts
 * the page loads (one operator's sites share a bundle), and for an https:// page the certificate its server
 * presents (one operator's sites share a certificate, or one certificate names several of them). Both go
 * through the guard proxy like every other request of the scan; both are bounded by the visit's deadline, and
 * a failure is a note, never a failed target. (The page's template is read later from the stored HTML.)
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { load as loadHtml } from 'cheerio';
import { DESKTOP_UA } from './browser.js';
import { plainGetBytes, tunnel } from './plain-fetch.js';
import { siteOf } from '../model/host.js';
import type { Artifact, PageSnapshot, ScriptCapture, TlsCertificate } from '../model/snapshot.js';

export interface SiteIdentityInput {
  /** The rendered HTML (scripts inserted by script are in it). */
  readonly html: string;
  readonly finalUrl: string;
  /** The guard proxy's URL: every request passes the private-address guard. */
  readonly guardProxy: string;
  /** Epoch ms by which everything must be done. */
  readonly deadline: number;
}

export interface SiteIdentityResult {
  readonly fields: Pick<PageSnapshot, 'scripts' | 'tls'>;
  readonly artifacts: Artifact[];
  readonly notes: string[];
}

/** At most this many scripts per page, each at most this big: a bundle is small, a page with 200 scripts is not evidence of more. */
const MAX_SCRIPTS = 12;
const MAX_SCRIPT_BYTES = 2 * 1024 * 1024;
// Generous, as the visit's deadline bounds them anyway: on a machine at load average 15 a same-site script relayed
// through the guard proxy took over 8 s, and our slowness must not cost an operator's identifier.
const SCRIPT_TIMEOUT_MS = 20_000;
const TLS_TIMEOUT_MS = 20_000;
const PARALLEL = 4;

/** The same-site scripts a page names, absolute, first seen first. */
export function sameSiteScripts(html: string, pageUrl: string, max = MAX_SCRIPTS): string[] {
  const site = siteOf(pageUrl);
  const out: string[] = [];
  loadHtml(html)('script[src]').each((_i, el) => {
    if (out.length >= max) return;
    const src = (el as { attribs: Record<string, string> }).attribs['src']?.trim() ?? '';
    let u: URL;
    try {
      u = new URL(src, pageUrl);
    } catch {
      return;
    }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || siteOf(u.hostname) !== site) return;
    u.hash = '';
    if (!out.includes(u.href)) out.push(u.href);
  });
  return out;
}

const left = (deadline: number, cap: number) => Math.max(0, Math.min(cap, deadline - Date.now()));

async function fetchScript(url: string, input: SiteIdentityInput): Promise<{ row: ScriptCapture; artifact: Artifact | null }> {
  const timeoutMs = left(input.deadline, SCRIPT_TIMEOUT_MS);
  if (timeoutMs < 500) return { row: { url, artifact: null, error: 'no time left in the visit' }, artifact: null };
  try {
    const a = await plainGetBytes(url, { proxy: input.guardProxy, userAgent: DESKTOP_UA, maxRedirects: 3, maxBytes: MAX_SCRIPT_BYTES, timeoutMs });
    if (a.status !== 200) return { row: { url, artifact: null, error: `HTTP ${a.status}` }, artifact: null };
    if (a.truncated) return { row: { url, artifact: null, error: `over ${MAX_SCRIPT_BYTES / 1048576} MB` }, artifact: null };
    const ref = { sha256: createHash('sha256').update(a.bytes).digest('hex'), mime: 'application/javascript', bytes: a.bytes.length };
    return { row: { url, artifact: ref }, artifact: { ref, data: a.bytes } };
  } catch (err) {
    return { row: { url, artifact: null, error: (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200) }, artifact: null };
  }
}

/** The certificate a TLS server presents, read as a TLS client would (not judged: a fake's bad certificate is still its own). */
export function certificateOf(cert: X509Certificate): TlsCertificate {
  const names = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .map((s) => /^DNS:(.+)$/i.exec(s.trim())?.[1]?.toLowerCase())
    .filter((s): s is string => s !== undefined);
  const iso = (d: string) => (Number.isNaN(Date.parse(d)) ? d : new Date(d).toISOString());
  return {
    sha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    sans: [...new Set(names)],
    validFrom: iso(cert.validFrom),
    validTo: iso(cert.validTo),
    serialNumber: cert.serialNumber,
  };
}

/** Opens a TLS connection to the page's host through the guard proxy and reads the leaf certificate. */
export async function fetchCertificate(pageUrl: string, guardProxy: string, timeoutMs: number): Promise<TlsCertificate> {
  const u = new URL(pageUrl);
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new Error(`no TLS handshake within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  let socket: TLSSocket | null = null;
  try {
    socket = (await tunnel(new URL(guardProxy), u.hostname, Number(u.port || 443), ctl.signal)) as TLSSocket;
    const s = socket;
    await new Promise<void>((resolve, reject) => {
      if (s.authorized || s.getPeerCertificate?.()?.raw) return resolve();
      s.once('secureConnect', () => resolve());
      s.once('error', reject);
      ctl.signal.addEventListener('abort', () => reject(ctl.signal.reason), { once: true });
    });
    const cert = s.getPeerX509Certificate();
    if (!cert) throw new Error('the server presented no certificate');
    return certificateOf(cert);
  } finally {
    clearTimeout(timer);
    socket?.destroy();
  }
}

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);

/** Takes the scripts and, for https://, the certificate, side by side within the deadline (module comment). */
export async function captureSiteIdentity(input: SiteIdentityInput): Promise<SiteIdentityResult> {
  const notes: string[] = [];
  const artifacts: Artifact[] = [];
  const urls = sameSiteScripts(input.html, input.finalUrl);
  const scripts: ScriptCapture[] = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      const got = await fetchScript(urls[i]!, input);
      scripts[i] = got.row;
      if (got.artifact) artifacts.push(got.artifact);
    }
  };
  const tlsTask = input.finalUrl.startsWith('https://')
    ? fetchCertificate(input.finalUrl, input.guardProxy, left(input.deadline, TLS_TIMEOUT_MS)).catch((err: unknown) => {
        notes.push(`TLS certificate not read: ${oneLine(err)}`);
        return null;
      })
    : Promise.resolve(null);
  const [tls] = await Promise.all([tlsTask, ...Array.from({ length: Math.min(PARALLEL, urls.length) }, worker)]);
  const failed = scripts.filter((s) => s.artifact === null).length;
  if (failed) notes.push(`${failed} of ${scripts.length} same-site script(s) not fetched for the identifier check`);
  return { fields: { ...(urls.length ? { scripts } : {}), tls }, artifacts, notes };
}
