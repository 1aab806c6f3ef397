import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import { newCandleStep, type CandleStep } from '../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../src/core/models/symbolFeatures.js';
import type { Kline } from '../../src/domain/kline.js';
import type { MemoryEvent } from '../../src/domain/memory.js';
import type { Signal } from '../../src/domain/signal.js';
import type { Subscriber } from '../../src/domain/subscriber.js';
import type { ClosedTrade } from '../../src/domain/trade.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { sampleSignal } from './telegram/fixtures.js';

const HALF_HOUR = 1_800_000;
const HOUR = 3_600_000;

function klineAt(signal: Signal, endMs: number): Kline {
  return {
    symbol: signal.symbol, interval: '30m', openTimeMs: endMs - HALF_HOUR, closeTimeMs: endMs - 1,
    open: signal.entry, high: signal.entry, low: signal.stopLoss, close: signal.entry, volume: 1, quoteVolume: 0, trades: 0, closed: true,
  };
}

function setup(subscribers: readonly Subscriber[], formerChats?: (chat: string) => readonly string[]) {
  const repos = createRepos(openDatabase(':memory:'));
  const s = DEFAULT_BACKTEST_SETTINGS;
  const logger = pino({ level: 'silent' });
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger,
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({ repos, desk, profile: 'seed', logger, outbox: { repo: repos.outbox, chatId: '42', language: 'en', subscribers, charts: true, ...(formerChats === undefined ? {} : { formerChats }) } });
  const rows = () =>
    repos.db.prepare(`SELECT key, chat_id AS chat, thread_id AS thread, kind, text, reply_to_key AS replyTo, photo IS NOT NULL AS photo FROM outbox ORDER BY id`).all() as Array<{
      key: string; chat: string; thread: number | null; kind: string; text: string; replyTo: string | null; photo: number;
    }>;
  return { repos, desk, writer, rows };
}

function signalStep(id: number, signal: Signal, endMs = signal.endMs): CandleStep {
  return { ...newCandleStep(klineAt(signal, endMs), {} as SymbolFeatures, true), decisions: [signal], recorded: [{ id, signal }] };
}

function closedOf(id: number, signal: Signal, exitTimeMs: number): ClosedTrade {
  return {
    signalId: id, symbol: signal.symbol, interval: signal.interval, model: signal.model, side: signal.side, entry: signal.entry, stopLoss: signal.stopLoss,
    takeProfit: signal.takeProfit, quantity: signal.quantity, openedAtMs: signal.endMs, expiresAtMs: signal.endMs + 48 * HALF_HOUR,
    exitTimeMs, exitPrice: signal.takeProfit, outcome: 'WIN', rMultiple: 2, pnl: 20, equityAfter: 1020,
  };
}

const VIP: Subscriber = { chat: '-1001', language: 'vi', minScore: 85 };
const ETH_ONLY: Subscriber = { chat: '-1002', thread: 5, language: 'en', symbols: ['ETHUSDT'] };
const FOUR_HOURS: Subscriber = { chat: '@mychannel', language: 'en', intervals: ['4h'], models: ['reversal'] };

