import { connect, defer, filter, finalize, map, merge, throwError, type Observable, type OperatorFunction } from 'rxjs';
import { isHalt, isKline, type MarketEvent } from '../domain/halt.js';
import { INTERVALS, type Interval, type Kline } from '../domain/kline.js';
import type { PipelineStep } from '../core/desk/haltStep.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import { newCandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { SeriesFeatures } from '../core/features/seriesFeatures.js';
import type { SymbolFeatures } from '../core/models/symbolFeatures.js';
import { candleWindow, type SymbolWindows } from './candleWindow.js';
import { closeHalted } from './closeHalted.js';
import { dailyLimitStage } from './dailyLimit.js';
import { expireLocksStage } from './expireLocks.js';
import { memoryGateStage } from './memoryGate.js';
import { openTradesStage } from './openTrades.js';
import { riskSizeStage } from './riskSize.js';
import { scoreSignalsStage } from './scoreSignals.js';
import { trackOutcomeStage } from './trackOutcome.js';

export interface SignalPipelineDeps {
  /** The state the steps work on; one subscription at a time (a second one errors, see below). */
  readonly desk: SignalDesk;
  readonly universe$: Observable<ReadonlySet<string>>;
  /** Closed candles per interval before a symbol is scored. Default DEFAULT_WARM_CANDLES (51). */
  readonly warmCandles?: number;
  /**
   * Whether a 30m candle is processed (tracked, scanned) or only feeds the windows: candles up to
   * the symbol's scan cursor were processed before (a restart) or are history (warm-up).
   */
  readonly isLive: (k: Kline) => boolean;
}

/** Desks with a pipeline subscribed: two subscriptions over one desk would interleave their steps. */
const desksInUse = new WeakSet<SignalDesk>();

/**
 * The signal path, one composition live and in backtests: closed candles (in event order, each
 * once) → candle windows with incremental features → for each processed 30m candle one
 * {@link CandleStep} through the seven stages as one function: lock ends, the open trade tracked,
 * the scan, the memory gate (the one decision point, reading the memory the two stages before it
 * refreshed on the desk), risk sizing, the daily limit, the trade opened. Every stage runs
 * synchronously, so each candle sees exactly what the previous one left (MODELS.md reading 2).
 *
 * The desk is the state the steps thread through. A second subscription while one is active
 * errors at once instead of stepping the same desk from two streams.
 */
export function signalPipeline(deps: SignalPipelineDeps): OperatorFunction<Kline, CandleStep> {
  const { desk } = deps;
  const step = composeStages(desk);
  return (candles$) =>
    defer(() => {
      if (desksInUse.has(desk)) return throwError(() => new Error('signalPipeline: this desk already has a subscribed pipeline'));
      desksInUse.add(desk);
      return candles$.pipe(
        candleWindow<SeriesFeatures>({
          warmCandles: deps.warmCandles,
          universe$: deps.universe$,
          createSidecar: (symbol, interval) => new SeriesFeatures(symbol, interval, desk.config.features),
        }),
        filter((u) => u.kline.interval === '30m' && deps.isLive(u.kline)),
        map((u) => step(newCandleStep(u.kline, featuresOf(u.windows), u.windows.warm))),
        finalize(() => desksInUse.delete(desk)),
      );
    });
}

/**
 * The live bot's path over the event-time stream (eventTimeMerge with halts): candles through
 * {@link signalPipeline}, and the halt of a symbol that stopped trading through closeHalted, on
 * the same desk and in stream order (every stage is synchronous, so a halt is handled after each
 * candle before it and before each after it). Backtests have no halts and use signalPipeline.
 */
export function marketPipeline(deps: SignalPipelineDeps): OperatorFunction<MarketEvent, PipelineStep> {
  const candles = signalPipeline(deps);
  const halts = closeHalted({ desk: deps.desk });
  return connect((events) => merge(events.pipe(filter(isKline), candles), events.pipe(filter(isHalt), halts)));
}

/** The step stages in order, composed into one function over the desk. */
function composeStages(desk: SignalDesk): (step: CandleStep) => CandleStep {
  const expire = expireLocksStage({ desk });
  const track = trackOutcomeStage({ desk });
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

