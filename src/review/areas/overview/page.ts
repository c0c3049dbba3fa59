/** The overview dashboard; the charts are drawn by overview.js from /overview/data.json. */
import type { Viewer } from '../../context.js';
import { html } from '../../html.js';
import { page } from '../../layout.js';
import type { OverviewData } from '../../overview-data.js';

export function overviewPage(session: Viewer, d: OverviewData): string {
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
    <div class="panel"><h2>每周（北京时间）：发现 / 确认 / 下线</h2><div class="chart-box"><canvas id="chart-weekly" aria-label="每周发现、确认、下线的站点数"></canvas></div></div>
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
  return page({ title: '总览', session, nav: '/overview', body, scripts: ['/static/chart.umd.min.js', '/static/overview.js'] });
}
