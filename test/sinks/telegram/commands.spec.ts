import { afterEach, describe, expect, it } from 'vitest';
import { asyncScheduler } from 'rxjs';
import { Telegraf } from 'telegraf';
import type { Verdict } from '../../../src/domain/memory.js';
import { intArg, isAuthorized, launchCommands, registerCommands, type BotQueries } from '../../../src/sinks/telegram/commands.js';
import type { Language } from '../../../src/sinks/telegram/templates/strings.js';
import { TelegramFake } from '../../fakes/telegramFake.js';
import { captureLogger, sampleSignal, sampleTrade, TOKEN } from './fixtures.js';

const GROUP = -1001234;
const ADMIN = 555;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function fakeQueries() {
  const calls: string[] = [];
  const verdict: Verdict = { type: 'threshold', rule: 'globalWinRate', scope: { kind: 'global' }, add: 5, detail: { kind: 'none' as const } };
  const queries: BotQueries = {
    status: () => ({ startedAtMs: 0, symbolsWatched: 40, openTrades: 2, equity: 1012.5, drawdownPct: 1.25, signalsToday: 1, maxSignalsToday: 5, outboxDepth: 0, heldChats: [] }),
    recentSignals: (n) => (calls.push(`signals ${n}`), [sampleSignal()]),
    recentTrades: (n) => (calls.push(`trades ${n}`), [sampleTrade()]),
    stats: (days) => (calls.push(`stats ${days}`), { days, trades: 3, wins: 2, totalR: 1.5, equity: 1015, signalsSent: 3, signalsBlocked: 1 }),
    openPositions: () => (calls.push('open'), []),
    performance: (days) => (calls.push(`performance ${days}`), { total: { trades: 0, wins: 0, totalR: 0, pnlUsdt: 0 }, bySymbol: [], byModel: [] }),
    daily: (days) => (calls.push(`daily ${days}`), []),
    memory: () => [verdict],
    pause: (untilMs) => void calls.push(`pause ${untilMs === undefined ? 'open' : 'until'}`),
    resume: () => void calls.push('resume'),
  };
  return { queries, calls };
}

async function startBot(language: Language, subscriberChats?: readonly string[], currentChat?: (chat: string) => string, onChatMigrated?: (from: string, to: string) => void) {
  const fake = await TelegramFake.start({ token: TOKEN, limits: false });
  const { logger, lines } = captureLogger();
  const { queries, calls } = fakeQueries();
  const bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } });
  const deps = { queries, chatId: String(GROUP), adminIds: [String(ADMIN)], language, scheduler: asyncScheduler, logger, secrets: [TOKEN], ...(subscriberChats === undefined ? {} : { subscriberChats }), ...(currentChat === undefined ? {} : { currentChat }), ...(onChatMigrated === undefined ? {} : { onChatMigrated }) };
  registerCommands(bot, deps);
  const stop = await launchCommands(bot, deps);
  cleanups.push(() => fake.close(), () => stop());
  await fake.waitFor(() => fake.heldPolls === 1, 'the bot to long-poll');
  return { fake, lines, calls };
}

describe('telegram commands', () => {
  it('answers in the authorized chat, in Vietnamese by default, and publishes the menu', async () => {
    const { fake, calls, lines } = await startBot('vi');
    expect((fake.commands as { command: string }[]).map((c) => c.command), 'setMyCommands at start').toEqual(
      ['status', 'open', 'signals', 'trades', 'performance', 'daily', 'stats', 'memory', 'why', 'pause', 'resume', 'chart', 'help'],
    );
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/status' });
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/signals 3' });
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/pause 2' });
    await fake.waitFor(() => fake.messages.length === 3, 'three replies');
    const [status, signals, paused] = fake.messages;
    expect(status?.chatId, 'replied in the group').toBe(String(GROUP));
    expect(status?.plainText, 'status in Vietnamese').toContain('Số mã theo dõi: 40');
    expect(signals?.plainText, 'signals list in Vietnamese').toContain('MUA');
    expect(paused?.plainText, 'pause confirmed').toContain('Đã tạm dừng gửi tín hiệu đến');
    expect(calls, 'arguments reached the queries').toEqual(['signals 3', 'pause until']);
    for (const line of lines) expect(line, 'no token in logs').not.toContain(TOKEN.split(':')[1]);
  });

  it('ignores other chats and users, answers an admin anywhere, in English with LANGUAGE=en', async () => {
    const { fake, calls, lines } = await startBot('en');
    fake.pushUpdate({ chatId: 999, userId: 999, text: '/resume' });
    fake.pushUpdate({ chatId: -42, userId: 1, text: '/trades' });
    fake.pushUpdate({ chatId: 777, userId: ADMIN, text: '/stats 30' });
    await fake.waitFor(() => fake.messages.length === 1, 'the admin reply');
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/memory' });
    await fake.waitFor(() => fake.messages.length === 2, 'the memory reply');
    expect(fake.messages.map((m) => m.chatId), 'only the admin and the group got answers').toEqual(['777', String(GROUP)]);
    expect(fake.messages[0]?.plainText, 'English stats').toContain('Statistics, last 30 days');
    expect(fake.messages[1]?.plainText, 'English memory').toContain('Low overall win rate (global): score threshold +5');
    expect(calls, 'the strangers changed nothing').toEqual(['stats 30']);
    const ignored = lines.filter((l) => l.includes('unauthorized update ignored'));
    expect(ignored.length, 'each stranger is logged').toBe(2);
    for (const line of lines) expect(line, 'no token in logs').not.toContain(TOKEN.split(':')[1]);
    for (const m of fake.messages) expect(m.text, 'no token in replies').not.toContain(TOKEN);
  });
});

