import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { newCandleStep, type CandleStep } from '../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../src/core/models/symbolFeatures.js';
import type { Kline } from '../../src/domain/kline.js';
import type { Lateness, LateSignalPolicy } from '../../src/domain/lateness.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { sampleSignal } from './telegram/fixtures.js';
import { openTrade } from '../../src/core/outcome/openTrade.js';

const signal = sampleSignal();
const kline: Kline = {
  symbol: signal.symbol, interval: '30m', openTimeMs: signal.openTimeMs, closeTimeMs: signal.endMs - 1,
  open: 1, high: 1, low: 1, close: signal.entry, volume: 1, quoteVolume: 0, trades: 0, closed: true,
};

/** A StepWriter on a fresh in-memory database whose candle is `late` (or on time). */
function writerWith(late: Lateness | undefined, lateSignals: LateSignalPolicy, onStaleSignal?: (id: number) => void) {
  const repos = createRepos(openDatabase(':memory:'));
  const s = DEFAULT_BACKTEST_SETTINGS;
  const logger = pino({ level: 'silent' });
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger,
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({
    repos, desk, profile: 'confluence', logger,
    outbox: { repo: repos.outbox, chatId: '42', language: 'en', lateness: () => late, lateSignals, ...(onStaleSignal ? { onStaleSignal } : {}) },
  });
  const opened = [openTrade(signal, 1, { expiryCandles: 48 })];
  const step: CandleStep = { ...newCandleStep(kline, {} as SymbolFeatures, true), decisions: [signal], recorded: [{ id: 1, signal }], opened };
  return { repos, writer, step };
}

const texts = (repos: ReturnType<typeof createRepos>) =>
  (repos.db.prepare(`SELECT key, text FROM outbox ORDER BY id`).all() as { key: string; text: string }[]);

describe('StepWriter and late signals', () => {
  const late: Lateness = { lateByMs: 2 * 3_600_000, closedAtMs: signal.endMs, lastPrice: signal.entry * 1.01 };

  it('sends an on-time signal without a late notice', () => {
    const { repos, writer, step } = writerWith(undefined, 'send');
    expect(writer.write(step)).toBe(1);
    expect(texts(repos)[0]!.text).not.toContain('⏱');
  });

  it('sends a late signal with its notice (LATE_SIGNALS=send)', () => {
    const { repos, writer, step } = writerWith(late, 'send');
    expect(writer.write(step)).toBe(1);
    expect(texts(repos)[0]!.text).toContain('⏱ <b>Late by 2h</b>');
  });

  it('records a late signal without sending it (LATE_SIGNALS=skip), so the memory and the counts stay exact', () => {
    const { repos, writer, step } = writerWith(late, 'skip');
    expect(writer.write(step), 'no message').toBe(0);
    expect(texts(repos)).toEqual([]);
    expect(repos.db.prepare(`SELECT status FROM signals`).all(), 'the signal is recorded as sent').toEqual([{ status: 'sent' }]);
  });

  it('regression: records without sending a late signal whose trade had expired when it was committed, whatever LATE_SIGNALS says', () => {
    const expiredMs = 48 * 1_800_000;
    for (const policy of ['send', 'skip'] as const) {
      const stale: number[] = [];
      const { repos, writer, step } = writerWith({ ...late, lateByMs: expiredMs }, policy, (id) => stale.push(id));
      expect(writer.write(step), `no message (${policy})`).toBe(0);
      expect(stale, 'counted for the catch-up message').toEqual([1]);
      expect(repos.db.prepare(`SELECT COUNT(*) AS n FROM trades`).get(), 'its paper trade is still tracked').toEqual({ n: 1 });
    }
    const { repos, writer, step } = writerWith({ ...late, lateByMs: expiredMs - 1 }, 'send');
    expect(writer.write(step), 'one millisecond before its expiry it still goes, late').toBe(1);
    expect(texts(repos)[0]!.text).toContain('⏱');
  });

  it('writes a day\'s summary once, stamped with the day\'s end', () => {
    const { repos, writer } = writerWith(undefined, 'send');
    const day = Date.UTC(2025, 6, 1);
    expect(writer.writeDailySummary(day)).toBe(1);
    expect(writer.writeDailySummary(day), 'its key makes it once').toBe(0);
    expect(repos.db.prepare(`SELECT key, kind, created_at AS createdAt FROM outbox`).all()).toEqual([{ key: `daily:${day}`, kind: 'daily', createdAt: day + 86_400_000 }]);
  });
});
