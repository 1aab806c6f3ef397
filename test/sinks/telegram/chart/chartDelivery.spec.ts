import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { asyncScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreDesk } from '../../../../src/app/restoreDesk.js';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../../../src/backtest/runner.js';
import { newCandleStep, type CandleStep } from '../../../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../../../src/core/models/symbolFeatures.js';
import { readKlineCsvFile, tableKlines } from '../../../../src/csv/klineCsv.js';
import type { Kline } from '../../../../src/domain/kline.js';
import type { Signal } from '../../../../src/domain/signal.js';
import { openDatabase } from '../../../../src/sinks/sqlite/db.js';
import { createRepos, type Repos } from '../../../../src/sinks/sqlite/repos.js';
import { StepWriter } from '../../../../src/sinks/stepWriter.js';
import { chartCardSvg } from '../../../../src/sinks/telegram/chart/chartCard.js';
import { chartSpecOfSignal } from '../../../../src/sinks/telegram/chart/chartSpec.js';
import { cardCandles, chartRenderer, svgToPng } from '../../../../src/sinks/telegram/chart/renderChart.js';
import { enqueueMessage } from '../../../../src/sinks/telegram/enqueueMessage.js';
import { OutboxSender } from '../../../../src/sinks/telegram/outboxSender.js';
import { htmlToPlainText } from '../../../../src/sinks/telegram/templates/html.js';
import { renderSignal } from '../../../../src/sinks/telegram/templates/signalMessage.js';
import { consoleTransport, telegramTransport } from '../../../../src/sinks/telegram/transport.js';
import { EXAMPLE_KLINES } from '../../../browser/support/screenshotDir.js';
import { TelegramFake } from '../../../fakes/telegramFake.js';
import { decodePng } from '../../../support/decodePng.js';
import { captureLogger, sampleSignal, TOKEN } from '../fixtures.js';

const CANDLES: Kline[] = tableKlines(readKlineCsvFile(join(EXAMPLE_KLINES, 'BTCUSDT-4h.csv')), 1000, 1200);
const SIGNAL_CANDLE = CANDLES[180]!;
const LIMITS = { perChatGapMs: 100, groupMax: 20, groupWindowMs: 60_000 };

