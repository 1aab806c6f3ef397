import { from, lastValueFrom, of, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CandleStep } from '../../src/core/desk/candleStep.js';
import { isHaltStep, type PipelineStep } from '../../src/core/desk/haltStep.js';
import type { MarketEvent, SymbolHalt } from '../../src/domain/halt.js';
import { klineEndMs, type Kline } from '../../src/domain/kline.js';
import { marketPipeline, signalPipeline } from '../../src/operators/signalPipeline.js';
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

describe('marketPipeline (the live path: candles and halts)', () => {
  it('steps the candles as signalPipeline does and closes a halted symbol\'s trade in stream order, at its last candle', async () => {
    const candles = exampleReplay(SYMBOLS, UNTIL_MS);
    const alone = pipelineOn();
    const steps = await lastValueFrom(from(candles).pipe(alone.pipeline, toArray()));
    const opening = steps.findIndex((st) => st.opened.length > 0);
    const trade = steps[opening]!.opened[0]!;
    // The symbol stops trading right after the candle that opened its trade plus two more of its own.
    const own = candles.filter((k) => k.symbol === trade.symbol && k.interval === '30m' && klineEndMs(k) > trade.openedAtMs);
    const last = own[1]!;
    const cut = candles.indexOf(last) + 1;
    const halt: SymbolHalt = { kind: 'halt', symbol: trade.symbol, status: 'CLOSE', lastCandle: last };
    const events: MarketEvent[] = [...candles.slice(0, cut), halt, ...candles.slice(cut).filter((k) => k.symbol !== trade.symbol)];

    const desk = makeDesk({ config: { profile: 'confluence' } });
    const out: PipelineStep[] = await lastValueFrom(from(events).pipe(marketPipeline({ desk, universe$: of(new Set(SYMBOLS)), isLive: () => true }), toArray()));
    const at = out.findIndex(isHaltStep);
    const before = out.slice(0, at) as CandleStep[];
    expect(before.map(outcomeOf), 'the candles before the halt step exactly as signalPipeline alone').toEqual(steps.filter((st) => candles.indexOf(st.kline) < cut).map(outcomeOf));
    const haltStep = out[at];
    if (haltStep === undefined || !isHaltStep(haltStep)) throw new Error('no halt step');
    const stillOpen = before.every((st) => st.closedTrade?.signalId !== trade.signalId);
    expect(stillOpen, 'the example trade was still open at the halt (else pick another cut)').toBe(true);
    expect(haltStep.closedTrade, 'closed EXPIRED at the last candle, with the reason').toMatchObject({
      signalId: trade.signalId, outcome: 'EXPIRED', exitTimeMs: klineEndMs(last), exitPrice: last.close,
      exitReason: { code: 'symbol_halted', detail: { symbol: trade.symbol, status: 'CLOSE' } },
    });
    expect(desk.openTrades.has(trade.symbol), 'the symbol is free').toBe(false);
    expect(out.slice(at + 1).every((st) => !isHaltStep(st) && st.kline.symbol !== trade.symbol), 'then the others go on').toBe(true);
  });
});
