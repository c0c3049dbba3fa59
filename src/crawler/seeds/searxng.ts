// The SearXNG provider moved to search/searxng.ts with the other search providers; this path stays for old imports.
export { searchSearxng, type SearchHit } from './search/searxng.js';
