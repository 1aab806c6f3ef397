import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/botCli.js';
import { scratchRoot } from '../../src/research/walkforward/scratchDir.js';

interface CtrlCCase {
  /** `npm run <script>` arguments. */
  readonly npmArgs: readonly string[];
  /** Output that says the command is up and listening for the signal. */
  readonly ready: string | (() => boolean);
  readonly env?: Readonly<Record<string, string>>;
}

/** Walk-forward scratch folders there before any case ran (another run's are not this one's). */
const SCRATCH_BEFORE = new Set(readdirSync(scratchRoot()));

const CASES: Record<string, CtrlCCase> = {
  'npm start': { npmArgs: ['start'], ready: 'kline-signals started' },
  'npm run sim': { npmArgs: ['run', 'sim', '--', '--speed', '60'], ready: '"restUrl"' },
  'npm run demo': { npmArgs: ['run', 'demo', '--', '--no-dashboard'], ready: 'kline-signals demo:' },
  // Prints nothing until a window is done: up once a trial file is in a new scratch folder (many trials: still running then).
  'npm run walkforward': {
    npmArgs: ['run', 'walkforward', '--', '--data', 'examples/klines', '--train', '8w', '--test', '4w', '--step', '26w', '--profile', 'seed', '--memory', 'on',
      '--trials', '200', '--workers', '1', '--out', join(tmpdir(), 'ks-ctrlc-walkforward-never-written')],
    ready: () => readdirSync(scratchRoot()).some((name) => name.startsWith('kline-walkforward-') && !SCRATCH_BEFORE.has(name) && readdirSync(join(scratchRoot(), name)).length > 0),
  },
};

/** Spawns the npm script as a terminal's foreground job, waits until it is up, presses Ctrl-C. */
async function ctrlC({ npmArgs, ready, env = {} }: CtrlCCase): Promise<{ code: number | string | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ks-ctrlc-'));
  const child = spawn('npm', [...npmArgs], {
    cwd: REPO_ROOT,
    detached: true, // its own process group, as a terminal's foreground job
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, TMPDIR: dir, DB_PATH: join(dir, 'db.sqlite'), HTTP_PORT: '0',
      BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const deadline = Date.now() + 20_000;
  const isReady = typeof ready === 'string' ? () => out.includes(ready) : ready;
  while (!isReady() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(isReady(), `${npmArgs.join(' ')} started (${out.slice(-300)})`).toBe(true);
  process.kill(-child.pid!, 'SIGINT');
  return { code: await exited, out };
}

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: npm, the shell of the
 * script and the command. npm also forwards the SIGINT it got to its child. The command must still
 * stop cleanly with exit 0, as the README's exit codes say, and npm pass that 0 on.
 */
describe('regression: Ctrl-C of npm start, npm run sim, npm run demo and npm run walkforward (issue 15)', () => {
  for (const [name, testCase] of Object.entries(CASES)) {
    it(`SIGINT to the process group ends ${name} with exit code 0 and no stack`, async () => {
      const { code, out } = await ctrlC(testCase);
      expect(code, `exit code of ${name} (${out.slice(-600)})`).toBe(0);
      expect(out, 'no stack trace').not.toMatch(/\n\s+at /);
    }, 40_000);
  }
});

describe('regression: Ctrl-C while the start still waits for Telegram to answer getMe', () => {
  it('ends npm start with exit code 0, not the signal', async () => {
    // A Bot API root that accepts the connection and never answers: the start waits in getMe.
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const { code, out } = await ctrlC({
        npmArgs: ['start'],
        ready: () => held.length > 0,
        env: { TELEGRAM_BOT_TOKEN: '123456:silent-api-token-for-a-test', TELEGRAM_CHAT_ID: '42', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` },
      });
      expect(code, `exit code (${out.slice(-600)})`).toBe(0);
      expect(out, 'no stack trace').not.toMatch(/\n\s+at /);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  }, 40_000);
});
