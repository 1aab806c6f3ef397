import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { askBot } from './support/askBot.js';
import { ALERT_CHAT, startStage, type Stage } from './support/opsStage.js';
import { waitFor } from './support/waitFor.js';

/** A sent signal whose trade is still open, with the message id Telegram gave its message. */
interface Thread { signalId: number; messageId: number; signalText: string; expiresAtMs: number; openedAtMs: number }

function read<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Open trades whose signal message Telegram confirmed, the soonest to expire first. */
function openThreads(dbPath: string): Thread[] {
  return read<Thread>(dbPath, `
    SELECT t.signal_id AS signalId, o.message_id AS messageId, o.text AS signalText, t.expires_at AS expiresAtMs, t.opened_at AS openedAtMs
    FROM trades t JOIN outbox o ON o.key = 'signal:' || t.signal_id
    WHERE t.status = 'open' AND o.status = 'sent' AND o.message_id IS NOT NULL
    ORDER BY t.expires_at`);
}

describe('threads: a trade result replies to its signal, across a restart', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage({ speed: 7_200 });
  }, 60_000);

  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('a result sent by the restarted bot replies to the signal the killed one sent, and names its entry time; /open lists what is open', async () => {
    const { fake, dbPath } = stage;
    const env = stage.env();
    const first = new BotRun(env);
    await first.waitForLog('kline-signals started', 20_000);
    await waitFor('a delivered signal with its trade open', () => {
      const open = openThreads(dbPath);
      return open.length > 0 && open;
    }, 60_000, 100);
    const open = await askBot(fake, { chatId: Number(ALERT_CHAT), userId: 1, text: '/open', reply: (t) => t.startsWith('📂 Open trades') });
    expect(open.plainText, '/open shows unrealised R and the price time').toMatch(/Unrealised: [+-]\d+\.\d\d R · [+-]\d+\.\d\d USDT/);
    expect(open.plainText).toMatch(/as of \d\d:\d\d UTC/);
    first.signal('SIGKILL');
    await first.waitForExit(10_000);
    const stored = openThreads(dbPath);
    expect(stored.length, 'open trades survived the kill with their signal message ids').toBeGreaterThanOrEqual(1);
    const thread = stored[0]!;
    const signalMessage = fake.messages.find((m) => m.messageId === thread.messageId);
    expect(signalMessage?.chatId, 'the stored id is the message Telegram holds in the alert chat').toBe(ALERT_CHAT);
    expect(signalMessage?.text, 'and it is that signal\'s message').toBe(thread.signalText);

    const second = new BotRun(env);
    await second.waitForLog('kline-signals started', 20_000);
    const resultText = await waitFor(`the result of signal ${thread.signalId}`, () => {
      const [row] = read<{ text: string; status: string }>(dbPath, `SELECT text, status FROM outbox WHERE key = ?`, `trade:${thread.signalId}`);
      return row?.status === 'sent' && row.text;
    }, 120_000, 200);
    const result = fake.messages.find((m) => m.text === resultText);
    expect(result, 'the result was delivered').toBeDefined();
    expect(result!.replyToMessageId, 'it replies to the signal sent before the restart').toBe(thread.messageId);
    const entered = new Date(thread.openedAtMs).toISOString().slice(0, 16).replace('T', ' ');
    expect(result!.plainText, 'it names the entry time of its signal').toContain(`Entered at: ${entered} UTC`);
    const replies = fake.messages.filter((m) => m.replyToMessageId !== undefined);
    for (const r of replies) {
      expect(fake.messages.find((m) => m.messageId === r.replyToMessageId)?.plainText, `reply ${r.messageId} answers a signal`).toMatch(/signal/i);
    }
    expect(fake.requests.filter((r) => r.status === 400), 'no reply was refused').toEqual([]);
    console.log(`threads.spec: ${JSON.stringify({ signal: thread.signalId, signalMessage: thread.messageId, result: result!.messageId, replies: replies.length })}`);
  }, 240_000);
});
