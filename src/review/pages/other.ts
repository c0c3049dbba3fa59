/** The smaller pages: login, overview, leads, users (supervisors), audit log (supervisors). */
import type { Session, User } from '../../data/accounts.js';
import type { AuditEntry } from '../../data/review.js';
import { html } from '../html.js';
import { csrfField, fmtTime, page, ROLE_LABEL, VERDICT_LABEL, verdictBadge } from '../layout.js';
import type { Lead } from '../../pipeline/leads.js';
import type { OverviewData } from '../overview-data.js';
import type { EvidenceJob } from '../exports.js';
import type { EvidencePacketRecord } from '../../data/reports.js';

/** The login form; `token` is the pre-session CSRF token also set as a cookie (double submit). */
export function loginPage(opts: { token: string; next: string; error: string | null }): string {
  const body = html`<div class="panel login">
    <h1>登录鉴真审核台</h1>
    ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
    <form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${opts.token}">
      <input type="hidden" name="next" value="${opts.next}">
      <label>用户名<input type="text" name="name" autocomplete="username" required autofocus></label>
      <label>密码<input type="password" name="password" autocomplete="current-password" required></label>
      <button type="submit" class="primary">登录</button>
    </form>
    <p class="hint">账户由主管用 <code>jianzhen review --create-user 名字 --role analyst</code> 创建。</p>
  </div>`;
  return page({ title: '登录', session: null, body });
}

/** The overview dashboard; the charts are drawn by overview.js from /overview/data.json. */
export function overviewPage(session: Session, d: OverviewData): string {
  const t = d.totals;
  const stat = (label: string, n: number | string) => html`<div class="panel"><div class="muted">${label}</div><div class="stat">${n}</div></div>`;
  const body = html`
  <h1>总览</h1>
  <div class="grid3">
    ${stat('发现的可疑/假冒站点', t.found)}${stat('确认假冒', t.confirmed)}${stat('已下线（确认后扫描不可达）', t.takenDown)}
  </div>
  <div class="grid3">
    ${stat('待审（未审 + 待定）', t.open)}${stat('误报', t.rejected)}
    ${stat('从发现到下线的中位天数', d.timeToTakedown.medianDays === null ? '—' : d.timeToTakedown.medianDays.toFixed(1))}
  </div>
  <p id="chart-error" class="flash error" hidden>图表数据加载失败，请刷新页面。</p>
  <div class="grid2">
    <div class="panel"><h2>每周：发现 / 确认 / 下线</h2><div class="chart-box"><canvas id="chart-weekly" aria-label="每周发现、确认、下线的站点数"></canvas></div></div>
    <div class="panel"><h2>按仿冒平台</h2><div class="chart-box"><canvas id="chart-platform" aria-label="按平台的站点数"></canvas></div></div>
  </div>
  <div class="grid3">
    <div class="panel"><h2>从发现到下线</h2><div class="chart-box"><canvas id="chart-ttd" aria-label="下线用时分布"></canvas></div></div>
    <div class="panel"><h2>确认站点的托管国家/地区</h2><div class="chart-box"><canvas id="chart-country" aria-label="托管国家"></canvas></div></div>
    <div class="panel"><h2>确认站点的注册商</h2><div class="chart-box"><canvas id="chart-registrar" aria-label="注册商"></canvas></div></div>
  </div>
  <div class="panel"><h2>提交线索</h2>
    <p>发现可疑网址或证书照片？<a href="/leads">在此提交</a>，系统会在后台扫描并把结果放入队列。</p>
  </div>`;
  return page({ title: '总览', session, nav: 'overview', body, scripts: ['/static/chart.umd.min.js', '/static/overview.js'] });
}

const LEAD_STATE = { queued: '排队中', running: '扫描中', done: '完成', failed: '失败' } as const;

