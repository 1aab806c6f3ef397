import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Runs a command; true when it exited 0 (the fault scenarios probe what the machine allows). */
function tryRun(cmd: string, args: readonly string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Mounts a tmpfs of `size` (e.g. `256k`) at `dir`; false when not permitted (not root, no CAP_SYS_ADMIN). */
export function mountTmpfs(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  return tryRun('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
}

/** Remounts a mount point read-only: writes fail even for root. */
export function remountReadOnly(dir: string): boolean {
  return tryRun('mount', ['-o', 'remount,ro', dir]);
}

/** Unmounts (lazily, so a process still holding a file cannot block the cleanup). */
export function unmount(dir: string): void {
  tryRun('umount', ['-l', dir]);
}

/** `chattr +i` (immutable: even root cannot write) or `-i`; false when the tool or the file system refuses. */
export function setImmutable(path: string, on: boolean): boolean {
  return tryRun('chattr', [on ? '+i' : '-i', path]);
}
