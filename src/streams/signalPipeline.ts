import { BehaviorSubject, filter, map, type MonoTypeOperatorFunction, type Observable, type OperatorFunction } from 'rxjs';
import { INTERVALS, type Interval, type Kline } from '../domain/kline.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import { newCandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { SeriesFeatures } from '../core/features/seriesFeatures.js';
import type { MemoryState } from '../core/memory/state.js';
import type { SymbolFeatures } from '../core/models/symbolFeatures.js';
import { DEFAULT_RING_CAPACITY } from '../core/candles/candleRing.js';
import { candleWindow, type SymbolWindows } from '../operators/candleWindow.js';
import { dailyLimit, dailyLimitStage } from '../operators/dailyLimit.js';
import { expireLocks, expireLocksStage } from '../operators/expireLocks.js';
import { memoryGate, memoryGateStage } from '../operators/memoryGate.js';
import { openTrades, openTradesStage } from '../operators/openTrades.js';
import { riskSize, riskSizeStage } from '../operators/riskSize.js';
import { scoreSignals, scoreSignalsStage } from '../operators/scoreSignals.js';
import { trackOutcome, trackOutcomeStage } from '../operators/trackOutcome.js';

export interface SignalPipelineDeps {
  readonly desk: SignalDesk;
  readonly universe$: Observable<ReadonlySet<string>>;
  /** Closed candles kept per series. Default DEFAULT_RING_CAPACITY (500). */
  readonly windowCapacity?: number;
  /** Closed candles per interval before a symbol is scored. Default DEFAULT_WARM_CANDLES (51). */
  readonly warmCandles?: number;
  /**
   * Whether a 30m candle is processed (tracked, scanned) or only feeds the windows: candles up to
   * the symbol's scan cursor were processed before (a restart) or are history (warm-up).
   */
  readonly isLive: (k: Kline) => boolean;
  /**
   * Runs the seven step stages as one function per candle instead of one operator each (backtests).
   * The stages are the same functions either way, so both give the same steps; fused skips seven
   * subscriber hops per candle (about 15 % of a backtest's time). Default false: live runs chain
   * the operators, each with its own marble spec.
   */
  readonly fused?: boolean;
}

export interface SignalPipeline {
  readonly operator: OperatorFunction<Kline, CandleStep>;
  /** The memory as the gate reads it, updated as candles are processed. */
  readonly memory$: BehaviorSubject<MemoryState>;
}

/**
 * The signal path, the same live and in backtests: closed candles (aligned, each once, in order)
 * → candle windows with incremental features → for each processed 30m candle: lock ends, the open
 * trade tracked, the scan, the memory gate, risk sizing, the daily limit, the trade opened.
 * Every stage works on one {@link CandleStep} and runs synchronously, so each candle sees exactly
 * what the previous one left (MODELS.md reading 2).
 */
export function signalPipeline(deps: SignalPipelineDeps): SignalPipeline {
  const { desk } = deps;
  const memory$ = new BehaviorSubject<MemoryState>(desk.memoryState);
  const operator: OperatorFunction<Kline, CandleStep> = (candles$) =>
    candles$.pipe(
      candleWindow<SeriesFeatures>({
        capacity: deps.windowCapacity ?? DEFAULT_RING_CAPACITY,
        warmCandles: deps.warmCandles,
        universe$: deps.universe$,
        createSidecar: (symbol, interval) => new SeriesFeatures(symbol, interval, desk.config.features),
      }),
      filter((u) => u.kline.interval === '30m' && deps.isLive(u.kline)),
      map((u) => newCandleStep(u.kline, featuresOf(u.windows), u.windows.warm)),
    ).pipe(deps.fused === true ? map(fusedStages(desk, memory$)) : chainedStages(desk, memory$));
  return { operator, memory$ };
}

/** The step stages in order, one operator each: lock ends, outcome, scan, memory, risk, daily limit, trade. */
function chainedStages(desk: SignalDesk, memory$: BehaviorSubject<MemoryState>): MonoTypeOperatorFunction<CandleStep> {
  return (steps$) =>
    steps$.pipe(
      expireLocks({ desk, memory$ }),
      trackOutcome({ desk, memory$ }),
      scoreSignals({ desk }),
      memoryGate({ config: desk.config, memory$ }),
      riskSize({ desk }),
      dailyLimit({ desk }),
      openTrades({ desk }),
    );
}

/**
 * The same stages as {@link chainedStages}, composed into one function. The gate reads
 * `desk.memoryState`, which is what `memory$` holds at that point: the two stages before it
 * refresh the desk's memory and push it to `memory$` together.
 */
function fusedStages(desk: SignalDesk, memory$: BehaviorSubject<MemoryState>): (step: CandleStep) => CandleStep {
  const expire = expireLocksStage({ desk, memory$ });
  const track = trackOutcomeStage({ desk, memory$ });
  const score = scoreSignalsStage({ desk });
  const gate = memoryGateStage({ config: desk.config });
  const size = riskSizeStage({ desk });
  const limit = dailyLimitStage({ desk });
  const open = openTradesStage({ desk });
  return (step) => open(limit(size(gate(score(track(expire(step))), desk.memoryState))));
}

/** A symbol's features are its windows' sidecars, the same objects for as long as the windows live. */
const featuresByWindows = new WeakMap<SymbolWindows<SeriesFeatures>, SymbolFeatures>();

function featuresOf(windows: SymbolWindows<SeriesFeatures>): SymbolFeatures {
  let features = featuresByWindows.get(windows);
  if (features === undefined) {
    const out = {} as Record<Interval, SeriesFeatures>;
    for (const interval of INTERVALS) out[interval] = windows.sidecar(interval)!;
    features = out;
    featuresByWindows.set(windows, features);
  }
  return features;
}

