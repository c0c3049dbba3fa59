/**
 * Progressive capture: which extra views of a visit are worth their time. The desktop render and the
 * detectors on it come first; an extra view (the plain fetch, the same-site links, OCR of the header, the
 * WeChat mobile render, the probe of a query form) is taken only when it can still change the verdict or
 * the platform, and only when the page gives it something to find. The crawler asks (it knows nothing of
 * detectors or scores); this module answers with the detectors and the scorer.
 *
 * "Can change" is a bound, not a guess: the signals a view feeds are set to every strength they could take
 * (0 to 1) with the others as they are, and the view is skipped only when neither extreme moves the score
 * across a threshold nor the attribution margin can be overturned. "Something to find" is what the view
 * needs to exist at all: a query form for the probe, a pictured header with little text for OCR, same-site
 * links or a front page above the page for the depth check, a page built by script or differing by client (or a verdict already
 * suspicious) for the WeChat render, some suspicion at all for the plain fetch.
 */
import type { ExtrasPlan, ExtrasQuestion } from '../crawler/extras.js';
import { runDetectors } from '../detectors/index.js';
import type { Reference } from '../model/reference.js';
import type { ExtraView } from '../model/snapshot.js';
import type { Platform } from '../model/platform.js';
import type { Contribution, ScoredVerdict } from '../model/verdict.js';
import { score, type Rules } from '../rules/index.js';

/** How a view can move a signal it feeds: only up from where it is, only down, or either way. */
export type Direction = 'raise' | 'lower' | 'any';

/** One signal a view feeds, and how it can move it. */
export interface Feed {
  readonly id: string;
  readonly can: Direction;
}

/**
 * The signals each extra view feeds and how it can move them, given the verdict so far. Adding a view only
 * adds comparisons to cloaking.client-dependent (its strength is the worst one), so those views only raise
 * it. OCR adds heading lines: more phrases, a query form that may read differently, and an article reading
 * that a stronger form can only lower — unless the page named no platform before, when OCR may be what
 * makes it an article about one at all.
 */
export function viewFeeds(view: ExtraView, verdict: Pick<ScoredVerdict, 'contributions'>): readonly Feed[] {
  switch (view) {
    case 'plainFetch':
    case 'mobile':
      return [{ id: 'cloaking.client-dependent', can: 'raise' }];
    case 'depth':
      return [
        { id: 'depth.broken-links', can: 'any' },
        { id: 'depth.links-to-official', can: 'any' },
        { id: 'depth.official-reference', can: 'any' },
        { id: 'depth.planted', can: 'any' },
      ];
    case 'ocr': {
      const mentions = verdict.contributions.some((c) => c.id === 'content.phrases' && c.score > 0);
      return [
        { id: 'content.phrases', can: 'raise' },
        { id: 'content.query-form', can: 'any' },
        { id: 'content.article', can: mentions ? 'lower' : 'any' },
      ];
    }
    case 'probe':
      return ['probe.validates-impossible', 'probe.posts-elsewhere', 'probe.script-answer', 'probe.answer-unlike-official'].map((id) => ({ id, can: 'any' as const }));
  }
}

/** What "under suspicion" means for the plain fetch's precondition: some counterfeit evidence already. */
const SUSPICION_MIN = 1;

type Bucket = 'counterfeit' | 'suspicious' | 'benign';
const ZH: Readonly<Record<string, string>> = { counterfeit: '假冒', suspicious: '可疑', benign: '正常', official: '官方' };

/** A reason in English (JSON, logs) and Chinese (the console). */
export interface Reason {
  readonly en: string;
  readonly zh: string;
}
const join = (a: Reason, sep: { en: string; zh: string }, b: Reason): Reason => ({ en: `${a.en}${sep.en}${b.en}`, zh: `${a.zh}${sep.zh}${b.zh}` });

function bucket(total: number, rules: Rules): Bucket {
  const t = Math.round(total);
  return t >= rules.thresholds.counterfeit ? 'counterfeit' : t >= rules.thresholds.suspicious ? 'suspicious' : 'benign';
}

/**
 * The lowest and highest score a verdict could reach if the signals a view feeds moved as far as they can
 * (the others staying): the scorer itself (rules/index.ts `score`, page-evidence cap included) at the two
 * extremes. The score never falls as counterfeit evidence grows or as benign evidence shrinks, so the
 * extremes bound every state in between.
 */
