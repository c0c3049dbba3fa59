/** npm run setup: links Debian's ffmpeg where Playwright's video recorder looks (src/reports/evidence/ffmpeg.ts). */
import { linkSystemFfmpeg } from '../src/reports/evidence/ffmpeg.js';

process.stderr.write(`jianzhen setup: ${linkSystemFfmpeg()}\n`);
