/**
 * Every temp file of a jianzhen process — Chromium's profiles, Playwright's artifacts, whatever a library
 * writes to os.tmpdir() — goes in one folder of its own, named with its pid and start time. It is removed on
 * exit; a process killed outright (kill -9, the OOM killer) cannot, so each start removes the folders of
 * processes that are gone. Only folders with our own prefix are touched.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processAlive } from '../files.js';

const NAME = /^jianzhen-run-(\d+)-([0-9a-z]+)$/;

/** When a process started (ms since the epoch), from /proc on Linux; null where that cannot be read. */
function processStart(pid: number): number | null {
  try {
    // Field 22 of /proc/PID/stat is the start in clock ticks after boot (after the command, which may hold spaces).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    // 100 ticks a second: USER_HZ on every Linux architecture Node runs on.
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

/**
 * Removes the temp folders of jianzhen processes that are gone: the pid is dead, or alive but started after the
 * folder was made (the pid was reused). Returns the names removed.
 */
export function removeStaleTempFolders(base: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const made = parseInt(m[2]!, 36);
    const started = processAlive(pid) ? processStart(pid) : null;
    // A live pid whose start cannot be read keeps its folder: never remove what a running process may use.
    if (processAlive(pid) && (started === null || started <= made + 1000)) continue;
    try {
      fs.rmSync(path.join(base, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Another start is removing it too, or it is not ours to remove: left as it is.
    }
  }
  return removed;
}

/** Gives this process its own temp folder (TMPDIR, read by os.tmpdir() and inherited by Chromium) after sweeping. */
export function useOwnTempFolder(base: string = os.tmpdir()): string {
  removeStaleTempFolders(base);
  const dir = path.join(base, `jianzhen-run-${process.pid}-${Date.now().toString(36)}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  process.env['TMPDIR'] = dir;
  process.on('exit', () => {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // A browser still closing may hold a file: the next start removes the rest.
    }
  });
  return dir;
}
