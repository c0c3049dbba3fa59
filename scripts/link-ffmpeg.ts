/** npm run setup: links Debian's ffmpeg where Playwright's video recorder looks (src/crawler/evidence-visit/ffmpeg.ts). */
import { linkSystemFfmpeg } from '../src/crawler/evidence-visit/ffmpeg.js';

process.stderr.write(`jianzhen setup: ${linkSystemFfmpeg()}\n`);
