import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramFake } from '../fakes/telegramFake.js';
import { botCliArgs } from '../support/botCli.js';

const TOKEN = '123456:busy-port-token-for-the-fake';
let fake: TelegramFake | undefined;
let holder: Server | undefined;
afterEach(async () => {
  await fake?.close();
  await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
  fake = undefined;
  holder = undefined;
});

/** A port another process (here: this test) already listens on. */
async function busyPort(): Promise<number> {
  holder = createServer();
  await new Promise<void>((resolve) => holder!.listen(0, '127.0.0.1', resolve));
  return (holder.address() as AddressInfo).port;
}

describe('regression: a busy HTTP_PORT stops the start before anything starts (review: FATAL, then "started", then a stop message for a bot that never ran)', () => {
  it('exits 1 with one line naming HTTP_PORT and what to do, sends no Telegram message and starts nothing', async () => {
    const port = await busyPort();
    fake = await TelegramFake.start({ token: TOKEN });
    fake.addChat({ id: 42, type: 'private', first_name: 'Admin' });
    const dir = mkdtempSync(join(tmpdir(), 'ks-port-'));
    const child = spawn(process.execPath, botCliArgs(['run']), {
      env: {
        PATH: process.env.PATH ?? '', DB_PATH: join(dir, 'bot.db'), HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), LOG_FORMAT: 'json',
        BINANCE_REST_URL: 'http://127.0.0.1:9', BINANCE_WS_URL: 'ws://127.0.0.1:9/market',
        TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42', TELEGRAM_API_ROOT: fake.apiRoot,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, stdout + stderr).toBe(1);
    expect(stderr.trim().split('\n'), 'one line').toEqual([
      `config error: HTTP_PORT ${port} is in use (is kline-signals already running?): stop the other process or set HTTP_PORT (0 turns the dashboard off)`,
    ]);
    expect(stdout, 'nothing started, so nothing logged as started or stopped').not.toMatch(/started|shutting down|fatal/);
    expect(fake.messages, 'no stop message for a bot that never started').toEqual([]);
  }, 30_000);
});
