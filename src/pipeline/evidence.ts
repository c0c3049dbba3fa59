/**
 * The browser evidence packets are built with: the crawler's evidence visit behind the model's interface
 * (model/evidence-visit.ts), handed by the pipeline to whoever builds packets (the CLI, the console's jobs), so
 * reports/ never reaches into the crawler.
 */
export { openEvidenceBrowser as launchEvidenceBrowser } from '../crawler/evidence-visit/index.js';
