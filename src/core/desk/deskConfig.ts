import type { ModelName, ModelProfile } from '../../domain/signal.js';
import type { FeatureConfig } from '../features/featureConfig.js';
import type { ModelConfig } from '../models/modelConfig.js';
import type { OutcomeConfig } from '../outcome/outcomeConfig.js';
import type { SymbolFilters } from '../risk/symbolFilters.js';

/** The settings the signal stages read (from config, or a backtest's flags). */
export interface DeskConfig {
  readonly profile: ModelProfile;
  readonly models: ModelConfig;
  /** Indicator periods of the per-series features the models read. */
  readonly features: FeatureConfig;
  /** SCORE_THRESHOLD, unadjusted: candidates below it are not recorded at all (reading 6). */
  readonly scoreThreshold: number;
  /** CONTINUATION_ENABLED / REVERSAL_ENABLED. */
  readonly enabledModels: ReadonlySet<ModelName>;
  readonly outcome: OutcomeConfig;
  /** Exchange filters per symbol (exchangeInfo live; zeros in backtests). */
  readonly filters: (symbol: string) => SymbolFilters;
}