/** The lead form and the leads submitted in this console run; refreshes itself while a scan runs. */
export function leadsPage(session: Session, opts: { leads: readonly Lead[]; enabled: boolean; error: string | null; focus: string | null }): string {
  const running = opts.leads.some((l) => l.state === 'queued' || l.state === 'running');
  const body = html`
  <h1>提交线索</h1>
  ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  ${opts.enabled ? '' : html`<div class="flash error">审核台启动时未找到浏览器，线索无法扫描。</div>`}
  <div class="grid2">
    <div class="panel">
      <h2>网址</h2>
      <form method="post" action="/leads">
        ${csrfField(session)}
        <p><input type="text" name="url" placeholder="https://cx-mem-gov.example/ 或 域名" size="48" required></p>
        <button type="submit" class="primary">开始扫描</button>
      </form>
    </div>
    <div class="panel">
      <h2>证书照片（含二维码）</h2>
      <form method="post" action="/leads" enctype="multipart/form-data">
        ${csrfField(session)}
        <p><input type="file" name="photo" accept="image/png,image/jpeg,image/webp" required></p>
        <button type="submit" class="primary">识别二维码并扫描</button>
        <p class="hint">照片中的二维码网址会被读取并扫描；照片本身不保存。</p>
      </form>
    </div>
  </div>
  <div class="panel"><h2>本次提交的线索</h2>
    <table id="leads"><thead><tr><th>时间</th><th>目标</th><th>来源</th><th>提交人</th><th>状态</th><th>结果</th></tr></thead><tbody>
    ${opts.leads.length === 0 ? html`<tr><td colspan="6" class="muted">暂无。</td></tr>` : ''}
    ${opts.leads.map(
      (l) => html`<tr class="${l.id === opts.focus ? 'cursor' : ''}" data-lead="${l.id}">
        <td>${fmtTime(l.submittedAt)}</td><td class="host">${l.target}</td><td>${l.source === 'qr' ? '二维码' : '网址'}</td><td>${l.actor}</td>
        <td>${LEAD_STATE[l.state]}${l.state === 'running' ? ` ${l.done}/${l.total}` : ''}</td>
        <td>${l.result
          ? html`${verdictBadge(l.result.verdict)} ${Math.round(l.result.score)}分 ${l.result.host ? html`<a href="/site/${encodeURIComponent(l.result.host)}?verdict=all&state=all">查看</a>` : ''} ${l.result.error ?? ''}`
          : (l.error ?? '')}</td>
      </tr>`,
    )}
    </tbody></table>
    ${running ? html`<p class="hint">扫描进行中，页面每 3 秒自动刷新。</p>` : ''}
  </div>`;
  return page({ title: '提交线索', session, nav: 'leads', body, head: running ? html`<meta http-equiv="refresh" content="3">` : undefined });
}

