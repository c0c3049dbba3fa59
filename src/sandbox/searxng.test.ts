import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchFixture } from './corpus/types.js';
import { startSearxng, type SearxngResponse } from './searxng.js';
import type { RunningServer } from './whois-server.js';

const fixtures: SearchFixture[] = [
  {
    query: '特种作业 查询',
    results: [
      { url: 'http://cx-mem-gov.cn/', title: '特种作业操作证查询', content: '全国特种作业操作证查询' },
      { url: 'http://cx.mem.gov.cn/', title: '应急管理部', content: '官方查询' },
    ],
  },
  {
    query: '特种作业',
    results: [
      { url: 'http://cx.mem.gov.cn/', title: '应急管理部', content: '官方查询' },
      ...Array.from({ length: 12 }, (_, i) => ({ url: `http://result${i}.test/`, title: `结果 ${i}`, content: '' })),
    ],
  },
  { query: '安管人员', results: [{ url: 'http://zlaq-fake.test/', title: '安管人员', content: '' }] },
];

let server: RunningServer;
let base: string;

async function getJson(path: string): Promise<{ status: number; body: SearxngResponse }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as SearxngResponse };
}

beforeAll(async () => {
  server = await startSearxng({ fixtures, host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
});

describe('sandbox SearXNG API', () => {
  it('answers JSON in SearXNG shape, merging matching fixtures without duplicate URLs', async () => {
    const q = encodeURIComponent('特种作业操作证 查询 入口');
    const { status, body } = await getJson(`/search?q=${q}&format=json`);
    expect(status).toBe(200);
    expect(body.query).toBe('特种作业操作证 查询 入口');
    expect(body.number_of_results).toBe(14);
    expect(body.results).toHaveLength(10);
    expect(body.results[0]).toEqual({
      url: 'http://cx-mem-gov.cn/',
      title: '特种作业操作证查询',
      content: '全国特种作业操作证查询',
      engine: 'sandbox',
      engines: ['sandbox'],
      score: 1,
      category: 'general',
    });
    expect(body.results.filter((r) => r.url === 'http://cx.mem.gov.cn/')).toHaveLength(1);
    expect(body).toMatchObject({ answers: [], suggestions: [], unresponsive_engines: [] });
  });

  it('pages results ten at a time', async () => {
    const { body } = await getJson(`/search?q=${encodeURIComponent('特种作业 查询')}&format=json&pageno=2`);
    expect(body.results.map((r) => r.url)).toEqual(['http://result8.test/', 'http://result9.test/', 'http://result10.test/', 'http://result11.test/']);
  });

  it('answers no results when no fixture has all its words in the query', async () => {
    const { body } = await getJson(`/search?q=${encodeURIComponent('查询')}&format=json`);
    expect(body.results).toEqual([]);
    expect(body.number_of_results).toBe(0);
  });

  it('refuses formats other than json with 403, like SearXNG without them enabled', async () => {
    expect((await fetch(`${base}/search?q=x&format=csv`)).status).toBe(403);
  });

  it('serves a small HTML home page', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<form');
  });
});
