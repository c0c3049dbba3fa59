/** Supervisors: the users, a form to add one, role changes and disabling. */
import type { User } from '../../../data/accounts.js';
import type { Viewer } from '../../context.js';
import { html } from '../../html.js';
import { csrfField, page, ROLE_LABEL, timeCell } from '../../layout.js';

/** The users page. */
export function usersPage(viewer: Viewer, opts: { users: readonly User[]; flash: string | null; error: string | null }): string {
  const body = html`
  <h1>用户</h1>
  ${opts.flash ? html`<div class="flash" role="status">${opts.flash}</div>` : ''}
  ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  <div class="panel"><table><thead><tr><th>用户名</th><th>角色</th><th>状态</th><th>创建时间（北京时间）</th><th>操作</th></tr></thead><tbody>
  ${opts.users.map(
    (u) => html`<tr><td>${u.name}</td><td>${ROLE_LABEL[u.role]}</td><td>${u.disabled ? '已停用' : '正常'}</td><td>${timeCell(u.createdAt)}</td>
      <td>${u.id === viewer.user.id ? html`<span class="hint">当前用户</span>` : html`
        <form method="post" action="/users/${encodeURIComponent(u.name)}" class="inline-form">${csrfField(viewer)}
          <input type="hidden" name="role" value="${u.role === 'analyst' ? 'supervisor' : 'analyst'}">
          <button type="submit">设为${u.role === 'analyst' ? '主管' : '分析员'}</button></form>
        <form method="post" action="/users/${encodeURIComponent(u.name)}" class="inline-form">${csrfField(viewer)}
          <input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}">
          <button type="submit">${u.disabled ? '启用' : '停用'}</button></form>`}</td></tr>`,
  )}
  </tbody></table></div>
  <div class="panel"><h2>新建用户</h2>
    <form method="post" action="/users" class="filters">${csrfField(viewer)}
      <label>用户名<input type="text" name="name" required></label>
      <label>角色<select name="role"><option value="analyst">分析员</option><option value="supervisor">主管</option></select></label>
      <label>初始密码（至少 8 位）<input type="password" name="password" minlength="8" required autocomplete="new-password"></label>
      <button type="submit" class="primary">创建</button>
    </form>
  </div>`;
  return page({ title: '用户', session: viewer, nav: '/users', body });
}
