import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

/**
 * Runs a TypeScript file in a fresh node through tsx and parses the last line of its stdout as
 * JSON: a child's RSS and CPU belong to it alone (tsx's own share included; the bot itself runs
 * compiled, see botProcess.ts).
 */
export function runChildJson<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): T {
  const out = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  if (out.status !== 0) throw new Error(`${script} exited ${out.status}: ${out.stderr.slice(-2000)}`);
  const last = out.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}
