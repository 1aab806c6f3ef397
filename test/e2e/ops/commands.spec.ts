import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { askBot } from './support/askBot.js';
import { ALERT_CHAT, startStage, type Stage } from './support/opsStage.js';
import { waitFor } from './support/waitFor.js';

const CHAT = Number(ALERT_CHAT);
const OWNER = 4242;
const ADMIN = 777;
const ADMIN_GROUP = -1001234;
const STRANGER = 5555;

interface SignalRow { id: number; symbol: string; status: string; reasons: string }

function signalsAfter(dbPath: string, id: number): SignalRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, symbol, status, reasons FROM signals WHERE id > ? ORDER BY id').all(id) as SignalRow[];
  } finally {
    db.close();
  }
}

function outboxText(dbPath: string, key: string): string | undefined {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT text FROM outbox WHERE key = ?').get(key) as { text: string } | undefined)?.text;
  } finally {
    db.close();
  }
}

/** Memory messages put in the outbox whose text contains `phrase`. */
function memoryMessages(dbPath: string, phrase: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'memory' AND text LIKE ?`).get(`%${phrase}%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

const lastSignalId = (dbPath: string) => signalsAfter(dbPath, 0).at(-1)?.id ?? 0;

describe('Telegram commands against the running bot', () => {
  let stage: Stage;
  let bot: BotRun;

  beforeAll(async () => {
    stage = await startStage({ speed: 7_200 });
    bot = new BotRun(stage.env({ TELEGRAM_ADMIN_IDS: String(ADMIN) }));
    await bot.waitForLog('kline-signals started', 20_000);
    await waitFor('long polling', () => stage.fake.heldPolls > 0, 20_000);
  }, 60_000);

  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('regression: answers /status, /signals and /memory in the alert chat (paced with the alerts) and to an admin elsewhere, ignores other chats', async () => {
    const { fake } = stage;
    // Ask right after an alert went out: a reply sent directly (not through the outbox) lands within
    // Telegram's 1 s per chat, draws a 429 and is lost. It must be paced with the alerts.
    const before = fake.messages.length;
    await waitFor('an alert just delivered', () => fake.messages.slice(before).some((m) => m.chatId === ALERT_CHAT), 40_000, 5);
    const status = await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/status', reply: (t) => t.includes('Status') && t.includes('Symbols watched') });
    expect(status.plainText, '/status reports the watched symbols').toMatch(/Symbols watched: 3/);
    const signals = await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/signals 3', reply: (t) => /Latest \d+ signals|No signals yet/.test(t) });
    expect(signals.plainText.length, '/signals answers with a list').toBeGreaterThan(10);
    await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/memory', reply: (t) => t.includes('Adaptive memory') });
    const adminStatus = await askBot(fake, { chatId: ADMIN_GROUP, userId: ADMIN, text: '/status', reply: (t) => t.includes('Status') });
    expect(adminStatus.chatId, 'the admin is answered in the chat they wrote from').toBe(String(ADMIN_GROUP));

    for (const [chatId, userId] of [[STRANGER, STRANGER], [ADMIN_GROUP, 888]] as const) {
      const from = fake.messages.length;
      fake.pushUpdate({ chatId, userId, text: '/status' });
      await bot.waitForLog('unauthorized update ignored', 20_000, (e) => e.chatId === String(chatId) && e.userId === String(userId));
      // An authorized command after it: once answered, the ignored one has surely been handled.
      await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/help', reply: (t) => t.includes('Commands') });
      expect(fake.messages.slice(from).filter((m) => m.chatId === String(chatId)), `no reply to user ${userId} in chat ${chatId}`).toEqual([]);
    }
    expect(fake.violations, 'replies and alerts together keep Telegram pace').toEqual([]);
  }, 90_000);

  it('/pause blocks every new signal with reason pause until /resume; then signals are sent again', async () => {
    const { fake, dbPath } = stage;
    await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/pause', reply: (t) => t.includes('Signals paused until /resume') });
    const pausedAfter = lastSignalId(dbPath);
    const during = await waitFor('three candidates while paused', () => {
      const rows = signalsAfter(dbPath, pausedAfter);
      return rows.length >= 3 && rows;
    }, 60_000, 200);
    for (const row of during) {
      const reasons = JSON.parse(row.reasons) as Array<{ code: string; rule?: string }>;
      expect(row.status, `signal ${row.id} after /pause is blocked`).toBe('blocked');
      expect(reasons.some((r) => r.code === 'pause' && r.rule === 'manualPause'), `signal ${row.id} names the manual pause`).toBe(true);
      expect(outboxText(dbPath, `signal:${row.id}`), `no message for blocked signal ${row.id}`).toBeUndefined();
    }
    const status = await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/status', reply: (t) => t.includes('Status') });
    expect(status.plainText, '/status shows the pause').toMatch(/Paused: until \/resume/);
    expect(memoryMessages(dbPath, 'All signals paused'), 'regression: /pause answered once, the next candles do not announce it again').toBe(0);
    const blockedSymbol = during.at(-1)!.symbol;
    const why = await askBot(fake, { chatId: CHAT, userId: OWNER, text: `/why ${blockedSymbol.replace(/USDT$/, '')}`, reply: (t) => t.includes(`Why ${blockedSymbol}?`) });
    expect(why.plainText, '/why names the lock in force, as the rest of the product names it').toMatch(/Locks in force: All signals paused \(Paused by the operator\)/);
    if (why.plainText.includes('Blocked because')) expect(why.plainText, 'the blocked candidate\'s reason').toMatch(/Blocked because: All signals paused/);
    expect(why.plainText, 'no rule id or reason code').not.toMatch(/manualPause|\bpause\b|symbol_cooldown|threshold_raised/);

    await askBot(fake, { chatId: ADMIN_GROUP, userId: ADMIN, text: '/resume', reply: (t) => t.includes('Signals resumed') });
    const resumedAfter = lastSignalId(dbPath);
    const sent = await waitFor('a signal sent after /resume', () => signalsAfter(dbPath, resumedAfter).find((r) => r.status === 'sent'), 60_000, 200);
    const text = outboxText(dbPath, `signal:${sent.id}`);
    expect(text, 'the resumed signal has its message').toBeDefined();
    await waitFor('the resumed signal delivered', () => fake.messages.some((m) => m.text === text), 30_000);
    expect(memoryMessages(dbPath, 'Signals resumed'), 'regression: /resume answered once').toBe(0);
    const hint = await askBot(fake, { chatId: CHAT, userId: OWNER, text: '/positons', reply: (t) => t.startsWith('Unknown command') });
    expect(hint.plainText, 'one line naming the commands').toMatch(/^Unknown command\. Commands: \/status .*\/why .*\/help$/);
    console.log(`commands.spec: ${JSON.stringify({ blockedWhilePaused: during.length, resumedSignal: sent.id, messages: fake.messages.length })}`);
  }, 90_000);
});