/** Supervisors: the users, a form to add one, role changes and disabling. */
export function usersPage(session: Session, opts: { users: readonly User[]; flash: string | null; error: string | null }): string {
  const body = html`
  <h1>用户</h1>
  ${opts.flash ? html`<div class="flash" role="status">${opts.flash}</div>` : ''}
  ${opts.error ? html`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  <div class="panel"><table><thead><tr><th>用户名</th><th>角色</th><th>状态</th><th>创建时间</th><th>操作</th></tr></thead><tbody>
  ${opts.users.map(
    (u) => html`<tr><td>${u.name}</td><td>${ROLE_LABEL[u.role]}</td><td>${u.disabled ? '已停用' : '正常'}</td><td>${fmtTime(u.createdAt)}</td>
      <td>${u.id === session.user.id ? html`<span class="hint">当前用户</span>` : html`
        <form method="post" action="/users/${encodeURIComponent(u.name)}" class="inline-form">${csrfField(session)}
          <input type="hidden" name="role" value="${u.role === 'analyst' ? 'supervisor' : 'analyst'}">
          <button type="submit">设为${u.role === 'analyst' ? '主管' : '分析员'}</button></form>
        <form method="post" action="/users/${encodeURIComponent(u.name)}" class="inline-form">${csrfField(session)}
          <input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}">
          <button type="submit">${u.disabled ? '启用' : '停用'}</button></form>`}</td></tr>`,
  )}
  </tbody></table></div>
  <div class="panel"><h2>新建用户</h2>
    <form method="post" action="/users" class="filters">${csrfField(session)}
      <label>用户名<input type="text" name="name" required></label>
      <label>角色<select name="role"><option value="analyst">分析员</option><option value="supervisor">主管</option></select></label>
      <label>初始密码（至少 8 位）<input type="password" name="password" minlength="8" required autocomplete="new-password"></label>
      <button type="submit" class="primary">创建</button>
    </form>
  </div>`;
  return page({ title: '用户', session, nav: 'users', body });
}

const ACTION_LABEL: Record<string, string> = {
  'decision.confirmed': '确认假冒',
  'decision.rejected': '误报',
  'decision.pending': '待定',
  'export.takedown': '导出下架清单',
  'export.evidence': '生成证据包',
  'lead.submit': '提交线索',
  'user.create': '新建用户',
  'user.update': '修改用户',
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出',
};

/** Supervisors: the audit log, newest first. */
export function auditPage(session: Session, entries: readonly AuditEntry[]): string {
  const body = html`<h1>审计日志</h1>
  <div class="panel"><table id="audit"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>详情</th></tr></thead><tbody>
  ${entries.map(
    (e) => html`<tr><td>${fmtTime(e.at)}</td><td>${e.actor}</td><td>${ACTION_LABEL[e.action] ?? e.action}</td><td class="host">${e.subject}</td>
      <td><code>${JSON.stringify(e.detail)}</code></td></tr>`,
  )}
  </tbody></table></div>`;
  return page({ title: '审计日志', session, nav: 'audit', body });
}

/** A plain error page (403, 404) inside the shell. */
export function errorPage(session: Session | null, status: number, message: string): string {
  return page({ title: String(status), session, body: html`<div class="panel"><h1>${status}</h1><p>${message}</p><p><a href="/queue">返回队列</a></p></div>` });
}

export { VERDICT_LABEL };

/** Evidence packets: the jobs of this console run and every packet in the store, with ZIP downloads. */
export function evidencePage(session: Session, opts: { jobs: readonly EvidenceJob[]; packets: readonly EvidencePacketRecord[] }): string {
  const running = opts.jobs.some((j) => j.state === 'running');
  const body = html`<h1>证据包</h1>
  <div class="panel"><h2>本次生成任务</h2>
    ${opts.jobs.length === 0 ? html`<p class="muted">暂无。在队列中勾选站点后点“生成证据包”。</p>` : ''}
    <ul>${opts.jobs.map(
      (j) => html`<li>${fmtTime(j.startedAt)} ${j.actor}：${j.hosts.join('、')} — ${j.state === 'running' ? `生成中 ${j.done}/${j.hosts.length}` : j.state === 'done' ? '完成' : '失败'}
        ${j.outcomes.filter((o) => o.error).map((o) => html`<div class="hint">${o.host}：${o.error}</div>`)}</li>`,
    )}</ul>
    ${running ? html`<p class="hint">每个证据包都会重新访问并录制站点，需要几十秒；页面每 5 秒自动刷新。</p>` : ''}
  </div>
  <div class="panel"><h2>已生成的证据包</h2>
    <table><thead><tr><th>编号</th><th>站点</th><th>生成时间</th><th>生成人</th><th>清单 SHA-256</th><th>下载</th></tr></thead><tbody>
    ${opts.packets.map(
      (p) => html`<tr><td class="host">${p.id}</td><td class="host">${p.host}</td><td>${fmtTime(p.builtAt)}</td><td>${p.actor}</td>
        <td class="hint">${p.manifestSha256.slice(0, 16)}…</td><td>${p.zip ? html`<a href="/evidence/${encodeURIComponent(p.id)}.zip">ZIP</a>` : '—'}</td></tr>`,
    )}
    </tbody></table>
  </div>`;
  return page({ title: '证据包', session, nav: 'evidence', body, head: running ? html`<meta http-equiv="refresh" content="5">` : undefined });
}
