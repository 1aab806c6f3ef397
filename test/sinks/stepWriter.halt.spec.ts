import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import type { SymbolHalt } from '../../src/domain/halt.js';
import { klineEndMs, type Kline } from '../../src/domain/kline.js';
import type { Subscriber } from '../../src/domain/subscriber.js';
import type { OpenTrade } from '../../src/domain/trade.js';
import { closeHaltedStage } from '../../src/operators/closeHalted.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { sampleSignal } from './telegram/fixtures.js';

const HALF_HOUR = 1_800_000;
const signal = sampleSignal();
const trade: OpenTrade = {
  signalId: 1, symbol: signal.symbol, interval: '30m', model: signal.model, side: signal.side, entry: signal.entry,
  stopLoss: signal.stopLoss, takeProfit: signal.takeProfit, quantity: signal.quantity, openedAtMs: signal.endMs, expiresAtMs: signal.endMs + 48 * HALF_HOUR,
};
/** The symbol's last candle, two steps after the signal, closing between its levels. */
const last: Kline = {
  symbol: signal.symbol, interval: '30m', openTimeMs: signal.endMs + HALF_HOUR, closeTimeMs: signal.endMs + 2 * HALF_HOUR - 1,
  open: signal.entry, high: signal.entry, low: signal.entry, close: signal.entry, volume: 1, quoteVolume: 0, trades: 0, closed: true,
};
const halt: SymbolHalt = { kind: 'halt', symbol: signal.symbol, status: 'SETTLING', lastCandle: last };

/** A bot's database with the signal sent and its trade open, the desk restored from it, and a StepWriter with an outbox. */
function setup(path = ':memory:', subscribers: readonly Subscriber[] = []) {
  const repos = createRepos(openDatabase(path));
  repos.signals.insert(signal, 'seed', 1);
  repos.trades.open(trade);
  const s = DEFAULT_BACKTEST_SETTINGS;
  const logger = pino({ level: 'silent' });
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger,
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({ repos, desk, profile: 'seed', logger, outbox: { repo: repos.outbox, chatId: '42', language: 'en', subscribers } });
  return { repos, desk, writer, step: closeHaltedStage({ desk }) };
}

const outbox = (repos: ReturnType<typeof createRepos>) =>
  repos.db.prepare(`SELECT key, kind, text, created_at AS createdAtMs FROM outbox ORDER BY id`).all() as Array<{ key: string; kind: string; text: string; createdAtMs: number }>;

describe('StepWriter and symbols that stop trading', () => {
  it('commits the trade closed with its reason, the notice and the record of it together; the notice first', () => {
    const { repos, writer, step } = setup();
    expect(writer.write(step(halt)), 'two messages').toBe(2);
    const [row] = repos.trades.closedTrades();
    expect(row, 'closed EXPIRED at the last candle, the reason stored').toMatchObject({
      outcome: 'EXPIRED', exitTimeMs: klineEndMs(last), exitPrice: last.close, exitReason: { code: 'symbol_halted', detail: { symbol: signal.symbol, status: 'SETTLING' } },
    });
    const messages = outbox(repos);
    expect(messages.map((m) => [m.key, m.kind, m.createdAtMs]), 'stamped with the event time of the close').toEqual([
      [`halt:${signal.symbol}:${klineEndMs(last)}:SETTLING`, 'halt', klineEndMs(last)],
      ['trade:1', 'trade', klineEndMs(last)],
    ]);
    expect(messages[0]!.text).toContain(`${signal.symbol} stopped trading on Binance`);
    expect(messages[1]!.text).toContain(`closed: ${signal.symbol} stopped trading on Binance (delisted or settling)`);
    expect(repos.halts.all(), 'told: recorded').toEqual([{ symbol: signal.symbol, status: 'SETTLING', lastEndMs: klineEndMs(last) }]);
  });

  it('tells a stop once: the same halt again (another refresh, a restart) enqueues nothing', () => {
    const { repos, writer, step } = setup();
    writer.write(step(halt));
    expect(writer.write(step({ ...halt, status: 'CLOSE' })), 'no trade left, and already told').toBe(0);
    expect(outbox(repos).length).toBe(2);
    repos.halts.clear(signal.symbol);
    expect(writer.write(step({ ...halt, status: 'CLOSE' })), 'after it traded again, a new stop is told').toBe(1);
  });

  it('without an outbox (backtests) records the close and the stop, no messages', () => {
    const { repos, desk } = setup();
    const writer = new StepWriter({ repos, desk, profile: 'seed', logger: pino({ level: 'silent' }), outbox: null });
    expect(writer.write(closeHaltedStage({ desk })(halt))).toBe(0);
    expect([repos.trades.openTrades().length, repos.halts.all().length]).toEqual([0, 1]);
  });

  it('tells the halt to subscribers watching the symbol, and the closed trade only to those that received its signal', () => {
    const received: Subscriber = { chat: '-1001', language: 'vi' };
    const notSent: Subscriber = { chat: '-1002', language: 'en' };
    const otherSymbol: Subscriber = { chat: '-1003', language: 'en', symbols: ['ETHUSDT'] };
    const { repos, writer, step } = setup(':memory:', [received, notSent, otherSymbol]);
    // Only the first subscriber got the signal (the others' filters or quiet hours kept it out at the time).
    repos.outbox.enqueue({ key: 'signal:1@-1001', chatId: '-1001', kind: 'signal', text: 'signal', parseMode: 'HTML', createdAtMs: signal.endMs });
    writer.write(step(halt));
    const haltKey = `halt:${signal.symbol}:${klineEndMs(last)}:SETTLING`;
    expect(outbox(repos).filter((m) => m.kind !== 'signal').map((m) => m.key)).toEqual([
      haltKey, `${haltKey}@-1001`, `${haltKey}@-1002`, 'trade:1', 'trade:1@-1001',
    ]);
  });
});
