import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus } from '../../../sandbox/corpus/index.js';
import { startFeedServer, type FeedServer } from '../../../sandbox/feeds.js';
import { normaliseFeedName, parseCsvRows, parseFeedSpec, readCsvColumn, readFeed } from './index.js';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer({ corpus });
});
afterAll(async () => {
  await feeds?.close();
});

const lookalikes = corpus.filter((s) => s.label === 'counterfeit').map((s) => s.host);

describe('domain feeds from the sandbox feed server', () => {
  it('reads a plain list: comments skipped, URLs and upper case normalised, every look-alike kept', async () => {
    const r = await readFeed(parseFeedSpec(feeds.url + feeds.paths.txt));
    expect(r.names).toEqual(expect.arrayContaining(lookalikes));
    expect(r.names.every((n) => n === n.toLowerCase() && !n.includes('/'))).toBe(true);
    expect(r.names).not.toContain('#');
  });

  it('reads the domain column of a CSV by name and by number, despite quoted commas and newlines', async () => {
    const byName = await readFeed(parseFeedSpec(`${feeds.url}${feeds.paths.csv}#domain`));
    const byNumber = await readFeed(parseFeedSpec(`${feeds.url}${feeds.paths.csv}#2`));
    expect(byName.names).toEqual(expect.arrayContaining(lookalikes));
    expect(byNumber.names).toEqual(byName.names);
    expect(byName.skipped).toBe(0);
  });

  it('reads a newly-registered-domains file plain and zipped, from a URL and from a file', async () => {
    const plain = await readFeed(parseFeedSpec(feeds.url + feeds.paths.nrdTxt));
    const zipped = await readFeed(parseFeedSpec(feeds.url + feeds.paths.nrdZip));
    expect(plain.names.length).toBeGreaterThan(3000);
    expect(zipped.names).toEqual(plain.names);
    const dir = mkdtempSync(join(tmpdir(), 'jianzhen-feed-'));
    const file = join(dir, 'nrd.zip');
    writeFileSync(file, Buffer.from(await (await fetch(feeds.url + feeds.paths.nrdZip)).arrayBuffer()));
    expect((await readFeed(parseFeedSpec(file))).names).toEqual(plain.names);
  });

  it('says a feed it cannot fetch failed, and a missing file is a usage error', async () => {
    await expect(readFeed(parseFeedSpec(`${feeds.url}/nope.txt`))).rejects.toThrow(/HTTP 404/);
    await expect(readFeed(parseFeedSpec('/nonexistent/list.txt'))).rejects.toThrow(/no such file/);
  });
});

describe('feed parsing', () => {
  it('splits CSV rows per RFC 4180', () => {
    expect(parseCsvRows('a,b\r\n"x,1","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"\nthere'],
    ]);
  });

  it('refuses an unknown CSV column naming the header', () => {
    expect(() => readCsvColumn('host,rank\na.com,1\n', 'domain')).toThrow(/column "domain" not found \(header: host, rank\)/);
  });

  it('normalises names from lists and certificates, refusing what is not a registrable host', () => {
    const hosts = { '*.CX-MEM-GOV.cn.': 'cx-mem-gov.cn', 'https://cx-mem.top/a?b': 'cx-mem.top' };
    for (const [name, host] of Object.entries(hosts)) expect(normaliseFeedName(name), name).toBe(host);
    for (const name of ['127.0.0.1', 'localhost', 'not a name']) expect(normaliseFeedName(name), name).toBeNull();
  });

  it('takes the format from the extension and the column from #', () => {
    expect(parseFeedSpec('x.csv')).toMatchObject({ format: 'csv', zipped: false });
    expect(parseFeedSpec('http://h/x.csv.zip#3')).toMatchObject({ format: 'csv', zipped: true, column: 3 });
    expect(parseFeedSpec('nrd-2026-09-20.zip')).toMatchObject({ format: 'txt', zipped: true });
  });
});
