import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { removeStaleTempFolders } from './temp-folder.js';

it('removes the temp folders of jianzhen processes that are gone, and only those', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-tempbase-'));
  const dead = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.on('exit', () => resolve(child.pid!));
  });
  const folder = (pid: number, at: number) => {
    const name = `jianzhen-run-${pid}-${at.toString(36)}`;
    // What a killed scan leaves: Chromium's profile inside its process's folder.
    fs.mkdirSync(path.join(base, name, 'playwright_chromiumdev_profile-x'), { recursive: true });
    return name;
  };
  const killed = folder(dead, Date.now());
  const mine = folder(process.pid, Date.now());
  // A folder named with this live pid but made long before this process started: the pid was reused.
  const reused = folder(process.pid, Math.round(Date.now() - process.uptime() * 1000 - 3600_000));
  const other = 'jianzhen-run-notours';
  fs.mkdirSync(path.join(base, other));
  fs.mkdirSync(path.join(base, 'playwright_chromiumdev_profile-y'));

  expect(removeStaleTempFolders(base).sort()).toEqual([killed, reused].sort());
  expect(fs.readdirSync(base).sort()).toEqual([mine, other, 'playwright_chromiumdev_profile-y'].sort());
});
