import type { RuleSpec } from '../core/memory/rule.js';
import { from, of } from 'rxjs';
import type { Logger } from 'pino';
import { klineEndMs, type Kline } from '../domain/kline.js';
import type { ModelName, ModelProfile } from '../domain/signal.js';
import type { CandleStep } from '../core/desk/candleStep.js';
import type { DeskConfig } from '../core/desk/deskConfig.js';
import { DEFAULT_FEATURE_CONFIG } from '../core/features/featureConfig.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../core/models/modelConfig.js';
import { BACKTEST_DEFAULT_FILTERS, type SymbolFilters } from '../core/risk/symbolFilters.js';
import { openDatabase } from '../sinks/sqlite/db.js';
import { createRepos } from '../sinks/sqlite/repos.js';
import { restoreDesk } from '../app/restoreDesk.js';
import { StepWriter } from '../sinks/stepWriter.js';
import { signalPipeline } from '../operators/signalPipeline.js';

/** The settings a backtest runs with; the same names and ranges as the bot's environment. */
export interface BacktestSettings {
  readonly profile: ModelProfile;
  readonly memory: boolean;
  readonly scoreThreshold: number;
  readonly riskPerTradePct: number;
  readonly maxSignalsPerDay: number;
  readonly startingEquity: number;
  readonly feeBps: number;
  readonly expiryCandles: number;
  readonly continuationEnabled: boolean;
  readonly reversalEnabled: boolean;
  /** The memory rules (MEMORY_RULES_FILE); default the 8 seed rules. */
  readonly memoryRules?: readonly RuleSpec[];
  /** The models' parameters (ATR stop and target multiples …); default MODELS.md's. A walk-forward search tunes them. */
  readonly models?: ModelConfig;
}

export const DEFAULT_BACKTEST_SETTINGS: BacktestSettings = {
  profile: 'seed', memory: true, scoreThreshold: 75, riskPerTradePct: 1, maxSignalsPerDay: 5, startingEquity: 1000,
  feeBps: 5, expiryCandles: 48, continuationEnabled: true, reversalEnabled: true,
};

export interface BacktestRunInput {
  /** Closed candles in replay order (see replayOrder). */
  readonly candles: readonly Kline[];
  readonly dbPath: string;
  readonly settings: BacktestSettings;
  /** Candles ending at or before this only warm the windows. */
  readonly fromMs?: number;
  readonly logger: Logger;
  /**
   * Whether `symbol` is in the watched universe at `endMs`, given the symbols with an open trade
   * (`--rotate`, see RotationSchedule). A 30m candle of a symbol outside it only feeds the windows
   * (as live, where a re-subscribed symbol is backfilled) and is neither tracked nor scanned.
   * Undefined: every symbol of `candles` is watched all the time.
   */
  readonly inUniverse?: (symbol: string, endMs: number, pinned: Iterable<string>) => boolean;
  /**
   * The exchange filters per symbol (exchangeInfo.json or `--filters`, see exchangeFilters.ts),
   * applied by the live sizing stage exactly as live. Undefined: no filters (MODELS.md's formulas).
   */
  readonly filters?: (symbol: string) => SymbolFilters;
  /** Told how many of `candles` were fed so far, every {@link PROGRESS_EVERY} candles and at the end (a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Candles between two progress reports: often enough for a smooth bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 4096;

/** `candles` in order, telling `onProgress` along the way; only watches, never changes what is fed. */
function* reportingProgress(candles: readonly Kline[], onProgress: (done: number, total: number) => void): Generator<Kline> {
  for (let i = 0; i < candles.length; i++) {
    if (i % PROGRESS_EVERY === 0) onProgress(i, candles.length);
    yield candles[i] as Kline;
  }
  onProgress(candles.length, candles.length);
}

/** Steps per committed batch: large enough to amortise commits, small enough to lose little on a kill. */
const BATCH_STEPS = 2000;

export interface BacktestRunResult {
  readonly candles: number;
  readonly processed: number;
  readonly wallMs: number;
}

/** The desk's configuration for `s`; `filters` defaults to none (no grid, no minimums). */
export function deskConfigOf(s: BacktestSettings, filters: (symbol: string) => SymbolFilters = () => BACKTEST_DEFAULT_FILTERS): DeskConfig {
  const enabled = new Set<ModelName>();
  if (s.continuationEnabled) enabled.add('continuation');
  if (s.reversalEnabled) enabled.add('reversal');
  return {
    profile: s.profile, models: s.models ?? DEFAULT_MODEL_CONFIG, features: DEFAULT_FEATURE_CONFIG, scoreThreshold: s.scoreThreshold,
    enabledModels: enabled, outcome: { feeBps: s.feeBps, expiryCandles: s.expiryCandles }, filters,
  };
}

/**
 * Replays candles through the live signal pipeline into a SQLite file of its own. Resumable: a run
 * killed halfway and started again on the same file skips what each symbol's cursor says was
 * committed, and ends with the same signals, trades and memory as an uninterrupted run.
 */
export function runBacktest({ candles, dbPath, settings, fromMs = -Infinity, logger, inUniverse, filters, onProgress }: BacktestRunInput): BacktestRunResult {
  const started = performance.now();
  const repos = createRepos(openDatabase(dbPath, 'throwaway'));
  try {
    const desk = restoreDesk({
      repos, config: deskConfigOf(settings, filters), startingEquity: settings.startingEquity, memoryEnabled: settings.memory, memoryRules: settings.memoryRules, logger,
      base: { scoreThreshold: settings.scoreThreshold, riskPerTradePct: settings.riskPerTradePct, maxSignalsPerDay: settings.maxSignalsPerDay },
    });
    const cursors = new Map<string, number>();
    const symbols = new Set(candles.map((k) => k.symbol));
    for (const s of symbols) cursors.set(s, Math.max(fromMs, repos.cursors.get(s) ?? -Infinity));
    const pipeline = signalPipeline({
      desk, universe$: of(symbols),       isLive: (k) =>
        klineEndMs(k) > (cursors.get(k.symbol) ?? -Infinity) &&
        (inUniverse === undefined || inUniverse(k.symbol, klineEndMs(k), desk.openTrades.keys())),
    });
    const writer = new StepWriter({ repos, desk, profile: settings.profile, outbox: null, logger: logger.child({ component: 'backtest' }) });
    // Steps are committed in batches of one transaction: a kill loses at most the open batch,
    // whose cursors were not committed either, so a resumed run replays exactly those candles.
    const pending: CandleStep[] = [];
    const flush = () => {
      writer.writeBatch(pending);
      pending.length = 0;
    };
    let processed = 0;
    let failure: unknown;
    from(onProgress === undefined ? candles : reportingProgress(candles, onProgress))
      .pipe(pipeline)
      .subscribe({
        next: (step) => {
          pending.push(step);
          processed += 1;
          if (pending.length >= BATCH_STEPS) flush();
        },
        error: (err: unknown) => {
          failure = err;
        },
      });
    if (failure !== undefined) throw failure;
    flush();
    return { candles: candles.length, processed, wallMs: performance.now() - started };
  } finally {
    repos.db.close();
  }
}

