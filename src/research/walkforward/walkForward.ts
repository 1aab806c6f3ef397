import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kline } from '../../domain/kline.js';
import { klineEndMs } from '../../domain/kline.js';
import type { ModelProfile } from '../../domain/signal.js';
import { UsageError } from '../../download/usageError.js';
import type { BacktestData } from '../../backtest/loadData.js';
import type { BacktestFilters } from '../../backtest/exchangeFilters.js';
import { replayOrder } from '../../backtest/replayOrder.js';
import type { BacktestSettings } from '../../backtest/runner.js';
import { formatDuration, type Duration } from './duration.js';
import { pickBest, type Objective } from './objective.js';
import { applyParams, baseValues, paramSpace, type ParamValues } from './paramSpace.js';
import { searchTrials, type SearchKind } from './search.js';
import { round, stitchPeriods } from './stitch.js';
import type { TrialInput, TrialOutcome } from './trial.js';
import { TrialPool } from './trialPool.js';
import type { PeriodFigures, VariantResult, WalkForwardReport, WindowResult } from './types.js';
import { planWindows, type WalkWindow } from './windows.js';

/** Days of data before the first train period: 1d SMA50 needs 51 closed daily candles (MODELS.md). */
export const WARM_UP_DAYS = 60;

export interface WalkForwardInput {
  readonly data: BacktestData;
  /** The settings as given (the bot's environment): trial 0 of every search, and what the others vary. */
  readonly base: BacktestSettings;
  readonly profiles: readonly ModelProfile[];
  readonly memories: readonly boolean[];
  readonly train: Duration;
  readonly test: Duration;
  readonly step: Duration;
  readonly search: SearchKind;
  /** Trials drawn by the search, besides trial 0. */
  readonly trials: number;
  readonly seed: number;
  readonly objective: Objective;
  readonly workers: number;
  /** Scratch SQLite files of the trials go to `<scratchDir>/`, removed at the end (makeTrialScratchDir: in memory where possible). */
  readonly scratchDir: string;
  /** Aborted: the workers stop at once (a trial in progress too), the scratch folder is removed and the run rejects. */
  readonly signal?: AbortSignal;
  /** The exchange filters every trial sizes with, as `backtest` (loadBacktestFilters); undefined: none. */
  readonly filters?: BacktestFilters;
  /** Called after each window of each variant: progress for a long run. */
  readonly onWindow?: (variant: string, window: WindowResult) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

function figuresOf(o: TrialOutcome): PeriodFigures {
  const s = o.summary;
  return { trades: s.trades, expectancyR: s.expectancyR === null ? null : round(s.expectancyR), maxDrawdownPct: round(s.maxDrawdownPct), totalR: round(s.totalR), returnPct: round(s.returnPct) };
}

/** The data's candles in replay order, its first 30m open and its last candle's end. */
export function dataSpan(data: BacktestData): { candles: Kline[]; startMs: number; endMs: number } {
  const candles = replayOrder(data.symbols.flatMap((s) => [s.series['1d'], s.series['4h'], s.series['30m']]));
  const last = candles[candles.length - 1];
  const startMs = Math.min(...data.symbols.map((s) => s.series['30m'][0]?.openTimeMs ?? Infinity));
  return { candles, startMs, endMs: last === undefined ? startMs : klineEndMs(last) };
}

/** The windows a run makes over `data`; a UsageError naming --train when none fits. */
export function windowsOf(input: Pick<WalkForwardInput, 'data' | 'train' | 'test' | 'step'>): WalkWindow[] {
  const { startMs, endMs } = dataSpan(input.data);
  const windows = planWindows({ firstStartMs: startMs + WARM_UP_DAYS * 86_400_000, dataEndMs: endMs, train: input.train, test: input.test, step: input.step });
  if (windows.length === 0) {
    throw new UsageError('--train', `${formatDuration(input.train)} of training and ${formatDuration(input.test)} of testing do not fit the data (${iso(startMs).slice(0, 10)} to ${iso(endMs).slice(0, 10)}, after ${WARM_UP_DAYS} days of warm-up)`);
  }
  return windows;
}

/**
 * Walk-forward optimisation: for each variant (profile × memory) and each rolling window, runs every
 * trial of the search on the train period, picks the best by the objective, and runs that choice
 * unchanged on the test period (and the configuration as given beside it). Every run is a plain
 * backtest (see runTrial), so the result does not depend on the number of workers. Callable from
 * code (a regime rule's evaluation) as well as from `kline-signals walkforward`.
 */
export async function runWalkForward(input: WalkForwardInput): Promise<WalkForwardReport> {
  const { data, base, objective } = input;
  const { candles, startMs, endMs } = dataSpan(data);
  const windows = windowsOf(input);
  const symbols = data.symbols.map((s) => s.symbol);
  input.signal?.throwIfAborted();
  mkdirSync(input.scratchDir, { recursive: true });
  const pool = new TrialPool(Math.max(1, input.workers), { candles, filters: input.filters?.bySymbol ?? new Map() });
  const stop = () => void pool.close();
  input.signal?.addEventListener('abort', stop, { once: true });
  let serial = 0;
  const run = (settings: BacktestSettings, fromMs: number, toMs: number, keepEquity: boolean): Promise<TrialOutcome> => {
    const job: TrialInput = { settings, fromMs, toMs, keepEquity, dbPath: join(input.scratchDir, `trial-${serial++}.db`) };
    return pool.run(job);
  };
  try {
    const variants = input.profiles.flatMap((profile) => input.memories.map((memory) => ({ profile, memory, label: `${profile}-memory-${memory ? 'on' : 'off'}` })));
    const results = await Promise.all(
      variants.map(async ({ profile, memory, label }): Promise<VariantResult> => {
        const variantBase: BacktestSettings = { ...base, profile, memory };
        const space = paramSpace(profile, memory, base.memoryRules);
        const given = baseValues(variantBase, space);
        const givenKey = JSON.stringify(given);
        const trials: ParamValues[] = [given, ...searchTrials(space, input.search, input.trials, input.seed).filter((v) => JSON.stringify(v) !== givenKey)];
        const windowResults = await Promise.all(
          windows.map(async (w): Promise<{ result: WindowResult; test: TrialOutcome; asGiven: TrialOutcome }> => {
            const train = await Promise.all(trials.map((v) => run(applyParams(variantBase, v), w.trainFromMs, w.trainToMs, false)));
            const figures = train.map(figuresOf);
            const best = pickBest(objective, figures);
            const index = best.index === -1 ? 0 : best.index;
            const chosen = trials[index]!;
            const [test, asGiven] = await Promise.all([
              run(applyParams(variantBase, chosen), w.testFromMs, w.testToMs, true),
              run(applyParams(variantBase, given), w.testFromMs, w.testToMs, true),
            ]);
            const inSample = figures[index]!;
            const outOfSample = figuresOf(test);
            const result: WindowResult = {
              index: w.index, trainFrom: iso(w.trainFromMs), trainTo: iso(w.trainToMs), testFrom: iso(w.testFromMs), testTo: iso(w.testToMs),
              trials: trials.length, chosenTrial: index, feasible: best.feasible, chosen, inSample, outOfSample, outOfSampleAsGiven: figuresOf(asGiven),
              efficiency: inSample.expectancyR !== null && inSample.expectancyR > 0 && outOfSample.expectancyR !== null ? round(outOfSample.expectancyR / inSample.expectancyR) : null,
            };
            input.onWindow?.(label, result);
            return { result, test, asGiven };
          }),
        );
        const periods = (pick: 'test' | 'asGiven') =>
          windowResults.map((x) => ({ figures: figuresOf(x[pick]), equity: x[pick].equity, startingEquity: base.startingEquity }));
        const stitched = stitchPeriods(periods('test'), base.startingEquity);
        const isTrades = windowResults.reduce((n, x) => n + x.result.inSample.trades, 0);
        const isR = windowResults.reduce((n, x) => n + x.result.inSample.totalR, 0);
        const isExpectancy = isTrades > 0 ? isR / isTrades : null;
        return {
          label, profile, memory, space, windows: windowResults.map((x) => x.result), stitched, stitchedAsGiven: stitchPeriods(periods('asGiven'), base.startingEquity),
          efficiency: isExpectancy !== null && isExpectancy > 0 && stitched.expectancyR !== null ? round(stitched.expectancyR / isExpectancy) : null,
          recommended: windowResults[windowResults.length - 1]!.result.chosen,
        };
      }),
    );
    return {
      kind: 'walkforward', dataDir: data.dir, symbols, dataFrom: iso(startMs), dataTo: iso(endMs),
      settings: {
        train: formatDuration(input.train), test: formatDuration(input.test), step: formatDuration(input.step), search: input.search, trials: input.trials,
        seed: input.seed, minTrades: objective.minTrades, maxDrawdownPct: objective.maxDrawdownPct, warmUpDays: WARM_UP_DAYS,
        exchangeFilters: input.filters?.source ?? null,
      },
      definitions: DEFINITIONS,
      variants: results,
      recommendedVariant: recommendedVariant(results, objective),
    };
  } finally {
    input.signal?.removeEventListener('abort', stop);
    await pool.close();
    rmSync(input.scratchDir, { recursive: true, force: true });
  }
}

/** The best stitched out-of-sample expectancy among variants within the drawdown limit (any variant when none is). */
function recommendedVariant(variants: readonly VariantResult[], objective: Objective): string | null {
  const ranked = [...variants].filter((v) => v.stitched.expectancyR !== null);
  const within = ranked.filter((v) => v.stitched.maxDrawdownPct <= objective.maxDrawdownPct);
  const pool = within.length > 0 ? within : ranked;
  pool.sort((a, b) => (b.stitched.expectancyR as number) - (a.stitched.expectancyR as number));
  return pool[0]?.label ?? null;
}

export const DEFINITIONS: Readonly<Record<string, string>> = {
  expectancy: 'mean R per closed trade (R: profit or loss after fees in units of the risk taken); trades still open at a period end are not counted',
  objective: 'highest in-sample expectancy among trials with at least the minimum trades and at most the maximum drawdown; if none qualifies, the highest expectancy among trials with a trade (marked not feasible); ties go to the earlier trial, trial 0 being the configuration as given',
  efficiency: 'walk-forward efficiency = out-of-sample expectancy / in-sample expectancy of the chosen trial (per window; overall: stitched out-of-sample expectancy / pooled in-sample expectancy); not given when the in-sample expectancy is not above 0',
  periods: 'a train or test period is a plain backtest (backtest --from START --to END): candles ending before START only warm the indicators, every earlier candle of the data included; no candle ending after END is read; the memory and equity start fresh at START',
  stitched: 'the test periods chained in time order, each compounding on the previous final equity; drawdown measured on the chained curve',
  recommended: "the most recent window's choice (tuned on the latest data); the recommended variant is the one with the best stitched out-of-sample expectancy within the maximum drawdown",
};
