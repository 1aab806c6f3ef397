import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';

/** main.ts: the shutdown deadline (9 s) plus the log flush's give-up (2 s), with room for a loaded machine. */
const STOP_BOUND_MS = 20_000;

/**
 * `npm start 2>&1 | tee bot.log`, then Ctrl-C: tee dies first, so the bot's stdout and stderr
 * become pipes without a reader while it shuts down. The shutdown message the console sink prints
 * and the log lines still buffered all meet EPIPE. The bot used to hang there for ever, deaf to
 * SIGINT and SIGTERM: the EPIPE of the console write surfaced as an uncaught error, whose fatal log
 * line made pino's destination flush synchronously, and sonic-boom retries a failed synchronous
 * write every 100 ms without end.
 */
interface DeadReaderCase {
  /** `kline-signals` arguments. */
  readonly args: readonly string[];
  /** Output that says the command is up and listening for the signal. */
  readonly ready: string;
}

const CASES: Record<string, DeadReaderCase> = {
  'the bot (npm start)': { args: ['run'], ready: 'kline-signals started' },
  'the demo (npm run demo)': { args: ['demo', '--no-dashboard', '--seconds', '600'], ready: 'kline-signals demo:' },
};

describe('regression: the bot and the demo still stop on SIGINT after their stdout reader died (tee killed by Ctrl-C)', () => {
  for (const [name, { args, ready }] of Object.entries(CASES)) {
    it(`${name} exits 0 within the shutdown deadline after its stdout and stderr readers close`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ks-deadout-'));
      const child = spawn(process.execPath, botCliArgs(args), {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, TMPDIR: dir, DB_PATH: join(dir, 'db.sqlite'), HTTP_PORT: '0',
          BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', LOG_LEVEL: 'info', LOG_FORMAT: 'json',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (d: Buffer) => {
          out += d.toString('utf8');
          if (out.includes(ready)) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`${name} exited (${String(code)}) before it started: ${out.slice(-600)}`)));
      });

      // The reader dies, as tee does on Ctrl-C: nothing reads the pipes any more.
      child.stdout.destroy();
      child.stderr.destroy();
      process.kill(child.pid!, 'SIGINT');

      let bound: NodeJS.Timeout | undefined;
      const hung = new Promise<'still running'>((resolve) => {
        bound = setTimeout(() => resolve('still running'), STOP_BOUND_MS);
      });
      const code = await Promise.race([exited, hung]);
      clearTimeout(bound);
      if (code === 'still running') child.kill('SIGKILL');
      expect(code, 'a dead stdout reader must not keep the process alive or turn a clean stop into a failure').toBe(0);
    }, STOP_BOUND_MS + 30_000);
  }
});
