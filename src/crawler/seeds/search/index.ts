import { UsageError } from '../../../errors.js';
import { baiduProvider } from './baidu.js';
import { bingProvider } from './bing.js';
import { searxngProvider } from './searxng.js';
import { so360Provider } from './so360.js';
import { sogouProvider } from './sogou.js';
import type { SearchProvider } from './types.js';

export type { SearchHit, SearchOptions, SearchProvider } from './types.js';
export { searchSearxng } from './searxng.js';

/** Every keyword-search provider, in the order `--help` lists them (an explicit registry, STYLE.md §4). */
export const searchProviders: readonly SearchProvider[] = [searxngProvider, baiduProvider, bingProvider, sogouProvider, so360Provider];

/** Looks a provider up by id; an unknown id is a usage error (exit 2), never a silent skip. */
export function findSearchProvider(id: string): SearchProvider {
  const p = searchProviders.find((x) => x.id === id.trim().toLowerCase());
  if (!p) throw new UsageError(`--engine ${id}: unknown search engine (known: ${searchProviders.map((x) => x.id).join(', ')})`);
  return p;
}
