/**
 * TLS in the sandbox internet, for the corpus sites that declare it (CorpusSite.tls): a sandbox CA and, per
 * certificate name, one certificate listing every site that names it (an operator's estate on one multi-SAN
 * certificate), or one of its own; generated with the openssl command-line tool the first time a client asks,
 * kept for the sandbox's life. The proxy terminates a CONNECT to such a site here and answers the decrypted
 * requests as it answers http://; every other CONNECT is still refused, so clients fall back to http:// as
 * they must (DESIGN.md, scan). Clients do not trust the sandbox CA: a counterfeit's certificate is never
 * trusted either, and jianzhen records it without judging it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import type { CorpusSite } from './corpus/types.js';
import { normaliseName } from './dns-server.js';

const run = promisify(execFile);

/** One certificate: the names it lists and, once made, its key and chain. */
interface CertSpec {
  readonly names: readonly string[];
}

/** The sandbox's TLS side: which hosts it serves, and their contexts (made on first use). */
export interface SandboxTls {
  /** Whether CONNECT host:443 is terminated here (a corpus site that declares TLS). */
  accepts(authority: string): boolean;
  /** The TLS context of a host's certificate (created with the CA on first call). */
  contextFor(host: string): Promise<tls.SecureContext>;
  /** The CA certificate (PEM), once made: for a test that wants to check a chain. */
  caPem(): Promise<string>;
  /** Removes the keys (they never outlive the sandbox). */
  close(): Promise<void>;
}

/** Which certificate each TLS site is served with: a named one shared with every site naming it, or its own. */
export function certificatePlan(corpus: readonly CorpusSite[]): Map<string, CertSpec> {
  const named = new Map<string, string[]>();
  const byHost = new Map<string, CertSpec>();
  for (const site of corpus) {
    if (!site.tls) continue;
    const host = normaliseName(site.host);
    const key = site.tls.certificate ?? `host:${host}`;
    named.set(key, [...(named.get(key) ?? []), host, ...(site.tls.alsoNames ?? []).map(normaliseName)]);
  }
  for (const site of corpus) {
    if (!site.tls) continue;
    const host = normaliseName(site.host);
    const names = named.get(site.tls.certificate ?? `host:${host}`)!;
    byHost.set(host, { names: [...new Set(names)] });
  }
  return byHost;
}

/** Builds the sandbox's TLS side for a corpus (nothing is generated until a client connects). */
export function sandboxTls(corpus: readonly CorpusSite[]): SandboxTls {
  const plan = certificatePlan(corpus);
  let material: Promise<{ dir: string; caKey: string; caCrt: string }> | null = null;
  const contexts = new Map<string, Promise<tls.SecureContext>>();
  const openssl = (args: string[]) => run('openssl', args, { timeout: 30_000 });

  const ca = (): Promise<{ dir: string; caKey: string; caCrt: string }> =>
    (material ??= (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'jianzhen-sandbox-tls-'));
      const caKey = join(dir, 'ca.key');
      const caCrt = join(dir, 'ca.crt');
      await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', caKey, '-out', caCrt, '-days', '3650',
        '-subj', '/CN=jianzhen sandbox CA/O=jianzhen sandbox', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
      return { dir, caKey, caCrt };
    })().catch((err: unknown) => {
      material = null;
      throw new Error(`sandbox TLS: cannot run openssl to make the sandbox CA (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); install openssl`);
    }));

  const make = async (spec: CertSpec): Promise<tls.SecureContext> => {
    const { dir, caKey, caCrt } = await ca();
    const stem = join(dir, spec.names[0]!.replace(/[^a-z0-9.-]/g, '_'));
    await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${stem}.key`, '-out', `${stem}.crt`, '-days', '825',
      '-subj', `/CN=${spec.names[0]}`, '-addext', `subjectAltName=${spec.names.map((n) => `DNS:${n}`).join(',')}`, '-addext', 'basicConstraints=CA:FALSE',
      '-addext', 'extendedKeyUsage=serverAuth', '-CA', caCrt, '-CAkey', caKey]);
    const [key, crt, caPem] = await Promise.all([readFile(`${stem}.key`), readFile(`${stem}.crt`), readFile(caCrt)]);
    return tls.createSecureContext({ key, cert: Buffer.concat([crt, caPem]) });
  };

  return {
    accepts(authority) {
      const m = /^(.*):(\d+)$/.exec(authority);
      return m !== null && m[2] === '443' && plan.has(normaliseName(m[1]!.replace(/^\[|\]$/g, '')));
    },
    contextFor(host) {
      const name = normaliseName(host);
      const spec = plan.get(name);
      if (!spec) return Promise.reject(new Error(`sandbox TLS: ${host} declares no TLS`));
      // Sites on one certificate share one context (one key, one fingerprint).
      const key = spec.names.join(' ');
      let ctx = contexts.get(key);
      if (!ctx) contexts.set(key, (ctx = make(spec)));
      return ctx;
    },
    caPem: async () => (await readFile((await ca()).caCrt)).toString('utf8'),
    close: async () => {
      const made = material && (await material.catch(() => null));
      if (made) await rm(made.dir, { recursive: true, force: true });
    },
  };
}

/**
 * Answers a CONNECT to a TLS site: 200, then a TLS server on the client's socket with the site's certificate,
 * whose decrypted requests (origin-form, "GET / HTTP/1.1") go to `inner` (innerServer), which hands them on
 * as absolute https:// URLs, exactly as the proxy receives http:// ones.
 */
export async function terminateConnect(t: SandboxTls, req: http.IncomingMessage, socket: net.Socket, head: Buffer, inner: http.Server): Promise<void> {
  const host = normaliseName((req.url ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
  let context: tls.SecureContext;
  try {
    context = await t.contextFor(host);
  } catch (err) {
    const body = `${err instanceof Error ? err.message : String(err)}\n`;
    socket.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    return;
  }
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length) socket.unshift(head);
  const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context, ALPNProtocols: ['http/1.1'] });
  secure.on('error', () => secure.destroy());
  (secure as unknown as { sandboxHost: string }).sandboxHost = host;
  inner.emit('connection', secure);
}

/**
 * The HTTP server behind TLS: turns each origin-form request into the absolute https:// URL the proxy's own
 * handler expects, and hands it over.
 */
export function innerServer(server: http.Server): http.Server {
  return http.createServer((req, res) => {
    const host = (req.socket as unknown as { sandboxHost?: string }).sandboxHost ?? String(req.headers.host ?? '').replace(/:\d+$/, '');
    req.url = `https://${host}${req.url ?? '/'}`;
    server.emit('request', req, res);
  });
}
