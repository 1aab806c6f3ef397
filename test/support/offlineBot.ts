import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../e2e/support/poll.js';
import { botCliArgs } from './botCli.js';

/** What a bot run until a line and then stopped with Ctrl-C printed, and its exit code. */
export interface OfflineRun {
  readonly stdout: string;
  readonly code: number | null;
}

/**
 * `kline-signals run` (from the sources) with JSON logs, a database in a new temp folder and a
 * Binance nobody answers (127.0.0.1:9, the simulator's kind of address): waits until `ready` holds
 * for its stdout, sends SIGINT and returns what it printed. `env` adds or replaces variables.
 */
export async function runOfflineBotUntil(what: string, ready: (stdout: string) => boolean, env: Record<string, string> = {}): Promise<OfflineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ks-offline-'));
  const child = spawn(process.execPath, botCliArgs(['run']), {
    env: {
      PATH: process.env.PATH ?? '', DB_PATH: join(dir, 'sim.db'), HTTP_PORT: '0', LOG_FORMAT: 'json',
      BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitUntil(what, () => ready(stdout), 30_000);
  } finally {
    child.kill('SIGINT');
  }
  return { stdout, code: await exited };
}
