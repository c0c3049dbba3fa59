/**
 * Output files, one way: checked before work starts, written whole or not at all. A reader (a script, Excel, a
 * court) never sees half a file, and a failed write leaves no temp file behind.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors.js';

/**
 * Checks that `file` can be written (its folder exists and is writable, it is not a folder), so a scan that would
 * run for an hour learns at its first second that its `--json` cannot be saved. '-' (stdout) always passes.
 */
export function checkOutputPath(file: string | undefined, flag: string): void {
  if (!file || file === '-') return;
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new UsageError(`${flag} ${file}: folder ${dir} does not exist; create it or choose another path`);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new UsageError(`${flag} ${file}: is a folder; give a file name`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(abs)) fs.accessSync(abs, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${file}: cannot write there (read-only or no permission); choose another path`);
  }
}

/** Writes `data` to `file` atomically: a temp file in the same folder, flushed, then renamed over it. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mode?: number } = {}): void {
  const abs = path.resolve(file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', opts.mode ?? 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, abs);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes to stdout for '-' (or no file), else atomically to the file. */
export function writeOutput(file: string | undefined, data: string | Uint8Array): void {
  if (!file || file === '-') process.stdout.write(data);
  else writeFileAtomic(file, data);
}