describe('StepWriter and subscriber chats', () => {
  it('fans a signal out as one row per eligible chat, in each chat\'s language; minScore 85 gets only signals ≥ 85', () => {
    const { writer, rows } = setup([VIP, ETH_ONLY, FOUR_HOURS]);
    const high = sampleSignal({ score: 85 });
    const low = sampleSignal({ score: 84.99, openTimeMs: high.openTimeMs + HALF_HOUR, endMs: high.endMs + HALF_HOUR });
    expect(writer.write(signalStep(1, high)), 'admin and the score-85 chat').toBe(2);
    expect(writer.write(signalStep(2, low)), 'the admin alone').toBe(1);
    const all = rows();
    expect(all.map((r) => [r.key, r.chat, r.kind]), 'one row per chat and message').toEqual([
      ['signal:1', '42', 'signal'],
      ['signal:1@-1001', '-1001', 'signal'],
      ['signal:2', '42', 'signal'],
    ]);
    expect(all[0]!.text, 'the admin reads English').toContain('Score');
    expect(all[1]!.text, 'the subscriber reads its own language').toContain('Điểm');
    expect(all[1]!.photo, 'with the chart card like the admin').toBe(1);
  });

  it('applies symbols, intervals and models filters, and sends to a forum topic', () => {
    const { writer, rows } = setup([VIP, ETH_ONLY, FOUR_HOURS]);
    const eth = sampleSignal({ symbol: 'ETHUSDT', score: 70 });
    const reversal4h = sampleSignal({ symbol: 'SOLUSDT', interval: '4h', model: 'reversal', score: 60 });
    const continuation4h = sampleSignal({ symbol: 'SOLUSDT', interval: '4h', model: 'continuation', score: 60 });
    writer.write(signalStep(1, eth));
    writer.write(signalStep(2, reversal4h, eth.endMs + HALF_HOUR));
    writer.write(signalStep(3, continuation4h, eth.endMs + 2 * HALF_HOUR));
    expect(rows().map((r) => [r.key, r.chat, r.thread])).toEqual([
      ['signal:1', '42', null],
      ['signal:1@-1002/5', '-1002', 5],
      ['signal:2', '42', null],
      ['signal:2@@mychannel', '@mychannel', null],
      ['signal:3', '42', null],
    ]);
  });

  it('skips signals in a chat\'s quiet hours (UTC) but delivers the result of a signal it received, as a reply in that chat', () => {
    const night: Subscriber = { chat: '-1003', language: 'en', quietHoursUtc: [22, 6] };
    const { writer, rows } = setup([night]);
    const day = Date.UTC(2025, 5, 1);
    const noon = sampleSignal({ openTimeMs: day + 12 * HOUR - HALF_HOUR, endMs: day + 12 * HOUR });
    const late = sampleSignal({ openTimeMs: day + 23 * HOUR - HALF_HOUR, endMs: day + 23 * HOUR });
    writer.write(signalStep(1, noon));
    writer.write(signalStep(2, late));
    expect(rows().filter((r) => r.chat === '-1003').map((r) => r.key), '23:00 is inside [22, 6)').toEqual(['signal:1@-1003']);
    // Both trades close at 03:00, inside the quiet hours: the received one is told, the other never was.
    const exitMs = day + 27 * HOUR;
    const memory: MemoryEvent = {
      kind: 'start', atMs: exitMs,
      verdict: { type: 'lock', rule: 'symbolLossStreak', scope: { kind: 'symbol', symbol: noon.symbol }, startMs: exitMs, untilMs: exitMs + 86_400_000, detail: { kind: 'lossStreak', losses: 2 } },
    };
    writer.write({ ...newCandleStep(klineAt(noon, exitMs), {} as SymbolFeatures, true), closedTrade: closedOf(1, noon, exitMs), memoryEvents: [memory] });
    writer.write({ ...newCandleStep(klineAt(late, exitMs + HALF_HOUR), {} as SymbolFeatures, true), closedTrade: closedOf(2, late, exitMs + HALF_HOUR) });
    const sub = rows().filter((r) => r.chat === '-1003');
    expect(sub.map((r) => [r.key, r.kind, r.replyTo]), 'the result replies to the chat\'s own signal; no memory event, no result of an unseen signal').toEqual([
      ['signal:1@-1003', 'signal', null],
      ['trade:1@-1003', 'trade', 'signal:1@-1003'],
    ]);
    expect(rows().filter((r) => r.kind === 'memory').map((r) => r.chat), 'memory events are the admin\'s').toEqual(['42']);
  });

  it('regression: a message written in a chat\'s quiet hours goes without sound (it used to ring), one outside them rings, the admin\'s always ring', () => {
    const night: Subscriber = { chat: '-1003', language: 'en', quietHoursUtc: [22, 6] };
    const { writer, repos } = setup([night]);
    const day = Date.UTC(2025, 5, 1);
    const noon = sampleSignal({ openTimeMs: day + 12 * HOUR - HALF_HOUR, endMs: day + 12 * HOUR });
    const evening = sampleSignal({ symbol: 'ETHUSDT', openTimeMs: day + 20 * HOUR - HALF_HOUR, endMs: day + 20 * HOUR });
    writer.write(signalStep(1, noon));
    writer.write(signalStep(2, evening));
    // Signal 1's result at 03:00 (quiet), signal 2's at 21:30 (not yet quiet); the day's summary is written at 00:00 (quiet).
    writer.write({ ...newCandleStep(klineAt(noon, day + 27 * HOUR), {} as SymbolFeatures, true), closedTrade: closedOf(1, noon, day + 27 * HOUR) });
    writer.write({ ...newCandleStep(klineAt(evening, day + 21 * HOUR + HALF_HOUR), {} as SymbolFeatures, true), closedTrade: closedOf(2, evening, day + 21 * HOUR + HALF_HOUR) });
    writer.writeDailySummary(day);
    const silent = (key: string) => repos.outbox.find(key)?.silent;
    expect(silent('trade:1@-1003'), 'the 03:00 result').toBe(true);
    expect(silent(`daily:${day}@-1003`), 'the summary written at 00:00').toBe(true);
    expect(silent('trade:2@-1003'), 'the 21:30 result').toBe(false);
    expect(silent('signal:1@-1003'), 'a signal (never sent in quiet hours)').toBe(false);
    expect([silent('trade:1'), silent(`daily:${day}`)], 'the admin chat has no quiet hours').toEqual([false, false]);
  });

  it('regression: a subscriber group renamed to its supergroup id in the setting still gets the results of the signals it received under the old id', () => {
    const signal = sampleSignal();
    const before = setup([{ chat: '-4006', language: 'en' }]);
    before.writer.write(signalStep(1, signal));
    // The same database after the operator followed the notice: TELEGRAM_SUBSCRIBERS names the new id.
    const formerChats = (chat: string) => (chat === '-1004006' ? ['-4006'] : []);
    const writer = new StepWriter({
      repos: before.repos, desk: before.desk, profile: 'seed', logger: pino({ level: 'silent' }),
      outbox: { repo: before.repos.outbox, chatId: '42', language: 'en', subscribers: [{ chat: '-1004006', language: 'en' }], formerChats },
    });
    const exitMs = signal.endMs + 4 * HOUR;
    writer.write({ ...newCandleStep(klineAt(signal, exitMs), {} as SymbolFeatures, true), closedTrade: closedOf(1, signal, exitMs) });
    expect(before.rows().filter((r) => r.kind === 'trade').map((r) => [r.key, r.chat, r.replyTo])).toEqual([
      ['trade:1', '42', 'signal:1'], ['trade:1@-1004006', '-1004006', 'signal:1@-4006'],
    ]);
  });

  it('writes the daily summary to every chat in its language, once', () => {
    const { writer, rows } = setup([VIP, ETH_ONLY]);
    const day = Date.UTC(2025, 6, 1);
    expect(writer.writeDailySummary(day)).toBe(3);
    expect(writer.writeDailySummary(day), 'keys make it once').toBe(0);
    const all = rows();
    expect(all.map((r) => [r.key, r.chat, r.thread])).toEqual([
      [`daily:${day}`, '42', null], [`daily:${day}@-1001`, '-1001', null], [`daily:${day}@-1002/5`, '-1002', 5],
    ]);
    expect(all[1]!.text, 'Vietnamese for the vi chat').not.toBe(all[0]!.text);
    expect(all[2]!.text, 'English like the admin').toBe(all[0]!.text);
  });

  it('writes exactly the admin rows when there are no subscribers', () => {
    const { writer, rows } = setup([]);
    writer.write(signalStep(1, sampleSignal()));
    expect(rows().map((r) => r.key)).toEqual(['signal:1']);
  });
});
