/** Text helpers shared by detectors (pure); the normalisation itself is model/text.ts, shared with reports and review. */
export { foldWidth, toSimplified } from '../model/text.js';
