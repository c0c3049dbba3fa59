/**
 * probe: how the site answered the crawler's one query with an impossible certificate (an ID number
 * whose GB 11643 check digit is wrong, the name 测试无此人). The official platforms answer "no record"
 * (没有查询到相关证件信息！) or reject the number; a forger's form that declares it valid has no register
 * behind it at all — as strong a signal as there is. Most fakes answer "no record" too (they hold only the
 * records they sold), so where the form really posts, whether the answer is written by script, and
 * whether it reads like the official answer are recorded as weaker signals.
 *
 * Reads snapshot.probe (captured by crawler/probe.ts). Without one (or without a request seen), only where the
 * page's query form declares it posts is read.
 */
import type { PageSnapshot, ProbeRecord } from '../../model/snapshot.js';
import type { Platform } from '../../model/platform.js';
import type { Detector, DetectorData, DetectorInput } from '../types.js';
import type { Signal } from '../../model/signal.js';
import { reason } from '../reason.js';
import rawData from './data.json' with { type: 'json' };
import { hostOf, isIpLiteral, siteOf } from '../../model/host.js';
import { queryFormIndex } from '../../model/query-form.js';
import { isOfficialHost } from '../../model/platform.js';

/** Signal ids; weights in rules.json are keyed by them. */
export const VALIDATES_IMPOSSIBLE_SIGNAL = 'probe.validates-impossible';
export const POSTS_ELSEWHERE_SIGNAL = 'probe.posts-elsewhere';
export const SCRIPT_ANSWER_SIGNAL = 'probe.script-answer';
export const UNLIKE_OFFICIAL_SIGNAL = 'probe.answer-unlike-official';

const DATA: DetectorData<typeof rawData> = rawData;

const compact = (s: string): string => s.replace(/\s+/g, '');


/** The words the answer shows, for the signals' reasons: its first line, and the phrase that classified it. */
function answerGist(probe: ProbeRecord): { answer: string; matched: string } {
  const first = [...probe.answer.dialogs, ...probe.answer.text.split('\n')].map((l) => l.trim()).find((l) => l !== '') ?? '';
  return { answer: first.replace(/\s+/g, ' ').slice(0, 60), matched: probe.matched ?? '' };
}

function validatesImpossible(probe: ProbeRecord): Signal | null {
  if (probe.classification !== 'valid') return null;
  const id = probe.submitted.find((s) => s.role === 'idNumber' || s.role === 'certNo');
  const name = probe.submitted.find((s) => s.role === 'name');
  return {
    id: VALIDATES_IMPOSSIBLE_SIGNAL,
    // Echoed back and declared valid: nothing honest does that with a number that cannot exist.
    score: probe.echoed ? 1 : 0.8,
    ...reason('probe.validates-impossible', {
      number: id?.value ?? '',
      numberKind: id?.role === 'certNo' ? 'cert-number' : 'id-wrong-check-digit',
      name: name?.value ?? '',
      ...answerGist(probe),
    }),
    evidence: {
      submitted: probe.submitted,
      matched: probe.matched,
      echoed: probe.echoed,
      answerUrl: probe.answer.url,
      answerScreenshot: probe.answer.screenshot?.sha256 ?? null,
      request: probe.request,
    },
  };
}

/** Whether a query sent from `pageHost` to `toHost` leaves for somebody else's site. */
function handedAway(toHost: string, pageHost: string, platforms: readonly Platform[]): boolean {
  // Another name of the same site (api.example.com for www.example.com) is ordinary engineering; a page whose
  // form hands the query to the genuine platform sends the visitor to the truth.
  return siteOf(toHost) !== siteOf(pageHost) && !isOfficialHost(toHost, platforms);
}

function postsElsewhere(probe: ProbeRecord, snapshot: PageSnapshot, platforms: readonly Platform[]): Signal | null {
  const to = probe.postsTo;
  if (to === null || !to.crossHost) return null;
  const pageHost = hostOf(probe.pageUrl) ?? hostOf(snapshot.finalUrl);
  if (pageHost === null || !handedAway(to.host, pageHost, platforms)) return null;
  const ipLiteral = isIpLiteral(to.host.replace(/^\[|\]$/g, ''));
  return {
    id: POSTS_ELSEWHERE_SIGNAL,
    score: ipLiteral ? 0.9 : 0.75,
    ...reason('probe.posts-elsewhere', { host: pageHost, method: to.method, to: `${to.host}${to.path}` }),
    evidence: { pageHost, postsTo: to, fields: probe.request?.fields ?? {}, ipLiteral },
  };
}

