/**
 * The detector registry: an explicit array (STYLE.md §4), never a lookup by name, so an unknown id is a
 * usage error rather than a silent skip. `runDetectors` isolates each detector: one that throws or
 * returns a malformed signal becomes a recorded failure and the others still run (STYLE.md §9).
 */
import { UsageError, errorMessage } from '../errors.js';
import { cloaking } from './cloaking/index.js';
import { contentMatch } from './content-match/index.js';
import { depth } from './depth/index.js';
import { domainLookalike } from './domain-lookalike/index.js';
import { probe } from './probe/index.js';
import { registrationRecord } from './registration-record/index.js';
import { registration } from './registration/index.js';
import { sales } from './sales/index.js';
import { visualMatch } from './visual-match/index.js';
import type { Detector, DetectorInput } from './types.js';
import type { Reference } from '../model/reference.js';
import type { Signal } from '../model/signal.js';
import type { FormInfo, PageSnapshot } from '../model/snapshot.js';
import { toSimplified } from './text.js';
import { reason } from './reason.js';

/** Every detector, in the order they run. */
export const detectors = [
  domainLookalike,
  contentMatch,
  visualMatch,
  registration,
  registrationRecord,
  sales,
  cloaking,
  probe,
  depth,
] as const satisfies readonly Detector[];

/** One detector that failed on one snapshot, with its one-line message. */
export interface DetectorFailure {
  readonly detector: string;
  readonly error: string;
}

/** Picks detectors by id for a command line; an unknown id is a UsageError (exit 2). */
export function selectDetectors(ids: readonly string[]): Detector[] {
  const known = new Map<string, Detector>(detectors.map((d) => [d.id, d]));
  return ids.map((id) => {
    const d = known.get(id);
    if (d === undefined) throw new UsageError(`unknown detector "${id}"; known: ${[...known.keys()].join(', ')}`);
    return d;
  });
}

function malformed(s: Signal): string | null {
  if (typeof s.id !== 'string' || s.id === '') return 'a signal without an id';
  if (typeof s.score !== 'number' || !(s.score >= 0 && s.score <= 1)) return `signal ${s.id} has score ${s.score}, not 0..1`;
  return null;
}

/** A form with its labels and placeholders in simplified script. */
function simplifiedForm(f: FormInfo): FormInfo {
  const n = (x: string | null): string | null => (x === null ? null : toSimplified(x));
  return { ...f, fields: f.fields.map((x) => ({ ...x, label: n(x.label), placeholder: n(x.placeholder) })) };
}

/**
 * The snapshot as every text detector reads it: each text a person sees (title, body, the plain HTML's text,
 * the OCR of the header, form labels, link texts, the mobile and plain-client views, the probe's answer,
 * subpage titles) in simplified script, so 特種作業操作證 on a Hong Kong or Taiwan page, or a copy written in
 * traditional characters to dodge filters, reads as 特种作业操作证. The stored snapshot keeps the page's own script.
 */
export function simplifiedSnapshot(s: PageSnapshot): PageSnapshot {
  const t = toSimplified;
  const n = (x: string | null): string | null => (x === null ? null : t(x));
  return {
    ...s,
    title: t(s.title),
    text: t(s.text),
    staticText: n(s.staticText),
    forms: s.forms.map(simplifiedForm),
    links: s.links.map((l) => ({ ...l, text: t(l.text) })),
    ...(s.ocrText != null ? { ocrText: t(s.ocrText) } : {}),
    ...(s.mobile ? { mobile: { ...s.mobile, title: t(s.mobile.title), text: t(s.mobile.text), ...(s.mobile.forms ? { forms: s.mobile.forms.map(simplifiedForm) } : {}) } } : {}),
    ...(s.plainFetch ? { plainFetch: { ...s.plainFetch, title: t(s.plainFetch.title), text: t(s.plainFetch.text) } } : {}),
    ...(s.probe
      ? { probe: { ...s.probe, answer: { ...s.probe.answer, title: t(s.probe.answer.title), text: t(s.probe.answer.text), dialogs: s.probe.answer.dialogs.map(t) } } }
      : {}),
    ...(s.subpages ? { subpages: s.subpages.map((p) => ({ ...p, title: t(p.title) })) } : {}),
    ...(s.siteRoot ? { siteRoot: { ...s.siteRoot, title: t(s.siteRoot.title), text: t(s.siteRoot.text) } } : {}),
  };
}

