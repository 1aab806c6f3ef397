import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import { newCandleStep } from '../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../src/core/models/symbolFeatures.js';
import type { Kline } from '../../src/domain/kline.js';
import type { MemoryEvent } from '../../src/domain/memory.js';
import type { ClosedTrade } from '../../src/domain/trade.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { sampleSignal } from './telegram/fixtures.js';

const HALF_HOUR = 1_800_000;
const signal = sampleSignal();
const closed: ClosedTrade = {
  signalId: 1, symbol: signal.symbol, interval: '30m', model: signal.model, side: signal.side, entry: signal.entry, stopLoss: signal.stopLoss,
  takeProfit: signal.takeProfit, quantity: signal.quantity, openedAtMs: signal.endMs, expiresAtMs: signal.endMs + 48 * HALF_HOUR,
  exitTimeMs: signal.endMs + 2 * HALF_HOUR, exitPrice: signal.stopLoss, outcome: 'LOSS', rMultiple: -1.05, pnl: -10.5, equityAfter: 989.5,
};
const kline: Kline = {
  symbol: signal.symbol, interval: '30m', openTimeMs: signal.endMs + HALF_HOUR, closeTimeMs: closed.exitTimeMs - 1,
  open: signal.entry, high: signal.entry, low: signal.stopLoss, close: signal.stopLoss, volume: 1, quoteVolume: 0, trades: 0, closed: true,
};
const at = closed.exitTimeMs;
const cooldown: MemoryEvent = {
  kind: 'start', atMs: at,
  verdict: { type: 'lock', rule: 'symbolLossStreak', scope: { kind: 'symbol', symbol: signal.symbol }, startMs: at, untilMs: at + 86_400_000, detail: { kind: 'lossStreak', losses: 2 } },
};
const pause: MemoryEvent = {
  kind: 'start', atMs: at,
  verdict: { type: 'lock', rule: 'globalLossStreak', scope: { kind: 'global' }, startMs: at, untilMs: at + 43_200_000, detail: { kind: 'lossStreak', losses: 3 } },
};
const otherSymbol: MemoryEvent = {
  kind: 'end', atMs: at,
  verdict: { type: 'lock', rule: 'symbolLossStreak', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, startMs: at - 86_400_000, untilMs: at, detail: { kind: 'lossStreak', losses: 2 } },
};

describe('StepWriter threads', () => {
  it('a result and the memory events of its symbol reply to its signal; global rules and other symbols stand alone', () => {
    const repos = createRepos(openDatabase(':memory:'));
    repos.signals.insert(signal, 'seed', 1);
    const s = DEFAULT_BACKTEST_SETTINGS;
    const logger = pino({ level: 'silent' });
    const desk = restoreDesk({
      repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger,
      base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
    });
    const writer = new StepWriter({ repos, desk, profile: 'seed', logger, outbox: { repo: repos.outbox, chatId: '42', language: 'en' } });
    const step = { ...newCandleStep(kline, {} as SymbolFeatures, true), closedTrade: closed, memoryEvents: [cooldown, pause, otherSymbol] };
    writer.write(step);
    const rows = repos.db.prepare(`SELECT key, kind, reply_to_key AS replyTo FROM outbox ORDER BY id`).all() as Array<{ key: string; kind: string; replyTo: string | null }>;
    expect(rows.map((r) => [r.kind, r.replyTo]), 'each row with the key it replies to').toEqual([
      ['trade', 'signal:1'],
      ['memory', 'signal:1'],
      ['memory', null],
      ['memory', null],
    ]);
  });
});
