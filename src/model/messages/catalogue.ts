/**
 * The message catalogue: every reason jianzhen gives, in Chinese (what analysts, telecom officers and police
 * read) and in English. Keys are stable ids, stored with each signal; change wording freely, never an id's
 * meaning. Placeholders are explained in index.ts.
 */
import tables from './catalogue.json' with { type: 'json' };

/** One reason in each language. */
export interface Template {
  readonly zh: string;
  readonly en: string;
}

/**
 * The reasons (catalogue.json's `messages`, one a line), grouped as the detectors are: registration numbers
 * (number.*, what is wrong with one number), registration, sales, registration-record (record.*), another
 * client's view of the page (view.*), domain-lookalike, content-match, visual-match, cloaking, probe, depth.
 * Data, so that whoever translates or rewords a reason edits one file and no code.
 */
export const catalogue = tables.messages satisfies Readonly<Record<string, Template>>;

/** A message id of the catalogue. */
export type MessageId = keyof typeof catalogue;

/**
 * Names of codes that appear inside reasons (catalogue.json's `terms`): positions, form roles, clients, visual
 * comparisons, probe answers, domain techniques, contact kinds.
 */
export const TERMS: Readonly<Record<string, Template>> = tables.terms;

/** Each signal's name for a reader (catalogue.json's `signals`). */
export const SIGNAL_NAMES: Readonly<Record<string, Template>> = tables.signals;
