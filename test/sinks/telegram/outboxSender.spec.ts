import { afterEach, describe, expect, it } from 'vitest';
import { asyncScheduler } from 'rxjs';
import { Writable } from 'node:stream';
import { OutboxSender } from '../../../src/sinks/telegram/outboxSender.js';
import { consoleTransport, telegramTransport } from '../../../src/sinks/telegram/transport.js';
import type { PacingLimits } from '../../../src/sinks/telegram/chatPacer.js';
import type { OutboxRepo } from '../../../src/sinks/sqlite/outboxRepo.js';
import { TelegramFake } from '../../fakes/telegramFake.js';
import { captureLogger, TOKEN, tempOutbox } from './fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(limits: PacingLimits) {
  const fake = await TelegramFake.start({ token: TOKEN, limits });
  const { db, repo } = tempOutbox();
  const { logger, lines } = captureLogger();
  const sender = new OutboxSender({
    repo, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger, limits,
    backoff: { initialMs: 40, maxMs: 200 }, pollIntervalMs: 50, secrets: [TOKEN],
  });
  cleanups.push(() => fake.close(), () => void db.close(), () => sender.stop());
  return { fake, repo, sender, lines };
}

let seq = 0;
function enqueue(repo: OutboxRepo, chatId: string, text: string, parseMode: 'HTML' | null = 'HTML'): string {
  const key = `test:${(seq += 1)}`;
  repo.enqueue({ key, chatId, kind: 'test', text, parseMode, createdAtMs: Date.now() });
  return key;
}

const FAST: PacingLimits = { perChatGapMs: 150, groupMax: 20, groupWindowMs: 60_000 };

function expectNoTokenIn(lines: readonly string[]): void {
  expect(lines.length, 'there were log lines to check').toBeGreaterThan(0);
  for (const line of lines) expect(line, 'no log line carries the token').not.toContain(TOKEN.split(':')[1]);
}

