import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRun, killAllBots } from './support/botRun.js';
import { auditDeliveries, queryNumber } from './support/deliveryAudit.js';
import { startStage, type Stage } from './support/opsStage.js';
import { waitFor } from './support/waitFor.js';

/** The admin chat: a basic group, and the id Telegram gives it as a supergroup. */
const OLD = '-4005';
const NEW = '-1004005';
/** A read-only chat whose quiet hours [0, 1) UTC hold each day's summary (written at 00:00) and nothing else of note. */
const SUBSCRIBER = '-1005';
const MOVED_LOG = 'telegram group became a supergroup, its messages go to the new id';

interface SubscriberRow { key: string; kind: string; text: string; silent: number; createdAt: number }

function subscriberRows(dbPath: string): SubscriberRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT key, kind, text, silent, created_at AS createdAt FROM outbox WHERE chat_id = ? AND status = 'sent' ORDER BY id`).all(SUBSCRIBER) as SubscriberRow[];
  } finally {
    db.close();
  }
}

describe('the admin group upgraded to a supergroup while the bot runs, and a subscriber\'s quiet hours', () => {
  let stage: Stage;
  let env: Record<string, string>;

  beforeAll(async () => {
    stage = await startStage({ speed: 7_200 });
    const file = join(stage.dir, 'subscribers.json');
    writeFileSync(file, JSON.stringify([{ chat: SUBSCRIBER, language: 'en', quietHoursUtc: [0, 1] }]));
    env = stage.env({ TELEGRAM_CHAT_ID: OLD, TELEGRAM_SUBSCRIBERS: file, LANGUAGE: 'vi' });
  }, 60_000);

  afterAll(async () => {
    await killAllBots();
    await stage?.close();
  });

  it('loses nothing, sends nothing twice, tells the operator once in Vietnamese, takes commands from the new id, remembers the move after a restart, and rings only outside quiet hours', async () => {
    const { fake, dbPath } = stage;
    const first = new BotRun(env);
    await waitFor('a first message in the group', () => fake.messages.some((m) => m.chatId === OLD), 30_000);
    // Unannounced (the bot missed Telegram's service messages): only the refused send can teach the move.
    fake.migrateChat(Number(OLD), Number(NEW), { announce: false });

    const moved = await first.waitForLog(MOVED_LOG, 60_000);
    expect([moved.level, moved.chatId, moved.newChatId], 'one warn line naming both ids').toEqual([40, OLD, NEW]);
    const notice = await waitFor('the notice in the supergroup', () => fake.messages.find((m) => m.chatId === NEW && m.plainText.includes('siêu nhóm')), 60_000);
    expect(notice.plainText, 'in Vietnamese, with the setting to change').toContain(`đặt TELEGRAM_CHAT_ID thành ${NEW} (thay cho ${OLD})`);

    // A member of the supergroup (not an admin id) asks: the new id is the admin chat.
    await waitFor('long polling', () => fake.heldPolls > 0, 20_000);
    fake.pushUpdate({ chatId: Number(NEW), userId: 31337, text: '/status' });
    await waitFor('the /status reply in the supergroup', () => queryNumber(dbPath, `SELECT COUNT(*) FROM outbox WHERE kind = 'reply' AND chat_id = ? AND status = 'sent'`, NEW) > 0, 60_000);
    await waitFor('a signal after the move and a quiet daily summary to the subscriber', () => {
      const signalsAfter = queryNumber(dbPath, `SELECT COUNT(*) FROM outbox WHERE kind = 'signal' AND chat_id = ? AND status = 'sent'`, NEW);
      const sub = subscriberRows(dbPath);
      return signalsAfter > 0 && sub.some((r) => r.kind === 'daily') && sub.some((r) => r.kind === 'signal');
    }, 150_000, 250);
    first.signal('SIGTERM');
    expect((await first.waitForExit(30_000)).code, 'a clean stop').toBe(0);

    // Restarted with the same settings, still naming the old id.
    const toOldBefore = fake.requests.filter((r) => r.chatId === OLD).length;
    const startsBefore = fake.messages.filter((m) => m.chatId === NEW && m.plainText.includes('đã khởi động')).length;
    const second = new BotRun(env);
    await waitFor('the start-up message of the restart at the new id', () => fake.messages.filter((m) => m.chatId === NEW && m.plainText.includes('đã khởi động')).length > startsBefore, 60_000);
    second.signal('SIGTERM');
    expect((await second.waitForExit(30_000)).code, 'a clean stop').toBe(0);

    expect(fake.requests.filter((r) => r.chatId === OLD).length, 'the restart never asked the old id').toBe(toOldBefore);
    expect(second.logs.filter((l) => l.msg === MOVED_LOG), 'not told again').toEqual([]);
    expect(fake.messages.filter((m) => m.plainText.includes('siêu nhóm')).length, 'one notice in all').toBe(1);
    expect(fake.requests.filter((r) => r.chatId === OLD && r.status === 400).length, 'one refused send taught the move').toBe(1);
    expect(queryNumber(dbPath, `SELECT COUNT(*) FROM outbox WHERE status = 'held'`), 'nothing held').toBe(0);
    for (const chat of [OLD, NEW, SUBSCRIBER]) {
      const audit = auditDeliveries(dbPath, fake.messages, chat);
      expect(audit.repeats, `chat ${chat}: nothing sent twice`).toEqual([]);
      expect(audit.strays, `chat ${chat}: nothing from nowhere`).toEqual([]);
      // Start-up messages of two runs in the same minute read the same: one delivery per row of that text.
      expect(audit.owed.filter((o) => o.status === 'sent' && o.deliveries.length !== o.sameText).map((o) => o.key), `chat ${chat}: each sent row delivered once`).toEqual([]);
    }
    const audit = auditDeliveries(dbPath, fake.messages, NEW);
    expect(audit.signalsWithoutMessage, 'every sent signal has its message').toEqual([]);

    // Quiet hours: what reached the subscriber rang exactly when written outside [0, 1) UTC.
    const delivered = subscriberRows(dbPath).map((r) => {
      const m = fake.messages.find((x) => x.chatId === SUBSCRIBER && x.text === r.text);
      return { key: r.key, hour: new Date(r.createdAt).getUTCHours(), stored: r.silent === 1, arrived: m?.silent === true };
    });
    for (const d of delivered) expect([d.stored, d.arrived], `${d.key} written at ${d.hour}:xx`).toEqual([d.hour === 0, d.hour === 0]);
    expect(delivered.some((d) => d.arrived) && delivered.some((d) => !d.arrived), 'both kinds seen').toBe(true);
    expect(fake.messages.filter((m) => m.chatId !== SUBSCRIBER && m.silent), 'the admin chat always rings').toEqual([]);
    expect(fake.violations, 'within Telegram\'s pace').toEqual([]);
    console.log(`chatMigration.spec: ${JSON.stringify({ toOld: fake.messages.filter((m) => m.chatId === OLD).length, toNew: fake.messages.filter((m) => m.chatId === NEW).length, subscriber: delivered.length, silent: delivered.filter((d) => d.arrived).length })}`);
  }, 300_000);
  it('announced by Telegram (its service messages): a command from the new id right after the move is answered there, the operator told once, nothing held or repeated', async () => {
    const { fake } = stage;
    const [old2, new2] = ['-4015', '-1004015'];
    const dbPath = join(stage.dir, 'announced.db');
    const bot = new BotRun(stage.env({ TELEGRAM_CHAT_ID: old2, DB_PATH: dbPath }));
    await waitFor('a first message in the group', () => fake.messages.some((m) => m.chatId === old2), 30_000);
    await waitFor('long polling', () => fake.heldPolls > 0, 20_000);
    fake.migrateChat(Number(old2), Number(new2));
    fake.pushUpdate({ chatId: Number(new2), userId: 31337, text: '/status' });
    const moved = await bot.waitForLog(MOVED_LOG, 60_000);
    console.log(`chatMigration.spec: announced move learned from ${moved.code === undefined ? 'the service message' : 'a refused send'}`);
    await waitFor('the /status reply in the supergroup', () => queryNumber(dbPath, `SELECT COUNT(*) FROM outbox WHERE kind = 'reply' AND chat_id = ? AND status = 'sent'`, new2) > 0, 60_000);
    await waitFor('the notice in the supergroup', () => fake.messages.some((m) => m.chatId === new2 && m.plainText.includes('upgraded to a supergroup')), 60_000);
    bot.signal('SIGTERM');
    expect((await bot.waitForExit(30_000)).code, 'a clean stop').toBe(0);

    expect(bot.logs.filter((l) => l.msg === MOVED_LOG).length, 'one warn line').toBe(1);
    expect(bot.logs.filter((l) => l.msg === 'unauthorized update ignored'), 'the new id\'s command was the admin\'s').toEqual([]);
    expect(fake.messages.filter((m) => m.chatId === new2 && m.plainText.includes('upgraded to a supergroup')).length, 'one notice').toBe(1);
    expect(queryNumber(dbPath, `SELECT COUNT(*) FROM outbox WHERE status = 'held'`), 'nothing held').toBe(0);
    for (const chat of [old2, new2]) {
      const audit = auditDeliveries(dbPath, fake.messages, chat);
      expect(audit.repeats, `chat ${chat}: nothing sent twice`).toEqual([]);
      expect(audit.owed.filter((o) => o.status === 'sent' && o.deliveries.length !== o.sameText).map((o) => o.key), `chat ${chat}: each sent row delivered once`).toEqual([]);
    }
  }, 200_000);
});