// References are the same few snapshots for every target of a scan: simplified once each.
const simplifiedReferences = new WeakMap<Reference, Reference>();
function simplifiedReference(r: Reference): Reference {
  let out = simplifiedReferences.get(r);
  if (out === undefined) simplifiedReferences.set(r, (out = { ...r, snapshot: simplifiedSnapshot(r.snapshot) }));
  return out;
}

/**
 * The page as another client was shown it, for detectors that read text: the mobile WeChat render (title, text
 * and forms; its links and footer image were not captured). Null when there is no such view.
 */
export function mobileView(s: PageSnapshot): PageSnapshot | null {
  const m = s.mobile;
  if (!m || m.text.trim() === '') return null;
  return { ...s, finalUrl: m.finalUrl, title: m.title, text: m.text, staticText: null, forms: m.forms ?? [], links: [], ocrText: null, screenshot: m.screenshot, mobile: null };
}

/**
 * Runs a text detector on every client's view and keeps, for each signal, the most telling view: the strongest
 * counterfeit evidence any client is shown (a query page shown only inside WeChat is judged on that page), and
 * benign evidence only as strong as every view bears it out. Signals read from the mobile view say so.
 */
function acrossViews(d: Detector, input: DetectorInput, views: readonly PageSnapshot[]): Signal[] {
  const benign = new Set(d.views?.benign ?? []);
  const byView = views.map((snapshot) => d.detect({ ...input, snapshot }));
  const desktop = byView[0] ?? [];
  if (byView.length === 1) return desktop;
  const ids = [...new Set(byView.flat().map((s) => s.id))];
  const out: Signal[] = [];
  for (const id of ids) {
    const found = byView.map((signals) => signals.find((s) => s.id === id) ?? null);
    if (benign.has(id)) {
      if (found.some((s) => s === null)) continue;
      out.push((found as Signal[]).reduce((a, b) => (b.score < a.score ? b : a)));
      continue;
    }
    let best = 0;
    found.forEach((s, i) => {
      if (s !== null && s.score > (found[best]?.score ?? -1)) best = i;
    });
    const pick = found[best];
    if (!pick) continue;
    out.push(best === 0 ? pick : { ...pick, ...reason('view.mobile', { ...pick.message?.params, reason: pick.message?.id ?? '' }), evidence: { ...pick.evidence, view: 'mobile' } });
  }
  return out;
}

/** Runs each detector on one snapshot; a detector's exception or bad signal is a failure, never a crash. */
export function runDetectors(
  raw: DetectorInput,
  list: readonly Detector[] = detectors,
): { signals: Signal[]; failures: DetectorFailure[] } {
  const input: DetectorInput = { ...raw, snapshot: simplifiedSnapshot(raw.snapshot), references: raw.references.map(simplifiedReference) };
  const mobile = mobileView(input.snapshot);
  const views = mobile === null ? [input.snapshot] : [input.snapshot, mobile];
  const signals: Signal[] = [];
  const failures: DetectorFailure[] = [];
  for (const d of list) {
    try {
      const found = d.views && views.length > 1 ? acrossViews(d, input, views) : d.detect(input);
      const bad = found.map(malformed).find((m) => m !== null);
      // A malformed signal would corrupt the score: the detector's whole output is dropped and reported.
      if (bad) failures.push({ detector: d.id, error: bad });
      else signals.push(...found);
    } catch (err) {
      failures.push({ detector: d.id, error: errorMessage(err) });
    }
  }
  return { signals, failures };
}
