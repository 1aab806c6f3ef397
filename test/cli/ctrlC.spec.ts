import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/botCli.js';

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: npm, the shell of the
 * script and the bot. npm also forwards the SIGINT it got to its child. The bot must still stop
 * cleanly with exit 0, as the README's exit codes say, and npm pass that 0 on.
 */
describe('regression: Ctrl-C of npm start (issue 15)', () => {
  it('SIGINT to the process group ends npm start with exit code 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-ctrlc-'));
    const child = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      detached: true, // its own process group, as a terminal's foreground job
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, DB_PATH: join(dir, 'db.sqlite'), HTTP_PORT: '0',
        BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market', LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    const deadline = Date.now() + 20_000;
    while (!out.includes('kline-signals started') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out, 'the bot started').toContain('kline-signals started');
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited, `exit code of npm start (${out.slice(-600)})`).toBe(0);
  }, 40_000);
});
