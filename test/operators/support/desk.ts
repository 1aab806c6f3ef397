import type { DeskConfig } from '../../../src/core/desk/deskConfig.js';
import { SignalDesk } from '../../../src/core/desk/signalDesk.js';
import { DEFAULT_FEATURE_CONFIG } from '../../../src/core/features/featureConfig.js';
import { createMemoryEngine } from '../../../src/core/memory/engine.js';
import type { RuleSpec } from '../../../src/core/memory/rule.js';
import { createMemoryRules } from '../../../src/core/memory/rules/index.js';
import { buildMemoryState, type MemoryBaseConfig, type MemoryState } from '../../../src/core/memory/state.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/core/models/modelConfig.js';
import { DEFAULT_OUTCOME_CONFIG } from '../../../src/core/outcome/outcomeConfig.js';
import type { DailyCounts } from '../../../src/core/risk/dailyCount.js';
import { BACKTEST_DEFAULT_FILTERS } from '../../../src/core/risk/symbolFilters.js';
import type { Verdict } from '../../../src/domain/memory.js';
import type { ModelName } from '../../../src/domain/signal.js';
import type { OpenTrade } from '../../../src/domain/trade.js';

/** SCORE_THRESHOLD 75, RISK_PER_TRADE 1 %, MAX_SIGNALS_PER_DAY 5: the documented defaults. */
export const BASE: MemoryBaseConfig = { scoreThreshold: 75, riskPerTradePct: 1, maxSignalsPerDay: 5 };

/** A desk config with MODELS.md defaults, both models on, no exchange filters (exact sizing). */
export function testDeskConfig(over: Partial<DeskConfig> = {}): DeskConfig {
  return {
    profile: 'seed', models: DEFAULT_MODEL_CONFIG, features: DEFAULT_FEATURE_CONFIG, scoreThreshold: BASE.scoreThreshold,
    enabledModels: new Set<ModelName>(['continuation', 'reversal']), outcome: DEFAULT_OUTCOME_CONFIG,
    filters: () => BACKTEST_DEFAULT_FILTERS, ...over,
  };
}

export interface TestDeskOptions {
  readonly config?: Partial<DeskConfig>;
  readonly base?: Partial<MemoryBaseConfig>;
  readonly equityUsdt?: number;
  readonly openTrades?: readonly OpenTrade[];
  readonly dailyCounts?: DailyCounts;
  readonly nextSignalId?: number;
  /** The memory rules (MEMORY_RULES_FILE); default the 8 seed rules. */
  readonly rules?: readonly RuleSpec[];
}

/** A fresh desk over the real memory engine with the 8 default rules, or `o.rules` (starting equity 1000). */
export function makeDesk(o: TestDeskOptions = {}): SignalDesk {
  const baseConfig = { ...BASE, ...o.base };
  const rules = createMemoryRules({ startingEquity: 1000, ...(o.rules === undefined ? {} : { specs: o.rules }) });
  const memory = createMemoryEngine({ rules, startingEquity: 1000, baseConfig });
  return new SignalDesk({
    config: testDeskConfig(o.config), memory, openTrades: o.openTrades ?? [], equityUsdt: o.equityUsdt ?? 1000,
    dailyCounts: o.dailyCounts ?? new Map(), nextSignalId: o.nextSignalId ?? 1,
  });
}

/** A memory state holding exactly `verdicts` over {@link BASE} (flat equity 1000). */
export function memoryWith(asOfMs: number, verdicts: readonly Verdict[], base: MemoryBaseConfig = BASE): MemoryState {
  return buildMemoryState({ asOfMs, verdicts, base, equity: 1000, peakEquity: 1000 });
}