/** A sent LONG on BTCUSDT 4h; later candles are stored too (the card must stop at the signal's). */
function signalOn(k: Kline, overrides: Partial<Signal> = {}): Signal {
  return sampleSignal({
    interval: '4h', openTimeMs: k.openTimeMs, endMs: k.closeTimeMs + 1, entry: k.close, stopLoss: k.close * 0.97, takeProfit: k.close * 1.06, ...overrides,
  });
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A database file with the candles stored, and the step writer the bot uses, charts on. */
function bot(path = join(mkdtempSync(join(tmpdir(), 'ks-chart-')), 'k.db')) {
  const repos = createRepos(openDatabase(path));
  repos.candles.upsert(CANDLES);
  const s = DEFAULT_BACKTEST_SETTINGS;
  const logger = pino({ level: 'silent' });
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger,
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({ repos, desk, profile: 'confluence', logger, outbox: { repo: repos.outbox, chatId: '42', language: 'en', charts: true } });
  return { repos, writer, path, desk };
}

/** The signal's text as the writer renders it: sized at the desk's equity when it was committed. */
function signalText(signal: Signal, desk: { readonly equityUsdt: number }): string {
  return htmlToPlainText(renderSignal(signal, { language: 'en' }, undefined, { equityUsdt: desk.equityUsdt }));
}

function commitSignal(writer: StepWriter, signal: Signal, id = 1): number {
  const step: CandleStep = { ...newCandleStep(SIGNAL_CANDLE, {} as SymbolFeatures, true), decisions: [signal], recorded: [{ id, signal }] };
  return writer.write(step);
}

function senderOn(repos: Repos, fake: TelegramFake) {
  const { logger, lines } = captureLogger();
  const sender = new OutboxSender({
    repo: repos.outbox, transport: telegramTransport({ token: TOKEN, apiRoot: fake.apiRoot }), scheduler: asyncScheduler, logger, limits: LIMITS,
    backoff: { initialMs: 40, maxMs: 200 }, pollIntervalMs: 50, secrets: [TOKEN], renderPhoto: chartRenderer(repos.candles),
  });
  return { sender, lines };
}

describe('a signal with its chart, through the outbox', () => {
  it('arrives once as a photo with the signal as caption, through an outage and a restart', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: LIMITS });
    cleanups.push(() => fake.close());
    const first = bot();
    const signal = signalOn(SIGNAL_CANDLE);
    expect(commitSignal(first.writer, signal), 'one row: the caption fits').toBe(1);
    const row = first.repos.outbox.find('signal:1')!;
    expect(row.photo, 'the row keeps the card’s spec, not a PNG').toContain('"lastOpenTimeMs"');
    expect(row.photo!.length, 'a short JSON').toBeLessThan(400);

    // Telegram is down: the first process tries, fails and dies with the row pending.
    await fake.stopListening();
    const down = senderOn(first.repos, fake);
    down.sender.start();
    await fake.waitFor(() => (down.sender.stats().errorsByCode.network ?? 0) >= 2, 'refused sends');
    await down.sender.stop();
    first.repos.db.close();

    // The restarted bot, same database file: Telegram answers 502 once, then works.
    const second = bot(first.path);
    cleanups.push(() => second.repos.db.close());
    const up = senderOn(second.repos, fake);
    cleanups.push(() => up.sender.stop());
    fake.failNext({ status: 502 });
    await fake.resumeListening();
    up.sender.start();
    await fake.waitFor(() => second.repos.outbox.depth() === 0, 'the outbox to empty');

    expect(fake.messages.length, 'delivered exactly once').toBe(1);
    const message = fake.messages[0]!;
    expect(message.photo, 'as a photo (sendPhoto, multipart upload)').toBeDefined();
    expect(message.photo!.fileName).toBe('signal-1.png');
    expect(message.parseMode).toBe('HTML');
    expect(message.plainText, 'the signal’s text is the caption').toBe(signalText(signal, first.desk));
    const image = decodePng(message.photo!.data);
    expect([image.width, image.height], 'the card').toEqual([960, 540]);
    const spec = chartSpecOfSignal(signal, undefined, 'en');
    const candles = cardCandles(second.repos.candles, spec);
    expect(candles[candles.length - 1]!.openTimeMs, 'the card ends at the signal’s candle, not at the newest stored').toBe(SIGNAL_CANDLE.openTimeMs);
    expect(message.photo!.data.equals(svgToPng(chartCardSvg(spec, candles).svg)), 'drawn again at send time, the same card').toBe(true);
    expect(fake.requests.filter((r) => r.method === 'sendphoto').map((r) => r.status), 'the 502, then the one that went').toEqual([502, 200]);
    for (const line of [...down.lines, ...up.lines]) expect(line, 'no log line carries the token').not.toContain(TOKEN.split(':')[1]);
  });

  it('sends the photo first, then the text, when the caption would be over 1024 characters', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: LIMITS });
    cleanups.push(() => fake.close());
    const { repos, writer, desk } = bot();
    cleanups.push(() => repos.db.close());
    const reasons = Array.from({ length: 12 }, () => sampleSignal().reasons).flat();
    const signal = signalOn(SIGNAL_CANDLE, { reasons });
    expect(htmlToPlainText(renderSignal(signal, { language: 'en' })).length, 'a long signal').toBeGreaterThan(1024);
    expect(commitSignal(writer, signal), 'two rows').toBe(2);
    const { sender } = senderOn(repos, fake);
    cleanups.push(() => sender.stop());
    fake.failNext({ status: 500 });
    sender.start();
    await fake.waitFor(() => repos.outbox.depth() === 0, 'the outbox to empty');
    expect(fake.messages.map((m) => (m.photo ? 'photo' : 'text')), 'the photo, then the text, each once').toEqual(['photo', 'text']);
    expect(fake.messages[0]!.text, 'the photo has no caption').toBe('');
    expect(fake.messages[1]!.plainText).toBe(signalText(signal, desk));
  });

  it('goes as text when no candle of the series is stored', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: LIMITS });
    cleanups.push(() => fake.close());
    const { repos, writer } = bot();
    cleanups.push(() => repos.db.close());
    commitSignal(writer, signalOn(SIGNAL_CANDLE, { symbol: 'NOCANDLESUSDT' }));
    const { sender } = senderOn(repos, fake);
    cleanups.push(() => sender.stop());
    sender.start();
    await fake.waitFor(() => repos.outbox.depth() === 0, 'the outbox to empty');
    expect(fake.messages.map((m) => m.photo === undefined), 'one message, text only').toEqual([true]);
  });

  it('console sink: writes the card to a file and prints its path above the text', async () => {
    const { repos, writer, desk } = bot();
    cleanups.push(() => repos.db.close());
    const dir = mkdtempSync(join(tmpdir(), 'ks-charts-'));
    const out: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, done) => (out.push(c.toString()), done()) });
    const sender = new OutboxSender({
      repo: repos.outbox, transport: consoleTransport(stream, dir), scheduler: asyncScheduler, logger: pino({ level: 'silent' }),
      pollIntervalMs: 20, renderPhoto: chartRenderer(repos.candles),
    });
    const signal = signalOn(SIGNAL_CANDLE);
    commitSignal(writer, signal);
    await sender.drain(Date.now() + 10_000);
    await sender.stop();
    const path = join(dir, 'signal-1.png');
    expect(out, 'the path, then the text').toEqual([`📈 ${path}\n${signalText(signal, desk)}\n\n`]);
    expect(decodePng(readFileSync(path)).width, 'a PNG card').toBe(960);
  });
});

