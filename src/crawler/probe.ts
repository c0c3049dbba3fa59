/**
 * The active probe: where a page has a certificate-query form, submit it once with a
 * syntactically valid but impossible certificate and record how the site answers. The official platforms
 * answer "no record" (没有查询到相关证件信息！) or reject the number; a forger's form that holds no
 * register declares anything valid. The probe also records where the form really posts and whether the
 * answer is written by script, so a fake that answers "no record" too still leaves evidence.
 *
 * Only the crawler calls this, once per host per scan, never on an official platform's host.
 */
import type { Page, Request } from 'playwright';
import { BODY_TEXT_SOURCE, PROBE_MARK_SOURCE } from './in-page.js';
import { fieldRole, queryFormIndex } from '../model/query-form.js';
import type { ArtifactRef, FormInfo, ProbeClass, ProbeRecord, ProbeRequest, ProbeRole } from '../model/snapshot.js';

/** GB 11643-1999 weights of the 17 body digits of a resident ID number. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** The GB 11643 check character (0-9 or X) of an ID number's first 17 digits. */
export function idCheckDigit(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new Error(`an ID number body is 17 digits, got ${JSON.stringify(body17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/**
 * An 18-digit ID number that is well-formed (Beijing Dongcheng district code, a real birth date) but
 * impossible: its check digit is not the one GB 11643 gives, so no person can hold it.
 */
export function impossibleIdNumber(body17 = '11010119900307002'): string {
  const right = idCheckDigit(body17);
  const wrong = right === '0' ? '1' : '0';
  return `${body17}${wrong}`;
}

/** What the probe types into each role. A captcha cannot be read, so it gets a fixed wrong answer. */
export const PROBE_VALUES: Readonly<Record<ProbeRole, string>> = {
  idNumber: impossibleIdNumber(),
  name: '测试无此人',
  certNo: 'T000000000000000X',
  captcha: '0000',
};

// Ordered: "查询结果：没有查询到…" is a no-record answer although it says 查询结果.
const NO_RECORD = ['没有查询到', '未查询到', '查询不到', '查无', '无此人', '不存在', '没有找到', '未找到', '无相关', '没有相关', '无记录', '暂无记录', '暂无数据', '暂无信息', '暂无相关', '无结果', '没有记录', '无该', 'no record', 'not found'];
const VALIDATION = ['格式不正确', '格式错误', '校验失败', '校验错误', '校验不通过', '请输入正确', '输入有误', '不正确', '有误', '不合法', '非法', '无效的身份证', '验证码错误', '验证码不正确', '验证码输入错误', '请输入验证码', '验证码已过期', 'invalid'];
// Words that declare a certificate real. 查询结果 or 合格 alone are not: every answer page and every
// platform name ("…考核合格信息查询") says them.
const VALID = ['证件有效', '证书有效', '状态：有效', '状态:有效', '状态有效', '有效期至', '有效期', '发证机关', '发证日期', '准操项目', '持证有效', '核验通过', '验证通过', '真实有效', '已持证'];

/** Classifies a probe's answer text; `valid` needs the submitted name or ID number echoed back. */
export function classifyAnswer(
  text: string,
  submitted: { readonly name: string; readonly id: string },
): { readonly classification: ProbeClass; readonly matched: string | null; readonly echoed: boolean } {
  const t = text.replace(/\s+/g, '');
  const echoed = (submitted.name !== '' && t.includes(submitted.name)) || (submitted.id !== '' && t.includes(submitted.id));
  // The echoed values themselves are not the answer: 测试无此人 contains 无此人.
  let rest = t;
  for (const v of [submitted.name, submitted.id]) if (v !== '') rest = rest.split(v).join(' ');
  const lower = rest.toLowerCase();
  const find = (words: readonly string[]): string | null => words.find((w) => lower.includes(w.replace(/\s+/g, '').toLowerCase())) ?? null;
  const none = find(NO_RECORD);
  if (none !== null) return { classification: 'no-record', matched: none, echoed };
  const invalid = find(VALIDATION);
  if (invalid !== null) return { classification: 'validation-error', matched: invalid, echoed };
  const valid = find(VALID);
  if (valid !== null && echoed) return { classification: 'valid', matched: valid, echoed };
  return { classification: 'unknown', matched: valid, echoed };
}

/** Lines of `after` that `before` does not have: what a script added to the page. */
export function addedLines(before: string, after: string): string {
  const seen = new Set(before.split(/\n+/).map((l) => l.trim()).filter(Boolean));
  return after
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !seen.has(l))
    .join('\n');
}

/** Field names and values a request carried: form-encoded, JSON, multipart, or the query string. */
export function requestFields(url: string, method: string, body: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: unknown): void => {
    if (Object.keys(out).length >= 30) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k.slice(0, 80)] = String(v).slice(0, 200);
  };
  try {
    for (const [k, v] of new URL(url).searchParams) put(k, v);
  } catch {
    // not a URL: no query string
  }
  if (body && method !== 'GET') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (parsed && typeof parsed === 'object') for (const [k, v] of Object.entries(parsed)) put(k, v);
      } catch {
        put('(body)', trimmed);
      }
    } else if (/Content-Disposition: form-data/i.test(body)) {
      for (const m of body.matchAll(/name="([^"]+)"\r?\n\r?\n([^\r\n]*)/g)) put(m[1]!, m[2]!);
    } else {
      for (const [k, v] of new URLSearchParams(trimmed)) put(k, v);
    }
  }
  return out;
}

const TEXT_CAP = 5_000;

/** Everything the probe needs from the visit it runs in. */
export interface ProbeContext {
  /** Main-frame document responses seen so far (grows when the answer is a new document). */
  readonly docStatuses: () => readonly number[];
  /** When the probe must be finished by (epoch ms); waits are cut to fit. */
  readonly deadline: number;
  /** Bound on waiting for the answer after submitting. */
  readonly answerWaitMs: number;
  /** Turns screenshot bytes into a stored artifact reference. */
  readonly keep: (png: Buffer) => ArtifactRef;
}

/** Result of probing a page: the record, or why no probe was made (null when the page has no query form). */
export type ProbeOutcome = { readonly record: ProbeRecord } | { readonly skipped: string } | null;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const never = new Promise<never>(() => undefined);

/**
 * Fills the page's certificate-query form with the impossible certificate, submits it once and reads the
 * answer. Returns null when the page has no query form. Never throws for the page's sake: a failure is a
 * `skipped` reason the caller records as a note.
 */
export async function probeQueryForm(page: Page, forms: readonly FormInfo[], ctx: ProbeContext): Promise<ProbeOutcome> {
  const index = queryFormIndex(forms);
  if (index < 0) return null;
  const form = forms[index]!;
  const started = Date.now();
  const left = (): number => ctx.deadline - Date.now();
  const pageUrl = page.url();
  const pageHost = new URL(pageUrl).hostname;

  const plan = form.fields
    .map((f, i) => ({ i, role: fieldRole(f), field: f.name ?? f.id ?? f.label ?? `#${i}` }))
    .filter((p): p is { i: number; role: ProbeRole; field: string } => p.role !== null && p.i >= 0)
    .filter((p) => {
      const f = form.fields[p.i]!;
      return f.tag === 'textarea' || (f.tag === 'input' && !['hidden', 'submit', 'button', 'image', 'reset', 'checkbox', 'radio', 'file'].includes(f.type));
    });
  const marked = (await page
    .evaluate(`(${PROBE_MARK_SOURCE})(${index}, ${JSON.stringify(plan.map((p) => p.i))})`)
    .catch(() => null)) as { ok: boolean; submit: boolean; isForm: boolean } | null;
  if (!marked?.ok) return { skipped: 'probe: the query form was gone when it was to be filled' };

  const submitted: { field: string; role: ProbeRole; value: string }[] = [];
  for (const p of plan) {
    if (left() < 2_000) return { skipped: 'probe: out of time while filling the form' };
    const value = PROBE_VALUES[p.role];
    const sel = `[data-jz-probe="${p.i}"]`;
    const typed = await page
      .fill(sel, value, { timeout: 1_500, force: true })
      .then(() => true)
      .catch(() => false);
    if (!typed) {
      // A hidden or read-only field: set it the way a script would.
      await page
        .evaluate(
          `(() => { const el = document.querySelector(${JSON.stringify(sel)}); if (!el) return; el.value = ${JSON.stringify(value)};
            el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); })()`,
        )
        .catch(() => undefined);
    }
    submitted.push({ field: p.field, role: p.role, value });
  }

  const requests: Request[] = [];
  const dialogs: string[] = [];
  let navEvent = false;
  const onRequest = (r: Request): void => void requests.push(r);
  const onDialog = (d: { message(): string }): void => void dialogs.push(d.message().slice(0, 500));
  const onNav = (frame: unknown): void => {
    if (frame === page.mainFrame()) navEvent = true;
  };
  const before = ((await page.evaluate(BODY_TEXT_SOURCE).catch(() => '')) as string) ?? '';
  const docsBefore = ctx.docStatuses().length;
  page.on('request', onRequest);
  page.on('dialog', onDialog);
  page.on('framenavigated', onNav);
  let via: ProbeRecord['via'];
  try {
    const wait = Math.max(0, Math.min(ctx.answerWaitMs, left() - 2_500));
    const waits: Promise<string>[] = [
      page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: wait }).then(() => 'nav', () => never),
      page.waitForEvent('dialog', { timeout: wait }).then(() => 'dialog', () => never),
      page
        .waitForFunction(`((document.body && document.body.innerText) || '') !== ${JSON.stringify(before)}`, undefined, { timeout: wait, polling: 200 })
        .then(() => 'dom', () => never),
      sleep(wait).then(() => 'timeout'),
    ];
    if (marked.submit) {
      via = 'click';
      const clicked = await page
        .click('[data-jz-probe="submit"]', { timeout: 2_000, noWaitAfter: true })
        .then(() => true)
        .catch(() => false);
      if (!clicked) await page.evaluate(`document.querySelector('[data-jz-probe="submit"]')?.click()`).catch(() => undefined);
    } else if (marked.isForm) {
      via = 'submit';
      await page
        .evaluate(`(() => { const f = document.forms[${index}]; if (f.requestSubmit) f.requestSubmit(); else f.submit(); })()`)
        .catch(() => undefined);
    } else {
      via = 'enter';
      const first = plan[0];
      if (first) await page.press(`[data-jz-probe="${first.i}"]`, 'Enter', { timeout: 1_500, noWaitAfter: true }).catch(() => undefined);
    }
    await Promise.race(waits);
    // Let the answer finish arriving: a new document loads, a script renders the rest of its table.
    if (navEvent) await page.waitForLoadState('load', { timeout: Math.max(0, Math.min(4_000, left() - 2_000)) }).catch(() => undefined);
    await sleep(Math.min(600, left() - 1_500));
  } finally {
    page.off('request', onRequest);
    page.off('dialog', onDialog);
    page.off('framenavigated', onNav);
  }

  // A new document arrived, or the address changed (beyond its #fragment, which single-page apps use).
  const bare = (u: string): string => u.replace(/#.*$/, '');
  const navigated = ctx.docStatuses().length > docsBefore || bare(page.url()) !== bare(pageUrl);
  const after = ((await page.evaluate(BODY_TEXT_SOURCE).catch(() => '')) as string) ?? '';
  const title = ((await page.title().catch(() => '')) || '').replace(/\s+/g, ' ').trim();
  const domChanged = !navigated && after !== before;
  const answerText = (navigated ? after : addedLines(before, after)).slice(0, TEXT_CAP);
  // Judged on what is new: an answer page that repeats the form page's header and notes is judged by the rest.
  const judgedText = addedLines(before, after).slice(0, TEXT_CAP);
  const statuses = ctx.docStatuses();
  const status = navigated && statuses.length > docsBefore ? (statuses.at(-1) ?? null) : null;
  let screenshot: ArtifactRef | null = null;
  if (left() > 1_000) {
    const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide', timeout: Math.min(5_000, left() - 500) }).catch(() => null);
    if (png) screenshot = ctx.keep(png);
  }

  const values = submitted.map((s) => s.value);
  const encoded = values.flatMap((v) => [v, encodeURIComponent(v)]);
  const carrying = requests.find((r) => {
    const body = r.postData() ?? '';
    return encoded.some((v) => r.url().includes(v) || body.includes(v));
  });
  const chosen = carrying ?? requests.find((r) => r.method() !== 'GET' && ['document', 'xhr', 'fetch'].includes(r.resourceType())) ?? null;
  let request: ProbeRequest | null = null;
  if (chosen) {
    const u = new URL(chosen.url());
    request = {
      method: chosen.method(),
      host: u.hostname,
      path: u.pathname,
      fields: requestFields(chosen.url(), chosen.method(), chosen.postData()),
      resourceType: chosen.resourceType(),
    };
  }
  const idValue = submitted.find((s) => s.role === 'idNumber' || s.role === 'certNo')?.value ?? '';
  const nameValue = submitted.find((s) => s.role === 'name')?.value ?? '';
  const judged = navigated || domChanged || dialogs.length > 0
    ? classifyAnswer(`${judgedText}\n${dialogs.join('\n')}`, { name: nameValue, id: idValue })
    : { classification: 'unknown' as const, matched: null, echoed: false };
  const record: ProbeRecord = {
    pageUrl,
    form: { action: form.action, method: form.method },
    submitted,
    via,
    request,
    postsTo: request ? { host: request.host, path: request.path, method: request.method, crossHost: request.host !== pageHost } : null,
    answer: {
      url: page.url(),
      status,
      title,
      text: answerText,
      navigated,
      domChanged,
      scriptBuilt: !navigated && (domChanged || dialogs.length > 0),
      dialogs,
      screenshot,
    },
    classification: judged.classification,
    matched: judged.matched,
    echoed: judged.echoed,
    durationMs: Date.now() - started,
  };
  return { record };
}
