/**
 * The case packet of an operator (串并案): one signed packet for the case — every member site's own packet
 * inside it (each with its fresh visit, stored evidence, report and signed manifest, under sites/), the
 * linkage table (关联关系表: which identifiers the sites share, and for each site where the page shows it and
 * how it is written, with the file of that site's packet holding the page), the bytes of shared script
 * bundles, and a report in Chinese — so the case officer files one packet and `jianzhen evidence verify`
 * checks every file of every site with it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EvidenceBrowser } from '../../model/evidence-visit.js';
import { recordEvidencePacket, type EvidencePacketRecord } from '../../data/reports.js';
import type { StoredOperator } from '../../data/operators.js';
import type { Store } from '../../data/store.js';
import { IDENTIFIER_KIND_ZH, IDENTIFIER_SOURCE_ZH, type IdentifierSource, type SharedIdentifier } from '../../model/identifier.js';
import { errorMessage } from '../../errors.js';
import { escapeHtml as e, platformNames, VERDICT_ZH, type SiteRecord } from '../sites.js';
import { custodyRecord, placeOf } from './custody.js';
import { buildEvidencePacket, exitAddress, JIANZHEN_VERSION, packetId, type BuildOptions, type BuiltPacket } from './index.js';
import { digests, dualTime, MANIFEST_FILE, writeSignedPacket, type ExtractionRecord, type Manifest, type PendingFile } from './manifest.js';
import { beijingTime, signatureBlock, SUMMARY_STYLE } from './summary.js';

export interface BuiltCase {
  readonly record: EvidencePacketRecord;
  readonly dir: string;
  readonly zip: string;
  /** The member sites' packets inside the case. */
  readonly sites: readonly { readonly host: string; readonly packet: BuiltPacket | null; readonly error: string | null }[];
}

/** Which file of a site's packet holds the page evidence read from a source. */
const EVIDENCE_FILE: Readonly<Record<IdentifierSource, string>> = {
  text: 'stored/snapshot.json',
  html: 'stored/page.html',
  script: 'stored/snapshot.json',
  whois: 'stored/whois.txt',
  dns: 'stored/dns.json',
  hosting: 'stored/snapshot.json',
  tls: 'stored/snapshot.json',
  favicon: 'stored/snapshot.json',
  page: 'stored/page.html',
};

const json = (v: unknown): Buffer => Buffer.from(`${JSON.stringify(v, null, 2)}\n`);

/** The files of a built site packet, under sites/<id>/, each with its own 类别 (and the site named). */
function siteFiles(built: BuiltPacket, host: string): PendingFile[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(built.dir, MANIFEST_FILE), 'utf8')) as Manifest;
  const base = `sites/${built.record.id}`;
  const files: PendingFile[] = manifest.files.map((f) => ({
    path: `${base}/${f.path}`,
    category: `${f.category}（${host}）`,
    format: f.format,
    mime: f.mime,
    data: fs.readFileSync(path.join(built.dir, ...f.path.split('/'))),
    description: f.description,
  }));
  const signed = [MANIFEST_FILE, manifest.signing.ed25519.signatureFile, ...(manifest.signing.sm2 ? [manifest.signing.sm2.signatureFile] : [])];
  for (const name of signed) {
    files.push({
      path: `${base}/${name}`,
      category: `站点证据包清单及签名（${host}）`,
      format: name === MANIFEST_FILE ? 'JSON' : '文本（Base64 签名）',
      mime: name === MANIFEST_FILE ? 'application/json' : 'text/plain',
      data: fs.readFileSync(path.join(built.dir, name)),
      description: name === MANIFEST_FILE ? `${host} 的电子数据清单与提取记录（该站点证据包可单独核验）` : `${host} 证据包清单的数字签名`,
    });
  }
  return files;
}

/**
 * The linkage table as data: each shared identifier, and for each site where it was read and the file of that
 * site's packet holding the page it was read from (the stored snapshot when the page itself was not stored).
 */
function linkage(op: StoredOperator, packets: ReadonlyMap<string, { id: string; paths: ReadonlySet<string> }>) {
  const fileOf = (host: string, source: IdentifierSource): string | null => {
    const p = packets.get(host);
    if (!p) return null;
    const file = [EVIDENCE_FILE[source], 'stored/snapshot.json'].find((f) => p.paths.has(f));
    return file ? `sites/${p.id}/${file}` : null;
  };
  const rows = (list: readonly SharedIdentifier[]) =>
    list.map((s) => ({
      kind: s.kind,
      kindZh: IDENTIFIER_KIND_ZH[s.kind],
      strength: s.strength,
      value: s.value,
      sites: s.hosts,
      evidence: s.sightings.map((g) => ({
        site: g.host,
        asWritten: g.raw,
        source: g.where.source,
        sourceZh: IDENTIFIER_SOURCE_ZH[g.where.source],
        where: g.where.locator,
        snippet: g.where.snippet,
        file: fileOf(g.host, g.where.source),
      })),
    }));
  return { operator: op.id, sites: op.members.map((m) => m.host), links: rows(op.links), support: rows(op.support) };
}

