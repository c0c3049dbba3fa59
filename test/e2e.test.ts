/**
 * End to end: the sandbox internet, a reference refresh and a scan of the whole bundled corpus with real
 * Chromium through the sandbox proxy, DNS and WHOIS — the same code path as `jianzhen scan --proxy … --dns …
 * --whois …`. Asserts per site what a scan must capture: final URL after redirects, title, script-only text, a
 * non-empty screenshot, WHOIS captured, NXDOMAIN names unreachable, hostile pages failing within their bound.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanJson } from '../src/cli/output.js';
import { openStore, type Store } from '../src/data/store.js';
import { type TargetResult } from '../src/model/result.js';
import { refreshReferences, type ReferenceOutcome } from '../src/pipeline/references.js';
import { runScan, type ScanReport } from '../src/pipeline/scan.js';
import { corpus } from '../src/sandbox/corpus/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { BARS, evaluateResults, formatEvaluation, type Evaluation } from '../bench/evaluation.js';
import { sandboxCapture } from './fixtures/sandbox.js';

let sandbox: Sandbox;
let store: Store;
let refs: ReferenceOutcome[];
let report: ScanReport;
const byHost = new Map<string, TargetResult>();

// Bare host names for most sites (https:// tried first, then http://), explicit URLs for a few.
const targets = corpus.map((s, i) => s.entry ?? (i % 4 === 1 ? `http://${s.host}/` : s.host));
const hostOfInput = (input: string) => input.replace(/^https?:\/\//, '').replace(/\/.*$/, '');

beforeAll(async () => {
  sandbox = await startSandbox();
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'jianzhen-e2e-')), 'jianzhen.db'));
  const capture = sandboxCapture(sandbox, 4);
  refs = await refreshReferences(store, capture);
  report = await runScan(store, { targets, capture, identity: { e2e: true } });
  for (const r of report.results) byHost.set(hostOfInput(r.input), r);
}, 1_800_000);

afterAll(async () => {
  await store?.close();
  await sandbox?.close();
});

describe('references refresh', () => {
  it('captures every official entry point through the proxy (https refused, retried over http)', async () => {
    expect(refs.map((r) => [r.platform, r.ok])).toEqual(refs.map((r) => [r.platform, true]));
    expect(refs.every((r) => r.notes.some((n) => /retried over http/.test(n)))).toBe(true);
    const stored = (await store.listReferences()).map((r) => r.platform).sort();
    expect(stored).toEqual(['mem-cx', 'mohurd-zlaq', 'samr-cnse']);
    // Of a platform's entry points, the first in rules order that answers is its reference, whichever finished first.
    const samr = (await store.listReferences()).find((r) => r.platform === 'samr-cnse');
    expect(samr?.snapshot.url).toMatch(/^https?:\/\/cnse\.e-cqs\.cn\/info-pub\/pub/);
  });

  it('stores each reference with its screenshot and footer registration numbers', async () => {
    for (const ref of await store.listReferences()) {
      const png = await store.readArtifact(ref.snapshot.screenshot!.sha256);
      expect(png?.subarray(1, 4).toString()).toBe('PNG');
      expect(ref.snapshot.text).toMatch(/ICP备\d+号/);
    }
  });
});

describe('scan of the whole bundled corpus', () => {
  it('gives every input exactly one result, in input order, input verbatim', () => {
    expect(report.results.map((r) => r.input)).toEqual(targets);
  });

  it('honours the JSON contract (shared/contract/scan-output.schema.json)', () => {
    // A copy of ../shared/contract/scan-output.schema.json travels with the repo (CI has only the checkout);
    // where the shared original is present, the copy must still equal it.
    const copy = readFileSync(new URL('./contract/scan-output.schema.json', import.meta.url), 'utf8');
    const shared = new URL('../../shared/contract/scan-output.schema.json', import.meta.url);
    if (existsSync(shared)) expect(JSON.parse(copy)).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
    const schema = JSON.parse(copy);
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const doc = scanJson(report.scan, report.results);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('says in --json which extra views each render took and why, and takes them only where they can matter', () => {
    const doc = scanJson(report.scan, report.results);
    const rendered = doc.results.filter((r) => r.extras.length > 0);
    expect(rendered.length).toBeGreaterThan(50);
    for (const r of rendered) {
      expect(r.extras.map((e) => e.view).sort()).toEqual(['depth', 'mobile', 'ocr', 'plainFetch', 'probe']);
      expect(r.extras.every((e) => typeof e.ran === 'boolean' && e.reason.length > 0)).toBe(true);
    }
    // A platform's own host gives no extra view anything to change.
    for (const r of rendered.filter((x) => x.verdict === 'official')) expect(r.extras.some((e) => e.ran)).toBe(false);
    // The probe is still taken where the verdict is open, and its answer recorded. (Which answer decides a verdict
    // depends on the corpus: no fake of it needs the probe any longer; capture.test.ts proves an always-valid form.)
    const probed = report.results.filter((r) => r.snapshot?.probe != null);
    expect(probed.length).toBeGreaterThan(0);
    for (const r of probed) expect(['valid', 'no-record', 'validation-error', 'unknown']).toContain(r.snapshot!.probe!.classification);
  });

  it.each(corpus.filter((s) => s.label === 'official').map((s) => [s.host]))('calls the platform’s own host %s official', (host) => {
    expect(byHost.get(host)?.verdict).toBe('official');
  });

  it.each(corpus.filter((s) => s.label === 'unregistered').map((s) => [s.host]))('calls the unregistered name %s unreachable (NXDOMAIN)', (host) => {
    const r = byHost.get(host)!;
    expect(r.verdict).toBe('unreachable');
    expect(r.error).toMatch(/NXDOMAIN/);
    expect(sandbox.requests.some((q) => q.host === host)).toBe(false);
  });

  it.each(corpus.filter((s) => s.expect?.finalUrl).map((s) => [s.host, s.expect!.finalUrl!]))('follows %s to %s', (host, finalUrl) => {
    expect(byHost.get(host)?.finalUrl).toBe(finalUrl);
  });

  // A site scanned at its entry path (a fake planted under an old site) is not where its root's title is.
  it.each(corpus.filter((s) => s.expect?.title && s.entry === undefined).map((s) => [s.host, s.expect!.title!]))('reads the title of %s', (host, title) => {
    expect(byHost.get(host)?.snapshot?.title).toBe(title);
  });

  it.each(corpus.filter((s) => s.expect?.scriptText).map((s) => [s.host, s.expect!.scriptText!]))(
    'captures the text only a script puts on %s',
    (host, text) => {
      const snap = byHost.get(host)!.snapshot!;
      expect(snap.text).toContain(text);
      expect(snap.staticText ?? '').not.toContain(text);
    },
  );

  const rendered = corpus.filter((s) => ['official', 'counterfeit', 'benign'].includes(s.label) && s.a?.length);
  it.each(rendered.map((s) => [s.host]))('stores a non-empty screenshot and WHOIS text for %s', async (host) => {
    const r = byHost.get(host)!;
    expect(r.error).toBeNull();
    const png = (await store.readArtifact(r.snapshot!.screenshot!.sha256))!;
    expect(png.length).toBeGreaterThan(2000);
    expect(r.evidence).toMatch(/^artifacts\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    if (corpus.find((s) => s.host === host)!.label !== 'official') expect(r.snapshot!.whois?.raw.length).toBeGreaterThan(50);
  });

  // Every visit is bounded by the capture's own time limits; how long they take is the benchmark's to
  // measure (a time bound asserted here fails on a loaded machine, and our slowness is never the site's).
  const hostile = corpus.filter((s) => s.expect?.failsWithinMs);
  it.each(hostile.map((s) => [s.host]))('records the hostile site %s as one bounded outcome of its own', (host) => {
    const r = byHost.get(host)!;
    // On a starved machine (load average 15–20 seen) a silent server cannot be told from our own stall; the outcome
    // then says so rather than blame the site. Never a bare failure of ours without that sentence.
    if (r.failure?.blame === 'ours') expect(r.error).toMatch(/not the site's fault/);
    if (r.snapshot) {
      // A page that only opens dialogs and popups is captured, with what it tried recorded.
      expect(r.snapshot.notes.join(' ')).toMatch(/dialog|popup/);
    } else {
      expect(r.verdict).toBe('unreachable');
      expect(r.error).toBeTruthy();
    }
  });

  it('refuses every request to a private address, including those a page makes', () => {
    // The page's own image from a host that resolves privately is refused while it loads.
    const probe = byHost.get('intranet-probe.example-cx.com');
    expect(probe?.snapshot?.blockedRequests.join('\n')).toMatch(/10\.20\.30\.40/);
    // Its script's fetches of the visitor's router start whenever the script gets the CPU (on a loaded machine,
    // possibly after the page was read): whenever they start, none may get through.
    const privateHosts = corpus.filter((s) => s.a?.some((a) => /^(10\.|127\.|192\.168\.)/.test(a))).map((s) => s.host);
    expect(privateHosts.length).toBeGreaterThanOrEqual(2);
    for (const host of [...privateHosts, '192.168.1.1']) expect(sandbox.requests.some((q) => q.host === host)).toBe(false);
  });

  it('never calls a benign look-alike counterfeit', () => {
    const wrong = corpus.filter((s) => s.label === 'benign' && byHost.get(s.host)?.verdict === 'counterfeit');
    expect(wrong.map((s) => s.host)).toEqual([]);
  });

  it('flags the hyphenated copy of cx.mem.gov.cn as counterfeit of mem-cx with its reason', () => {
    const r = byHost.get('cx-mem-gov.cn')!;
    expect(r).toMatchObject({ verdict: 'counterfeit', platform: 'mem-cx' });
    expect(r.signals.find((s) => s.id === 'domain.lookalike')?.detail).toMatch(/cx\.mem\.gov\.cn/);
  });
});

/**
 * npm run eval's bars, asserted on this same scan of the corpus (one scan serves every assertion of this file;
 * the figures without the probe re-score its snapshots with the probe record removed, which `npm run eval --
 * --verify-no-probe` checked equal to a real --no-probe scan). The sandbox's clock keeps them the same any day.
 */