describe('OutboxSender against the Bot API fake', () => {
  it('delivers every message exactly once, in order, after refused connections then 5xx', async () => {
    const { fake, repo, sender, lines } = await setup(FAST);
    await fake.stopListening();
    const texts = ['<b>1</b>', '<b>2</b>', '<b>3</b>'];
    for (const t of texts) {
      enqueue(repo, '-100', t);
      enqueue(repo, '42', t);
    }
    sender.start();
    await fake.waitFor(() => (sender.stats().errorsByCode.network ?? 0) >= 2, 'refused sends');
    fake.failNext({ status: 502 }, 3);
    await fake.resumeListening();
    await fake.waitFor(() => repo.depth() === 0, 'the outbox to empty');
    for (const chat of ['-100', '42']) {
      const got = fake.messages.filter((m) => m.chatId === chat).map((m) => m.plainText);
      expect(got, `chat ${chat}: each once, in order`).toEqual(['1', '2', '3']);
    }
    expect(fake.requests.filter((r) => r.status === 502).length, 'the 5xx were really played').toBe(3);
    expect(sender.stats(), 'stats count sends and errors').toMatchObject({ sent: 6, depth: 0, errorsByCode: { '502': 3 } });
    expect(fake.violations, 'no rate-limit violation while catching up').toEqual([]);
    expect(lines.some((l) => l.includes('telegram send failed, retrying')), 'failures are logged').toBe(true);
    expectNoTokenIn(lines);
  });

  it('never exceeds the per-chat and group pace (the fake reports any violation)', async () => {
    const limits = { perChatGapMs: 200, groupMax: 3, groupWindowMs: 1200 };
    const { fake, repo, sender } = await setup(limits);
    for (let i = 0; i < 7; i += 1) enqueue(repo, '-200', `g${i}`, null);
    for (let i = 0; i < 4; i += 1) enqueue(repo, '55', `u${i}`, null);
    sender.start();
    await fake.waitFor(() => fake.messages.length === 11, 'all messages', 20_000);
    expect(fake.violations, 'no violation').toEqual([]);
    expect(fake.requests.filter((r) => r.status === 429).length, 'never told to slow down').toBe(0);
    const group = fake.messages.filter((m) => m.chatId === '-200').map((m) => m.atMs);
    for (let i = 3; i < group.length; i += 1) {
      expect((group[i] ?? 0) - (group[i - 3] ?? 0), 'at most 3 per window on the fake clock').toBeGreaterThanOrEqual(limits.groupWindowMs);
    }
  });

  it('keeps all chats together within the overall limit, each paced on its own, and sends to a forum topic', async () => {
    const limits: PacingLimits = { perChatGapMs: 150, groupMax: 20, groupWindowMs: 60_000, overallMax: 4, overallWindowMs: 400 };
    const { fake, repo, sender } = await setup(limits);
    const chats = ['-301', '-302', '-303', '-304', '-305', '-306', '307', '308'];
    for (const chat of chats) for (const i of [1, 2]) enqueue(repo, chat, `${chat} ${i}`, null);
    repo.enqueue({ key: 'topic:1', chatId: '-309', threadId: 5, kind: 'test', text: 'in the topic', parseMode: null, createdAtMs: Date.now() });
    sender.start();
    await fake.waitFor(() => repo.depth() === 0, 'the outbox to empty');
    expect(fake.messages, 'every message once').toHaveLength(chats.length * 2 + 1);
    const starts = fake.messages.map((m) => m.atMs).sort((a, b) => a - b);
    // Arrivals trail the starts by a request's travel (a few ms either way); without the limit nine chats arrive at once.
    for (let i = 0; i + 4 < starts.length; i += 1) expect(starts[i + 4]! - starts[i]!, `sends ${i}..${i + 4} span about a window`).toBeGreaterThanOrEqual(350);
    expect(fake.violations, 'no chat paced too fast').toEqual([]);
    expect(fake.messages.find((m) => m.chatId === '-309'), 'the topic is the thread of the message').toMatchObject({ threadId: 5, text: 'in the topic' });
  });

  it('waits retry_after before the next send to that chat', async () => {
    const { fake, repo, sender, lines } = await setup(FAST);
    fake.failNext({ status: 429, retryAfter: 1, chatId: '42' });
    enqueue(repo, '42', 'first');
    enqueue(repo, '42', 'second');
    sender.start();
    await fake.waitFor(() => fake.messages.length === 2, 'both messages');
    const toChat = fake.requests.filter((r) => r.chatId === '42');
    expect(toChat.map((r) => r.status), 'a 429, then both delivered').toEqual([429, 200, 200]);
    expect((toChat[1]?.atMs ?? 0) - (toChat[0]?.atMs ?? 0), 'gap ≥ retry_after on the fake clock').toBeGreaterThanOrEqual(1000);
    expect(fake.violations, 'the fake saw no early retry').toEqual([]);
    expect(fake.messages.map((m) => m.text), 'order kept').toEqual(['first', 'second']);
    expectNoTokenIn(lines);
  });

  it('holds a chat that answers 403 and keeps its messages; other chats go on', async () => {
    const { fake, repo, sender, lines } = await setup(FAST);
    fake.failNext({ status: 403, chatId: '77' });
    const held = [enqueue(repo, '77', 'a'), enqueue(repo, '77', 'b')];
    enqueue(repo, '42', 'for 42');
    sender.start();
    await fake.waitFor(() => sender.stats().heldChats.includes('77') && fake.messages.length === 1, 'the hold and the other chat');
    held.push(enqueue(repo, '77', 'c'));
    sender.notify();
    await fake.waitFor(() => repo.find(held[2] as string)?.status === 'held', 'a new message to the held chat to be held');
    expect(held.map((k) => repo.find(k)?.status), 'all kept as held').toEqual(['held', 'held', 'held']);
    expect(fake.requests.filter((r) => r.chatId === '77').length, 'one request to the blocked chat, no more').toBe(1);
    expect(lines.some((l) => l.includes('"code":"403"') && l.includes('held')), 'logged with the code').toBe(true);
    expectNoTokenIn(lines);
  });

  it('resends once as plain text when Telegram cannot parse the HTML, and holds other 400s', async () => {
    const { fake, repo, sender, lines } = await setup(FAST);
    const broken = enqueue(repo, '42', '<b>Entry</b> <blink>x</blink> &amp; y');
    const tooLong = enqueue(repo, '43', 'z'.repeat(5000), null);
    sender.start();
    await fake.waitFor(() => repo.find(broken)?.status === 'sent' && repo.find(tooLong)?.status === 'held', 'fallback and hold');
    expect(fake.messages.map((m) => [m.text, m.parseMode]), 'delivered as plain text, entities unescaped').toEqual([['Entry x & y', undefined]]);
    expect(repo.find(tooLong)?.lastError, 'the reason is kept').toBe('400: Bad Request: message is too long');
    expect(lines.some((l) => l.includes('resending as plain text')), 'the fallback is logged').toBe(true);
    expectNoTokenIn(lines);
  });

  it('drain sends what is due before the deadline; a dead API leaves the rest pending', async () => {
    const { fake, repo, sender } = await setup(FAST);
    for (const t of ['x', 'y', 'z']) enqueue(repo, '42', t);
    await sender.drain(Date.now() + 10_000);
    expect([repo.depth(), fake.messages.length], 'drained').toEqual([0, 3]);
    await fake.stopListening();
    enqueue(repo, '42', 'lost connection');
    await sender.drain(Date.now() + 300);
    expect(repo.depth(), 'kept for the next start').toBe(1);
  });
});

describe('console sink', () => {
  it('prints the same texts without tags, through the outbox', async () => {
    const { db, repo } = tempOutbox();
    const out: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, done) => (out.push(c.toString()), done()) });
    const { logger } = captureLogger();
    const sender = new OutboxSender({ repo, transport: consoleTransport(stream), scheduler: asyncScheduler, logger, pollIntervalMs: 20 });
    enqueue(repo, '0', '<b>Tín hiệu MUA</b> &amp; co');
    enqueue(repo, '0', 'plain <kept>', null);
    await sender.drain(Date.now() + 5000);
    await sender.stop();
    expect(out, 'printed in order, HTML stripped').toEqual(['Tín hiệu MUA & co\n\n', 'plain <kept>\n\n']);
    expect(repo.depth(), 'marked sent').toBe(0);
    db.close();
  });

  it('regression: a restarted sender paces against what the previous process sent a moment ago', async () => {
    const limits: PacingLimits = { perChatGapMs: 800, groupMax: 20, groupWindowMs: 60_000 };
    const { fake, repo, sender } = await setup(limits);
    const previous = enqueue(repo, '42', 'sent by the process before the restart');
    const sentAtMs = Date.now();
    repo.markSent(repo.find(previous)!.id, sentAtMs);
    enqueue(repo, '42', 'first message after the restart');
    sender.start();
    await fake.waitFor(() => fake.messages.length === 1, 'the message after the restart');
    expect(fake.messages[0]!.atMs - sentAtMs, 'no send to the chat within the gap of the last one').toBeGreaterThanOrEqual(limits.perChatGapMs - 5);
  });
});
