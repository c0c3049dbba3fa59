import { describe, expect, it } from 'vitest';
import { describeNavigationError, unreachableReason, type ReachabilityInput } from './reachability.js';

const base: ReachabilityInput = {
  host: 'fake.example', addresses: ['45.8.1.2'], dnsError: null,
  last: { host: 'fake.example', status: 200, addresses: ['45.8.1.2'] }, error: null, blocked: [], upstreamProxy: true,
};

describe('whether the evidence visit reached the site', () => {
  it("takes the site's own answer as reached, a 404 of its own included", () => {
    expect(unreachableReason(base)).toBeNull();
    expect(unreachableReason({ ...base, last: { ...base.last!, status: 404 } })).toBeNull();
  });

  it('calls an error page only unreachable, as the scan does', () => {
    expect(unreachableReason({ ...base, last: { ...base.last!, status: 503 } })).toBe('HTTP 503：只收到错误页，没有网站内容');
  });

  it("names the guard proxy's refusal of a private address", () => {
    const v = { ...base, upstreamProxy: false, last: { ...base.last!, status: 403 }, blocked: [{ host: 'fake.example', reason: 'fake.example resolves to private address 10.0.0.5' }] };
    expect(unreachableReason(v)).toBe('防护代理拒绝访问：fake.example resolves to private address 10.0.0.5');
  });

  it('says what the browser got when nothing answered', () => {
    expect(unreachableReason({ ...base, last: null, error: 'page.goto: Timeout 30000ms exceeded.' })).toBe('浏览器未收到网站的任何应答：在限定时间内没有应答（Timeout 30000ms exceeded）');
    expect(unreachableReason({ ...base, addresses: [], dnsError: 'SERVFAIL', last: null, error: 'page.goto: net::ERR_EMPTY_RESPONSE at http://fake.example/' }))
      .toBe('域名 fake.example 没有 DNS 解析结果（SERVFAIL）；浏览器未收到任何应答：服务器没有发送任何数据就关闭了连接（net::ERR_EMPTY_RESPONSE）');
  });

  it('blames a redirect target with no DNS answer, not the host first visited', () => {
    const v = { ...base, last: { host: 'gone.example', status: 502, addresses: [] } };
    expect(unreachableReason(v)).toBe('域名 gone.example 没有 DNS 解析结果（无 A/AAAA 记录）；收到的 HTTP 502 是代理的错误应答，不是网站的页面');
  });

  it('keeps an unknown browser error as written', () => {
    expect(describeNavigationError('page.goto: Navigation failed because page crashed!')).toBe('page.goto: Navigation failed because page crashed!');
  });
});
