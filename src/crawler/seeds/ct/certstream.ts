import WebSocket from 'ws';

export interface CertstreamOptions {
  /** Stop after this many seconds (required: certstream never ends by itself). */
  readonly seconds: number;
  /** Stop early once this many distinct names have been seen. */
  readonly maxNames?: number;
  /** Reconnects allowed after a drop (default 5); backoff doubles from `backoffMs` up to 30 s. */
  readonly maxReconnects?: number;
  readonly backoffMs?: number;
  /** Called for each new name (e.g. to screen it at once). */
  readonly onName?: (name: string) => void;
}

/** What a watch saw: distinct names in arrival order, messages read and connections made. */
export interface CertstreamResult {
  readonly names: string[];
  readonly updates: number;
  readonly connections: number;
  readonly errors: string[];
}

/** The names one certstream message carries: `data.leaf_cert.all_domains` of a `certificate_update`. */
export function certstreamNames(message: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(message);
  } catch {
    return [];
  }
  const d = doc as { message_type?: unknown; data?: { leaf_cert?: { all_domains?: unknown } } };
  if (d.message_type !== 'certificate_update') return [];
  const all = d.data?.leaf_cert?.all_domains;
  if (!Array.isArray(all)) return [];
  return all.filter((n): n is string => typeof n === 'string').map((n) => n.trim().toLowerCase().replace(/^\*\./, '')).filter((n) => n.includes('.'));
}

/**
 * Watches a certstream-format WebSocket (certstream-server, certstream-server-go) for `seconds`, collecting
 * the names of newly logged certificates; reconnects after a drop with doubling backoff, a bounded number of times.
 */
export async function watchCertstream(url: string, opts: CertstreamOptions): Promise<CertstreamResult> {
  const names = new Set<string>();
  const errors: string[] = [];
  let updates = 0;
  let connections = 0;
  const deadline = Date.now() + Math.max(0, opts.seconds) * 1000;
  const maxReconnects = opts.maxReconnects ?? 5;
  let backoff = opts.backoffMs ?? 500;
  const done = (): boolean => Date.now() >= deadline || (opts.maxNames !== undefined && names.size >= opts.maxNames);

  while (!done()) {
    connections += 1;
    const opened = await new Promise<boolean>((resolve) => {
      let wasOpen = false;
      const ws = new WebSocket(url, { handshakeTimeout: 10_000 });
      const stopTimer = setTimeout(() => ws.terminate(), Math.max(0, deadline - Date.now()));
      const finish = (): void => {
        clearTimeout(stopTimer);
        resolve(wasOpen);
      };
      ws.on('open', () => (wasOpen = true));
      ws.on('message', (data) => {
        const found = certstreamNames(data.toString());
        if (found.length) updates += 1;
        for (const n of found) {
          if (names.has(n)) continue;
          names.add(n);
          opts.onName?.(n);
        }
        if (done()) ws.close();
      });
      ws.on('error', (err) => errors.push(err.message));
      ws.on('close', finish);
    });
    if (done()) break;
    if (connections > maxReconnects) break;
    // A connection that opened resets the backoff; repeated failures to connect double it.
    if (opened) backoff = opts.backoffMs ?? 500;
    await new Promise((r) => setTimeout(r, Math.min(backoff, Math.max(0, deadline - Date.now()))));
    backoff = Math.min(backoff * 2, 30_000);
  }
  return { names: [...names], updates, connections, errors };
}