export function scoreReach(contributions: readonly Contribution[], feeds: readonly Feed[], rules: Rules): { min: number; max: number } {
  const at = (extreme: 'max' | 'min'): number => {
    const strengths = new Map(contributions.map((c) => [c.id, c.score]));
    for (const f of feeds) {
      const weight = rules.weights[f.id] ?? 0;
      if (weight === 0) continue;
      const now = strengths.get(f.id) ?? 0;
      const top = f.can === 'lower' ? now : 1;
      const bottom = f.can === 'raise' ? now : 0;
      // Counterfeit evidence is highest at its top strength; benign evidence lowers the score most at its top.
      strengths.set(f.id, (weight > 0) === (extreme === 'max') ? top : bottom);
    }
    const signals = [...strengths].map(([id, strength]) => ({
      id,
      score: strength,
      detail: '',
      platform: contributions.find((c) => c.id === id)?.platform ?? null,
    }));
    return score(signals, rules, { host: null }).score;
  };
  return { max: at('max'), min: at('min') };
}

/** Why a view could change the verdict or the platform, or null when it cannot. */
export function couldChange(verdict: ScoredVerdict, feeds: readonly Feed[], rules: Rules): Reason | null {
  if (verdict.verdict === 'official') return null;
  const now = bucket(verdict.score, rules);
  const { min, max } = scoreReach(verdict.contributions, feeds, rules);
  const low = bucket(min, rules);
  const high = bucket(max, rules);
  if (high !== now) return { en: `score ${verdict.score} could reach ${Math.round(max)} (${high})`, zh: `得分 ${verdict.score} 可能升至 ${Math.round(max)}（${ZH[high]}）` };
  if (low !== now) return { en: `score ${verdict.score} could fall to ${Math.round(min)} (${low})`, zh: `得分 ${verdict.score} 可能降至 ${Math.round(min)}（${ZH[low]}）` };
  if (now === 'benign') return null;
  // The platform: the view's signals could add their attribution weight to a rival, or take theirs from the leader.
  const [first, second] = verdict.attribution;
  if (first === undefined) return { en: 'no platform yet', zh: '尚无冒充平台' };
  const fed = new Set(feeds.map((f) => f.id));
  const swing =
    feeds.filter((f) => f.can !== 'lower').reduce((s, f) => s + (rules.attribution[f.id] ?? 0), 0) +
    verdict.contributions
      .filter((c) => fed.has(c.id) && c.platform === first.platform)
      .reduce((s, c) => s + (rules.attribution[c.id] ?? 0) * c.score, 0);
  const margin = first.weight - (second?.weight ?? 0);
  if (margin > swing) return null;
  return {
    en: `platform ${first.platform} leads by ${Math.round(margin)}, the view could move ${Math.round(swing)}`,
    zh: `冒充平台 ${first.platform} 仅领先 ${Math.round(margin)}，此视图可改变 ${Math.round(swing)}`,
  };
}

/** What the policy reads beside the snapshot: the references and the rules the scan scores with. */
export interface PolicyContext {
  readonly rules: Rules;
  readonly references: readonly Reference[];
  readonly readArtifact: (sha256: string) => Buffer | null;
}

/** Scores a (partial) snapshot the way the scan will: every detector, then the scorer. */
export function judgePartial(q: Pick<ExtrasQuestion, 'snapshot' | 'artifacts' | 'host'>, ctx: PolicyContext): ScoredVerdict {
  const local = new Map(q.artifacts.map((a) => [a.ref.sha256, a.data]));
  const { signals } = runDetectors({
    snapshot: q.snapshot,
    references: ctx.references,
    platforms: ctx.rules.platforms,
    readArtifact: (sha) => local.get(sha) ?? ctx.readArtifact(sha),
  });
  return score(signals, ctx.rules, { host: q.host });
}

/** The first platform name, agency or phrase the text holds (white space aside), or null. */
function namedPlatform(text: string, platforms: readonly Platform[]): string | null {
  const t = text.replace(/\s+/g, '');
  if (t === '') return null;
  for (const p of platforms) for (const phrase of [p.name, p.agency, ...p.phrases]) if (t.includes(phrase.replace(/\s+/g, ''))) return phrase;
  return null;
}

/**
 * A page that tells its visitor to come back in WeChat or on a phone ("请在微信客户端打开链接", "请用手机扫码访问"):
 * what it shows there is what it is, whatever the desktop sees. Simplified or traditional characters.
 */
