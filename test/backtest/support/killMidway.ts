import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ModelProfile } from '../../../src/domain/signal.js';
import { readCursors } from './dbTables.js';

const CHILD = fileURLToPath(new URL('./runScenarioChild.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface KillResult {
  /** How the child ended: the signal that killed it, or its exit code if it finished first. */
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Replays the restart scenario in a child process into `dbPath` and SIGKILLs it as soon as every
 * symbol's committed cursor is past `killAfterMs` (polled read-only). Gives up after `deadlineMs`.
 */
export async function runAndKillMidway(profile: ModelProfile, dbPath: string, killAfterMs: number, deadlineMs: number): Promise<KillResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, profile, dbPath], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<KillResult>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  let done = false;
  void exited.then(() => (done = true));
  const giveUpAt = Date.now() + deadlineMs;
  while (!done && Date.now() < giveUpAt) {
    const cursors = readCursors(dbPath);
    if (cursors !== null && cursors.size > 0 && [...cursors.values()].every((endMs) => endMs > killAfterMs)) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  if (!done && Date.now() >= giveUpAt) child.kill('SIGKILL');
  return exited;
}