describe('subscriber chats', () => {
  it('ignores every command from a subscriber chat, an admin\'s too, and logs the chat without the token', async () => {
    const SUBSCRIBER = -1009;
    const { fake, calls, lines } = await startBot('en', [String(SUBSCRIBER)]);
    fake.pushUpdate({ chatId: SUBSCRIBER, userId: 1, text: '/pause' });
    fake.pushUpdate({ chatId: SUBSCRIBER, userId: ADMIN, text: '/pause 2' });
    fake.pushUpdate({ chatId: SUBSCRIBER, userId: 1, text: '/positons' });
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/memory' });
    await fake.waitFor(() => fake.messages.length === 1, 'the admin chat\'s reply');
    expect(fake.messages.map((m) => m.chatId), 'nothing answered in the subscriber chat').toEqual([String(GROUP)]);
    expect(calls, 'no pause reached the bot').toEqual([]);
    const ignored = lines.filter((l) => l.includes('update from a subscriber chat ignored'));
    expect(ignored.length, 'each ignored update is logged').toBe(3);
    expect(ignored.every((l) => l.includes(`"chatId":"${SUBSCRIBER}"`)), 'with its chat id').toBe(true);
    for (const line of lines) expect(line, 'no token in logs').not.toContain(TOKEN.split(':')[1]);
  });

  it('keeps a subscriber group read-only under the id it moved to as a supergroup, an admin\'s command too', async () => {
    const moves: Record<string, string> = { '-4009': '-1004009' };
    const { fake, calls, lines } = await startBot('en', ['-4009'], (chat) => moves[chat] ?? chat);
    fake.pushUpdate({ chatId: -1004009, userId: ADMIN, text: '/pause' });
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/memory' });
    await fake.waitFor(() => fake.messages.length === 1, 'the admin chat\'s reply');
    expect(fake.messages.map((m) => m.chatId), 'nothing answered in the supergroup').toEqual([String(GROUP)]);
    expect(calls, 'no pause reached the bot').toEqual([]);
    expect(lines.filter((l) => l.includes('update from a subscriber chat ignored') && l.includes('"chatId":"-1004009"')).length, 'logged as a subscriber chat').toBe(1);
  });
});

describe('a group upgraded to a supergroup, as Telegram announces it', () => {
  it('reports the move from either service message, once per message, and then answers the admin group at its new id', async () => {
    const moves = new Map<string, string>();
    const told: string[] = [];
    const { fake, calls, lines } = await startBot('en', undefined, (chat) => moves.get(chat) ?? chat, (from, to) => {
      told.push(`${from}>${to}`);
      moves.set(from, to);
    });
    fake.migrateChat(GROUP, -1009999);
    await fake.waitFor(() => told.length === 2, 'both service messages');
    expect(told, 'the old group says where it went, the new one where it came from').toEqual([`${GROUP}>-1009999`, `${GROUP}>-1009999`]);
    expect(lines.filter((l) => l.includes('unauthorized update ignored')), 'a service message is no stranger\'s command').toEqual([]);
    fake.pushUpdate({ chatId: -1009999, userId: 1, text: '/memory' });
    await fake.waitFor(() => fake.messages.length === 1, 'the reply in the supergroup');
    expect(fake.messages[0]?.chatId).toBe('-1009999');
    expect(calls).toEqual([]);
  });
});

describe('unknown commands', () => {
  it('get one line naming the commands, in the chat\'s language; known commands and other bots\' commands do not', async () => {
    const { fake } = await startBot('en');
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/positions' });
    await fake.waitFor(() => fake.messages.length === 1, 'the hint');
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/chart@someotherbot' });
    fake.pushUpdate({ chatId: GROUP, userId: 1, text: '/why' });
    await fake.waitFor(() => fake.messages.length === 2, 'the /why usage');
    const [hint, usage] = fake.messages;
    expect(hint?.plainText, 'one line').not.toContain('\n');
    expect(hint?.plainText).toBe('Unknown command. Commands: /status /open /signals /trades /performance /daily /stats /memory /why /pause /resume /chart /help');
    expect(usage?.plainText, 'a listed command reaches its handler, not the hint').toBe('Usage: /why BTC or /why BTCUSDT');
  });
});

describe('command helpers', () => {
  it('parses counts with a default and a cap', () => {
    expect([intArg('', 5, 50), intArg('12', 5, 50), intArg('500', 5, 50), intArg('-3', 5, 50), intArg('x', 5, 50)], 'n').toEqual([5, 12, 50, 5, 5]);
  });

  it('authorizes the configured chat (by id or @name) and admins only', () => {
    const deps = { chatId: '@signals_vn', adminIds: ['5'] };
    expect(isAuthorized('-100', 'signals_vn', '1', deps), 'channel by name').toBe(true);
    expect(isAuthorized('-100', 'other', '5', deps), 'admin').toBe(true);
    expect(isAuthorized('-100', 'other', '6', deps), 'stranger').toBe(false);
    expect(isAuthorized('-100', undefined, undefined, { adminIds: [] }), 'nothing configured: nobody').toBe(false);
  });

  it('authorizes the admin group under the id it moved to when it became a supergroup, and nothing else through the move', () => {
    const moves: Record<string, string> = { '-4005': '-1004005' };
    const deps = { chatId: '-4005', adminIds: [], currentChat: (chat: string) => moves[chat] ?? chat };
    expect(isAuthorized('-1004005', undefined, '9', deps), 'the new id is the admin chat').toBe(true);
    expect(isAuthorized('-4005', undefined, '9', deps), 'the old id too (updates sent before the move)').toBe(true);
    expect(isAuthorized('-1004006', undefined, '9', deps), 'another supergroup is not').toBe(false);
    expect(isAuthorized('-1004005', undefined, '9', { chatId: '-4005', adminIds: [] }), 'without the move known: not').toBe(false);
  });
});
