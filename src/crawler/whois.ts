import { createRequire } from 'node:module';
import type { WhoisAnswer } from '../model/snapshot.js';
import { parseWhoisFields } from '../model/whois.js';

const require = createRequire(import.meta.url);
// `whois` speaks the port-43 protocol (and follows registrar referrals); it ships no types.
const whois = require('whois') as {
  lookup(domain: string, options: Record<string, unknown>, cb: (err: Error | null, data: unknown) => void): void;
};

/** Options of one WHOIS lookup: `--whois HOST:PORT` sends every query there instead of the registry's. */
export interface WhoisOptions {
  readonly server?: string | null;
  readonly timeoutMs?: number;
}

/** Asks WHOIS about a registrable domain; never throws — a failure is recorded in `error`. */
export async function lookupWhois(domain: string, opts: WhoisOptions = {}): Promise<WhoisAnswer> {
  const server = opts.server ?? null;
  try {
    const raw = await new Promise<string>((resolve, reject) => {
      whois.lookup(
        domain,
        // encoding utf8: CNNIC answers in UTF-8 and Chinese registrant names break otherwise.
        { server: server ?? undefined, follow: server ? 0 : 2, encoding: 'utf8', timeout: opts.timeoutMs ?? 8000 },
        (err, data) => (err ? reject(err) : resolve(typeof data === 'string' ? data : JSON.stringify(data))),
      );
    });
    const notFound = /no match|no matching record|not found|no entries found/i.test(raw);
    return { domain, server, raw, fields: notFound ? {} : parseWhoisFields(raw), error: notFound ? 'no match' : null };
  } catch (err) {
    return { domain, server, raw: '', fields: {}, error: err instanceof Error ? err.message : String(err) };
  }
}
