import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { backtest } from './backtest.js';
import { footprint } from './footprint.js';
import { growth } from './growth.js';
import { ingest } from './ingest.js';
import { latency } from './latency.js';
import { memory } from './memory.js';
import { startup } from './startup.js';
import { walkforward } from './walkforward.js';
import { watermark } from './watermark.js';
import { renderBenchmarksMd, type ResultsFile } from './report.js';
import { ANALYSIS } from './analysis.js';
import { buildDist } from './support/build.js';
import { machineInfo } from './support/machine.js';
import { BENCHMARKS_MD, RESULTS_JSON } from './support/paths.js';
import type { Benchmark } from './support/result.js';
import { round } from './support/stats.js';

/** Every benchmark, in the order they run and appear in docs/BENCHMARKS.md. */
const BENCHMARKS: Readonly<Record<string, Benchmark>> = { ingest, latency, memory, backtest, walkforward, startup, footprint, growth, watermark };

/**
 * `npm run bench [-- --only name[,name]]`: builds dist/ if src/ changed (the bot is spawned compiled,
 * as operators run it), then runs the benchmarks one after another (never in
 * parallel: they would measure each other), merges their figures into bench/results.json and
 * regenerates docs/BENCHMARKS.md. A `--only` run keeps the other benchmarks' last results.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(BENCHMARKS);
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}\n`);
    return 2;
  }
  buildDist();
  const machine = machineInfo();
  const previous: ResultsFile | undefined = existsSync(RESULTS_JSON) ? (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as ResultsFile) : undefined;
  const results: ResultsFile = { machine, benchmarks: { ...(previous?.benchmarks ?? {}) } };
  for (const name of names) {
    process.stderr.write(`bench ${name}…\n`);
    const started = performance.now();
    const result = await BENCHMARKS[name]!();
    const wallSeconds = round((performance.now() - started) / 1000);
    results.benchmarks[name] = { ...result, wallSeconds, machine: machineInfo() };
    process.stderr.write(`bench ${name}: ${JSON.stringify(result.figures)} (${wallSeconds} s)\n`);
    writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  }
  writeFileSync(BENCHMARKS_MD, renderBenchmarksMd(results, Object.keys(BENCHMARKS), ANALYSIS));
  process.stderr.write(`wrote ${RESULTS_JSON} and ${BENCHMARKS_MD}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
