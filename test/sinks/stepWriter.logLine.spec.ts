import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { newCandleStep, type CandleStep } from '../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../src/core/models/symbolFeatures.js';
import type { Kline } from '../../src/domain/kline.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { sampleSignal } from './telegram/fixtures.js';

/** The review's signal: a score and levels as the models compute them, with float noise. */
const signal = sampleSignal({ symbol: 'BTCUSDT', score: 83.122699, entry: 97_898.23, stopLoss: 90_523.73544943333, takeProfit: 105_272.64682585001 });
const kline: Kline = {
  symbol: signal.symbol, interval: '30m', openTimeMs: signal.openTimeMs, closeTimeMs: signal.endMs - 1,
  open: 1, high: 1, low: 1, close: signal.entry, volume: 1, quoteVolume: 0, trades: 0, closed: true,
};

/** The `signal sent` line a StepWriter logs for the signal, with the tick sizes the exchange gave (or none). */
function signalLine(tickSizes: Readonly<Record<string, number>> | undefined): Record<string, unknown> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  const logger = pino({ level: 'info' }, sink);
  const repos = createRepos(openDatabase(':memory:'));
  const s = DEFAULT_BACKTEST_SETTINGS;
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger: pino({ level: 'silent' }),
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({
    repos, desk, profile: 'seed', logger,
    outbox: { repo: repos.outbox, chatId: '42', language: 'en', ...(tickSizes ? { tickSizes: () => tickSizes } : {}) },
  });
  const step: CandleStep = { ...newCandleStep(kline, {} as SymbolFeatures, true), decisions: [signal], recorded: [{ id: 1, signal }] };
  writer.write(step);
  const line = lines.find((l) => l.msg === 'signal sent');
  expect(line, 'the signal is logged').toBeDefined();
  return line!;
}

describe('regression: the signal log line reads like the message (review: score=83.122699 sl=90523.73544943333)', () => {
  it('score with one decimal, prices on the symbol tick size', () => {
    expect(signalLine({ BTCUSDT: 0.1 })).toMatchObject({ score: 83.1, entry: 97_898.2, sl: 90_523.7, tp: 105_272.6 });
  });

  it('prices to 8 significant digits when the tick size is not known yet', () => {
    expect(signalLine(undefined)).toMatchObject({ score: 83.1, entry: 97_898.23, sl: 90_523.735, tp: 105_272.65 });
  });
});
