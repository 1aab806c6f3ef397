import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './paths.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Brings dist/ up to date with src/ (`tsc -b tsconfig.build.json`: incremental, ≈ 0.2 s when it
 * already is), so the benchmarks that spawn bin/kline-signals.js measure the compiled bot operators
 * run, built from the sources being measured. A compiler error stops the run.
 */
export function buildDist(): void {
  const r = spawnSync(process.execPath, [TSC, '-b', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`building dist/ failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
}
