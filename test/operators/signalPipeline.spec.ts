import { from, lastValueFrom, of, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CandleStep } from '../../src/core/desk/candleStep.js';
import type { Kline } from '../../src/domain/kline.js';
import { signalPipeline } from '../../src/operators/signalPipeline.js';
import { exampleReplay } from '../backtest/support/exampleCandles.js';
import { makeDesk } from './support/desk.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const UNTIL_MS = Date.UTC(2025, 5, 1);

/** What a step leaves behind (the rows StepWriter stores), without the features it was scored on. */
function outcomeOf(step: CandleStep) {
  return { kline: step.kline, memoryEvents: step.memoryEvents, closedTrade: step.closedTrade, recorded: step.recorded, opened: step.opened };
}

const pipelineOn = (desk = makeDesk({ config: { profile: 'confluence' } })) =>
  ({ desk, pipeline: signalPipeline({ desk, universe$: of(new Set(SYMBOLS)), isLive: () => true }) });

describe('signalPipeline', () => {
  it('refuses a second subscription on the same desk, so it cannot corrupt the first', async () => {
    const candles = exampleReplay(SYMBOLS, UNTIL_MS);
    const alone = pipelineOn();
    const expected = (await lastValueFrom(from(candles).pipe(alone.pipeline, toArray()))).map(outcomeOf);
    expect(expected.filter((s) => s.closedTrade !== null).length, 'the run exercised trades').toBeGreaterThan(3);

    const { desk, pipeline } = pipelineOn();
    const live = new Subject<Kline>();
    const first: CandleStep[] = [];
    let firstError: unknown;
    live.pipe(pipeline).subscribe({ next: (s) => first.push(s), error: (e: unknown) => (firstError = e) });
    let secondError: unknown;
    const secondSteps: CandleStep[] = [];
    from(candles).pipe(pipeline).subscribe({ next: (s) => secondSteps.push(s), error: (e: unknown) => (secondError = e) });
    expect(String(secondError), 'the second subscription errors at once').toMatch(/already has a subscribed pipeline/);
    expect(secondSteps, 'and steps nothing').toEqual([]);
    for (const k of candles) live.next(k);
    live.complete();
    expect(firstError).toBeUndefined();
    expect(first.map(outcomeOf), 'the first went on as if alone').toEqual(expected);
    expect(desk.equityUsdt).toBe(alone.desk.equityUsdt);
  });

  it('frees the desk when its subscription ends, for the next one (a restart of the stream)', async () => {
    const { pipeline } = pipelineOn();
    const candles = exampleReplay(SYMBOLS, Date.UTC(2025, 2, 1));
    await lastValueFrom(from(candles.slice(0, 10)).pipe(pipeline, toArray()));
    await expect(lastValueFrom(from(candles.slice(10)).pipe(pipeline, toArray())), 'subscribed again after the first completed').resolves.toBeInstanceOf(Array);
  });

  it('passes an error of its source through and frees the desk', async () => {
    const { pipeline } = pipelineOn();
    const broken = new Subject<Kline>();
    const done = lastValueFrom(broken.pipe(pipeline, toArray()));
    broken.error(new Error('socket gone'));
    await expect(done).rejects.toThrow('socket gone');
    await expect(lastValueFrom(from<Kline[]>([]).pipe(pipeline, toArray())), "the desk is free again").resolves.toEqual([]);
  });
});
