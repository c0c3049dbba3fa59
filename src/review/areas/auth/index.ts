/**
 * Login, logout and the account page. A login is refused before its password is checked while the account or
 * the client's address is throttled (throttle.ts), and over plain http to a console published over https
 * (security.ts); its cookies are Secure exactly when the browser talks HTTPS.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { authenticate, changePassword, createSession, deleteSession, tokensEqual } from '../../../data/accounts.js';
import { audit } from '../../../data/review.js';
import { errorMessage } from '../../../errors.js';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { errorPage, fmtTime } from '../../layout.js';
import { browserUsesHttps, clientAddress, SESSION_COOKIE } from '../../security.js';
import { loginBlockedUntil, loginFailed, loginSucceeded } from '../../throttle.js';
import { form, query, text } from '../../validate.js';
import { accountPage, loginPage } from './page.js';

const LOGIN_COOKIE = 'jz_login';

/** A local path to go back to after login: only this console's own paths, never //host or a scheme. */
const localPath = z
  .string()
  .optional()
  .transform((v) => (v && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/queue'));

const PASSWORD_MESSAGES: Record<string, string> = {
  'the current password is wrong': '当前密码不正确。',
  'the password must have at least 8 characters': '新密码至少需要 8 个字符。',
  'the new password is the same as the current one': '新密码不能与当前密码相同。',
};

/** The login/logout/account routes, mounted at /. */
export function authArea(deps: ConsoleDeps): Hono<Env> {
  const { store, addresses } = deps;
  const app = new Hono<Env>();
  const cookieBase = (c: Context<Env>) => ({ httpOnly: true, sameSite: 'Strict' as const, secure: browserUsesHttps(c, addresses), path: '/' });
  // Over plain http to a console published over https, the Secure session cookie would be dropped. (Its
  // loopback address on the machine itself is plain http by nature, and there a cookie needs no Secure.)
  const publicHost = addresses.httpsOrigin ? new URL(addresses.httpsOrigin).host : null;
  const plainHttp = (c: Context<Env>) =>
    publicHost !== null && (c.req.header('host') ?? '').toLowerCase() === publicHost && !browserUsesHttps(c, addresses);
  const httpMessage = () => `请通过 ${addresses.httpsOrigin}/login 登录：经 http 访问时，浏览器不会保存安全登录 Cookie，登录也不安全。`;

  const loginForm = (c: Context<Env>, next: string, error: string | null, status: 200 | 401 | 403 | 429) => {
    const token = randomBytes(24).toString('base64url');
    setCookie(c, LOGIN_COOKIE, token, { ...cookieBase(c), maxAge: 3600 });
    return c.html(loginPage({ token, next, error }), status);
  };

  app.get('/login', query(z.object({ next: localPath })), (c) => {
    const { next } = c.req.valid('query');
    if (c.get('viewer')) return c.redirect(next, 302);
    if (plainHttp(c)) return c.html(loginPage({ token: null, next, error: httpMessage() }), 403);
    return loginForm(c, next, null, 200);
  });

  app.post(
    '/login',
    form(z.object({ _csrf: z.string().default(''), name: text(64), password: z.string().max(1024).default(''), next: localPath })),
    async (c) => {
      const body = c.req.valid('form');
      const cookieToken = getCookie(c, LOGIN_COOKIE) ?? '';
      if (!cookieToken || !tokensEqual(body._csrf, cookieToken)) return c.html(errorPage(null, 403, 'CSRF 校验失败，请刷新登录页。'), 403);
      if (plainHttp(c)) return c.html(loginPage({ token: null, next: body.next, error: httpMessage() }), 403);
      const address = clientAddress(c, addresses);
      const now = deps.now();
      const blocked = await loginBlockedUntil(store, { account: body.name, address, now });
      if (blocked) {
        await audit(store, { actor: body.name || '(空)', action: 'login.throttled', subject: body.name, detail: { address, by: blocked.by, until: blocked.until.toISOString() } });
        const who = blocked.by === 'account' ? '此账户' : '此地址';
        return loginForm(c, body.next, `${who}登录失败次数过多，已暂时锁定。请于 ${fmtTime(blocked.until.toISOString())}（北京时间）后再试，或请主管协助。`, 429);
      }
      const user = await authenticate(store, body.name, body.password);
      if (!user) {
        await loginFailed(store, { account: body.name, address, now });
        await audit(store, { actor: body.name || '(空)', action: 'login.failed', subject: body.name, detail: { address } });
        return loginForm(c, body.next, '用户名或密码错误。', 401);
      }
      await loginSucceeded(store, user.name);
      const s = await createSession(store, user, { ttlMs: deps.sessionTtlMs });
      deleteCookie(c, LOGIN_COOKIE, { path: '/' });
      setCookie(c, SESSION_COOKIE, s.id, { ...cookieBase(c), expires: new Date(s.expiresAt) });
      await audit(store, { actor: user.name, action: 'login', subject: user.name, detail: { address } });
      return c.redirect(body.next, 303);
    },
  );

  app.post('/logout', async (c) => {
    const v = viewerOf(c);
    await deleteSession(store, v.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    await audit(store, { actor: v.user.name, action: 'logout', subject: v.user.name });
    return c.redirect('/login', 303);
  });

  app.get('/account', (c) => c.html(accountPage(viewerOf(c), { flash: null, error: null })));

  app.post(
    '/account/password',
    form(z.object({ current: z.string().max(1024).default(''), next: z.string().max(1024).default(''), again: z.string().max(1024).default('') })),
    async (c) => {
      const v = viewerOf(c);
      const body = c.req.valid('form');
      if (body.next !== body.again) return c.html(accountPage(v, { flash: null, error: '两次输入的新密码不一致。' }), 400);
      try {
        await changePassword(store, { userId: v.user.id, current: body.current, next: body.next, keepSessionId: v.id });
      } catch (err) {
        const m = errorMessage(err);
        return c.html(accountPage(v, { flash: null, error: PASSWORD_MESSAGES[m] ?? m }), 400);
      }
      await audit(store, { actor: v.user.name, action: 'user.password', subject: v.user.name });
      return c.html(accountPage(v, { flash: '密码已修改。其他地方的登录已失效。', error: null }));
    },
  );

  app.get('/', (c) => c.redirect('/queue', 302));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  return app;
}
