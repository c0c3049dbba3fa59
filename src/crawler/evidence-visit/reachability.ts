/**
 * Whether the evidence visit reached the site, and if not why, in the words a case officer reads. A
 * browser behind a proxy always gets *some* page: when the site cannot be reached the guard proxy (or an
 * upstream proxy) answers with an error page of its own — proxy-chain's 404 "Not Found" for a name with no
 * DNS answer, its 59x codes for a refused or broken connection, the sandbox's 502. Such a page is not the
 * site's, so it must never be recorded as "page loaded". The rule follows the scan's (DESIGN.md,
 * `unreachable`): no DNS answer, no HTTP answer, or an error page only.
 */

/** proxy-chain's own status codes (its statuses.ts), each meaning the site was not reached. */
const PROXY_STATUS: Readonly<Record<number, string>> = {
  590: '上游代理拒绝建立连接',
  592: '服务器的应答状态码无效',
  593: '域名无法解析',
  594: '连接被拒绝',
  595: '连接被重置',
  596: '连接中断',
  597: '上游代理认证失败',
  599: '服务器没有给出有效的 HTTP 应答',
};

/** Chromium's network errors (net_error_list.h) as a sentence; the code stays beside it. */
const NET_ERRORS: readonly (readonly [RegExp, string])[] = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/, '域名无法解析'],
  [/ERR_CONNECTION_REFUSED/, '连接被拒绝'],
  [/ERR_CONNECTION_RESET/, '连接被重置'],
  [/ERR_EMPTY_RESPONSE|ERR_CONNECTION_CLOSED/, '服务器没有发送任何数据就关闭了连接'],
  [/ERR_TUNNEL_CONNECTION_FAILED|ERR_PROXY_CONNECTION_FAILED/, '经代理无法建立到网站的连接'],
  [/ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT|Timeout \d+ms exceeded/, '在限定时间内没有应答'],
  [/ERR_INVALID_HTTP_RESPONSE|ERR_INVALID_RESPONSE/, '服务器的应答不是有效的 HTTP'],
  [/ERR_TOO_MANY_REDIRECTS/, '重定向次数过多'],
  [/ERR_(SSL|CERT)_\w+/, 'TLS 握手或证书校验失败'],
  [/ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_ACCESS_DENIED/, '网络不可达'],
];

/** A browser error (Playwright's message) as a sentence with its code, e.g. 连接被拒绝（net::ERR_CONNECTION_REFUSED）. */
export function describeNavigationError(message: string): string {
  const code = /net::ERR_\w+/.exec(message)?.[0] ?? /Timeout \d+ms exceeded/.exec(message)?.[0] ?? null;
  const known = NET_ERRORS.find(([re]) => re.test(message));
  if (known) return `${known[1]}（${code ?? message.slice(0, 120)}）`;
  return message.split('\n')[0]!.slice(0, 300);
}

/** The last document the main frame received, as the reachability test needs it. */
export interface LastDocument {
  readonly host: string;
  readonly status: number;
  /** The addresses the host resolved to (empty: no DNS answer); an IP literal is its own address. */
  readonly addresses: readonly string[];
}

export interface ReachabilityInput {
  /** The host visited first and its fresh DNS answer (error: NXDOMAIN, SERVFAIL, … or null). */
  readonly host: string;
  readonly addresses: readonly string[];
  readonly dnsError: string | null;
  /** The main frame's last document, or null when the browser got none. */
  readonly last: LastDocument | null;
  /** The navigation's error, when it failed. */
  readonly error: string | null;
  /** Requests the guard refused, as `url: reason` with their host. */
  readonly blocked: readonly { readonly host: string; readonly reason: string }[];
  /** Whether an upstream proxy (`--proxy`) stands between the guard and the site. */
  readonly upstreamProxy: boolean;
}

/** null when the site answered with a page of its own, else why it was not reached (Chinese, one sentence). */
export function unreachableReason(v: ReachabilityInput): string | null {
  const noDns = (host: string, error: string | null): string => `域名 ${host} 没有 DNS 解析结果（${error ?? '无 A/AAAA 记录'}）`;
  const who = v.upstreamProxy ? '代理' : '本机防护代理';
  if (v.last === null) {
    if (v.addresses.length === 0) return `${noDns(v.host, v.dnsError)}；浏览器未收到任何应答${v.error ? `：${describeNavigationError(v.error)}` : ''}`;
    return `浏览器未收到网站的任何应答：${v.error ? describeNavigationError(v.error) : '原因不明'}`;
  }
  const { host, status } = v.last;
  const refused = v.blocked.find((b) => b.host === host);
  if (refused && status === 403) return `防护代理拒绝访问：${refused.reason}`;
  const proxyWords = PROXY_STATUS[status];
  if (proxyWords) return `${proxyWords}（HTTP ${status} 是${who}的错误应答，不是网站的页面）`;
  if (v.last.addresses.length === 0) {
    const err = host === v.host ? v.dnsError : null;
    return `${noDns(host, err)}；收到的 HTTP ${status} 是${who}的错误应答，不是网站的页面`;
  }
  if (status >= 500) return `HTTP ${status}：只收到错误页，没有网站内容`;
  return null;
}
