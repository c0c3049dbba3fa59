import type { ScanRecord } from '../data/store.js';
import type { TargetResult } from '../model/result.js';
import type { ScanProgress } from '../pipeline/scan.js';
import { detailOf, type Lang } from '../model/messages/index.js';

/** The `--json` document (DESIGN.md; shared/contract/scan-output.schema.json). */
export function scanJson(scan: ScanRecord, results: readonly TargetResult[], lang: Lang = 'en') {
  return {
    scan: { id: scan.id, startedAt: scan.startedAt, finishedAt: scan.finishedAt ?? new Date().toISOString(), targets: scan.targets.length },
    results: results.map((r) => ({
      input: r.input,
      url: r.url,
      finalUrl: r.finalUrl,
      host: r.host,
      registrableDomain: r.registrableDomain,
      verdict: r.verdict,
      score: r.score,
      platform: r.platform,
      // `detail` in the chosen language; `message` (additive) is the reason as data, to render in any language.
      signals: r.signals.map((s) => ({
        id: s.id,
        score: s.score,
        weight: s.weight,
        detail: detailOf(s, lang),
        ...(s.platform ? { platform: s.platform } : {}),
        ...(s.message ? { message: s.message } : {}),
      })),
      evidence: r.evidence,
      error: r.error,
      // Beyond the contract's required fields (additions are allowed): where the funnel stopped and why.
      stage: r.stage ?? null,
      stageReason: r.stageReason ?? null,
      // Which extra views the visit took and why (progressive capture); [] when none was decided.
      extras: (r.snapshot?.extras ?? []).map((d) => ({ view: d.view, ran: d.ran, reason: d.reason })),
    })),
  };
}

function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Progress on stderr: done/total, rate and ETA. On a terminal one line is rewritten in place; in a log
 * (CI, cron) a line is written every 10% or 15 seconds, whichever comes first.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr, label = 'scan') {
  const tty = stream.isTTY === true;
  let lastLine = 0;
  let lastPct = -1;
  return {
    update(p: ScanProgress) {
      const rate = p.doneThisRun / Math.max(p.elapsedMs / 60_000, 1e-9);
      const left = p.total - p.done;
      const eta = p.doneThisRun > 0 ? fmtDuration((left / p.doneThisRun) * p.elapsedMs) : '?';
      // An input may be as long as a target may be (8 KB): a progress line names it by its start.
      const host = (p.last.host ?? p.last.input).slice(0, 80);
      const line = `${label} ${p.done}/${p.total}  ${rate.toFixed(1)}/min  ETA ${left === 0 ? '0s' : eta}  last: ${host} → ${p.last.verdict}`;
      if (tty) {
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
        if (left === 0) stream.write('\n');
        return;
      }
      const pct = Math.floor((p.done / p.total) * 10);
      if (pct !== lastPct || Date.now() - lastLine > 15_000 || left === 0) {
        stream.write(`${line}\n`);
        lastPct = pct;
        lastLine = Date.now();
      }
    },
  };
}

const VERDICT_ORDER = ['counterfeit', 'suspicious', 'benign', 'official', 'unreachable'] as const;

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const columns = (ch: string): number => (WIDE.test(ch) ? 2 : 1);

/** Width of a string in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += columns(ch);
  return w;
}

/** Cuts a string to `n` terminal columns and pads it to exactly `n`, in one pass (inputs may be megabytes long). */
function pad(s: string, n: number): string {
  let out = '';
  let w = 0;
  for (const ch of s) {
    const c = columns(ch);
    if (w + c > n) break;
    out += ch;
    w += c;
  }
  return out + ' '.repeat(n - w);
}

/** The summary table printed at the end of a scan: counts per verdict, then every target in input order. */
export function summaryTable(scan: ScanRecord, results: readonly TargetResult[], elapsedMs: number | null, lang: Lang = 'en'): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const lines: string[] = [];
  lines.push(`scan ${scan.id}: ${results.length} targets${elapsedMs === null ? '' : ` in ${fmtDuration(elapsedMs)}`}`);
  lines.push('  ' + VERDICT_ORDER.map((v) => `${v} ${counts.get(v) ?? 0}`).join('   '));
  lines.push('');
  const head = `${pad('#', 4)} ${pad('verdict', 12)} ${pad('score', 5)} ${pad('platform', 12)} ${pad('host', 40)} reason`;
  lines.push(head, '-'.repeat(Math.min(120, width(head) + 30)));
  for (const r of results) {
    const top = [...r.signals].sort((a, b) => b.score * b.weight - a.score * a.weight)[0];
    const reason = r.error ?? (top ? detailOf(top, lang) : '');
    lines.push(
      `${pad(String(r.index + 1), 4)} ${pad(r.verdict, 12)} ${pad(String(Math.round(r.score)), 5)} ${pad(r.platform ?? '-', 12)} ${pad(r.host ?? r.input, 40)} ${reason.slice(0, 90)}`,
    );
  }
  return lines.join('\n');
}
