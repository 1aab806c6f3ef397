import { beforeAll, describe, expect, it } from 'vitest';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import type { MemoryEngine } from '../../../src/core/memory/engine.js';
import type { MemoryState } from '../../../src/core/memory/state.js';
import { defaultEngine, keysOf } from './engineHarness.js';
import { realTrades } from './realTrades.js';

const STEP_MS = 1_800_000;

/** What the gate reads of a state, for comparing a cached reading with a fresh one. */
function reading(s: MemoryState) {
  return {
    asOfMs: s.asOfMs, verdicts: keysOf(s.verdicts), locks: keysOf(s.locks), equity: s.equity, peak: s.peakEquity,
    risk: s.riskPerTradePct, daily: s.maxSignalsPerDay, threshold: s.scoreThreshold('BTCUSDT', 'reversal'),
    gate: keysOf(s.gate({ symbol: 'ETHUSDT', model: 'continuation' })),
  };
}

/** A fresh engine fed the same trades and the same pause: it has read no state before, so nothing is cached. */
function freshReading(trades: readonly ClosedTrade[], nowMs: number, pause?: { untilMs: number; atMs: number }): ReturnType<typeof reading> {
  const engine = defaultEngine();
  for (const t of trades) engine.onTradeClosed(t);
  if (pause) engine.setManualPause(pause.untilMs, pause.atMs);
  return reading(engine.state(nowMs));
}

describe('memory engine: state read every 30m step (cached between changes)', () => {
  let trades: ClosedTrade[];
  beforeAll(() => {
    trades = realTrades().slice(0, 400);
  });

  it('equals a fresh reading at every step, across trades closing and locks ending', () => {
    const engine: MemoryEngine = defaultEngine();
    const fed: ClosedTrade[] = [];
    const firstMs = Math.ceil(trades[0]!.exitTimeMs / STEP_MS) * STEP_MS;
    const lastMs = trades.at(-1)!.exitTimeMs + 100 * STEP_MS;
    let next = 0;
    let compared = 0;
    let lockedSteps = 0;
    const mismatches: number[] = [];
    for (let now = firstMs; now <= lastMs; now += STEP_MS) {
      while (next < trades.length && trades[next]!.exitTimeMs <= now) {
        engine.onTradeClosed(trades[next]!);
        fed.push(trades[next]!);
        next += 1;
      }
      engine.advanceTo(now);
      const cached = reading(engine.state(now));
      if (cached.locks.length > 0) lockedSteps += 1;
      // A fresh engine per step is slow: compare every step around changes, every 7th otherwise.
      if (now % (7 * STEP_MS) === 0 || cached.locks.length > 0) {
        compared += 1;
        if (JSON.stringify(cached) !== JSON.stringify(freshReading(fed, now))) mismatches.push(now);
      }
    }
    expect(mismatches, 'no step reads a stale state').toEqual([]);
    expect(lockedSteps, 'locks started and ended during the run (the cache had horizons to honour)').toBeGreaterThan(10);
    expect(compared, 'many steps compared').toBeGreaterThan(500);
  });

  it('honours a manual pause set ahead of the clock: not active before its start, active from it', () => {
    const engine = defaultEngine();
    const few = trades.slice(0, 5);
    for (const t of few) engine.onTradeClosed(t);
    const base = few.at(-1)!.exitTimeMs;
    const pause = { atMs: base + 10 * STEP_MS, untilMs: base + 20 * STEP_MS };
    engine.setManualPause(pause.untilMs, pause.atMs);
    const seen: boolean[] = [];
    for (let now = base; now <= base + 25 * STEP_MS; now += STEP_MS) {
      const s = engine.state(now);
      seen.push(s.locks.some((l) => l.rule === 'manualPause'));
      expect(reading(s), `step at +${(now - base) / STEP_MS}`).toEqual(freshReading(few, now, pause));
    }
    expect(seen.filter(Boolean).length, 'paused for exactly the 10 steps [start, until)').toBe(10);
  });
});
