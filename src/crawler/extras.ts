/**
 * The extra views of a visit: the active probe of a query form, OCR of the header band, a plain
 * HTTP fetch, a mobile WeChat render and a few same-site links followed. Each is optional, bounded by the
 * visit's deadline and isolated: a failure is a note on the snapshot, never a failed target. Those taken
 * together run side by side; only the probe touches the visited page. Which to take is the pipeline's
 * call (DecideExtras): the crawler knows nothing of detectors or scores.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright';
import { renderMobile } from './mobile.js';
import { ocrHeader, OcrMissingError } from './ocr.js';
import { fetchSiteRoot, fetchSubpages, pickSubpages, plainFetchView, CURL_UA } from './plain-fetch.js';
import { probeQueryForm } from './probe.js';
import { DESKTOP_UA } from './browser.js';
import { queryFormIndex } from '../model/query-form.js';
import type { Artifact, ArtifactRef, ExtraView, PageSnapshot, ProbeRecord } from '../model/snapshot.js';
import { isGovCn, normaliseHost } from '../model/host.js';
import { isOfficialHostIn } from '../model/platform.js';

/** The switches of CaptureOptions the extra views obey. */
export interface ExtrasOptions {
  readonly probe: boolean;
  readonly ocr: boolean;
  readonly plainFetch: boolean;
  readonly mobile: boolean;
  readonly depth: number;
  readonly maxBytes: number;
  readonly neverProbe: readonly string[];
}

/** A probe made in this scan, kept so that another visit to the same host reuses it. */
export interface ProbeMade {
  readonly record: ProbeRecord;
  readonly artifact: Artifact | null;
}

/** Scan-wide state: one probe per host (a promise, so concurrent visits wait for it), one OCR note. */
export interface ExtrasState {
  readonly probes: Map<string, Promise<ProbeMade | null>>;
  /** Why OCR is unavailable, once learnt; null while it works. */
  ocrMissing: string | null;
  /**
   * The last OCR run queued: runs go one at a time, because each tesseract loads its Chinese model anew
   * and four at once on two cores take ten times as long each.
   */
  ocrChain: Promise<void>;
}

/** The scan-wide state of the extras, fresh for one scan. */
export function newExtrasState(): ExtrasState {
  return { probes: new Map(), ocrMissing: null, ocrChain: Promise.resolve() };
}

/** What the page itself says about the extra views' prospects (read from the rendered page, no detector). */
export interface PageFacts {
  /** The page has a certificate-query form (model/query-form.ts). */
  readonly queryForm: boolean;
  /** Pictures (images, SVG, canvas, CSS backgrounds) in the header band OCR reads. */
  readonly headerPictures: number;
  /** The text set in that band (capped): what OCR would add to is what this lacks. */
  readonly headerText: string;
  /** Same-site links the depth check would follow. */
  readonly sameSiteLinks: number;
  /** The page sits below its site's front page (the depth check reads that front page too). */
  readonly belowRoot: boolean;
}

/** The crawler's question to the pipeline: given what the visit has so far, which pending views to take. */
export interface ExtrasQuestion {
  /** The target's index in the scan (the same target is asked once per round). */
  readonly index: number;
  /** The target's own host (the scorer calls a platform's own host official, wherever it redirects). */
  readonly host: string;
  /** The visit so far: the desktop render and the views already taken. */
  readonly snapshot: PageSnapshot;
  readonly artifacts: readonly Artifact[];
  readonly page: PageFacts;
  /** The views still to decide. */
  readonly pending: readonly ExtraView[];
}

/** The answer: for each pending view, whether to take it and why (a view left out is not taken). */
export type ExtrasPlan = { readonly [K in ExtraView]?: { readonly run: boolean; readonly reason: string; readonly reasonZh: string } };

/** The policy's answer: the plan, and the time it spent by step (detectors it ran), for the snapshot's timings. */
export interface ExtrasAnswer {
  readonly plan: ExtrasPlan;
  readonly steps?: Readonly<Record<string, number>>;
}

/** The pipeline's policy for extra views (the crawler imports no detector or rule to decide). */
export type DecideExtras = (q: ExtrasQuestion) => ExtrasAnswer | Promise<ExtrasAnswer>;

/** What one visit hands to the extras: the open page, and what the visit read of it (its snapshot's terms). */
export interface ExtrasInput extends Pick<PageSnapshot, 'finalUrl' | 'forms' | 'links'> {
  readonly page: Page;
  /** The URL visited first (the plain fetch and the mobile render start there too). */
  readonly startUrl: string;
  readonly screenshot: Buffer;
  readonly docStatuses: () => readonly number[];
  /** Epoch ms by which every extra must be done. */
  readonly deadline: number;
  readonly guardProxy: string;
  readonly textCap: number;
  readonly htmlText: (html: string) => string;
}

