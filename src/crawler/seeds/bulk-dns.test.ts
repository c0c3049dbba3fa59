import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { UsageError } from '../../errors.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { corpus } from '../../sandbox/corpus/index.js';
import { resolveMany, type BulkDnsProgress, type BulkDnsResult } from './bulk-dns.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

async function collect(it: AsyncIterable<BulkDnsResult>): Promise<Map<string, BulkDnsResult>> {
  const out = new Map<string, BulkDnsResult>();
  for await (const r of it) out.set(r.name, r);
  return out;
}

const registered = corpus.filter((s) => (s.a?.length ?? 0) > 0);
const unregistered = corpus.filter((s) => s.label === 'unregistered').map((s) => s.host);

describe('resolveMany through the sandbox DNS', () => {
  it('reports corpus hosts as resolving with their addresses and unregistered ones as NXDOMAIN', async () => {
    const madeUp = Array.from({ length: 200 }, (_, i) => `nobody-registered-${i}.cn`);
    const names = [...registered.map((s) => s.host), ...unregistered, ...madeUp];
    const results = await collect(resolveMany(names, { server: sandbox.dnsServer, concurrency: 16 }));
    expect(results.size).toBe(names.length);
    for (const s of registered) {
      expect(results.get(s.host)).toEqual({ name: s.host, status: 'resolves', a: s.a, error: null });
    }
    for (const n of [...unregistered, ...madeUp]) expect(results.get(n)?.status).toBe('nxdomain');
  });

  it('streams lazily from an async source and reports progress for every name', async () => {
    let pulled = 0;
    async function* feed(): AsyncGenerator<string> {
      for (const s of registered.slice(0, 10)) {
        pulled++;
        yield s.host;
      }
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield `made-up-${i}.com`;
      }
    }
    const seen: BulkDnsProgress[] = [];
    const gen = resolveMany(feed(), { server: sandbox.dnsServer, concurrency: 4, onProgress: (p) => seen.push({ ...p }) });
    const first = await gen.next();
    // Only the first window of names has been pulled when the first answer arrives.
    expect(first.done).toBe(false);
    expect(pulled).toBeLessThanOrEqual(4 + 1);
    const rest = await collect(gen);
    expect(rest.size + 1).toBe(20);
    expect(seen.at(-1)).toMatchObject({ done: 20, resolves: 10, nxdomain: 10, errors: 0 });
  });

  it('answers a repeated or cached name without asking again, and yields each name once', async () => {
    const cache = new Map<string, BulkDnsResult>();
    const host = registered[0]?.host ?? '';
    const first = await collect(resolveMany([host, host, host.toUpperCase(), 'gone-away.cn'], { server: sandbox.dnsServer, cache }));
    expect([...first.keys()].sort()).toEqual([host, 'gone-away.cn'].sort());
    expect(cache.get('gone-away.cn')?.status).toBe('nxdomain');
    const progress: BulkDnsProgress[] = [];
    // A server that never answers: only the cache can answer now.
    const again = await collect(
      resolveMany([host, 'gone-away.cn'], { server: '127.0.0.1:9', cache, timeoutMs: 500, onProgress: (p) => progress.push({ ...p }) }),
    );
    expect(again.get(host)?.status).toBe('resolves');
    expect(again.get('gone-away.cn')?.status).toBe('nxdomain');
    expect(progress.at(-1)?.cached).toBe(2);
  });
});

describe('resolveMany failures', () => {
  it('records a server that never answers as an error within the time bound, and does not cache it', async () => {
    // A UDP socket that reads queries and never replies: a resolver that hangs.
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const { port } = silent.address();
    try {
      const cache = new Map<string, BulkDnsResult>();
      const results = await collect(resolveMany(['a.example.com', 'b.example.com'], { server: `127.0.0.1:${port}`, timeoutMs: 400, cache }));
      expect([...results.values()].map((r) => [r.status, r.error])).toEqual([
        ['error', 'TIMEOUT'],
        ['error', 'TIMEOUT'],
      ]);
      expect(cache.size).toBe(0);
    } finally {
      silent.close();
    }
  });

  it('rejects a bad concurrency or server address as a usage error', async () => {
    await expect(resolveMany(['x.cn'], { concurrency: 0 }).next()).rejects.toBeInstanceOf(UsageError);
    await expect(resolveMany(['x.cn'], { server: 'not a server' }).next()).rejects.toBeInstanceOf(UsageError);
  });
});
