import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/sinks/sqlite/db.js';
import { OutboxRepo, type OutboxEntry } from '../../../src/sinks/sqlite/outboxRepo.js';
import { enqueueMessage } from '../../../src/sinks/telegram/enqueueMessage.js';
import { OutboxSender } from '../../../src/sinks/telegram/outboxSender.js';
import { telegramTransport } from '../../../src/sinks/telegram/transport.js';
import { TelegramFake } from '../../fakes/telegramFake.js';
import { captureLogger, TOKEN } from './fixtures.js';

const CHAT = '-1003';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2]);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function entry(key: string, text: string, silent: boolean, photo?: string): OutboxEntry {
  return { key, chatId: CHAT, kind: 'trade', text, parseMode: 'HTML', createdAtMs: Date.now(), silent, ...(photo === undefined ? {} : { photo }) };
}

describe('messages written in a subscriber\'s quiet hours', () => {
  it('go with disable_notification, texts and photos alike, also when a restarted process sends them; the others ring', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: false });
    cleanups.push(() => fake.close());
    const path = join(mkdtempSync(join(tmpdir(), 'ks-silent-')), 'k.db');
    // Written by one process that stopped before sending (a crash, a deploy)...
    const writer = openDatabase(path);
    const written = new OutboxRepo(writer);
    enqueueMessage(written, entry('trade:1@-1003', 'quiet result', true));
    enqueueMessage(written, entry('signal:2@-1003', 'loud signal', false));
    enqueueMessage(written, entry('trade:3@-1003', 'quiet card', true, '{}'));
    writer.close();
    // ...and sent by the next one.
    const db = openDatabase(path);
    const repo = new OutboxRepo(db);
    const sender = new OutboxSender({
      repo, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger: captureLogger().logger,
      limits: { perChatGapMs: 10, groupMax: 100, groupWindowMs: 60_000 }, pollIntervalMs: 20, renderPhoto: async () => PNG,
    });
    cleanups.push(async () => {
      await sender.stop();
      db.close();
    });
    sender.start();
    await fake.waitFor(() => fake.messages.length === 3, 'the three messages');
    expect(fake.messages.map((m) => [m.plainText, m.photo !== undefined, m.silent ?? false])).toEqual([
      ['quiet result', false, true], ['loud signal', false, false], ['quiet card', true, true],
    ]);
  });
});