describe('threads: a result replies to its signal sent as a photo', () => {
  /** The trade result of signal 1, as the step writer enqueues it: a reply to `signal:1`. */
  function enqueueResult(repos: Repos): void {
    enqueueMessage(repos.outbox, { key: 'trade:1', chatId: '42', kind: 'trade', text: '<b>result one</b>', parseMode: 'HTML', createdAtMs: Date.now(), replyToKey: 'signal:1' });
  }

  it('replies to the photo (sendPhoto returned its message id, stored with the row), also after a restart', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: LIMITS });
    cleanups.push(() => fake.close());
    const first = bot();
    commitSignal(first.writer, signalOn(SIGNAL_CANDLE));
    const run = senderOn(first.repos, fake);
    run.sender.start();
    await fake.waitFor(() => first.repos.outbox.depth() === 0, 'the signal');
    await run.sender.stop();
    const card = fake.messages[0]!;
    expect(card.photo, 'the signal went as a photo').toBeDefined();
    expect(first.repos.outbox.find('signal:1')?.messageId, 'the photo’s id is stored').toBe(card.messageId);
    first.repos.db.close();

    const second = bot(first.path);
    cleanups.push(() => second.repos.db.close());
    enqueueResult(second.repos);
    const again = senderOn(second.repos, fake);
    cleanups.push(() => again.sender.stop());
    again.sender.start();
    await fake.waitFor(() => second.repos.outbox.depth() === 0, 'the result');
    const result = fake.messages.find((m) => m.plainText === 'result one');
    expect(result?.replyToMessageId, 'a reply to the chart card').toBe(card.messageId);
    expect(fake.requests.filter((r) => r.status === 400), 'never refused').toEqual([]);
  });

  it('replies to the photo, not the text, when a long caption went as photo (#chart) then text', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: LIMITS });
    cleanups.push(() => fake.close());
    const { repos, writer } = bot();
    cleanups.push(() => repos.db.close());
    const reasons = Array.from({ length: 12 }, () => sampleSignal().reasons).flat();
    expect(commitSignal(writer, signalOn(SIGNAL_CANDLE, { reasons })), 'photo row and text row').toBe(2);
    enqueueResult(repos);
    const { sender } = senderOn(repos, fake);
    cleanups.push(() => sender.stop());
    sender.start();
    await fake.waitFor(() => repos.outbox.depth() === 0, 'the signal and its result');
    const [photo, text, result] = fake.messages;
    expect([photo?.photo !== undefined, text?.photo === undefined, result?.plainText]).toEqual([true, true, 'result one']);
    expect(repos.outbox.find('signal:1#chart')?.messageId).toBe(photo!.messageId);
    expect(repos.outbox.find('signal:1')?.messageId).toBe(text!.messageId);
    expect(result?.replyToMessageId, 'the thread starts at the chart card').toBe(photo!.messageId);
  });

  it('replies to the text when the photo-only row could not be drawn (skipped, no message id)', async () => {
    const fake = await TelegramFake.start({ token: TOKEN, limits: LIMITS });
    cleanups.push(() => fake.close());
    const { repos, writer } = bot();
    cleanups.push(() => repos.db.close());
    const reasons = Array.from({ length: 12 }, () => sampleSignal().reasons).flat();
    expect(commitSignal(writer, signalOn(SIGNAL_CANDLE, { symbol: 'NOCANDLESUSDT', reasons })), 'photo row and text row').toBe(2);
    enqueueResult(repos);
    const { sender } = senderOn(repos, fake);
    cleanups.push(() => sender.stop());
    sender.start();
    await fake.waitFor(() => repos.outbox.depth() === 0, 'the signal and its result');
    const [text, result] = fake.messages;
    expect(fake.messages.every((m) => m.photo === undefined), 'no photo could be drawn').toBe(true);
    expect(result?.replyToMessageId, 'the thread starts at the text').toBe(text!.messageId);
  });
});
