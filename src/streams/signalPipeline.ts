import { BehaviorSubject, filter, map, type Observable, type OperatorFunction } from 'rxjs';
import { INTERVALS, type Interval, type Kline } from '../domain/kline.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import { newCandleStep } from '../core/desk/candleStep.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { SeriesFeatures } from '../core/features/seriesFeatures.js';
import type { MemoryState } from '../core/memory/state.js';
import type { SymbolFeatures } from '../core/models/symbolFeatures.js';
import { candleWindow, type SymbolWindows } from '../operators/candleWindow.js';
import { dailyLimit } from '../operators/dailyLimit.js';
import { expireLocks } from '../operators/expireLocks.js';
import { memoryGate } from '../operators/memoryGate.js';
import { openTrades } from '../operators/openTrades.js';
import { riskSize } from '../operators/riskSize.js';
import { scoreSignals } from '../operators/scoreSignals.js';
import { trackOutcome } from '../operators/trackOutcome.js';

export interface SignalPipelineDeps {
  readonly desk: SignalDesk;
  readonly universe$: Observable<ReadonlySet<string>>;
  /** Closed candles kept per series (500). */
  readonly windowCapacity: number;
  /** Closed candles per interval before a symbol is scored (51). */
  readonly warmCandles: number;
  readonly scanConcurrency: number;
  /**
   * Whether a 30m candle is processed (tracked, scanned) or only feeds the windows: candles up to
   * the symbol's scan cursor were processed before (a restart) or are history (warm-up).
   */
  readonly isLive: (k: Kline) => boolean;
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
        capacity: deps.windowCapacity,
        warmCandles: deps.warmCandles,
        universe$: deps.universe$,
        createSidecar: (symbol, interval) => new SeriesFeatures(symbol, interval, desk.config.features),
      }),
      filter((u) => u.kline.interval === '30m' && deps.isLive(u.kline)),
      map((u) => newCandleStep(u.kline, featuresOf(u.windows), u.windows.warm)),
    ).pipe(
      expireLocks({ desk, memory$ }),
      trackOutcome({ desk, memory$ }),
      scoreSignals({ desk, concurrency: deps.scanConcurrency }),
      memoryGate({ config: desk.config, memory$ }),
      riskSize({ desk }),
      dailyLimit({ desk }),
      openTrades({ desk }),
    );
  return { operator, memory$ };
}

function featuresOf(windows: SymbolWindows<SeriesFeatures>): SymbolFeatures {
  const out = {} as Record<Interval, SeriesFeatures>;
  for (const interval of INTERVALS) out[interval] = windows.sidecar(interval)!;
  return out;
}

