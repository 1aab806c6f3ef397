import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * `tsc -b tsconfig.build.json`: brings dist/ up to date with src/ (a no-op of ~0.2 s when it already
 * is, incremental otherwise). Type errors still emit; the run goes on with a warning (`npm run
 * typecheck` is the type gate), and only a build that leaves no dist/cli.js stops it.
 */
function buildDist(): void {
  const r = spawnSync(process.execPath, [TSC, '-b', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status === 0) return;
  if (r.status !== null && existsSync(`${ROOT}dist/cli.js`)) {
    process.stderr.write(`buildDist: dist/ built with compiler errors (the bin tests run it as emitted):\n${output}\n`);
    return;
  }
  throw new Error(`buildDist: could not build dist/ for the tests that run bin/kline-signals.js (${r.error?.message ?? `exit ${r.status}`}):\n${output}`);
}

/**
 * Vitest global setup: the entry-point tests run bin/kline-signals.js on dist/, so dist/ is rebuilt
 * from the current sources once before any test file starts (no two files build at once), and again
 * before every watch-mode rerun.
 */
export default function setup(project: TestProject): void {
  buildDist();
  project.onTestsRerun(() => buildDist());
}