/** The case report (HTML, printed to PDF): the case, its sites, the linkage table, the site packets, custody. */
function caseReport(input: {
  id: string;
  op: StoredOperator;
  sites: readonly SiteRecord[];
  built: BuiltCase['sites'];
  table: ReturnType<typeof linkage>;
  extraction: ExtractionRecord;
  keyFingerprint: string;
}): string {
  const { op, table, extraction: x } = input;
  const c = x.custody;
  const names = platformNames();
  const row = (k: string, v: string) => `<tr><th>${e(k)}</th><td>${v}</td></tr>`;
  const siteRows = input.sites
    .map((s, i) => {
      const b = input.built.find((x) => x.host === s.host);
      const p = b?.packet ?? null;
      return `<tr><td>${i + 1}</td><td class="mono">${e(s.host)}</td><td>${e(VERDICT_ZH[s.verdict] ?? s.verdict)} ${e(s.score)}</td><td>${e(s.platform ? (names.get(s.platform) ?? s.platform) : '—')}</td>` +
        `<td>${e(beijingTime(s.firstSeen, { label: false }))}</td><td>${e(s.downSince ? `${beijingTime(s.downSince, { label: false })} 起无法访问` : s.lastSeenAlive ? '存活' : '未访问到')}</td>` +
        `<td class="mono">${p ? `${e(p.record.id)}<br>清单 SHA-256: ${e(p.record.manifestSha256)}` : e(`未生成：${b?.error ?? '原因不明'}`)}</td></tr>`;
    })
    .join('');
  const linkRows = (rows: ReturnType<typeof linkage>['links']) =>
    rows
      .map(
        (r, i) =>
          `<tr><td>${i + 1}</td><td>${e(r.kindZh)}</td><td class="mono">${e(r.value)}</td><td>${r.evidence
            .map((g) => `<div><span class="mono">${e(g.site)}</span>：${e(g.sourceZh)} · ${e(g.where)}<br>「${e(g.snippet)}」${g.file ? `<br><span class="mono">${e(g.file)}</span>` : ''}</div>`)
            .join('')}</td></tr>`,
      )
      .join('');
  const up = input.sites.filter((s) => s.lastSeenAlive && !s.downSince).length;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(`串并案件电子数据提取报告 ${input.id}`)}</title>
${SUMMARY_STYLE}</head><body>
<h1>串并案件电子数据提取报告</h1>
<div class="sub">证据包编号 <span class="mono">${e(input.id)}</span> · 团伙编号 <span class="mono">${e(op.id)}</span> · 生成时间 ${e(beijingTime(x.finishedAt.utc))}</div>
<table>
${row('案由', e(c.caseCause ?? '（未填写）'))}
${c.caseNumber ? row('案件编号', e(c.caseNumber)) : ''}
${row('提取单位', e(c.unit ?? '（未填写）'))}
${row('提取人', e(c.extractors.join('、')))}
${row('见证人', e(c.witnesses.join('、') || '无（各站点提取过程已录像，见各站点证据包 capture/ 目录）'))}
</table>

<h2>一、案件概况</h2>
<table>
${row('团伙编号', `<span class="mono">${e(op.id)}</span>`)}
${row('涉案网站', e(`${input.sites.length} 个（按扫描记录，仍存活 ${up} 个；本次提取的访问结果见各站点证据包）`))}
${row('串并依据', e(op.links.map((l) => `${IDENTIFIER_KIND_ZH[l.kind]} ${l.value}`).join('；') || '无'))}
${row('说明', e('各网站共用以下强标识之一即串为同一团伙：联系方式（微信、QQ、电话、邮箱）、统计或客服账号、域名注册人邮箱或电话、同一脚本文件、同一 TLS 证书（或证书同时签发给另一网站）、跳转或查询表单指向另一涉案网站。同 IP、同 DNS、同模板、同注册商仅作佐证，不单独串并；大量网站共用的公共设施不作依据。'))}
</table>