describe('detection quality against the corpus labels', () => {
  let e: Evaluation;
  // CPU-bound (the detectors run again on every probed snapshot): seconds on an idle machine, minutes on a loaded one.
  beforeAll(async () => {
    e = await evaluateResults(store, report.results);
  }, 900_000);
  const part = (name: string) => e.parts.find((p) => p.name.startsWith(name))!;

  it('calls every counterfeit of the tuning part counterfeit, with and without the probe', () => {
    expect(part('tuning').withProbe.missed, formatEvaluation(e)).toEqual([]);
    expect(part('tuning').withoutProbe.missed, formatEvaluation(e)).toEqual([]);
    expect(part('tuning').withProbe.recall).toBe(BARS.tuningRecall);
  });

  // A round whose misses are known and recorded, each with the hosts it misses: any other miss fails, and every
  // other round must reach the bar. None now: round 6's two misses (README, "Measuring the verdicts") led to two
  // principles and it meets the bar since. `npm run eval` keeps the bar for all.
  const BELOW_BAR: Readonly<Record<string, readonly string[]>> = {};

  it('calls at least the bar of each held-aside round\'s counterfeits counterfeit, with and without the probe, and flags every one', () => {
    for (const p of e.parts.filter((x) => x.heldAside)) {
      expect(p.withProbe.flagged, p.name).toBe(p.withProbe.counterfeits);
      const known = Object.entries(BELOW_BAR).find(([name]) => p.name.startsWith(name))?.[1];
      if (known !== undefined) {
        for (const figures of [p.withProbe, p.withoutProbe]) {
          const missed = figures.missed.map((m) => m.split(' → ')[0]!);
          expect(missed.filter((h) => !known.includes(h)), `${p.name}\n${formatEvaluation(e)}`).toEqual([]);
        }
        continue;
      }
      expect(p.withProbe.recall, `${p.name}\n${formatEvaluation(e)}`).toBeGreaterThanOrEqual(BARS.heldAsideRecall);
      expect(p.withoutProbe.recall, `${p.name} without the probe\n${formatEvaluation(e)}`).toBeGreaterThanOrEqual(BARS.heldAsideRecall);
    }
  });

  it('calls no benign or official site counterfeit, with or without the probe', () => {
    for (const p of e.parts) {
      expect(p.withProbe.falseCounterfeits, p.name).toEqual([]);
      expect(p.withoutProbe.falseCounterfeits, p.name).toEqual([]);
    }
  });

  it('attributes the counterfeits to the platform they impersonate', () => {
    for (const p of e.parts) expect(p.withProbe.attributed / Math.max(1, p.withProbe.caught), p.name).toBeGreaterThanOrEqual(BARS.attribution);
  });

  // The benign sites an analyst is sent to are recorded — three parked look-alikes (suspicious by design: a name
  // alone), a registered look-alike name with an article that also sells, a forum thread that answers "is this
  // site real?" — and any other fails; together they stay within the bar.
  const KNOWN_REVIEW = ['cxmemgov.cn', 'www.lyad-chache.com', 'cnse-ecqs.com', 'zlaqmohurd.cn', 'www.diangongwang.net'];

  it('sends at most one benign site in ten to an analyst, only the recorded ones, with and without the probe', () => {
    const sent = (withProbe: boolean) => e.parts.flatMap((p) => (withProbe ? p.withProbe : p.withoutProbe).reviewLoad.map((m) => m.split(' ')[0]!));
    for (const how of [true, false]) expect(sent(how).filter((h) => !KNOWN_REVIEW.includes(h)), formatEvaluation(e)).toEqual([]);
    expect(e.reviewLoad.withProbe, formatEvaluation(e)).toBeLessThanOrEqual(Math.floor(BARS.reviewLoad * e.reviewLoad.benign));
    expect(e.reviewLoad.withoutProbe, formatEvaluation(e)).toBeLessThanOrEqual(Math.floor(BARS.reviewLoad * e.reviewLoad.benign));
  });
});
