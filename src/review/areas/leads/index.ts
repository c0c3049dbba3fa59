/** Leads: a URL, or a photo of a certificate whose QR code holds one, scanned in the background (jobs/lead.ts). */
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../../../data/review.js';
import { errorMessage } from '../../../errors.js';
import { normaliseLead, readQrFromImage } from '../../../pipeline/leads.js';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { LEAD } from '../../jobs/lead.js';
import { form, query } from '../../validate.js';
import { leadsList, leadsPage, type LeadJob } from './page.js';

const focusQuery = z.object({ focus: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional() });
const MAX_PHOTO = 10 * 1024 * 1024;

/** The leads area, mounted at /leads. */
export function leadsArea(deps: ConsoleDeps): Hono<Env> {
  const { store, jobs } = deps;
  const app = new Hono<Env>();
  const list = async () => (await jobs.list(LEAD, 50)) as LeadJob[];
  const disabled = () => (jobs.enabled(LEAD) ? null : '审核台启动时未找到浏览器，线索无法扫描。');

  app.get('/', query(focusQuery), async (c) => {
    const focus = c.req.valid('query').focus ?? null;
    return c.html(leadsPage(viewerOf(c), { leads: await list(), disabled: disabled(), error: null, focus, pending: await jobs.pending([LEAD]) }));
  });

  // The list alone, for console.js to refresh in place (the form and what is typed in it stay untouched).
  app.get('/list', query(focusQuery), async (c) => {
    const focus = c.req.valid('query').focus ?? null;
    return c.html(leadsList(await list(), focus, await jobs.pending([LEAD])).value);
  });

  app.post(
    '/',
    form(z.object({ url: z.string().max(4096).optional(), photo: z.union([z.instanceof(File), z.string()]).optional() })),
    async (c) => {
      const v = viewerOf(c);
      const body = c.req.valid('form');
      const fail = async (error: string) =>
        c.html(leadsPage(v, { leads: await list(), disabled: disabled(), error, focus: null, pending: await jobs.pending([LEAD]), url: body.url }), 400);
      if (!jobs.enabled(LEAD)) return fail(disabled()!);
      let target: string | null;
      let source: 'url' | 'qr' = 'url';
      if (body.photo instanceof File && body.photo.size > 0) {
        source = 'qr';
        if (body.photo.size > MAX_PHOTO) return fail('照片过大（上限 10 MB）。');
        let text: string | null;
        try {
          text = await readQrFromImage(Buffer.from(await body.photo.arrayBuffer()));
        } catch (err) {
          return fail(`无法读取照片：${errorMessage(err)}`);
        }
        if (!text) return fail('照片中没有找到二维码。');
        target = normaliseLead(text);
        if (!target) return fail(`二维码内容不是网址：${text.slice(0, 200)}`);
      } else {
        target = normaliseLead(body.url ?? '');
        if (!target) return fail('请输入 http(s) 网址或域名。');
      }
      const job = await jobs.submit(LEAD, { target, source }, v.user.name);
      await audit(store, { actor: v.user.name, action: 'lead.submit', subject: target, detail: { lead: job.id, source } });
      return c.redirect(`/leads?focus=${job.id}`, 303);
    },
  );
  return app;
}