<h2>二、涉案网站及各自证据包</h2>
<table class="list"><colgroup><col style="width:5%"><col style="width:17%"><col style="width:9%"><col style="width:17%"><col style="width:12%"><col style="width:12%"><col style="width:28%"></colgroup>
<tr><th>序号</th><th>网站</th><th>判定（扫描时）</th><th>仿冒平台</th><th>首次发现</th><th>状态</th><th>站点证据包</th></tr>${siteRows}</table>
<p class="note">每个站点证据包位于 sites/ 目录下，含本次提取的录像、HAR、整页截图、网页源代码、MHTML、TLS 证书链，扫描时保存的快照、WHOIS、DNS，及其自身签名的清单，可单独核验。</p>

<h2>三、关联关系表（串并依据）</h2>
<table class="list"><colgroup><col style="width:6%"><col style="width:14%"><col style="width:22%"><col style="width:58%"></colgroup>
<tr><th>序号</th><th>标识类型</th><th>值（规范化后）</th><th>页面证据（各网站出现位置、原文及所在文件）</th></tr>${linkRows(table.links) || '<tr><td colspan="4">无</td></tr>'}</table>

<h2>四、佐证（共享的弱标识，不单独串并）</h2>
<table class="list"><colgroup><col style="width:6%"><col style="width:14%"><col style="width:22%"><col style="width:58%"></colgroup>
<tr><th>序号</th><th>标识类型</th><th>值</th><th>页面证据</th></tr>${linkRows(table.support) || '<tr><td colspan="4">无</td></tr>'}</table>

<h2>五、提取记录</h2>
<table>
${row('提取方法', e(x.accessMethod))}
${row('提取地点', e(`${x.vantagePoint.place ?? '（未填写提取单位及地点）'}；公网出口地址 ${x.vantagePoint.publicAddress ?? '未提供'}`))}
${row('提取工具及版本', e(`${x.tool.name} ${x.tool.version}；浏览器 ${x.tool.browser}；Node.js ${x.tool.node}`))}
${row('开始时间', e(`${x.startedAt.shanghai}（北京时间）／ ${x.startedAt.utc}（UTC）`))}
${row('结束时间', e(`${x.finishedAt.shanghai}（北京时间）／ ${x.finishedAt.utc}（UTC）`))}
${row('说明', e(x.notes.join('；') || '无'))}
</table>

