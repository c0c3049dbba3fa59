/** The queue filter as a query string: read with zod at the edge, written back on every link. */
import { z } from 'zod';
import { QUEUE_SORTS, type QueueFilter, type QueueSort, type ReviewState, type VerdictFilter } from '../../../data/console-queries.js';
import { day, pageNumber } from '../../validate.js';

export const VERDICTS: readonly VerdictFilter[] = ['flagged', 'counterfeit', 'suspicious', 'benign', 'official', 'unreachable', 'all'];
export const STATES: readonly ReviewState[] = ['open', 'undecided', 'pending', 'confirmed', 'rejected', 'all'];

export type QueueView = QueueFilter & { page: number; sort: QueueSort };

const oneOf = <T extends string>(values: readonly T[], fallback: T) =>
  z
    .string()
    .optional()
    .transform((v) => values.find((x) => x === v) ?? fallback);

/** The queue's query fields; unknown values fall back to the defaults rather than failing the page. */
export const queueQuery = z.object({
  verdict: oneOf(VERDICTS, 'flagged'),
  state: oneOf(STATES, 'open'),
  sort: oneOf(QUEUE_SORTS, 'score'),
  platform: z
    .string()
    .optional()
    .transform((v) => v?.trim().slice(0, 64) || null),
  from: day,
  to: day,
  q: z
    .string()
    .optional()
    .transform((v) => v?.trim().slice(0, 200) || null),
  page: pageNumber,
});

/** The filter a validated query describes. */
export function filterOf(q: z.output<typeof queueQuery>): QueueView {
  return { verdict: q.verdict, state: q.state, sort: q.sort, platform: q.platform, firstSeenFrom: q.from, firstSeenTo: q.to, search: q.q, page: q.page };
}

/** The query string that reproduces a filter (links keep the analyst's place in the queue). */
export function filterQuery(f: Partial<QueueView>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.verdict && f.verdict !== 'flagged') p.set('verdict', f.verdict);
  if (f.state && f.state !== 'open') p.set('state', f.state);
  if (f.sort && f.sort !== 'score') p.set('sort', f.sort);
  if (f.platform) p.set('platform', f.platform);
  if (f.firstSeenFrom) p.set('from', f.firstSeenFrom);
  if (f.firstSeenTo) p.set('to', f.firstSeenTo);
  if (f.search) p.set('q', f.search);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}
