import { afterEach, describe, expect, it } from 'vitest';
import { asyncScheduler } from 'rxjs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { OutboxSender } from '../../../src/sinks/telegram/outboxSender.js';
import { telegramTransport } from '../../../src/sinks/telegram/transport.js';
import { enqueueMessage } from '../../../src/sinks/telegram/enqueueMessage.js';
import { openDatabase } from '../../../src/sinks/sqlite/db.js';
import { OutboxRepo, type OutboxEntry } from '../../../src/sinks/sqlite/outboxRepo.js';
import { TelegramFake } from '../../fakes/telegramFake.js';
import { captureLogger, TOKEN } from './fixtures.js';

const CHAT = '-1001';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function entry(key: string, text: string, replyToKey?: string): OutboxEntry {
  return { key, chatId: CHAT, kind: key.split(':')[0] ?? 'test', text, parseMode: 'HTML', createdAtMs: Date.now(), replyToKey: replyToKey ?? null };
}

/** A sender over the database file at `path`: a new one is what a restarted bot has. */
function senderOn(path: string, fake: TelegramFake) {
  const db = openDatabase(path);
  const repo = new OutboxRepo(db);
  const { logger, lines } = captureLogger();
  const sender = new OutboxSender({
    repo, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger,
    limits: { perChatGapMs: 20, groupMax: 100, groupWindowMs: 60_000 }, pollIntervalMs: 20, secrets: [TOKEN],
  });
  const close = async () => {
    await sender.stop();
    db.close();
  };
  return { repo, sender, lines, close };
}

async function started() {
  const fake = await TelegramFake.start({ token: TOKEN, limits: false });
  cleanups.push(() => fake.close());
  return { fake, path: join(mkdtempSync(join(tmpdir(), 'ks-threads-')), 'k.db') };
}

describe('threads: a result replies to its signal', () => {
  it('replies with the message id Telegram gave the signal, also when sent by a restarted sender', async () => {
    const { fake, path } = await started();
    const first = senderOn(path, fake);
    enqueueMessage(first.repo, entry('signal:1', '<b>signal one</b>'));
    enqueueMessage(first.repo, entry('signal:2', '<b>signal two</b>'));
    first.sender.start();
    await fake.waitFor(() => first.repo.depth() === 0, 'the signals');
    const signalId = fake.messages.find((m) => m.plainText === 'signal two')?.messageId;
    expect(first.repo.find('signal:2')?.messageId, 'the id Telegram returned is stored with the row').toBe(signalId);
    await first.close();

    const second = senderOn(path, fake);
    cleanups.push(() => second.close());
    enqueueMessage(second.repo, entry('trade:2', '<b>result two</b>', 'signal:2'));
    enqueueMessage(second.repo, entry('memory:x', 'cooldown', 'signal:2'));
    second.sender.start();
    await fake.waitFor(() => second.repo.depth() === 0, 'the result');
    const result = fake.messages.find((m) => m.plainText === 'result two');
    expect(result?.replyToMessageId, 'the result after the restart replies to its signal').toBe(signalId);
    expect(fake.messages.find((m) => m.plainText === 'cooldown')?.replyToMessageId, 'and so does the memory event of its symbol').toBe(signalId);
  });

  it('replies to the first part of a signal that was split, and to a signal sent in the same run', async () => {
    const { fake, path } = await started();
    const run = senderOn(path, fake);
    cleanups.push(() => run.close());
    enqueueMessage(run.repo, entry('signal:3', `<b>${'x'.repeat(30)}</b>\n<b>${'y'.repeat(30)}</b>`), 40);
    enqueueMessage(run.repo, entry('trade:3', 'result three', 'signal:3'));
    run.sender.start();
    await fake.waitFor(() => run.repo.depth() === 0, 'the parts and the result');
    const [part1, , result] = fake.messages;
    expect(result?.plainText).toBe('result three');
    expect(result?.replyToMessageId, 'the thread starts at part 1').toBe(part1?.messageId);
  });

  it('still sends a result whose signal was deleted, and one whose signal never got an id', async () => {
    const { fake, path } = await started();
    const run = senderOn(path, fake);
    cleanups.push(() => run.close());
    enqueueMessage(run.repo, entry('signal:4', 'signal four'));
    run.sender.start();
    await fake.waitFor(() => run.repo.depth() === 0, 'the signal');
    fake.deleteMessage(CHAT, fake.messages[0]!.messageId);
    enqueueMessage(run.repo, entry('trade:4', 'result four', 'signal:4'));
    enqueueMessage(run.repo, entry('trade:5', 'result five', 'signal:5'));
    run.sender.notify();
    await fake.waitFor(() => run.repo.depth() === 0, 'the results');
    const results = fake.messages.filter((m) => m.plainText.startsWith('result'));
    expect(results.map((m) => [m.plainText, m.replyToMessageId]), 'both delivered, neither as a reply').toEqual([['result four', undefined], ['result five', undefined]]);
    expect(fake.requests.filter((r) => r.status === 400), 'allow_sending_without_reply: Telegram never refused').toEqual([]);
  });

  it('resends without the reply when Telegram answers "message to be replied not found" (regression guard)', async () => {
    const { fake, path } = await started();
    const run = senderOn(path, fake);
    cleanups.push(() => run.close());
    enqueueMessage(run.repo, entry('signal:6', 'signal six'));
    run.sender.start();
    await fake.waitFor(() => run.repo.depth() === 0, 'the signal');
    fake.failNext({ status: 400, description: 'Bad Request: message to be replied not found' });
    enqueueMessage(run.repo, entry('trade:6', 'result six', 'signal:6'));
    run.sender.notify();
    await fake.waitFor(() => run.repo.depth() === 0, 'the result');
    expect(fake.requests.filter((r) => r.status === 400).length, 'the refusal was played').toBe(1);
    expect(fake.messages.map((m) => m.plainText), 'the result is not lost').toEqual(['signal six', 'result six']);
    expect(run.repo.find('trade:6')?.status).toBe('sent');
  });
});
