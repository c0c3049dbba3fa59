/**
 * POST /export: the selected sites as a takedown list (CSV/JSON, downloaded at once) or on to the evidence
 * form. Confirmed sites only unless the analyst ticks 包括未确认的站点; official platforms and false positives
 * never (export-policy.ts): a selection with any of them is refused as a whole, each refusal named.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { exportable, takedownDownload } from '../../export-policy.js';
import { html } from '../../html.js';
import { errorPage } from '../../layout.js';
import { checkbox, form, hostList } from '../../validate.js';
import { evidenceForm } from '../evidence/page.js';

/** The exports area, mounted at /export. */
export function exportsArea(deps: ConsoleDeps): Hono<Env> {
  const { store, platforms } = deps;
  const app = new Hono<Env>();
  app.post(
    '/',
    form(z.object({ hosts: hostList, format: z.enum(['csv', 'json', 'evidence'], { error: '未知的导出格式。' }), include_unconfirmed: checkbox })),
    async (c) => {
      const v = viewerOf(c);
      const b = c.req.valid('form');
      if (b.hosts.length === 0) return c.html(errorPage(v, 400, '请先在队列中勾选要导出的站点。'), 400);
      const { sites, refused } = await exportable(store, { hosts: b.hosts, includeUnconfirmed: b.include_unconfirmed, platforms });
      if (refused.length) {
        const unconfirmed = refused.some((r) => r.reason.includes('尚未确认'));
        return c.html(
          errorPage(
            v,
            400,
            html`未导出任何站点：<ul class="refusals">${refused.map((r) => html`<li><span class="host">${r.host}</span>：${r.reason}</li>`)}</ul>
            ${unconfirmed ? html`下架清单和证据包默认只包含已确认假冒的站点。确需导出未确认的站点，请勾选「包括未确认的站点」后重试；官方平台地址和误报永不导出。` : '请取消勾选上述站点后重试。'}`,
          ),
          400,
        );
      }
      if (b.format === 'evidence') {
        if (!deps.jobs.enabled('evidence')) return c.html(errorPage(v, 503, '审核台启动时未找到浏览器，无法生成证据包。'), 503);
        return c.html(evidenceForm(v, { hosts: sites.map((s) => s.host), error: null, includeUnconfirmed: b.include_unconfirmed }));
      }
      const dl = await takedownDownload(store, { sites, format: b.format, actor: v.user.name, unconfirmed: b.include_unconfirmed, now: deps.now() });
      return c.body(new Uint8Array(dl.body), 200, { 'Content-Type': dl.contentType, 'Content-Disposition': `attachment; filename="${dl.filename}"` });
    },
  );
  return app;
}