type ExtraFields = Pick<PageSnapshot, 'probe' | 'ocrText' | 'plainFetch' | 'mobile' | 'subpages' | 'siteRoot'>;

/** The extra snapshot fields, the notes about them, the artifacts they produced and the time each took. */
export interface ExtrasResult {
  readonly fields: ExtraFields;
  readonly notes: string[];
  readonly artifacts: Artifact[];
  /** Milliseconds per view, keyed as STEPS names them (`extra.probe`, …). */
  readonly steps: Record<string, number>;
}

/** Each extra view's own bounds; the visit's deadline bounds every view as well. */
const VIEW_BOUNDS = {
  probe: { answerWaitMs: 8_000 },
  plainFetch: { timeoutMs: 8_000, maxBytes: 2 * 1024 * 1024 },
  depth: {
    /** Each subpage, and the site's front page. */
    fetch: { timeoutMs: 5_000, maxBytes: 256 * 1024 },
    /** Enough of a front page's text to tell whose site it is. */
    rootTextChars: 4_000,
  },
  ocr: {
    /**
     * Tesseract's own bound. 10 s ran out at load average 20–30 on a header tesseract reads in 1–3 s idle:
     * our slowness, which must not cost the page its OCR.
     */
    timeoutMs: 30_000,
  },
} as const;
/** The header band read by OCR: the top of the page, where the agency name and platform title sit. */
export const OCR_BAND_PX = 220;

/** Step names of the views, as STEPS lists them. */
export const VIEW_STEP: Readonly<Record<ExtraView, string>> = {
  probe: 'extra.probe',
  ocr: 'extra.ocr',
  mobile: 'extra.mobile',
  plainFetch: 'extra.plain-fetch',
  depth: 'extra.depth',
};

function pngArtifact(data: Buffer): Artifact {
  return { ref: { sha256: createHash('sha256').update(data).digest('hex'), mime: 'image/png', bytes: data.length }, data };
}

const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);

/** Races a task against the deadline; the loser's result is dropped (its own bounds end it soon after). */
export function bounded<T>(task: Promise<T>, deadline: number, what: string): Promise<T> {
  const ms = deadline - Date.now();
  if (ms <= 0) {
    // The task is already running; its own failure must not surface later as an unhandled rejection.
    task.catch(() => undefined);
    return Promise.reject(new Error(`${what}: no time left in the visit`));
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: cut at the visit's time bound`)), ms);
  });
  return Promise.race([task, late]).finally(() => clearTimeout(timer));
}

/** Why a host must never be probed (an official platform, a government site), or null. */
export function probeRefusal(host: string, neverProbe: readonly string[]): string | null {
  if (isOfficialHostIn(host, neverProbe)) return 'an official platform';
  const h = normaliseHost(host);
  if (h !== null && isGovCn(h)) return 'a .gov.cn host';
  return null;
}

