/**
 * The console's guards and daily-work rules over real HTTP (a console on a loopback port, a real SQLite
 * store): each attack or slip named in the test's title is refused, and each fails without its guard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../data/accounts.js';
import { activeClaims } from '../data/claims.js';
import { claimNextJob, finishJob, insertJob } from '../data/jobs.js';
import { audit, auditLog, decisionHistory, latestDecision, recordDecision } from '../data/review.js';
import { openStore, type Store } from '../data/store.js';
import { fillConsoleStore, request, sessionFor, type Answer } from '../../test/fixtures/console-store.js';
import { startConsole, type RunningConsole } from './server.js';

let dir: string;
let store: Store;
let users: { analyst: User; other: User; supervisor: User };
const consoles: RunningConsole[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jianzhen-console-'));
  store = await openStore(join(dir, 'jianzhen.db'));
  users = await fillConsoleStore(store);
});
afterEach(async () => {
  for (const c of consoles.splice(0)) await c.close();
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(opts: { publicUrl?: string } = {}): Promise<RunningConsole> {
  const c = await startConsole({ store, capture: null, port: 0, ...opts });
  consoles.push(c);
  return c;
}

const cookieOf = (a: Answer, name: string): string | null => {
  const set = ([] as string[]).concat(a.headers['set-cookie'] ?? []);
  return set.find((c) => c.startsWith(`${name}=`)) ?? null;
};

/** Opens the login page and posts the form as a browser at `origin` would, through `host`. */
async function login(port: number, name: string, password: string, o: { host?: string; origin?: string; forwardedFor?: string } = {}): Promise<Answer> {
  const host = o.host ?? `127.0.0.1:${port}`;
  const origin = o.origin ?? `http://${host}`;
  const fwd: Record<string, string> = o.forwardedFor ? { 'x-forwarded-for': o.forwardedFor } : {};
  const page = await request(port, 'GET', '/login', { headers: { host, ...fwd } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = (cookieOf(page, 'jz_login') ?? '').split(';')[0]!;
  return request(port, 'POST', '/login', { headers: { host, origin, cookie, ...fwd }, form: { _csrf: token, name, password, next: '/queue' } });
}

describe('where the console may be reached from', () => {
  it('refuses a request whose Host is not the console’s own (DNS rebinding), before any login', async () => {
    const web = await serve();
    const evil = await login(web.port, 'li', 'analyst-pass-1', { host: `evil.example:${web.port}` });
    expect(evil.status).toBe(421);
    expect(evil.body).toContain(`http://127.0.0.1:${web.port}/`);
    expect(cookieOf(evil, 'jz_session')).toBeNull();
    expect((await request(web.port, 'GET', '/login', { headers: { host: `rebind.attacker.example:${web.port}` } })).status).toBe(421);
    expect((await login(web.port, 'li', 'analyst-pass-1')).status).toBe(303);
    expect((await request(web.port, 'GET', '/login', { headers: { host: `localhost:${web.port}` } })).status).toBe(200);
  });

  it('behind an HTTPS proxy trusts the public origin: login works and its cookie is Secure', async () => {
    const web = await serve({ publicUrl: 'https://review.example.test:8443' });
    const host = 'review.example.test:8443';
    const ok = await login(web.port, 'li', 'analyst-pass-1', { host, origin: 'https://review.example.test:8443' });
    expect(ok.status).toBe(303);
    expect(cookieOf(ok, 'jz_session')).toMatch(/; Secure/i);
    expect(ok.headers['strict-transport-security']).toBe('max-age=15552000');
    // The plain-http twin of the public address: refused, saying where to log in.
    const plain = await login(web.port, 'li', 'analyst-pass-1', { host, origin: 'http://review.example.test:8443' });
    expect(plain.status).toBe(403);
    expect(plain.body).toContain('请通过 https://review.example.test:8443/');
    expect(cookieOf(plain, 'jz_session')).toBeNull();
    // A proxy saying the browser came over http gets no login form at all.
    const page = await request(web.port, 'GET', '/login', { headers: { host, 'x-forwarded-proto': 'http' } });
    expect(page.status).toBe(403);
    expect(page.body).toContain('https://review.example.test:8443/login');
    expect(page.body).not.toContain('name="password"');
    // Another site's origin.
    expect((await login(web.port, 'li', 'analyst-pass-1', { host, origin: 'https://evil.example' })).status).toBe(403);
    // On the loopback address itself (an operator on the machine) the cookie is not Secure, so it works over http.
    const local = await login(web.port, 'li', 'analyst-pass-1');
    expect(local.status).toBe(303);
    expect(cookieOf(local, 'jz_session')).not.toMatch(/; Secure/i);
  });

  it('refuses posts from another origin, or with neither Origin nor Sec-Fetch-Site, and posts without the session’s token', async () => {
    const web = await serve();
    const { cookie, csrf } = await sessionFor(store, users.analyst);
    const post = (headers: Record<string, string>, form: Record<string, string>) =>
      request(web.port, 'POST', '/decisions', { headers: { cookie, ...headers }, form: { host: 'cx-mem-gov.net', decision: 'pending', ...form } });
    expect((await post({ origin: 'http://evil.example' }, { _csrf: csrf })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' }, { _csrf: csrf })).status).toBe(403);
    expect((await post({}, { _csrf: csrf })).status).toBe(403);
    expect((await post({ origin: `http://127.0.0.1:${web.port}` }, {})).status).toBe(403);
    expect(await latestDecision(store, 'cx-mem-gov.net')).toBeNull();
    expect((await post({ 'sec-fetch-site': 'same-origin' }, { _csrf: csrf })).status).toBe(303);
    await recordDecision(store, { host: 'cx-mem-gov.net', decision: 'pending', actor: 'cleanup' });
  });
});

describe('login throttling', () => {
  it('locks an account after 5 failures: the right password is then refused too, even after a restart', async () => {
    const web = await serve();
    for (let i = 0; i < 5; i++) expect((await login(web.port, 'wang', `wrong-${i}`)).status).toBe(401);
    const locked = await login(web.port, 'wang', 'analyst-pass-2');
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('此账户登录失败次数过多');
    expect(locked.body).toContain('北京时间');
    expect(cookieOf(locked, 'jz_session')).toBeNull();
    await web.close();
    consoles.pop();
    const again = await serve();
    expect((await login(again.port, 'wang', 'analyst-pass-2')).status).toBe(429);
    const log = await auditLog(store, 50);
    expect(log.filter((e) => e.action === 'login.failed' && e.subject === 'wang')).toHaveLength(5);
    expect(log.some((e) => e.action === 'login.throttled' && e.subject === 'wang')).toBe(true);
    // Another account is not locked by wang's failures.
    expect((await login(again.port, 'li', 'analyst-pass-1')).status).toBe(303);
  });

  it('locks an address after 20 failures across accounts (the proxy’s X-Forwarded-For), not other addresses', async () => {
    const web = await serve({ publicUrl: 'https://review.example.test' });
    const host = 'review.example.test';
    const origin = 'https://review.example.test';
    for (let i = 0; i < 20; i++) await login(web.port, `guess${i % 4}`, 'nope-nope', { host, origin, forwardedFor: '198.51.100.66' });
    const blocked = await login(web.port, 'zhang', 'supervisor-pass-1', { host, origin, forwardedFor: '10.0.0.1, 198.51.100.66' });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toContain('此地址登录失败次数过多');
    expect((await login(web.port, 'zhang', 'supervisor-pass-1', { host, origin, forwardedFor: '198.51.100.77' })).status).toBe(303);
  });
});

describe('the audit view', () => {
  it('pages and filters so that 500 failed logins never hide the real entries', async () => {
    const web = await serve();
    const at = new Date('2026-11-10T02:00:00.000Z');
    await recordDecision(store, { host: 'zlaq-mohurd.cn', decision: 'pending', note: '待查', actor: 'li', at });
    for (let i = 0; i < 500; i++) await audit(store, { actor: 'attacker', action: 'login.failed', subject: 'li', at: new Date(at.getTime() + 60_000 + i) });
    const { cookie } = await sessionFor(store, users.supervisor);
    const first = await request(web.port, 'GET', '/audit', { headers: { cookie } });
    expect(first.status).toBe(200);
    expect(first.body).toContain('id="audit-next"');
    const byActor = await request(web.port, 'GET', '/audit?actor=li&action=decision.', { headers: { cookie } });
    expect(byActor.body).toContain('zlaq-mohurd.cn');
    expect(byActor.body).not.toContain('data-action="login.failed"');
    // 2026-11-10 02:00 UTC is 10:00 in Beijing: on the 10th, not the 9th, of Beijing's calendar.
    const day = await request(web.port, 'GET', '/audit?actor=li&from=2026-11-10&to=2026-11-10', { headers: { cookie } });
    expect(day.body).toContain('data-action="decision.pending"');
    const before = await request(web.port, 'GET', '/audit?actor=li&from=2026-11-09&to=2026-11-09', { headers: { cookie } });
    expect(before.body).not.toContain('data-action="decision.pending"');
    const { cookie: analyst } = await sessionFor(store, users.analyst);
    expect((await request(web.port, 'GET', '/audit', { headers: { cookie: analyst } })).status).toBe(403);
  });
});

describe('exports and decisions', () => {
  const post = async (port: number, path: string, user: User, form: Record<string, string | string[]>) => {
    const { cookie, csrf } = await sessionFor(store, user);
    return request(port, 'POST', path, { headers: { cookie, origin: `http://127.0.0.1:${port}` }, form: { _csrf: csrf, ...form } });
  };

  it('exports confirmed sites only, unless asked; never an official platform or a false positive', async () => {
    const web = await serve();
    await recordDecision(store, { host: 'cx-mem-gov.cn', decision: 'confirmed', actor: 'li' });
    const unconfirmed = await post(web.port, '/export', users.analyst, { hosts: ['cx-mem-gov.cn', 'xn--fiqs8s.cn'], format: 'csv' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('未审，尚未确认假冒');
    expect(unconfirmed.headers['content-disposition']).toBeUndefined();
    const asked = await post(web.port, '/export', users.analyst, { hosts: ['cx-mem-gov.cn', 'xn--fiqs8s.cn'], format: 'csv', include_unconfirmed: '1' });
    expect(asked.status).toBe(200);
    expect(asked.body).toContain('xn--fiqs8s.cn');
    const official = await post(web.port, '/export', users.analyst, { hosts: ['cx.mem.gov.cn'], format: 'json', include_unconfirmed: '1' });
    expect(official.status).toBe(400);
    expect(official.body).toContain('官方平台地址，永不导出');
    const confirmed = await post(web.port, '/export', users.analyst, { hosts: ['cx-mem-gov.cn'], format: 'csv' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers['content-disposition']).toMatch(/attachment; filename="takedown-.*\.csv"/);
  });

  it('never confirms an official platform’s own address as counterfeit', async () => {
    const web = await serve();
    const r = await post(web.port, '/decisions', users.analyst, { host: 'cx.mem.gov.cn', decision: 'confirmed' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('是官方平台地址，不能标记为确认假冒');
    expect(await latestDecision(store, 'cx.mem.gov.cn')).toBeNull();
  });

  it('decides many sites with one note, and one undo takes the whole bulk decision back', async () => {
    const web = await serve();
    const bulk = await post(web.port, '/decisions/bulk', users.other, { hosts: ['cx-mem-gov.net', 'zlaq-mohurd.cn'], decision: 'rejected', note: '同一新闻站镜像', return: '?state=all' });
    expect(bulk.status).toBe(303);
    expect(bulk.headers.location).toBe('/queue?state=all&msg=rejected&n=2&h=cx-mem-gov.net');
    expect(await latestDecision(store, 'zlaq-mohurd.cn')).toMatchObject({ decision: 'rejected', note: '同一新闻站镜像', actor: 'wang' });
    const { cookie } = await sessionFor(store, users.other);
    const queue = await request(web.port, 'GET', '/queue?state=all', { headers: { cookie } });
    expect(queue.body).toContain('id="undo"');
    const undo = await post(web.port, '/decisions/undo', users.other, { return: '?state=all' });
    expect(undo.headers.location).toBe('/queue?state=all&msg=undone&n=2');
    expect((await latestDecision(store, 'zlaq-mohurd.cn'))?.actor).not.toBe('wang');
    expect((await decisionHistory(store, 'cx-mem-gov.net')).some((d) => d.actor === 'wang')).toBe(false);
    expect((await post(web.port, '/decisions/undo', users.other, {})).status).toBe(409);
  });

  it('answers an unknown decision with a sentence, validated before the handler', async () => {
    const web = await serve();
    const r = await post(web.port, '/decisions', users.analyst, { host: 'cx-mem-gov.net', decision: 'delete-everything' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('未知的审核结论');
  });
});

describe('two analysts on one queue', () => {
  it('claims a site for whoever opens it: the other sees who reviews it, cannot decide it unawares, and may take it over', async () => {
    const web = await serve();
    const li = await sessionFor(store, users.analyst);
    const wang = await sessionFor(store, users.other);
    expect((await request(web.port, 'GET', '/site/cx-mem-gov.net', { headers: { cookie: li.cookie } })).body).not.toContain('claim-warning');
    const seen = await request(web.port, 'GET', '/site/cx-mem-gov.net', { headers: { cookie: wang.cookie } });
    expect(seen.body).toContain('id="claim-warning"');
    expect(seen.body).toContain('li 正在审核此站点');
    const queue = await request(web.port, 'GET', '/queue?state=all', { headers: { cookie: wang.cookie } });
    expect(queue.body).toContain('li 审核中');
    const origin = `http://127.0.0.1:${web.port}`;
    const decide = () => request(web.port, 'POST', '/decisions', { headers: { cookie: wang.cookie, origin }, form: { _csrf: wang.csrf, host: 'cx-mem-gov.net', decision: 'confirmed' } });
    const refused = await decide();
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('li 正在审核 cx-mem-gov.net');
    const take = await request(web.port, 'POST', '/decisions/claim', { headers: { cookie: wang.cookie, origin }, form: { _csrf: wang.csrf, host: 'cx-mem-gov.net' } });
    expect(take.status).toBe(303);
    expect((await activeClaims(store, ['cx-mem-gov.net'])).get('cx-mem-gov.net')?.actor).toBe('wang');
    expect((await auditLog(store, 5)).find((e) => e.action === 'claim.takeover')).toMatchObject({ actor: 'wang', subject: 'cx-mem-gov.net', detail: { from: 'li' } });
    expect((await decide()).status).toBe(303);
    // Deciding ends the claim.
    expect((await activeClaims(store, ['cx-mem-gov.net'])).size).toBe(0);
  });
});

describe('what an analyst reads', () => {
  it('searches by IP and title, sorts by newest, shows IDNs decoded and every time column in Beijing time', async () => {
    const web = await serve();
    const { cookie } = await sessionFor(store, users.analyst);
    const get = async (q: string) => {
      const body = (await request(web.port, 'GET', `/queue${q}`, { headers: { cookie } })).body;
      return { body, hosts: [...body.matchAll(/<tr data-host="([^"]+)"/g)].map((m) => m[1]) };
    };
    expect((await get('?state=all&q=203.0.113.8')).hosts).toEqual(['cx-mem-gov.net']);
    expect((await get('?state=all&q=安管人员')).hosts).toEqual(['zlaq-mohurd.cn']);
    const newest = await get('?state=all&verdict=all&sort=newest');
    expect(newest.hosts.slice(0, 2)).toEqual(['cx.mem.gov.cn', 'xn--fiqs8s.cn']);
    expect(newest.body).toContain('xn--fiqs8s.cn <span class="idn"');
    expect(newest.body).toContain('（中国.cn）');
    expect(newest.body).toContain('首次发现（北京时间）');
    expect(newest.body).toContain('<time datetime="2026-11-04T02:00:00.000Z" title="北京时间（UTC+8）">2026-11-04 10:00</time>');
  });

  it('changes a password with the current one', async () => {
    const web = await serve();
    const u = await sessionFor(store, users.supervisor);
    const origin = `http://127.0.0.1:${web.port}`;
    const change = (current: string, next: string) =>
      request(web.port, 'POST', '/account/password', { headers: { cookie: u.cookie, origin }, form: { _csrf: u.csrf, current, next, again: next } });
    expect((await change('wrong-password', 'new-supervisor-2')).body).toContain('当前密码不正确');
    expect((await change('supervisor-pass-1', 'new-supervisor-2')).body).toContain('密码已修改');
    expect((await login(web.port, 'zhang', 'new-supervisor-2')).status).toBe(303);
    expect((await auditLog(store, 20)).some((e) => e.action === 'user.password' && e.actor === 'zhang')).toBe(true);
  });
});

describe('diffs', () => {
  it('serves the diff a site page offers, computed off the event loop, and no other pair', async () => {
    const web = await serve();
    const { cookie } = await sessionFor(store, users.analyst);
    const page = await request(web.port, 'GET', '/site/zlaq-mohurd.cn', { headers: { cookie } });
    expect(page.body).toContain('src="/site/zlaq-mohurd.cn/diff.png"');
    const diff = await request(web.port, 'GET', '/site/zlaq-mohurd.cn/diff.png', { headers: { cookie } });
    expect(diff.status).toBe(200);
    expect(diff.headers['content-type']).toBe('image/png');
    const [a, b] = ['0'.repeat(64), 'f'.repeat(64)];
    expect((await request(web.port, 'GET', `/diff/${a}/${b}.png`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('evidence jobs', () => {
  it('lists a packet whose site could not be reached as 无法访问 with the reason, not 完成', async () => {
    const web = await serve();
    const custody = { caseCause: '伪造证件', caseNumber: null, unit: null, witnesses: [] };
    await insertJob(store, { id: 'ev-1', kind: 'evidence', actor: 'li', input: { hosts: ['cx-mem-gov.cn', 'cx-mem-gov.net'], custody } });
    const job = await claimNextJob(store, { kinds: ['evidence'], owner: 'test-runner' });
    const outcomes = [
      { host: 'cx-mem-gov.cn', packetId: 'JZ-1-cx-mem-gov.cn', reachable: false, error: '域名没有解析结果（NXDOMAIN）' },
      { host: 'cx-mem-gov.net', packetId: 'JZ-1-cx-mem-gov.net', reachable: true, error: null },
    ];
    await finishJob(store, { id: job!.id, owner: 'test-runner', state: 'done', result: { outcomes }, progress: { outcomes } });
    const { cookie } = await sessionFor(store, users.analyst);
    const body = (await request(web.port, 'GET', '/evidence', { headers: { cookie } })).body;
    expect(body).toContain('完成，其中 1 个站点无法访问');
    expect(body).toMatch(/cx-mem-gov\.cn<\/span>：<strong>无法访问<\/strong> — 域名没有解析结果（NXDOMAIN）/);
    expect(body).toContain('案由：伪造证件');
  });

  it('asks for 案由, 案件编号, 提取单位 and 见证人 before building, and refuses control characters in them', async () => {
    const web = await serve();
    await recordDecision(store, { host: 'cx-mem-gov.cn', decision: 'confirmed', actor: 'li' });
    const { cookie, csrf } = await sessionFor(store, users.analyst);
    const origin = `http://127.0.0.1:${web.port}`;
    // Without a browser the console says why no packet can be built.
    const form = await request(web.port, 'POST', '/export', { headers: { cookie, origin }, form: { _csrf: csrf, hosts: 'cx-mem-gov.cn', format: 'evidence' } });
    expect(form.status).toBe(503);
    expect(form.body).toContain('无法生成证据包');
  });
});
