/**
 * Reasons people read, in Chinese and in English. A detector never writes a sentence: it returns a message id
 * and its parameters, and whoever shows the reason renders it in the reader's language — the console, the
 * police PDF and the takedown exports in Chinese, the CLI and JSON in `--lang`. Stored messages render again
 * in any language later, so a verdict explains itself to whoever reads it. Pure: no I/O, no environment.
 *
 * Template syntax (catalogue.json): `{name}` inserts a parameter; `{name:list}` a list parameter (items joined
 * by a newline) joined the language's way; `{name:terms}` the same after translating each item through the
 * TERMS table (technique names, form roles, contact kinds…); `{name:message}` renders the message whose id
 * the parameter holds, with the same parameters (a malformed number's issue inside the signal's reason).
 */
import { catalogue, SIGNAL_NAMES, TERMS, type MessageId } from './catalogue.js';

export { catalogue, SIGNAL_NAMES, TERMS, type MessageId } from './catalogue.js';

/** The languages reasons are written in. */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A parameter value: text, a number, or a list (items joined by '\n', see `list`). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A reason as data: what the catalogue calls it and what fills its blanks. */
export interface Message {
  readonly id: string;
  readonly params: MessageParams;
}

/** Builds a message; ids are checked against the catalogue at compile time. */
export function message(id: MessageId, params: MessageParams = {}): Message {
  return { id, params };
}

/** A list as one parameter value (a template shows it with `{name:list}` or `{name:terms}`). */
export function list(items: readonly (string | number)[]): string {
  return items.map((i) => String(i).replace(/\n/g, ' ')).join('\n');
}

const SEPARATOR: Readonly<Record<Lang, string>> = { zh: '、', en: ', ' };

function term(value: string, lang: Lang): string {
  return TERMS[value]?.[lang] ?? value;
}

/** Whether a message id is in the catalogue (a stored message from a newer or older version may not be). */
export function isKnownMessage(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(catalogue, id);
}

/**
 * Renders a message in a language. An unknown id (written by another version) renders as its id and
 * parameters rather than throwing: a reason must never break the page that shows it.
 */
export function renderMessage(m: Message, lang: Lang, depth = 0): string {
  if (!isKnownMessage(m.id)) return `${m.id} ${JSON.stringify(m.params)}`;
  const template = catalogue[m.id][lang];
  return template.replace(/\{(\w+)(?::(list|terms|message))?\}/g, (_all, name: string, how: string | undefined) => {
    const raw = m.params[name];
    if (raw === undefined) return '';
    const value = String(raw);
    if (how === 'message') return depth > 2 ? value : renderMessage({ id: value, params: m.params }, lang, depth + 1);
    if (how === 'list' || how === 'terms') {
      const items = value === '' ? [] : value.split('\n');
      return items.map((i) => (how === 'terms' ? term(i, lang) : i)).join(SEPARATOR[lang]);
    }
    return value;
  });
}

/** A stored reason in a language: its message when it has one, else the detail it was saved with. */
export function detailOf(s: { readonly detail: string; readonly message?: Message | null }, lang: Lang): string {
  return s.message ? renderMessage(s.message, lang) : s.detail;
}

/** The name of a signal for a reader (域名仿冒 for domain.lookalike); the id itself when unnamed. */
export function signalName(id: string, lang: Lang): string {
  return SIGNAL_NAMES[id]?.[lang] ?? id;
}

/** Reads a message back from stored JSON; null for anything that is not one. */
export function parseMessage(json: string | null | undefined): Message | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v !== 'object' || v === null) return null;
    const { id, params } = v as { id?: unknown; params?: unknown };
    if (typeof id !== 'string' || typeof params !== 'object' || params === null) return null;
    const clean: Record<string, string | number> = {};
    for (const [k, p] of Object.entries(params)) if (typeof p === 'string' || typeof p === 'number') clean[k] = p;
    return { id, params: clean };
  } catch {
    return null;
  }
}

/**
 * The language of a locale setting as POSIX orders them (LC_ALL, then LC_MESSAGES, then LANG): zh_CN.UTF-8 → zh;
 * anything else → en, as gettext programs do (an unset locale is C, whose messages are the untranslated ones).
 */
export function langFromLocale(env: { readonly LC_ALL?: string | undefined; readonly LC_MESSAGES?: string | undefined; readonly LANG?: string | undefined }): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^zh([_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}
