import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus } from '../../../sandbox/corpus/index.js';
import { startFeedServer, type FeedServer } from '../../../sandbox/feeds.js';
import { certstreamNames, watchCertstream } from './certstream.js';
import { getEntries, getSth, parseLeaf, readCtLog } from './rfc6962.js';

let feeds: FeedServer;
beforeAll(async () => {
  // Drop the first certstream connection early so the client has to reconnect.
  feeds = await startFeedServer({ corpus, certstreamDropFirstAfter: 5 });
});
afterAll(async () => {
  await feeds?.close();
});

const lookalikes = corpus.filter((s) => s.label === 'counterfeit').map((s) => s.host);

describe('RFC 6962 log client', () => {
  it('reads the tree head and every entry in batches, following short answers', async () => {
    const sth = await getSth(feeds.ctLogUrl);
    expect(sth.treeSize).toBeGreaterThan(lookalikes.length);
    const r = await readCtLog(feeds.ctLogUrl, { entries: sth.treeSize, batchSize: 100 });
    expect(r.entries.map((e) => e.index)).toEqual([...Array(sth.treeSize).keys()]);
    expect(r.unparsed).toBe(0);
    expect(new Set(r.entries.map((e) => e.kind))).toEqual(new Set(['x509', 'precert']));
    const names = r.entries.flatMap((e) => e.names);
    expect(names).toEqual(expect.arrayContaining(lookalikes));
    expect(new Set(names)).toEqual(new Set(feeds.ctNames));
  });

  it('reads only the newest N entries', async () => {
    const sth = await getSth(feeds.ctLogUrl);
    const r = await readCtLog(feeds.ctLogUrl, { entries: 5 });
    expect(r.entries.map((e) => e.index)).toEqual([0, 1, 2, 3, 4].map((i) => sth.treeSize - 5 + i));
  });

  it('reads a precert leaf (TBS only) the same as the certificate node:crypto reads', async () => {
    const [, precert] = await getEntries(feeds.ctLogUrl, 0, 1);
    const leaf = parseLeaf(precert!.leafInput);
    expect(leaf.kind).toBe('precert');
    // extra_data of a precert entry is PrecertChainEntry: the full precertificate first.
    const len = precert!.extraData.readUIntBE(0, 3);
    const cert = new X509Certificate(precert!.extraData.subarray(3, 3 + len));
    const san = cert.subjectAltName!.split(', ').map((s) => s.replace('DNS:', ''));
    expect(new Set(leaf.names)).toEqual(new Set(san));
  });

  it('says a log it cannot reach is unreachable', async () => {
    await expect(getSth('http://127.0.0.1:9/', 2000)).rejects.toThrow(/unreachable/);
  });
});

describe('certstream client', () => {
  it('collects all_domains of certificate updates and reconnects after a drop', async () => {
    const r = await watchCertstream(feeds.certstreamUrl, { seconds: 20, maxNames: new Set(feeds.ctNames).size, backoffMs: 50 });
    expect(r.connections).toBe(2);
    expect(new Set(r.names)).toEqual(new Set(feeds.ctNames));
  });

  it('reads only certificate updates', () => {
    expect(certstreamNames('{"message_type":"heartbeat","timestamp":1}')).toEqual([]);
    expect(certstreamNames('not json')).toEqual([]);
    expect(certstreamNames('{"message_type":"certificate_update","data":{"leaf_cert":{"all_domains":["*.CX-MEM.top","cx-mem.top"]}}}')).toEqual(['cx-mem.top', 'cx-mem.top']);
  });

  it('gives up after the allowed reconnects when nothing listens', async () => {
    const r = await watchCertstream('ws://127.0.0.1:9/', { seconds: 20, maxReconnects: 2, backoffMs: 10 });
    expect(r.connections).toBe(3);
    expect(r.names).toEqual([]);
    expect(r.errors.length).toBe(3);
  });
});
