import { from, lastValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CandleStep } from '../../src/core/desk/candleStep.js';
import type { ModelProfile } from '../../src/domain/signal.js';
import { signalPipeline } from '../../src/streams/signalPipeline.js';
import { exampleReplay } from '../backtest/support/exampleCandles.js';
import { makeDesk } from '../operators/support/desk.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const UNTIL_MS = Date.UTC(2025, 9, 1);

/** What a step leaves behind (the rows StepWriter stores), without the features it was scored on. */
function outcomeOf(step: CandleStep) {
  return { kline: step.kline, memoryEvents: step.memoryEvents, closedTrade: step.closedTrade, recorded: step.recorded, opened: step.opened };
}

async function replay(profile: ModelProfile, fused: boolean) {
  const desk = makeDesk({ config: { profile } });
  const pipeline = signalPipeline({ desk, universe$: of(new Set(SYMBOLS)), windowCapacity: 500, warmCandles: 51, isLive: () => true, fused });
  const steps = await lastValueFrom(from(exampleReplay(SYMBOLS, UNTIL_MS)).pipe(pipeline.operator, toArray()));
  return { steps: steps.map(outcomeOf), memory: pipeline.memory$.value, equity: desk.equityUsdt, nextSignalId: desk.nextSignalId };
}

describe('signalPipeline, fused stages (backtests) against chained operators (live)', () => {
  it.each<ModelProfile>(['seed', 'confluence'])('gives the same steps, memory and desk on nine months of real candles (%s)', async (profile) => {
    const chained = await replay(profile, false);
    const fused = await replay(profile, true);
    const all = chained.steps;
    // Equality means something only if the run exercised every stage.
    expect(all.filter((s) => s.closedTrade !== null).length, 'trades closed').toBeGreaterThan(5);
    expect(all.flatMap((s) => s.recorded).filter((r) => r.signal.status === 'blocked').length, 'blocked signals').toBeGreaterThan(0);
    expect(all.flatMap((s) => s.memoryEvents).length, 'memory events').toBeGreaterThan(0);
    expect(fused.steps.length).toBe(all.length);
    expect(fused.steps).toEqual(all);
    expect([fused.equity, fused.nextSignalId]).toEqual([chained.equity, chained.nextSignalId]);
    expect(fused.memory.verdicts).toEqual(chained.memory.verdicts);
    expect(fused.memory.asOfMs).toBe(chained.memory.asOfMs);
  });
});