const ASKS_FOR_PHONE =
  /[请請](?:在|用|使用|於|于)?(?:微信|手[机機]|移[动動]端)(?:客[户戶]端)?[中内內里裡]?(?:打[开開]|[访訪][问問]|扫[码碼]|掃[码碼]|[浏瀏][览覽]|查[询詢])|仅支持(?:微信|手机|移动端)|僅支持(?:微信|手機|移動端)/;

/** The page's own reason for a view to exist at all (see the module comment). */
function precondition(view: ExtraView, q: Pick<ExtrasQuestion, 'page' | 'snapshot'>, verdict: ScoredVerdict, platforms: readonly Platform[]): { ok: boolean; why: Reason } {
  const has = (id: string) => verdict.contributions.some((c) => c.id === id && c.score > 0);
  const yes = (en: string, zh: string) => ({ ok: true, why: { en, zh } });
  const no = (en: string, zh: string) => ({ ok: false, why: { en, zh } });
  const p = q.page;
  switch (view) {
    case 'probe':
      return p.queryForm ? yes('a certificate-query form', '页面有证书查询表单') : no('no query form', '页面没有查询表单');
    case 'ocr':
      if (p.headerPictures === 0) return no('no picture in the header band', '页头没有图片');
    {
      const named = namedPlatform(p.headerText, platforms);
      if (named !== null) return no(`the header's text already names ${named}`, `页头文字已写明“${named}”`);
      return yes('a pictured header whose text names no platform', '页头有图片，文字未写明任何平台');
    }
    case 'depth':
      if (p.sameSiteLinks > 0 && p.belowRoot) return yes(`${p.sameSiteLinks} same-site link(s) and the site's front page`, `有 ${p.sameSiteLinks} 个同站链接及网站首页`);
      if (p.sameSiteLinks > 0) return yes(`${p.sameSiteLinks} same-site link(s)`, `有 ${p.sameSiteLinks} 个同站链接`);
      if (p.belowRoot) return yes("the site's front page above the page", '页面位于网站首页之下，可读首页');
      return no('no same-site link to follow', '没有可跟进的同站链接');
    case 'mobile':
      if (has('cloaking.script-built')) return yes('the page is built by script', '页面由脚本生成');
      if (ASKS_FOR_PHONE.test(`${q.snapshot.title}\n${q.snapshot.text}`)) return yes('the page asks to be opened in WeChat or on a phone', '页面要求在微信或手机上打开');
      if (has('cloaking.client-dependent')) return yes('the page already differs by client', '页面已因客户端而不同');
      if (verdict.verdict === 'suspicious' || verdict.verdict === 'counterfeit') return yes(`already ${verdict.verdict}`, `已判为${ZH[verdict.verdict]}`);
      return no('neither built by script, nor differing by client, nor suspicious', '既非脚本生成，也未因客户端而不同，且不可疑');
    case 'plainFetch':
      return verdict.score >= SUSPICION_MIN
        ? yes(`score ${verdict.score} > 0`, `得分 ${verdict.score} > 0`)
        : no('nothing suspicious on the page or in its name', '页面和域名均无可疑之处');
  }
}

/**
 * Answers the crawler's question, given the verdict on the visit so far: for each pending view, run it or
 * not, and why. A view runs when the page gives it something to find and it can still change the verdict or
 * the platform.
 */
export function planExtras(q: Pick<ExtrasQuestion, 'page' | 'pending' | 'snapshot'>, verdict: ScoredVerdict, rules: Rules): ExtrasPlan {
  const plan: { [K in ExtraView]?: { run: boolean; reason: string; reasonZh: string } } = {};
  for (const view of q.pending) {
    const pre = precondition(view, q, verdict, rules.platforms);
    if (!pre.ok) {
      plan[view] = { run: false, reason: pre.why.en, reasonZh: pre.why.zh };
      continue;
    }
    const change = couldChange(verdict, viewFeeds(view, verdict), rules);
    const now = { en: `${verdict.verdict} at ${verdict.score}${verdict.platform ? ` (${verdict.platform})` : ''} whatever it shows`, zh: `无论结果如何都是${ZH[verdict.verdict] ?? verdict.verdict}（${verdict.score} 分${verdict.platform ? `，${verdict.platform}` : ''}）` };
    const r = change === null ? join(pre.why, { en: ', but ', zh: '，但' }, now) : join(pre.why, { en: '; ', zh: '；' }, change);
    plan[view] = { run: change !== null, reason: r.en, reasonZh: r.zh };
  }
  return plan;
}