/**
 * Where the page's query form says it posts, read from its declaration when no probe saw a request (a `--no-probe`
 * scan, or a probe that could not submit): a certificate query handed to an unrelated site is visible without
 * typing anything. It counts for less than a request seen, since a script may send the query elsewhere.
 */
function declaredElsewhere(snapshot: PageSnapshot, platforms: readonly Platform[]): Signal | null {
  const forms = snapshot.forms ?? [];
  const form = forms[queryFormIndex(forms)];
  const action = form?.action ?? null;
  const to = hostOf(action);
  const pageHost = hostOf(snapshot.finalUrl);
  if (form === undefined || action === null || to === null || pageHost === null || !handedAway(to, pageHost, platforms)) return null;
  const ipLiteral = isIpLiteral(to);
  return {
    id: POSTS_ELSEWHERE_SIGNAL,
    score: ipLiteral ? 0.75 : 0.6,
    ...reason('probe.posts-elsewhere-declared', { host: pageHost, method: form.method.toUpperCase(), to: `${to}${new URL(action).pathname}` }),
    evidence: { pageHost, declaredAction: action, method: form.method, ipLiteral },
  };
}

function scriptAnswer(probe: ProbeRecord): Signal | null {
  if (!probe.answer.scriptBuilt) return null;
  return {
    id: SCRIPT_ANSWER_SIGNAL,
    // Weak: honest sites answer by script too; it matters beside the other probe signals.
    score: 0.5,
    ...reason(probe.answer.dialogs.length > 0 ? 'probe.script-answer-dialog' : 'probe.script-answer', answerGist(probe)),
    evidence: { request: probe.request, dialogs: probe.answer.dialogs, answerText: probe.answer.text.slice(0, 500) },
  };
}

function unlikeOfficial(probe: ProbeRecord): Signal | null {
  if (probe.classification === 'valid') return null; // validates-impossible says more
  const a = probe.answer;
  if (!a.navigated && !a.domChanged && a.dialogs.length === 0) return null; // no answer to compare
  const said = compact(`${a.title}\n${a.text}\n${a.dialogs.join('\n')}`);
  if (DATA.officialNoRecord.some((p) => said.includes(compact(p)))) return null;
  // A "no record" in other words is another back end than the platform's; an answer we cannot read at
  // all is more so; a validation message may be the page's own script checking the number, as the
  // official page may do as well.
  const score = probe.classification === 'no-record' ? 0.6 : probe.classification === 'unknown' ? 0.5 : 0.3;
  return {
    id: UNLIKE_OFFICIAL_SIGNAL,
    score,
    ...reason('probe.answer-unlike-official', { official: DATA.officialNoRecord[0] ?? '', classification: probe.classification, ...answerGist(probe) }),
    evidence: { classification: probe.classification, matched: probe.matched, answerTitle: a.title, answerText: a.text.slice(0, 500), dialogs: a.dialogs },
  };
}

function detect({ snapshot, platforms }: DetectorInput): Signal[] {
  const probe = snapshot.probe;
  const host = hostOf(snapshot.finalUrl);
  // The crawler never probes an official host; a stored snapshot that says otherwise proves nothing against it.
  if (host !== null && isOfficialHost(host, platforms)) return [];
  // Without a request seen, only the form's declaration says where the query goes.
  if (probe === undefined || probe === null || probe.postsTo === null) return [declaredElsewhere(snapshot, platforms)].filter((s): s is Signal => s !== null);
  return [validatesImpossible(probe), postsElsewhere(probe, snapshot, platforms), scriptAnswer(probe), unlikeOfficial(probe)].filter(
    (s): s is Signal => s !== null,
  );
}

/** The probe detector: the answer to the crawler's impossible certificate query, and where it went. */
export const probe: Detector = {
  id: 'probe',
  describe: 'the query form answered an impossible certificate (valid / posts to another site / script answer / unlike the official answer)',
  detect,
};
