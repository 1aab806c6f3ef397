import { join } from 'node:path';
import { asyncScheduler } from 'rxjs';
import { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { chartQuery } from '../../../../src/app/chartQuery.js';
import { readKlineCsvFile, tableKlines } from '../../../../src/csv/klineCsv.js';
import type { Kline } from '../../../../src/domain/kline.js';
import { openDatabase } from '../../../../src/sinks/sqlite/db.js';
import { createRepos, type Repos } from '../../../../src/sinks/sqlite/repos.js';
import { CARD_COLORS, PLOT } from '../../../../src/sinks/telegram/chart/chartCard.js';
import { chartRenderer } from '../../../../src/sinks/telegram/chart/renderChart.js';
import { launchCommands, registerCommands, type BotQueries } from '../../../../src/sinks/telegram/commands.js';
import { enqueueMessage } from '../../../../src/sinks/telegram/enqueueMessage.js';
import { OutboxSender } from '../../../../src/sinks/telegram/outboxSender.js';
import { telegramTransport } from '../../../../src/sinks/telegram/transport.js';
import type { Language } from '../../../../src/sinks/telegram/templates/strings.js';
import { EXAMPLE_KLINES } from '../../../browser/support/screenshotDir.js';
import { TelegramFake } from '../../../fakes/telegramFake.js';
import { decodePng } from '../../../support/decodePng.js';
import { captureLogger, sampleSignal, TOKEN } from '../fixtures.js';

const CHAT = -100777;
const CANDLES: Kline[] = tableKlines(readKlineCsvFile(join(EXAMPLE_KLINES, 'BTCUSDT-4h.csv')), 1000, 1200);
const DAILY: Kline[] = tableKlines(readKlineCsvFile(join(EXAMPLE_KLINES, 'BTCUSDT-1d.csv')), 100, 300);
const SIGNAL_CANDLE = CANDLES[190]!;

function reposWithData(): Repos {
  const repos = createRepos(openDatabase(':memory:'));
  repos.candles.upsert([...CANDLES, ...DAILY]);
  const k = SIGNAL_CANDLE;
  repos.signals.insert(sampleSignal({
    interval: '4h', openTimeMs: k.openTimeMs, endMs: k.closeTimeMs + 1, model: 'reversal', side: 'SHORT', entry: k.close, stopLoss: k.close * 1.02, takeProfit: k.close * 0.95,
  }), 'confluence', 1);
  return repos;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('chartQuery', () => {
  it('draws the latest signal’s series with its levels and its model’s indicators; BTC means BTCUSDT', () => {
    const chart = chartQuery(reposWithData(), () => ({ BTCUSDT: 0.1 }));
    const spec = chart('btc');
    expect(spec, 'the signal’s interval, ending at the newest stored candle').toMatchObject({
      symbol: 'BTCUSDT', interval: '4h', lastOpenTimeMs: CANDLES[CANDLES.length - 1]!.openTimeMs, indicators: 'bollinger', priceDecimals: 1,
      signal: { side: 'SHORT', model: 'reversal', entry: SIGNAL_CANDLE.close },
    });
    const daily = chart('BTCUSDT', '1d');
    expect(daily, 'another interval: SMA20/50').toMatchObject({ interval: '1d', indicators: 'sma' });
    expect(daily, 'and no signal there').not.toHaveProperty('signal');
    expect(chart('DOGE'), 'nothing stored').toBeUndefined();
  });

  it('leaves out a signal older than the candles drawn', () => {
    const repos = reposWithData();
    repos.candles.upsert(tableKlines(readKlineCsvFile(join(EXAMPLE_KLINES, 'BTCUSDT-4h.csv')), 1200, 1400));
    const spec = chartQuery(repos)('BTCUSDT');
    expect(spec, 'still the signal’s interval').toMatchObject({ interval: '4h', indicators: 'sma' });
    expect(spec, '200 candles later the signal is off the card').not.toHaveProperty('signal');
  });
});

describe('/chart', () => {
  async function start(language: Language) {
    const fake = await TelegramFake.start({ token: TOKEN, limits: false });
    const repos = reposWithData();
    const { logger } = captureLogger();
    const sender = new OutboxSender({
      repo: repos.outbox, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger,
      pollIntervalMs: 50, secrets: [TOKEN], renderPhoto: chartRenderer(repos.candles),
    });
    const queries = { chart: chartQuery(repos) } as unknown as BotQueries;
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } });
    const deps = {
      queries, chatId: String(CHAT), adminIds: [], language, scheduler: asyncScheduler, logger, secrets: [TOKEN],
      enqueueReply: ({ key, chatId, html, photo }: { key: string; chatId: string; html: string; photo?: string }) => {
        enqueueMessage(repos.outbox, { key, chatId, kind: 'reply', text: html, parseMode: 'HTML', createdAtMs: Date.now(), ...(photo === undefined ? {} : { photo }) });
        sender.notify();
      },
    };
    registerCommands(bot, deps);
    const stop = await launchCommands(bot, deps);
    sender.start();
    cleanups.push(() => fake.close(), () => repos.db.close(), () => sender.stop(), () => stop());
    await fake.waitFor(() => fake.heldPolls === 1, 'the bot to long-poll');
    return fake;
  }

  it('answers with the card as a photo through the outbox, and with a hint otherwise (en)', async () => {
    const fake = await start('en');
    expect((fake.commands as { command: string }[]).map((c) => c.command), 'in the menu').toContain('chart');
    for (const text of ['/chart btc', '/chart', '/chart DOGE 1d', '/chart BTCUSDT 1h']) {
      const n = fake.messages.length;
      fake.pushUpdate({ chatId: CHAT, userId: 1, text });
      await fake.waitFor(() => fake.messages.length === n + 1, `the reply to ${text}`);
    }
    const [card, usage, none, badInterval] = fake.messages;
    expect(card?.photo, 'a photo').toBeDefined();
    expect(card?.plainText.split('\n')[0], 'its caption names the series').toBe('📈 Chart BTCUSDT 4h');
    expect(card?.plainText, 'and the signal drawn').toMatch(/^Latest signal: SHORT · .* · Score \d/m);
    const image = decodePng(card!.photo!.data);
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(CARD_COLORS.stopLoss.slice(i, i + 2), 16));
    let slRows = 0;
    for (let y = 0; y < image.height; y += 1) {
      const [pr, pg, pb] = image.rgba(PLOT.right + 3, y);
      if (pr === r && pg === g && pb === b) slRows += 1;
    }
    expect(slRows, 'the signal’s stop-loss line is on the card').toBe(2);
    expect(usage?.plainText, 'no symbol: how to ask').toBe('Usage: /chart SYMBOL [1d|4h|30m], e.g. /chart BTCUSDT 4h');
    expect(none?.plainText, 'no candles stored').toBe('No candles stored for DOGE 1d yet.');
    expect(badInterval?.plainText, 'an interval the bot does not watch').toBe(usage?.plainText);
  });

  it('speaks Vietnamese by default', async () => {
    const fake = await start('vi');
    fake.pushUpdate({ chatId: CHAT, userId: 1, text: '/chart btc 1d' });
    await fake.waitFor(() => fake.messages.length === 1, 'the card');
    fake.pushUpdate({ chatId: CHAT, userId: 1, text: '/chart' });
    await fake.waitFor(() => fake.messages.length === 2, 'the hint');
    expect(fake.messages[0]?.plainText.split('\n')[0]).toBe('📈 Biểu đồ BTCUSDT 1d');
    expect(fake.messages[0]?.photo, 'a photo').toBeDefined();
    expect(fake.messages[1]?.plainText).toBe('Cách dùng: /chart MÃ [1d|4h|30m], ví dụ /chart BTCUSDT 4h');
  });
});
