import { describe, expect, it } from 'vitest';
import { createMemoryEngine, type MemoryEngine } from '../../../src/core/memory/engine.js';
import { createMemoryRules, SEED_RULES } from '../../../src/core/memory/rules/index.js';
import type { DailyReading, MemoryEvent } from '../../../src/domain/memory.js';
import { BASE, defaultEngine } from './engineHarness.js';
import { closedTrade, DAY_MS, T0 } from './fixtures.js';

const CHOP = { id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 1, thresholdAdd: 10 } } as const;

/** The seed book plus the chop rule, as a MEMORY_RULES_FILE holding both would configure it. */
function chopEngine(): MemoryEngine {
  return createMemoryEngine({ rules: createMemoryRules({ startingEquity: 1000, specs: [...SEED_RULES, CHOP] }), startingEquity: 1000, baseConfig: BASE });
}

/** A 1D reading of `symbol` ending at `endMs`, its close `strength` ATR14 from its SMA50. */
function day(symbol: string, endMs: number, strength: number): DailyReading {
  return { symbol, endMs, close: 100 + strength * 4, smaSlow: 100, atr: 4 };
}

const D1 = T0 + DAY_MS;
const D2 = T0 + 2 * DAY_MS;

function eventKinds(events: readonly MemoryEvent[]): string[] {
  return events.map((e) => `${e.kind} ${e.verdict.rule} ${e.atMs === D1 ? 'D1' : e.atMs === D2 ? 'D2' : e.atMs}`);
}

describe('memory engine: a market rule fed 1D readings', () => {
  it('starts at the weak day\'s end, raises only that symbol\'s threshold, and ends at the next strong day', () => {
    const engine = chopEngine();
    expect(engine.readsDaily).toBe(true);
    engine.onDailyReading(day('SOLUSDT', D1, 0.5));
    engine.onDailyReading(day('BTCUSDT', D1, 2));
    expect(eventKinds(engine.advanceTo(D1 + 1_800_000))).toEqual(['start symbolChop D1']);
    const state = engine.state(D1 + 1_800_000);
    expect(state.limitsFor({ symbol: 'SOLUSDT', model: 'reversal' }).threshold, 'the choppy symbol').toBe(85);
    expect(state.limitsFor({ symbol: 'BTCUSDT', model: 'reversal' }).threshold, 'a trending symbol').toBe(75);

    engine.onDailyReading(day('SOLUSDT', D1, 3));
    expect(engine.advanceTo(D2 - 1), 'the same day again changes nothing').toEqual([]);
    engine.onDailyReading(day('SOLUSDT', D2, 3));
    expect(eventKinds(engine.advanceTo(D2))).toEqual(['end symbolChop D2']);
    expect(engine.state(D2).limitsFor({ symbol: 'SOLUSDT', model: 'reversal' }).threshold).toBe(75);
  });

  it('keeps its reading when trades closed out of order make the engine replay its trade rules', () => {
    const engine = chopEngine();
    engine.onDailyReading(day('SOLUSDT', D1, 0.5));
    engine.onTradeClosed(closedTrade({ id: 9, exitTimeMs: D1 + 3_600_000, win: true, symbol: 'ETHUSDT' }));
    engine.onTradeClosed(closedTrade({ id: 3, exitTimeMs: D1 + 3_600_000, win: false, symbol: 'ETHUSDT' }));
    expect(engine.state(D1 + 3_600_000).limitsFor({ symbol: 'SOLUSDT', model: 'continuation' }).threshold).toBe(85);
  });

  it('resumes after a restart with the verdict its events reported, and reports nothing twice', () => {
    const live = chopEngine();
    live.onDailyReading(day('SOLUSDT', D1, 0.5));
    const before = live.advanceTo(D1 + 1_800_000);
    const reported = before.filter((e) => e.kind === 'start').map((e) => e.verdict);

    const restarted = chopEngine();
    restarted.restore({ asOfMs: D1 + 1_800_000, locks: [] }, [], reported);
    expect(restarted.state(D1 + 1_800_000).limitsFor({ symbol: 'SOLUSDT', model: 'continuation' }).threshold, 'before any reading').toBe(85);
    restarted.onDailyReading(day('SOLUSDT', D1, 0.5));
    expect(restarted.advanceTo(D1 + 3_600_000), 'the warm-up brings back the same day: no second start').toEqual([]);
    restarted.onDailyReading(day('SOLUSDT', D2, 2));
    expect(eventKinds(restarted.advanceTo(D2))).toEqual(['end symbolChop D2']);
  });

  it('costs nothing in the seed book: no rule reads 1D candles', () => {
    const engine = defaultEngine();
    expect(engine.readsDaily).toBe(false);
    engine.onDailyReading(day('SOLUSDT', D1, 0.1));
    expect(engine.advanceTo(D2)).toEqual([]);
    expect(engine.state(D2).verdicts).toEqual([]);
  });
});
