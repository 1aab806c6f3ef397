import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botCliArgs } from '../../support/botCli.js';
import { ALERT_CHAT, makeToken, startStage, type Stage } from './support/opsStage.js';

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/**
 * `kline-signals doctor` on the current sources, from an empty folder (no .env), with exactly `env`.
 * Spawned, not spawnSync: the simulator and the fake answer from this process's event loop.
 */
function doctor(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'ks-doctor-'));
  const child = spawn(process.execPath, botCliArgs(['doctor', ...args]), { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const FORUM = -1009876;

describe('regression: doctor checks what a run needs (issue 15)', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage({ speed: 60 });
    stage.fake.addChat({ id: Number(ALERT_CHAT), type: 'private', first_name: 'Ann' });
    stage.fake.addChat({ id: FORUM, type: 'supergroup', title: 'Signals', is_forum: true });
  });
  afterAll(async () => {
    await stage?.close();
  });

  it('against the simulator and the Telegram fake: ✔ on every line, exit 0, nothing created', async () => {
    const dbPath = join(stage.dir, 'fresh', 'bot.db');
    const r = await doctor([], stage.env({ DB_PATH: dbPath, TELEGRAM_SUBSCRIBERS: `${FORUM}/5:vi` }));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('ready to run');
    const checks = lines.slice(0, -2);
    expect(checks.map((l) => l.slice(0, 2)), r.stdout).toEqual(checks.map(() => '✔ '));
    expect(checks.map((l) => /^✔ (\S+(?: chat| bot)?)/.exec(l)?.[1])).toEqual(['settings', 'database', 'Binance', 'Telegram bot', 'alert chat', 'subscriber chat', 'dashboard']);
    expect(r.stdout).toContain(`${dbPath} will be created at first run`);
    expect(r.stdout).toMatch(/the simulator at http:\/\/127\.0\.0\.1:\d+ answers in \d+ ms/);
    expect(r.stdout).toContain('@signal_bot (the token is accepted)');
    expect(r.stdout).toContain(`${ALERT_CHAT}: private chat with Ann`);
    expect(r.stdout).toContain(`${FORUM}, topic 5: supergroup "Signals" (forum)`);
    expect(existsSync(join(stage.dir, 'fresh')), 'the database folder is not created').toBe(false);
    expect(stage.fake.messages, 'nothing sent').toEqual([]);
  }, 30_000);

  it('with a wrong token: ✘ on the bot line with the fix, exit 1, the token not printed; --json says the same', async () => {
    const wrong = makeToken(35);
    const env = stage.env({ TELEGRAM_BOT_TOKEN: wrong, DB_PATH: join(stage.dir, 'wrong.db') });
    const r = await doctor([], env);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^✘ Telegram bot +the token is refused \(401 Unauthorized\)$/m);
    expect(r.stdout).toMatch(/^ +fix: copy the token again from @BotFather/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 check failed: the bot cannot run as configured');
    expect(r.stdout + r.stderr, 'the token is not printed').not.toContain(wrong.split(':')[1]);
    const json = await doctor(['--json'], env);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; checks: Array<{ name: string; status: string }> };
    expect(parsed.ok).toBe(false);
    expect(parsed.checks.map((c) => `${c.name} ${c.status}`)).toEqual(['settings ok', 'database ok', 'Binance ok', 'Telegram bot fail', 'dashboard ok']);
    expect(readdirSync(stage.dir).filter((f) => f.startsWith('wrong')), 'no database created').toEqual([]);
  }, 30_000);

  it('an unknown chat, an unreachable Binance, a port in use and a typo: each named with its fix', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const r = await doctor([], stage.env({
      TELEGRAM_CHAT_ID: '-100555', BINANCE_REST_URL: 'http://127.0.0.1:1', DB_PATH: join(stage.dir, 'x.db'), SCORE_TRESHOLD: '80', HTTP_PORT: String(port),
    })).finally(() => busy.close());
    expect(r.stdout).toMatch(new RegExp(`^✘ dashboard +cannot listen on http://127\\.0\\.0\\.1:${port}/: the port is in use \\(is kline-signals already running\\?\\)$`, 'm'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^! settings +SCORE_TRESHOLD is not a known variable; did you mean SCORE_THRESHOLD\? \(in the environment; ignored\)$/m);
    expect(r.stdout).toMatch(/^✘ Binance +cannot reach http:\/\/127\.0\.0\.1:1: ECONNREFUSED$/m);
    expect(r.stdout).toMatch(/^✘ alert chat +-100555: Telegram answered 400 Bad Request: chat not found$/m);
    expect(r.stdout).toMatch(/^ +fix: a private chat: open the bot and press Start/m);
  }, 30_000);
});