/** Takes the chosen extra views of one visit, side by side, within the visit's deadline. */
export async function runExtras(
  input: ExtrasInput,
  views: ReadonlySet<ExtraView>,
  opts: ExtrasOptions,
  state: ExtrasState,
): Promise<ExtrasResult> {
  const notes: string[] = [];
  const artifacts: Artifact[] = [];
  const steps: Record<string, number> = {};
  const fields: { -readonly [K in keyof ExtraFields]: ExtraFields[K] } = {};
  const keep = (png: Buffer): ArtifactRef => {
    const a = pngArtifact(png);
    artifacts.push(a);
    return a.ref;
  };
  const timed = (view: ExtraView, task: Promise<void>): Promise<void> => {
    const t0 = Date.now();
    return task.finally(() => void (steps[VIEW_STEP[view]] = Date.now() - t0));
  };

  const tasks: Promise<void>[] = [];
  if (views.has('ocr') && state.ocrMissing === null) {
    const run = state.ocrChain.then(() => {
      if (input.deadline - Date.now() < 2_000) throw new Error('OCR: no time left in the visit');
      return ocrHeader(input.screenshot, { bandHeight: OCR_BAND_PX, timeoutMs: VIEW_BOUNDS.ocr.timeoutMs, binary: 'tesseract' });
    });
    state.ocrChain = run.then(
      () => undefined,
      () => undefined,
    );
    tasks.push(
      timed('ocr', bounded(run, input.deadline, 'OCR').then(
        (text) => void (fields.ocrText = text),
        (err: unknown) => {
          if (err instanceof OcrMissingError) {
            // Said once per scan: every later visit skips OCR quietly.
            if (state.ocrMissing === null) notes.push(`OCR skipped for this scan: ${err.message} (npm run setup installs it)`);
            state.ocrMissing = err.message;
          } else notes.push(`OCR failed: ${oneLine(err)}`);
        },
      )),
    );
  }
  if (views.has('plainFetch')) {
    const plainOpts = { proxy: input.guardProxy, userAgent: CURL_UA, maxRedirects: 5, ...VIEW_BOUNDS.plainFetch };
    tasks.push(
      timed('plainFetch', bounded(plainFetchView(input.startUrl, plainOpts, input.htmlText), input.deadline, 'plain fetch').then(
        (view) => void (fields.plainFetch = view),
        (err: unknown) => void notes.push(`plain fetch of ${input.startUrl} failed: ${oneLine(err)}`),
      )),
    );
  }
  if (views.has('depth')) {
    const urls = pickSubpages(input.finalUrl, input.links, opts.depth);
    // A browser identity here: the depth check asks whether the links work, not whether the site cloaks.
    const subOpts = { proxy: input.guardProxy, userAgent: DESKTOP_UA, maxRedirects: 5, ...VIEW_BOUNDS.depth.fetch };
    // The site's front page too, for a page below it: whose site the page is on, and whether it leads there.
    const depth = Promise.all([fetchSubpages(urls, subOpts), fetchSiteRoot(input.finalUrl, subOpts, input.htmlText, VIEW_BOUNDS.depth.rootTextChars)]);
    tasks.push(
      timed('depth', bounded(depth, input.deadline, 'depth').then(
        ([rows, root]) => {
          fields.subpages = rows;
          if (root !== null) fields.siteRoot = root;
        },
        (err: unknown) => void notes.push(`depth: ${oneLine(err)}`),
      )),
    );
  }
  if (views.has('mobile')) {
    const browser = input.page.context().browser();
    if (browser === null) notes.push('mobile render skipped: no browser handle');
    else
      tasks.push(
        timed('mobile', bounded(
          renderMobile(browser, input.startUrl, { proxy: input.guardProxy, deadline: input.deadline - 500, textCap: input.textCap, maxBytes: opts.maxBytes, keep }),
          input.deadline,
          'mobile render',
        ).then(
          (view) => void (fields.mobile = view),
          (err: unknown) => void notes.push(`mobile render failed: ${oneLine(err)}`),
        )),
      );
  }
  if (views.has('probe')) {
    tasks.push(timed('probe', probe(input, opts.neverProbe, state, notes, artifacts, keep).then((r) => void (r !== undefined && (fields.probe = r)))));
  }

  await Promise.all(tasks);
  return { fields, notes, artifacts, steps };
}

/** The probe of this visit: made here, reused from an earlier visit to the host, or refused. */
async function probe(
  input: ExtrasInput,
  neverProbe: readonly string[],
  state: ExtrasState,
  notes: string[],
  artifacts: Artifact[],
  keep: (png: Buffer) => ArtifactRef,
): Promise<ProbeRecord | undefined> {
  if (queryFormIndex(input.forms) < 0) return undefined;
  let host: string;
  try {
    host = new URL(input.finalUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const startHost = (() => {
    try {
      return new URL(input.startUrl).hostname.toLowerCase();
    } catch {
      return host;
    }
  })();
  const refusal = probeRefusal(host, neverProbe) ?? probeRefusal(startHost, neverProbe);
  if (refusal !== null) {
    notes.push(`probe: not made — ${host} is ${refusal}`);
    return undefined;
  }
  const earlier = state.probes.get(host);
  if (earlier !== undefined) {
    const made = await bounded(earlier, input.deadline, 'probe').catch(() => null);
    if (made === null) {
      notes.push(`probe: not repeated — ${host} was already probed in this scan (no result to share)`);
      return undefined;
    }
    if (made.artifact) artifacts.push(made.artifact);
    notes.push(`probe: ${host} was already probed in this scan; that probe's record is shared`);
    return { ...made.record, sharedFrom: made.record.sharedFrom ?? made.record.pageUrl };
  }
  let shot: Artifact | null = null;
  const keepOne = (png: Buffer): ArtifactRef => {
    const ref = keep(png);
    shot = artifacts.find((a) => a.ref.sha256 === ref.sha256) ?? null;
    return ref;
  };
  const made = (async (): Promise<ProbeMade | null> => {
    const out = await probeQueryForm(input.page, input.forms, {
      docStatuses: input.docStatuses,
      deadline: input.deadline,
      answerWaitMs: VIEW_BOUNDS.probe.answerWaitMs,
      keep: keepOne,
    });
    if (out === null) return null;
    if ('skipped' in out) {
      notes.push(out.skipped);
      return null;
    }
    return { record: out.record, artifact: shot };
  })().catch((err: unknown) => {
    notes.push(`probe failed: ${oneLine(err)}`);
    return null;
  });
  // Registered before the first await: a concurrent visit to the same host waits for this one.
  state.probes.set(host, made);
  const result = await bounded(made, input.deadline, 'probe').catch((err: unknown) => {
    notes.push(oneLine(err));
    return null;
  });
  return result?.record;
}
