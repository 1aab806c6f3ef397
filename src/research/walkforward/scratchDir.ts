import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every scratch folder is `kline-walkforward-<pid>-<random>`: the pid of the run that owns it. */
const PREFIX = 'kline-walkforward-';
const OWNED = /^kline-walkforward-(\d+)-/;

/** Where trial scratch folders go: in memory where the system has one (/dev/shm), else the temp folder. */
export function scratchRoot(): string {
  return process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Whether a process with this id runs (EPERM: it does, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the scratch folders under `root` whose run is gone (killed, crashed, out of memory: no
 * chance to clean up), and returns their names. A folder of a running process stays, and so does
 * one without a pid in its name (made before names carried it: its owner cannot be told).
 */
export function sweepOrphanScratchDirs(root: string = scratchRoot()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const pid = OWNED.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    try {
      rmSync(join(root, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Another user's (/dev/shm is shared, sticky): theirs to remove; this run goes on.
    }
  }
  return removed;
}

/**
 * A fresh folder for the trials' SQLite files, in memory where the system has one (/dev/shm):
 * on a disk a trial waited on its file (creation, WAL checkpoints, removal) about half its time
 * (one worker: 4.0 trials/s on /tmp, 8.3 on /dev/shm, bench/walkforward.ts's trials). Each file
 * lives for one trial; the caller removes the folder. Named with this process's id; the folders
 * of runs that are gone are swept first, so a killed run's files do not fill the memory for good.
 */
export function makeTrialScratchDir(root: string = scratchRoot()): string {
  sweepOrphanScratchDirs(root);
  return mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
}
