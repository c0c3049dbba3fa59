/** Evidence packets: the form's post starts a job (jobs/evidence.ts); the page lists jobs and packets. */
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../../../data/review.js';
import { listEvidencePackets, readPacketZip } from '../../../data/reports.js';
import { custodyProblems } from '../../../reports/evidence/index.js';
import { viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { exportable } from '../../export-policy.js';
import { EVIDENCE } from '../../jobs/evidence.js';
import { errorPage } from '../../layout.js';
import { checkbox, form, hostList, param, text } from '../../validate.js';
import { evidenceForm, evidenceJobs, evidencePage, type EvidenceJob } from './page.js';

const FIELD_NAMES = { extractors: '提取人', witnesses: '见证人', unit: '提取单位', place: '提取地点', caseCause: '案由', caseNumber: '案件编号', exitIp: '出口地址' } as const;

/** The evidence area, mounted at /evidence. */
export function evidenceArea(deps: ConsoleDeps): Hono<Env> {
  const { store, jobs, platforms } = deps;
  const app = new Hono<Env>();
  const list = async () => (await jobs.list(EVIDENCE, 30)) as EvidenceJob[];
  const disabled = () => (jobs.enabled(EVIDENCE) ? null : '审核台启动时未找到浏览器，无法生成证据包。');

  app.get('/', async (c) =>
    c.html(evidencePage(viewerOf(c), { jobs: await list(), pending: await jobs.pending([EVIDENCE]), packets: (await listEvidencePackets(store)).reverse(), disabled: disabled() })),
  );

  app.get('/jobs', async (c) => c.html(evidenceJobs(await list(), await jobs.pending([EVIDENCE])).value));

  app.post(
    '/',
    form(
      z.object({
        hosts: hostList,
        caseCause: text(400),
        caseNumber: text(400),
        unit: text(400),
        witnesses: z
          .string()
          .optional()
          .transform((v) => (v ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 20)),
        include_unconfirmed: checkbox,
      }),
    ),
    async (c) => {
      const v = viewerOf(c);
      const b = c.req.valid('form');
      if (!jobs.enabled(EVIDENCE)) return c.html(errorPage(v, 503, disabled()!), 503);
      const { sites, refused } = await exportable(store, { hosts: b.hosts, includeUnconfirmed: b.include_unconfirmed, platforms });
      if (refused.length || sites.length === 0) {
        return c.html(errorPage(v, 400, refused.length ? refused.map((r) => `${r.host}：${r.reason}`).join('；') : '请先在队列中勾选站点。'), 400);
      }
      const custody = { caseCause: b.caseCause || null, caseNumber: b.caseNumber || null, unit: b.unit || null, witnesses: b.witnesses };
      const problems = custodyProblems(custody, FIELD_NAMES);
      if (problems.length) {
        const values = { caseCause: b.caseCause, caseNumber: b.caseNumber, unit: b.unit, witnesses: b.witnesses.join('\n') };
        return c.html(evidenceForm(v, { hosts: b.hosts, error: `请检查：${problems.join('；')}`, values, includeUnconfirmed: b.include_unconfirmed }), 400);
      }
      const hosts = sites.map((s) => s.host);
      const job = await jobs.submit(EVIDENCE, { hosts, custody }, v.user.name);
      await audit(store, { actor: v.user.name, action: 'export.evidence', subject: hosts.join(' ').slice(0, 500), detail: { job: job.id, hosts, custody } });
      return c.redirect('/evidence', 303);
    },
  );

  app.get('/:file', param(z.object({ file: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/) })), async (c) => {
    const v = viewerOf(c);
    const id = c.req.valid('param').file.replace(/\.zip$/, '');
    const packet = (await listEvidencePackets(store)).find((p) => p.id === id);
    const bytes = packet ? await readPacketZip(store, packet) : null;
    if (!packet || !bytes) return c.html(errorPage(v, 404, '没有这个证据包。'), 404);
    await audit(store, { actor: v.user.name, action: 'export.evidence.download', subject: packet.host, detail: { packet: packet.id } });
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${packet.id.replace(/[^A-Za-z0-9._-]/g, '_')}.zip"`,
    });
  });
  return app;
}
