import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { runBacktestCli } from '../../../src/backtest/cli.js';
import type { BacktestReport } from '../../../src/backtest/report/index.js';

/** The repository's own candles (never ../shared), as an absolute path. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));

const made: string[] = [];

/** A fresh temp folder, removed by {@link removeTempDirs}. */
export function tempOut(prefix = 'ks-backtest-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link tempOut} made in this test file (call it from `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CliRun {
  readonly code: number;
  /** stdout lines, parsed (one JSON summary per run: `--json` is always passed). */
  readonly summaries: Array<Record<string, unknown>>;
  readonly errors: string[];
  /** Warnings for the reader (e.g. no exchange filters applied); the run went on. */
  readonly notices: string[];
}

/**
 * Runs `backtest` in this process with the bot's default environment plus `env` (never the
 * machine's own), logs silenced, with `--json` (one line per run). `args` are the flags after `backtest`.
 */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = [];
  const errors: string[] = [];
  const notices: string[] = [];
  const code = await runBacktestCli([...args, '--json'], {
    env: { LOG_LEVEL: 'silent', ...env }, logger: pino({ level: 'silent' }),
    writeLine: (l) => out.push(l), writeError: (l) => errors.push(l), writeNotice: (l) => notices.push(l),
  });
  return { code, summaries: out.map((l) => JSON.parse(l) as Record<string, unknown>), errors, notices };
}

/** A report.json written by the CLI. */
export function readReport(path: string): BacktestReport {
  return JSON.parse(readFileSync(path, 'utf8')) as BacktestReport;
}
