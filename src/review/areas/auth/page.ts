/** The login page and the account page (password change). */
import { html } from '../../html.js';
import { csrfField, page } from '../../layout.js';
import type { Viewer } from '../../context.js';

/** The login form; `token` is the pre-session CSRF token also set as a cookie (double submit). */
export function loginPage(opts: { token: string | null; next: string; error: string | null }): string {
  const body = html`<div class="panel login">
    <h1>登录鉴真审核台</h1>
    ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
    ${opts.token === null
      ? ''
      : html`<form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${opts.token}">
      <input type="hidden" name="next" value="${opts.next}">
      <label>用户名<input type="text" name="name" autocomplete="username" required autofocus></label>
      <label>密码<input type="password" name="password" autocomplete="current-password" required></label>
      <button type="submit" class="primary">登录</button>
    </form>`}
    <p class="hint">账户由主管用 <code>jianzhen review --create-user 名字 --role analyst</code> 创建。</p>
  </div>`;
  return page({ title: '登录', session: null, body });
}

/** The viewer's account: a password change form. */
export function accountPage(viewer: Viewer, opts: { flash: string | null; error: string | null }): string {
  const body = html`<h1>我的账户</h1>
  ${opts.flash ? html`<div class="flash" role="status">${opts.flash}</div>` : ''}
  ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  <div class="panel narrow"><h2>修改密码</h2>
    <form method="post" action="/account/password" class="stack">${csrfField(viewer)}
      <label>当前密码<input type="password" name="current" autocomplete="current-password" required></label>
      <label>新密码（至少 8 位）<input type="password" name="next" autocomplete="new-password" minlength="8" required></label>
      <label>再次输入新密码<input type="password" name="again" autocomplete="new-password" minlength="8" required></label>
      <button type="submit" class="primary">修改密码</button>
      <p class="hint">修改后，你在其他浏览器或电脑上的登录会失效。</p>
    </form>
  </div>`;
  return page({ title: '我的账户', session: viewer, body });
}
