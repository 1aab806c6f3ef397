import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { makeToken, startStage, type Stage } from './support/opsStage.js';

/** stderr as lines, without the empty tail. */
const linesOf = (text: string): string[] => text.trim().split('\n').filter((l) => l !== '');

describe('regression: the start checks the Telegram settings (issue 15)', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage({ speed: 60 });
  });
  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('a token Telegram refuses (getMe 401) exits 1 with one line, before anything else starts, the token never printed', async () => {
    const refused = makeToken(35);
    const dbPath = join(stage.dir, 'refused.db');
    const bot = new BotRun(stage.env({ TELEGRAM_BOT_TOKEN: refused, DB_PATH: dbPath }));
    const exit = await bot.waitForExit(20_000);
    expect(exit.code, bot.stderr).toBe(1);
    expect(linesOf(bot.stderr), 'one line').toEqual([
      'config error: TELEGRAM_BOT_TOKEN is refused by Telegram (401 Unauthorized): copy the token again from @BotFather (README, Telegram setup)',
    ]);
    expect(`${bot.stdout}${bot.stderr}`, 'the token is not printed').not.toContain(refused.split(':')[1]);
    expect(existsSync(dbPath), 'nothing started: no database created').toBe(false);
    expect(stage.fake.requests.filter((r) => r.status === 401).map((r) => r.method), 'only getMe was tried').toEqual(['getme']);
  }, 30_000);

  it.each([
    [{ TELEGRAM_CHAT_ID: '' }, 'TELEGRAM_CHAT_ID is unset while TELEGRAM_BOT_TOKEN is set'],
    [{ TELEGRAM_BOT_TOKEN: '' }, 'TELEGRAM_BOT_TOKEN is unset while TELEGRAM_CHAT_ID is set'],
  ])('%j exits 1 naming the missing variable (it used to fall back to the console while the log said telegram "on")', async (overrides, line) => {
    const dbPath = join(stage.dir, 'unpaired.db');
    const bot = new BotRun(stage.env({ ...overrides, DB_PATH: dbPath }));
    const exit = await bot.waitForExit(20_000);
    expect(exit.code, bot.stderr).toBe(1);
    const lines = linesOf(bot.stderr);
    expect(lines, 'one line').toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^config error: ${line}: `));
    expect(bot.stdout, 'nothing was logged: nothing started').toBe('');
    expect(existsSync(dbPath)).toBe(false);
  }, 30_000);

  it('Telegram unreachable at start: one warning, the bot runs and its messages wait in the outbox until Telegram answers', async () => {
    await stage.fake.stopListening();
    const bot = new BotRun(stage.env({ DB_PATH: join(stage.dir, 'offline.db'), SCORE_TRESHOLD: '80' }));
    try {
      await bot.waitForLog('kline-signals started', 30_000);
      const warnings = bot.logs.filter((e) => e.msg.startsWith('telegram not reachable'));
      expect(warnings, 'warned once').toHaveLength(1);
      expect(warnings[0]?.reason, 'says why').toBe('ECONNREFUSED');
      const typo = bot.logs.find((e) => e.variable === 'SCORE_TRESHOLD');
      expect(typo, 'a misspelled variable is named with the one meant').toMatchObject({ level: 40, didYouMean: 'SCORE_THRESHOLD', source: 'environment' });
      await stage.fake.resumeListening();
      await stage.fake.waitFor(() => stage.fake.messages.some((m) => m.chatId === '4242'), 'the start-up message delivered', 30_000);
    } finally {
      await stage.fake.resumeListening().catch(() => undefined);
      bot.signal('SIGTERM');
      await bot.waitForExit(15_000);
    }
  }, 90_000);
});