<h2>六、完整性校验说明</h2>
<p class="note">本证据包全部文件（含各站点证据包的全部文件及其清单、签名）的 SHA-256 与 SM3 校验值记录于 manifest.json，以数字签名（manifest.sig）保护，签名公钥指纹 <span class="mono">${e(input.keyFingerprint)}</span>。
核验方法：运行 <span class="mono">jianzhen evidence verify 证据包目录或ZIP</span>；各站点证据包也可单独核验（<span class="mono">jianzhen evidence verify sites/站点证据包目录</span>）。</p>
${signatureBlock('七、签名', c)}
</body></html>
`;
}

/**
 * Builds the case packet of an operator: a packet per member site (fresh visits, one after another with the
 * caller's browser; a site that cannot be packed is named in the case and the rest still are), the linkage
 * table, the shared script bundles, the report; signs it as one packet and records it under the operator's id.
 */
export async function buildOperatorPacket(store: Store, browser: EvidenceBrowser, op: StoredOperator, sites: readonly SiteRecord[], opts: BuildOptions): Promise<BuiltCase> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => undefined);
  const started = now();
  const id = packetId(op.id, started);
  const dir = path.join(opts.outDir, id);
  if (fs.existsSync(dir)) throw new Error(`packet folder ${dir} already exists`);
  const steps: { at: string; step: string }[] = [];
  const step = (s: string) => steps.push({ at: now().toISOString(), step: s });
  const built: { host: string; packet: BuiltPacket | null; error: string | null }[] = [];
  const files: PendingFile[] = [];
  for (const site of sites) {
    step(`提取 ${site.host} 的站点证据包`);
    try {
      // Each site's packet is also a packet of its own beside the case (recorded, listed, verifiable alone).
      const packet = await buildEvidencePacket(store, browser, site, { ...opts, log: (l) => log(`${op.id}: ${l}`) });
      built.push({ host: site.host, packet, error: null });
      files.push(...siteFiles(packet, site.host));
      step(`${site.host}：${packet.record.id}${packet.visitOk ? '' : `（${packet.visitError ?? '访问未完成'}）`}`);
    } catch (err) {
      built.push({ host: site.host, packet: null, error: errorMessage(err) });
      step(`${site.host}：站点证据包未能生成（${errorMessage(err)}）`);
    }
  }
  const packets = new Map(
    built.filter((b) => b.packet).map((b) => {
      const id = b.packet!.record.id;
      return [b.host, { id, paths: new Set(files.filter((f) => f.path.startsWith(`sites/${id}/`)).map((f) => f.path.slice(`sites/${id}/`.length))) }] as const;
    }),
  );
  const table = linkage(op, packets);
  files.push({ path: 'linkage.json', category: '关联关系表（串并依据）', format: 'JSON', mime: 'application/json', data: json(table), description: '各网站共用的标识，及每个网站上出现的位置、原文和所在文件' });
  // A shared script bundle is evidence in itself: its bytes, as stored when the sites were scanned.
  for (const s of op.links.filter((l) => l.kind === 'script')) {
    const bytes = await store.readArtifact(s.value);
    if (bytes) files.push({ path: `linkage/scripts/${s.value}.js`, category: '共用脚本文件', format: 'JavaScript', mime: 'application/javascript', data: bytes, description: `${s.hosts.join('、')} 共用的脚本文件（SHA-256 ${s.value}）` });
  }
  const custody = opts.custody ?? {};
  const finished = now();
  const failed = built.filter((b) => !b.packet);
  const extraction: ExtractionRecord = {
    object: `团伙 ${op.id} 的 ${sites.length} 个网站：${sites.map((s) => s.host).join('、')}`,
    url: sites.map((s) => s.url ?? `http://${s.host}/`).join(' '),
    finalUrl: null,
    resolvedIps: [...new Set(sites.flatMap((s) => s.ips))],
    dnsServer: opts.dns ?? '系统解析器 (system resolver)',
    accessMethod: '逐一在线提取各涉案网站（每个网站一个站点证据包，见 sites/），并汇总各网站共用的标识形成关联关系表',
    status: {
      reachable: built.some((b) => b.packet?.visitOk),
      text: built.some((b) => b.packet?.visitOk) ? '已访问' : '无法访问',
      reason: built.some((b) => b.packet?.visitOk) ? null : '所有涉案网站本次均无法访问，见各站点证据包',
    },
    documents: [],
    custody: custodyRecord(custody, opts.actor),
    vantagePoint: { place: placeOf(custody), ...exitAddress(custody, opts.proxy, browser), hostname: os.hostname(), proxy: opts.proxy ?? '无（直接连接网站）', guardProxy: null },
    tool: { name: 'jianzhen', version: JIANZHEN_VERSION, browser: browser.version, node: process.version },
    startedAt: dualTime(started),
    finishedAt: dualTime(finished),
    steps,
    notes: failed.map((f) => `${f.host} 的站点证据包未能生成：${f.error}`),
  };
  const keyFingerprint = opts.keys.ed25519.fingerprint;
  const html = caseReport({ id, op, sites, built, table, extraction, keyFingerprint });
  log(`${op.id}: printing the case report`);
  files.push({ path: 'report.html', category: '案件提取报告（网页版）', format: 'HTML', mime: 'text/html', data: Buffer.from(html), description: '与 PDF 报告内容相同的网页版' });
  files.push({ path: 'report.pdf', category: '案件提取报告', format: 'PDF', mime: 'application/pdf', data: await browser.printPdf(html), description: '中文案件报告：案件概况、涉案网站及证据包、关联关系表、提取记录' });
  const best = [...sites].sort((a, b) => b.score - a.score)[0];
  const subject = {
    host: op.id,
    url: null,
    registrableDomain: null,
    platform: best?.platform ?? null,
    verdict: best?.verdict ?? 'counterfeit',
    score: best?.score ?? 0,
    scanId: null,
    index: null,
    capturedAt: null,
    operator: { id: op.id, sites: sites.map((s) => s.host) },
  };
  const { manifestBytes, zipBytes, zipFile } = await writeSignedPacket({ outDir: opts.outDir, id, createdAt: started, subject, extraction, files, keys: opts.keys });
  const zipSha256 = digests(zipBytes).sha256;
  await store.putArtifact({ ref: { sha256: zipSha256, mime: 'application/zip', bytes: zipBytes.length }, data: zipBytes });
  const md = digests(manifestBytes);
  // Recorded under the operator's id: the evidence list shows it, and the statistics count the case as one clue.
  const record: EvidencePacketRecord = { id, host: op.id, scanId: null, index: null, builtAt: now().toISOString(), actor: opts.actor, manifestSha256: md.sha256, manifestSm3: md.sm3, folder: dir, zip: zipFile, zipSha256 };
  await recordEvidencePacket(store, record);
  log(`${op.id}: ${id} (${files.length} files, ${packets.size} of ${sites.length} site packets)`);
  return { record, dir, zip: zipFile, sites: built };
}
