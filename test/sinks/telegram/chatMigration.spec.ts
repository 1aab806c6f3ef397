import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatMoveRepo, type ChatMove } from '../../../src/sinks/sqlite/chatMoveRepo.js';
import { openDatabase } from '../../../src/sinks/sqlite/db.js';
import { OutboxRepo, type OutboxEntry } from '../../../src/sinks/sqlite/outboxRepo.js';
import { toDeliveryError } from '../../../src/sinks/telegram/deliveryError.js';
import { enqueueMessage } from '../../../src/sinks/telegram/enqueueMessage.js';
import { OutboxSender } from '../../../src/sinks/telegram/outboxSender.js';
import { telegramTransport } from '../../../src/sinks/telegram/transport.js';
import { TelegramFake } from '../../fakes/telegramFake.js';
import { captureLogger, TOKEN } from './fixtures.js';

/** A basic group, and the id Telegram gives it as a supergroup. */
const OLD = '-4005';
const NEW = '-1004005';
const OTHER = '77';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function entry(key: string, text: string, chatId = OLD, replyToKey?: string): OutboxEntry {
  return { key, chatId, kind: key.split(':')[0] ?? 'test', text, parseMode: 'HTML', createdAtMs: Date.now(), replyToKey: replyToKey ?? null };
}

/** A sender over the database file at `path`, as the app builds it: a new one is what a restarted bot has. */
function senderOn(path: string, fake: TelegramFake) {
  const db = openDatabase(path);
  const repo = new OutboxRepo(db);
  const chatMoves = new ChatMoveRepo(db);
  const told: ChatMove[] = [];
  const { logger, lines } = captureLogger();
  const sender = new OutboxSender({
    repo, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger,
    limits: { perChatGapMs: 10, groupMax: 100, groupWindowMs: 60_000 }, pollIntervalMs: 20, secrets: [TOKEN],
    chatMoves,
    onChatMoved: (move) => {
      told.push(move);
      enqueueMessage(repo, entry(`chatmove:${move.fromChat}`, `moved to ${move.toChat}`, chatMoves.resolve(move.toChat)));
    },
  });
  const close = async () => {
    await sender.stop();
    db.close();
  };
  cleanups.push(close);
  return { repo, chatMoves, sender, lines, told, close };
}

async function stage() {
  const fake = await TelegramFake.start({ token: TOKEN, limits: false });
  cleanups.push(() => fake.close());
  fake.addChat({ id: Number(OLD), type: 'group', title: 'Traders' });
  return { fake, path: join(mkdtempSync(join(tmpdir(), 'ks-chatmove-')), 'k.db') };
}

const to = (fake: TelegramFake, chat: string) => fake.messages.filter((m) => m.chatId === chat).map((m) => m.plainText);

describe('a group upgraded to a supergroup', () => {
  it('regression: the message refused with migrate_to_chat_id and every one queued after it reach the new id, once each, and the operator is told once', async () => {
    const { fake, path } = await stage();
    const run = senderOn(path, fake);
    enqueueMessage(run.repo, entry('signal:1', 'signal one'));
    run.sender.start();
    await fake.waitFor(() => to(fake, OLD).length === 1, 'the signal in the group');
    fake.migrateChat(Number(OLD), Number(NEW));
    enqueueMessage(run.repo, entry('signal:2', 'signal two'));
    enqueueMessage(run.repo, entry('trade:1', 'result one', OLD, 'signal:1'));
    enqueueMessage(run.repo, entry('signal:3', 'signal three'));
    enqueueMessage(run.repo, entry('other:1', 'elsewhere', OTHER));
    run.sender.notify();
    await fake.waitFor(() => to(fake, NEW).length === 4 && run.repo.depth() === 0, 'the queue at the new id', 5000);

    expect(to(fake, NEW), 'in the order written, the notice after them').toEqual(['signal two', 'result one', 'signal three', `moved to ${NEW}`]);
    expect(to(fake, OLD), 'nothing more reached the old id').toEqual(['signal one']);
    expect(to(fake, OTHER), 'other chats go on').toEqual(['elsewhere']);
    expect(fake.requests.filter((r) => r.chatId === OLD && r.status === 400).length, 'one refused send taught the move').toBe(1);
    expect(run.repo.heldChats(), 'nothing held').toEqual([]);
    expect(run.repo.find('signal:1')?.chatId, 'a sent row keeps the chat it went to').toBe(OLD);
    expect(run.repo.find('signal:2')?.chatId, 'the refused row now names the new chat').toBe(NEW);
    expect(run.told.map((m) => `${m.fromChat}>${m.toChat}`), 'told once').toEqual([`${OLD}>${NEW}`]);
    const warns = run.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'telegram group became a supergroup, its messages go to the new id');
    expect(warns.map((l) => [l.level, l.chatId, l.newChatId]), 'one warn line with both ids').toEqual([[40, OLD, NEW]]);
    expect(run.chatMoves.all().map((m) => [m.fromChat, m.toChat]), 'the move is stored').toEqual([[OLD, NEW]]);
    expect([run.chatMoves.resolve(OLD), run.chatMoves.formerIds(NEW), run.chatMoves.formerIds(OLD)], 'followed both ways').toEqual([NEW, [OLD], []]);
  });

  it('after a restart, messages still written for the old id go to the new one without asking the old id again, and nobody is told twice', async () => {
    const { fake, path } = await stage();
    const first = senderOn(path, fake);
    fake.migrateChat(Number(OLD), Number(NEW));
    enqueueMessage(first.repo, entry('signal:1', 'signal one'));
    first.sender.start();
    await fake.waitFor(() => to(fake, NEW).length === 2, 'the signal and the notice at the new id', 5000);
    await first.close();

    const refusedBefore = fake.requests.filter((r) => r.chatId === OLD).length;
    const second = senderOn(path, fake);
    enqueueMessage(second.repo, entry('signal:2', 'signal two'));
    enqueueMessage(second.repo, entry('trade:1', 'result one', OLD, 'signal:1'));
    second.sender.start();
    await fake.waitFor(() => to(fake, NEW).length === 4, 'the new rows at the new id', 5000);
    expect(to(fake, NEW)).toEqual(['signal one', `moved to ${NEW}`, 'signal two', 'result one']);
    expect(fake.messages.at(-1)?.replyToMessageId, 'the result replies to its signal in the new chat').toBe(fake.messages.find((m) => m.plainText === 'signal one')?.messageId);
    expect(fake.requests.filter((r) => r.chatId === OLD).length, 'the restarted sender never tried the old id').toBe(refusedBefore);
    expect(second.told, 'not told again').toEqual([]);
  });
  it('reads migrate_to_chat_id from Telegram\'s answer; a sender without a move store holds the message instead of retrying it for ever', async () => {
    const refused = toDeliveryError({ response: { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: Number(NEW) } } }, [TOKEN]);
    expect([refused.kind, refused.migrateToChatId]).toEqual(['chat_migrated', NEW]);
    const { fake, path } = await stage();
    fake.migrateChat(Number(OLD), Number(NEW));
    const db = openDatabase(path);
    const repo = new OutboxRepo(db);
    const sender = new OutboxSender({ repo, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger: captureLogger().logger, pollIntervalMs: 20 });
    cleanups.push(async () => {
      await sender.stop();
      db.close();
    });
    enqueueMessage(repo, entry('signal:1', 'signal one'));
    sender.start();
    await fake.waitFor(() => repo.find('signal:1')?.status === 'held', 'the message held');
    expect(repo.find('signal:1')?.attempts, 'tried once').toBe(1);
  });
});
