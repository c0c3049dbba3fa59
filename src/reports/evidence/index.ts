/**
 * Evidence packets: per site, a folder and a ZIP holding what the store holds (the scan's
 * snapshot, screenshot, HTML, signals and verdict, WHOIS, DNS, the probe if any) plus a fresh recorded
 * visit (video, HAR, MHTML, full-page screenshot, HTML after render, TLS chain), a PDF summary in Chinese,
 * and manifest.json — the 电子数据清单 and 提取记录 — signed with Ed25519 (and SM2 on request).
 *
 * Shaped to 法发〔2016〕22号《关于办理刑事案件收集提取和审查判断电子数据若干问题的规定》第十四条 (an online
 * extraction records its object, method, time, place, tool and 完整性校验值) and 人民检察院办理网络犯罪案件规定
 * 第三十七条 (the reviewer checks the extraction record and the integrity values).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EvidenceBrowser } from '../../model/evidence-visit.js';
import { recordEvidencePacket, type EvidencePacketRecord } from '../../data/reports.js';
import type { Store } from '../../data/store.js';
import { platformNames, type SiteRecord } from '../sites.js';
import { digests, dualTime, sm2KeyFingerprint, toManifestFile, writeSignedPacket, type ExtractionRecord, type PendingFile, type SigningKeys } from './manifest.js';
import { renderSummaryHtml } from './summary.js';
import { custodyRecord, exitIpOf, placeOf, type CustodyOptions } from './custody.js';

export { loadOrCreateKeys, readPacket, verifyPacket, keyFingerprint, sm2KeyFingerprint, sm2PublicKeyHex, sm2PublicKeyPem, type VerifyReport } from './manifest.js';
export { custodyProblems, type CustodyOptions } from './custody.js';

/** jianzhen's version as written into the 提取记录 (package.json is the source of truth). */
export const JIANZHEN_VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface BuildOptions {
  /** Folder the packet folder and ZIP are written to. */
  readonly outDir: string;
  readonly proxy: string | null;
  readonly dns: string | null;
  readonly allowPrivate: boolean;
  readonly keys: SigningKeys;
  /** Who builds it (CLI --actor, the console's user): the audit log's actor and, unless custody names others, the 提取人. */
  readonly actor: string;
  /** 提取人, 见证人, 提取单位, 提取地点, 案由, exit address: see custody.ts. */
  readonly custody?: CustodyOptions;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export interface BuiltPacket {
  readonly record: EvidencePacketRecord;
  readonly dir: string;
  readonly zip: string;
  /** Whether the fresh visit reached the page; a failed visit still yields a packet of what is stored. */
  readonly visitOk: boolean;
  readonly visitError: string | null;
}


const extOf = (mime: string): string =>
  ({ 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/svg+xml': 'svg', 'text/html': 'html', 'application/json': 'json' })[mime] ?? 'bin';

/** A packet id that sorts by time and names the site: JZ-20260903T101500Z-cx-mem-gov.cn. */
export function packetId(host: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `JZ-${stamp}-${host.toLowerCase().replace(/[^a-z0-9.-]/g, '_')}`;
}

/** Finds artifact references ({sha256, mime}) anywhere inside a probe record, to pack their bytes too. */
function artifactRefs(value: unknown, out: { sha256: string; mime: string }[] = []): { sha256: string; mime: string }[] {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v['sha256'] === 'string' && typeof v['mime'] === 'string' && /^[0-9a-f]{64}$/.test(v['sha256'])) {
      out.push({ sha256: v['sha256'], mime: v['mime'] });
    } else for (const child of Object.values(v)) artifactRefs(child, out);
  }
  return out;
}

const json = (v: unknown): Buffer => Buffer.from(`${JSON.stringify(v, null, 2)}\n`);

/** What the store holds for the site, as packet files under stored/. */
async function storedFiles(store: Store, site: SiteRecord): Promise<PendingFile[]> {
  const files: PendingFile[] = [];
  const r = site.result;
  const snap = r?.snapshot ?? null;
  const add = (p: string, category: string, format: string, mime: string, data: Buffer | null, description: string): void => {
    if (data) files.push({ path: p, category, format, mime, data, description });
  };
  if (r) {
    add('stored/verdict.json', '判定结果及依据', 'JSON', 'application/json', json({
      host: site.host, verdict: r.verdict, score: r.score, platform: r.platform, scanId: site.history.lastAlive?.scanId ?? site.history.latest.scanId,
      index: r.index, capturedAt: r.capturedAt, error: r.error, signals: r.signals,
      decision: site.decision, firstSeen: site.firstSeen, lastSeenAlive: site.lastSeenAlive,
    }), '扫描判定（verdict）、评分及每个信号的权重、说明和证据');
  }
  if (snap) {
    add('stored/snapshot.json', '扫描页面快照记录', 'JSON', 'application/json', json(snap), '扫描时保存的页面快照：最终网址、跳转链、标题、文本、表单、链接、时间');
    const shot = snap.screenshot ? await store.readArtifact(snap.screenshot.sha256) : null;
    add('stored/screenshot.png', '扫描页面截图', 'PNG', 'image/png', shot, '扫描时的页面截图（视口）');
    const html = snap.html ? await store.readArtifact(snap.html.sha256) : null;
    add('stored/page.html', '扫描网页源代码', 'HTML', 'text/html', html, '扫描时渲染后的网页 HTML');
    const probe = (snap as { probe?: unknown }).probe;
    if (probe !== undefined && probe !== null) {
      add('stored/probe.json', '查询探测记录', 'JSON', 'application/json', json(probe), '对查询表单的探测请求与应答');
      for (const [i, ref] of artifactRefs(probe).entries()) {
        add(`stored/probe-${i + 1}.${extOf(ref.mime)}`, '查询探测附件', extOf(ref.mime).toUpperCase(), ref.mime, await store.readArtifact(ref.sha256), '探测记录引用的文件（截图等）');
      }
    }
  }
  const whois = snap?.whois ?? r?.failure?.whois ?? null;
  if (whois) add('stored/whois.txt', '域名注册信息（WHOIS）', '文本', 'text/plain', Buffer.from(`% WHOIS ${whois.domain} via ${whois.server ?? 'registry'}\n${whois.raw || whois.error || ''}`), 'WHOIS 服务器的原始应答');
  const dns = snap?.dns ?? r?.failure?.dns ?? null;
  if (dns) add('stored/dns.json', '域名解析记录（DNS）', 'JSON', 'application/json', json(dns), '扫描时的 A/AAAA/NS/MX 解析结果');
  return files;
}

/**
 * Builds one site's packet: the fresh visit, the stored evidence, the PDF summary, the signed manifest,
 * the folder and its ZIP; records it in the store. The browser is the caller's (one launch for many sites).
 */
export async function buildEvidencePacket(store: Store, browser: EvidenceBrowser, site: SiteRecord, opts: BuildOptions): Promise<BuiltPacket> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => undefined);
  const started = now();
  const custody = opts.custody ?? {};
  const id = packetId(site.host, started);
  const dir = path.join(opts.outDir, id);
  if (fs.existsSync(dir)) throw new Error(`packet folder ${dir} already exists`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-evidence-'));
  try {
    const url = site.url ?? `http://${site.host}/`;
    log(`evidence ${site.host}: visiting ${url}`);
    const visit = await browser.visit({ url, proxy: opts.proxy, dns: opts.dns, allowPrivate: opts.allowPrivate, workDir: work, timeoutMs: opts.timeoutMs });
    const files: PendingFile[] = [];
    const add = (p: string, category: string, format: string, mime: string, data: Buffer | null, description: string): void => {
      if (data) files.push({ path: p, category, format, mime, data, description });
    };
    // What the browser showed of a site it could not reach is a proxy's error page: kept, and said to be so.
    const shown = visit.reachable ? '' : '（网站无法访问：此为浏览器显示的错误页，不是网站内容）';
    add('capture/screenshot-full.png', '网页截图（整页）', 'PNG', 'image/png', visit.screenshot, `本次提取的整页截图${shown}`);
    add('capture/page.html', '网页源代码', 'HTML', 'text/html', visit.html === null ? null : Buffer.from(visit.html), `本次提取时渲染后的网页 HTML${shown}`);
    add('capture/page.mhtml', '网页快照（MHTML）', 'MHTML', 'multipart/related', visit.mhtml === null ? null : Buffer.from(visit.mhtml), `含全部资源的网页存档，可用 Chrome/Edge 打开${shown}`);
    add('capture/visit.har', '网络访问记录（HAR）', 'HAR (JSON)', 'application/json', visit.harFile ? fs.readFileSync(visit.harFile) : null, '浏览器在访问过程中的全部请求与应答');
    if (visit.video?.format === 'webm') add('capture/visit.webm', '访问过程录像', 'WebM 视频', 'video/webm', visit.video.data, '访问过程的屏幕录像');
    if (visit.video?.format === 'avi') add('capture/visit.avi', '访问过程录像', 'AVI 视频（Motion-JPEG）', 'video/x-msvideo', visit.video.data, '访问过程的屏幕录像（浏览器画面逐帧记录）');
    add('capture/tls.json', 'TLS 证书链', 'JSON', 'application/json', json(visit.tls), visit.tls.scheme === 'https' ? '浏览器收到的证书链' : '仅 HTTP 访问，无 TLS 证书');
    add('capture/response.json', 'HTTP 应答', 'JSON', 'application/json', json({
      url: visit.url, finalUrl: visit.finalUrl, reachable: visit.reachable, unreachableReason: visit.unreachableReason,
      status: visit.status, headers: visit.headers, documents: visit.documents, blockedRequests: visit.blocked, error: visit.error,
    }), '最终页面的 HTTP 状态和应答头；跳转链每一步的网址、状态、服务器地址和应答头；被拦截的请求');
    add('capture/dns.json', '域名解析记录（DNS，本次提取）', 'JSON', 'application/json', json(visit.dns), '本次提取时的 A/AAAA/NS/MX 解析结果');
    files.push(...(await storedFiles(store, site)));

    const extraction: ExtractionRecord = {
      object: `网站 ${site.host}${site.platform ? `（仿冒 ${site.platform}）` : ''}`,
      url: visit.url,
      finalUrl: visit.finalUrl,
      resolvedIps: visit.resolvedIps,
      dnsServer: opts.dns ?? '系统解析器 (system resolver)',
      accessMethod: '在线提取：以无头 Chromium 浏览器经防护代理访问网址，录制视频与 HAR，保存整页截图、渲染后 HTML、MHTML 快照和 TLS 证书链；另附扫描时存储的快照、截图、WHOIS 与 DNS 记录',
      status: { reachable: visit.reachable, text: visit.reachable ? '已访问' : '无法访问', reason: visit.unreachableReason },
      documents: visit.documents.map((d) => ({ url: d.url, status: d.status, location: d.location, serverAddresses: d.serverAddresses })),
      custody: custodyRecord(custody, opts.actor),
      vantagePoint: {
        place: placeOf(custody),
        ...exitAddress(custody, opts.proxy, browser),
        hostname: os.hostname(),
        proxy: opts.proxy ?? '无（直接连接网站）',
        guardProxy: visit.guardProxy,
      },
      tool: { name: 'jianzhen', version: JIANZHEN_VERSION, browser: browser.version, node: process.version },
      startedAt: dualTime(visit.startedAt),
      finishedAt: dualTime(visit.finishedAt),
      steps: visit.steps,
      notes: [...visit.notes, ...(visit.error && visit.reachable ? [`本次提取未完成：${browser.describeError(visit.error)}`] : [])],
    };
    const r = site.result;
    const subject = {
      host: site.host,
      url: site.url,
      registrableDomain: site.registrableDomain,
      platform: site.platform,
      verdict: site.verdict,
      score: site.score,
      scanId: (site.history.lastAlive ?? site.history.latest).scanId,
      index: (site.history.lastAlive ?? site.history.latest).index,
      capturedAt: r?.capturedAt ?? null,
    };
    const listedBeforePdf = files.map(toManifestFile);
    const whois = r?.snapshot?.whois?.fields;
    const summaryHtml = renderSummaryHtml({
      packetId: id,
      createdAt: started.toISOString(),
      subject,
      platformName: site.platform ? (platformNames().get(site.platform) ?? null) : null,
      signals: r?.signals ?? [],
      extraction,
      files: listedBeforePdf,
      whois: { registrar: site.registrar, registrationDate: site.registrationDate, registrant: whois?.['registrant'] ?? whois?.['registrantName'] ?? '' },
      icp: site.icp,
      keyFingerprint: opts.keys.ed25519.fingerprint,
      sm2KeyFingerprint: opts.keys.sm2 ? sm2KeyFingerprint(opts.keys.sm2.publicKeyHex) : null,
      // A site not reached is shown as the scan saw it, labelled so; the error page is in capture/.
      screenshot: visit.reachable && visit.screenshot
        ? { png: await viewportCrop(visit.screenshot), fresh: true }
        : r?.snapshot?.screenshot
          ? { png: await store.readArtifact(r.snapshot.screenshot.sha256), fresh: false }
          : null,
    });
    log(`evidence ${site.host}: printing the PDF summary`);
    const pdf = await browser.printPdf(summaryHtml);
    files.push({ path: 'report.html', category: '提取报告（网页版）', format: 'HTML', mime: 'text/html', data: Buffer.from(summaryHtml), description: '与 PDF 报告内容相同的网页版' });
    files.push({ path: 'report.pdf', category: '提取报告', format: 'PDF', mime: 'application/pdf', data: pdf, description: '中文提取报告：基本情况、判定依据、提取记录、电子数据清单' });

    const { manifestBytes, zipBytes, zipFile } = await writeSignedPacket({ outDir: opts.outDir, id, createdAt: started, subject, extraction, files, keys: opts.keys });
    const md = digests(manifestBytes);
    const zipSha256 = digests(zipBytes).sha256;
    // The ZIP also goes to the artifact store, named by its hash, so a console on another machine serves it.
    await store.putArtifact({ ref: { sha256: zipSha256, mime: 'application/zip', bytes: zipBytes.length }, data: zipBytes });
    const record: EvidencePacketRecord = {
      id,
      host: site.host,
      scanId: subject.scanId,
      index: subject.index,
      builtAt: now().toISOString(),
      actor: opts.actor,
      manifestSha256: md.sha256,
      manifestSm3: md.sm3,
      folder: dir,
      zip: zipFile,
      zipSha256,
    };
    await recordEvidencePacket(store, record);
    const visitError = visit.unreachableReason ? `无法访问：${visit.unreachableReason}` : visit.error && `提取未完成：${browser.describeError(visit.error)}`;
    log(`evidence ${site.host}: ${id} (${files.length} files${visit.ok ? '' : `; ${visitError}`})`);
    return { record, dir, zip: zipFile, visitOk: visit.ok, visitError };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The public address the site saw: the officer's --exit-ip; else, going out directly, this machine's own
 * public address (none behind NAT); behind a proxy only the officer can know it.
 */
export function exitAddress(custody: CustodyOptions, proxy: string | null, browser: Pick<EvidenceBrowser, 'exitAddresses'>): { publicAddress: string | null; publicAddressSource: string | null } {
  const given = exitIpOf(custody);
  if (given) return { publicAddress: given, publicAddressSource: '提取人提供（--exit-ip）' };
  const own = proxy ? [] : browser.exitAddresses();
  if (own.length) return { publicAddress: own.join('、'), publicAddressSource: '本机网卡的公网地址（直连，未经代理）' };
  return { publicAddress: null, publicAddressSource: null };
}

/** The top of a full-page screenshot, so a very long page still fits the summary's first page. */
async function viewportCrop(png: Buffer): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const meta = await sharp(png).metadata();
  const height = Math.min(meta.height ?? 0, 1600);
  if (!meta.width || !height || height === meta.height) return png;
  return sharp(png).extract({ left: 0, top: 0, width: meta.width, height }).png().toBuffer();
}
