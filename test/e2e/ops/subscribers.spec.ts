import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { auditDeliveries } from './support/deliveryAudit.js';
import { ALERT_CHAT, startStage, type Stage } from './support/opsStage.js';
import { waitFor } from './support/waitFor.js';

/** A read-only group with a minimum score, reading Vietnamese while the admin chat reads English. */
const SUBSCRIBER = '-1005';
const MIN_SCORE = 70;

interface Row { key: string; kind: string; status: string; text: string; messageId: number | null; replyTo: string | null; score: number | null }

function rows(dbPath: string, chatId: string): Row[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`
      SELECT o.key, o.kind, o.status, o.text, o.message_id AS messageId, o.reply_to_key AS replyTo, s.score
      FROM outbox o LEFT JOIN signals s ON o.kind = 'signal' AND s.id = CAST(substr(o.key, 8) AS INTEGER)
      WHERE o.chat_id = ? ORDER BY o.id`).all(chatId) as Row[];
  } finally {
    db.close();
  }
}

function pausedSignals(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM signals WHERE reasons LIKE '%manualPause%'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const signalId = (key: string) => Number(/^signal:(\d+)/.exec(key)![1]);

describe('subscriber chats against the running bot', () => {
  let stage: Stage;
  let bot: BotRun;

  beforeAll(async () => {
    stage = await startStage({ speed: 7_200 });
    const file = join(stage.dir, 'subscribers.json');
    writeFileSync(file, JSON.stringify([{ chat: SUBSCRIBER, language: 'vi', minScore: MIN_SCORE }]));
    bot = new BotRun(stage.env({ TELEGRAM_SUBSCRIBERS: file }));
    await bot.waitForLog('kline-signals started', 20_000);
    await waitFor('long polling', () => stage.fake.heldPolls > 0, 20_000);
  }, 60_000);

  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('a subscriber with a minimum score gets only the signals above it, in its language, cannot /pause, and every message arrives once', async () => {
    const { fake, dbPath } = stage;
    fake.pushUpdate({ chatId: Number(SUBSCRIBER), userId: Number(ALERT_CHAT), text: '/pause' });
    await bot.waitForLog('update from a subscriber chat ignored (read-only)', 20_000, (e) => e.chatId === SUBSCRIBER);

    // Signals on both sides of the minimum and a result in the subscriber's thread; then SIGTERM drains the outbox.
    let seen = '';
    try {
      await waitFor('signals above and below the minimum and a subscriber result delivered', () => {
        const scores = rows(dbPath, ALERT_CHAT).filter((r) => r.kind === 'signal').map((r) => r.score!);
        const sub = rows(dbPath, SUBSCRIBER);
        seen = JSON.stringify({ scores: scores.map(Math.round), sub: sub.map((r) => `${r.key} ${r.status}`) });
        return scores.some((x) => x >= MIN_SCORE) && scores.some((x) => x < MIN_SCORE) && sub.some((r) => r.kind === 'trade' && r.status === 'sent');
      }, 150_000, 250);
    } catch (err) {
      console.log(`subscribers.spec: ${seen}`);
      throw err;
    }
    bot.signal('SIGTERM');
    expect((await bot.waitForExit(20_000)).code, 'a clean stop after draining').toBe(0);

    expect(fake.messages.filter((m) => m.chatId === SUBSCRIBER && m.plainText.includes('tạm dừng')), 'no reply to the subscriber\'s /pause').toEqual([]);
    expect(pausedSignals(dbPath), 'its /pause blocked nothing').toBe(0);

    const admin = rows(dbPath, ALERT_CHAT);
    const sub = rows(dbPath, SUBSCRIBER);
    const adminSignals = admin.filter((r) => r.kind === 'signal');
    const subSignals = sub.filter((r) => r.kind === 'signal');
    expect(subSignals.map((r) => signalId(r.key)), 'exactly the signals scoring at least the minimum').toEqual(
      adminSignals.filter((r) => r.score! >= MIN_SCORE).map((r) => signalId(r.key)),
    );
    expect(subSignals.every((r) => r.text.includes('Điểm')), 'in Vietnamese').toBe(true);
    expect(adminSignals.every((r) => r.text.includes('Score')), 'while the admin reads English').toBe(true);
    expect(sub.map((r) => r.kind).filter((k) => k === 'memory' || k === 'lifecycle' || k === 'reply'), 'no memory, lifecycle or command messages').toEqual([]);

    // Each result replies to the signal message in the subscriber's own chat.
    for (const result of sub.filter((r) => r.kind === 'trade' && r.status === 'sent')) {
      const signal = sub.find((r) => r.key === result.replyTo);
      expect(signal, `${result.key} answers a signal of this chat`).toBeDefined();
      const delivered = fake.messages.find((m) => m.chatId === SUBSCRIBER && m.text === result.text);
      expect(delivered?.replyToMessageId, `${result.key} is a reply to the signal's message`).toBe(signal!.messageId);
    }

    for (const chat of [ALERT_CHAT, SUBSCRIBER]) {
      const audit = auditDeliveries(dbPath, fake.messages, chat);
      expect(audit.repeats, `chat ${chat}: nothing sent twice`).toEqual([]);
      expect(audit.strays, `chat ${chat}: nothing from nowhere`).toEqual([]);
      expect(audit.owed.filter((o) => o.status === 'sent' && o.deliveries.length !== 1).map((o) => o.key), `chat ${chat}: each row delivered once`).toEqual([]);
    }
    expect(fake.violations, 'both chats within Telegram\'s pace').toEqual([]);
    console.log(`subscribers.spec: ${JSON.stringify({ adminSignals: adminSignals.length, subscriberSignals: subSignals.length, subscriberResults: sub.filter((r) => r.kind === 'trade').length, messages: fake.messages.length })}`);
  }, 200_000);
});
