import type { BacktestData } from '../backtest/loadData.js';
import type { BacktestReport } from '../backtest/report/types.js';
import { DEFAULT_FEATURE_CONFIG } from '../core/features/featureConfig.js';
import type { OutcomeConfig } from '../core/outcome/outcomeConfig.js';
import { DEFAULT_MODEL_CONFIG } from '../core/models/modelConfig.js';
import { buildMarketIndex, type MarketIndex } from './marketIndex.js';
import { robustnessOf, type RobustnessOptions } from './robustness.js';

/** What every run of a backtest command shares for its robustness section. */
export interface RobustnessContext {
  readonly options: RobustnessOptions;
  readonly market: MarketIndex;
}

/**
 * The candles indexed once per command, with the ATR and the warm-up the models use
 * (DEFAULT_FEATURE_CONFIG and DEFAULT_MODEL_CONFIG, as the backtest's desk); undefined when `--monte-carlo 0 --baseline-runs 0` switch the section off.
 */
export function robustnessContext(options: RobustnessOptions, data: BacktestData, fromMs: number, toMs: number): RobustnessContext | undefined {
  if (options.monteCarloRuns === 0 && options.baselineRuns === 0) return undefined;
  const market = buildMarketIndex({
    series: new Map(data.symbols.map((s) => [s.symbol, s.series])), fromMs, toMs,
    atrPeriod: DEFAULT_FEATURE_CONFIG.atrPeriod, atrFirstTrueRange: DEFAULT_FEATURE_CONFIG.atrFirstTrueRange,
    warmUpCandles: DEFAULT_MODEL_CONFIG.confluenceMinCandles,
  });
  return { options, market };
}

/** The report with its `robustness` section, or unchanged without a context. */
export function withRobustness(report: BacktestReport, ctx: RobustnessContext | undefined, outcome: OutcomeConfig): BacktestReport {
  if (ctx === undefined) return report;
  return { ...report, robustness: robustnessOf(report.trades, ctx.market, outcome, ctx.options) };
}
