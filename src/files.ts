/**
 * Output files, one way: checked before work starts, written whole or not at all. A reader (a script, Excel, a
 * court) never sees half a file, and a failed write leaves no temp file behind.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JianzhenError, UsageError, errorMessage } from './errors.js';

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
  // Tried for real, the way the output will be written (a temp file beside it, then renamed): permission bits
  // say nothing for root, and some file systems (/proc, a full disk) refuse what access() allows.
  const probe = tempNameFor(abs);
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
    fs.rmSync(probe, { force: true });
    if (fs.existsSync(abs)) fs.accessSync(abs, fs.constants.W_OK);
  } catch (err) {
    fs.rmSync(probe, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`${flag} ${file}: cannot write there (${WHY[code] ?? code}); choose another path`);
  }
}

/** The temp file an output is written to before it is renamed over `abs`. */
function tempNameFor(abs: string): string {
  return path.join(path.dirname(abs), `.${path.basename(abs)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

const WHY: Readonly<Record<string, string>> = {
  EROFS: 'a read-only file system',
  EACCES: 'no permission',
  EPERM: 'no permission',
  ENOSPC: 'no space left',
  ENOENT: 'the file system refuses it',
  ENOTDIR: 'a file is in the way',
};

/**
 * Makes a folder and the missing ones above it, one at a time: Node's recursive mkdir spins forever on a file
 * system that refuses folders while reporting them missing (/proc), and its errors name no next step.
 */
export function ensureFolder(dir: string, flag: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code !== 'ENOENT') throw new UsageError(`${flag}: cannot use the folder ${at} (${WHY[code] ?? code}); choose another path`);
    }
    if (stat !== null) {
      if (!stat.isDirectory()) throw new UsageError(`${flag}: ${at} is a file, not a folder; choose another path`);
      break;
    }
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST' && fs.statSync(folder).isDirectory()) continue;
      throw new UsageError(`${flag}: cannot create the folder ${folder} (${WHY[code] ?? code}); create it yourself or choose another path`);
    }
  }
}

/** Whether a process is alive (EPERM: it exists but belongs to someone else — still alive). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes `data` to `file` atomically: a temp file in the same folder, flushed, then renamed over it. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mode?: number } = {}): void {
  const abs = path.resolve(file);
  const tmp = tempNameFor(abs);
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
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new JianzhenError('output', `${file} could not be written (${WHY[code] ?? errorMessage(err)}); free space or choose another path`, 1, { cause: err });
  }
}

/** Writes to stdout for '-' (or no file), else atomically to the file. */
export function writeOutput(file: string | undefined, data: string | Uint8Array): void {
  if (!file || file === '-') process.stdout.write(data);
  else writeFileAtomic(file, data);
}
