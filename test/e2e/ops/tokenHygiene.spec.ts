import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBot } from './support/askBot.js';
import { BotRun, killAllBots } from './support/botRun.js';
import { freePort } from '../support/freePort.js';
import { ALERT_CHAT, makeToken, startStage, type Stage } from './support/opsStage.js';
import { findLeaks, readFiles, tokenForms } from './support/secretScan.js';

const ADMIN = 777;
const BAD_CHAT = -100999;

async function get(port: number, path: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return `${res.status} ${await res.text()}`;
}

describe('the bot token never leaves the process', () => {
  let stage: Stage;
  /** Everything observable from outside, by where it was seen. */
  const seen: Record<string, string> = {};
  const forbidden: string[] = [];

  beforeAll(async () => {
    // A 24-character secret: the generic token-shape redaction (30+) misses it, only the configured secret is redacted.
    stage = await startStage({ speed: 7_200, token: makeToken(24) });
    forbidden.push(...tokenForms(stage.token));
  });
  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('after 500, 401, 403 and a bad chat: logs, /status, /health, /metrics and the dashboard hold no token', async () => {
    const { fake } = stage;
    const port = await freePort();
    for (const status of [500, 401, 403]) fake.failNext({ status, chatId: ALERT_CHAT });
    fake.failNext({ status: 400, description: 'Bad Request: chat not found', chatId: String(BAD_CHAT) });
    const bot = new BotRun(stage.env({ LOG_LEVEL: 'debug', HTTP_PORT: String(port), TELEGRAM_ADMIN_IDS: String(ADMIN) }));
    await bot.waitForLog('kline-signals started', 20_000);
    await bot.waitForLog('telegram chat unreachable, its messages are held', 30_000, (e) => e.chatId === ALERT_CHAT);
    fake.pushUpdate({ chatId: BAD_CHAT, userId: ADMIN, text: '/status' });
    await bot.waitForLog('telegram chat unreachable, its messages are held', 30_000, (e) => e.chatId === String(BAD_CHAT));
    const status = await askBot(fake, { chatId: ADMIN, userId: ADMIN, text: '/status', reply: (t) => t.includes('Status') });
    expect(status.plainText, '/status shows the held chats').toContain(ALERT_CHAT);
    for (const code of ['500', '401', '403', '400']) {
      expect(bot.logs.some((e) => e.component === 'outboxSender' && e.code === code), `a ${code} was provoked and logged`).toBe(true);
    }
    for (const path of ['/health', '/metrics', '/api/status', '/api/signals', '/']) seen[`GET ${path}`] = await get(port, path);
    expect(seen['GET /metrics'], 'the metrics count the provoked errors').toMatch(/code="403"/);
    seen['/status reply'] = fake.messages.filter((m) => m.chatId === String(ADMIN)).map((m) => m.text).join('\n');
    bot.signal('SIGTERM');
    await bot.waitForExit(15_000);
    Object.assign(seen, { 'run A stdout': bot.stdout, 'run A stderr': bot.stderr });
    expect(bot.stdout.length, 'the run logged (debug level)').toBeGreaterThan(1000);
  }, 90_000);

  it('regression: with a token Telegram refuses (401 on getMe: exit 1 at start) and with a malformed one (config error), nothing leaks either', async () => {
    const refused = makeToken(24);
    const malformed = `${makeToken(24)}#`;
    forbidden.push(...tokenForms(refused), ...tokenForms(malformed), malformed.slice(malformed.indexOf(':') + 1, -1));
    const wrong = new BotRun(stage.env({ LOG_LEVEL: 'debug', TELEGRAM_BOT_TOKEN: refused, DB_PATH: join(stage.dir, 'wrong.db') }));
    const refusedExit = await wrong.waitForExit(20_000);
    expect(refusedExit.code, 'a refused token stops the start (issue 15)').toBe(1);
    expect(wrong.stderr, 'one line saying the token is refused').toMatch(/^config error: TELEGRAM_BOT_TOKEN is refused by Telegram \(401 Unauthorized\)/);
    const bad = new BotRun(stage.env({ TELEGRAM_BOT_TOKEN: malformed, DB_PATH: join(stage.dir, 'bad.db') }));
    const exit = await bad.waitForExit(20_000);
    expect(exit.code, 'a malformed token is a configuration error').toBe(1);
    expect(bad.stderr, 'the error names the variable').toContain('TELEGRAM_BOT_TOKEN');
    Object.assign(seen, { 'run B stdout': wrong.stdout, 'run B stderr': wrong.stderr, 'run C stdout': bad.stdout, 'run C stderr': bad.stderr });

    // The log files, as PM2 would keep them, and the databases (the outbox stores the last error).
    const logFile = join(stage.dir, 'out.log');
    writeFileSync(logFile, Object.values(seen).join('\n'));
    const files = readFiles([logFile, ...['bot.db', 'wrong.db'].flatMap((db) => [db, `${db}-wal`].map((f) => join(stage.dir, f)))]);
    const leaks = findLeaks({ ...seen, ...files }, forbidden);
    console.log(`tokenHygiene.spec: scanned ${Object.keys(seen).length} outputs and ${Object.keys(files).length} files, ${Object.values(seen).reduce((n, t) => n + t.length, 0)} chars, leaks ${JSON.stringify(leaks)}`);
    expect(Object.keys(seen).length, 'every output of both tests was captured').toBe(12);
    expect(leaks, 'no token, secret part or encoded token anywhere').toEqual([]);
  }, 90_000);
});
