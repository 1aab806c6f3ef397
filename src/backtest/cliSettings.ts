import { loadMemoryRuleSpecs } from '../config/memoryRules.js';
import { SEED_RULES } from '../core/memory/rules/index.js';
import type { Config } from '../config/config.js';
import { normaliseFixedSymbols } from '../core/universe/normaliseFixedSymbols.js';
import { universeSize } from '../core/universe/symbolLimit.js';
import type { ModelProfile } from '../domain/signal.js';
import type { RotationSettings } from './rotation.js';
import type { BacktestSettings } from './runner.js';

/**
 * The settings of one run from the bot's environment (so RISK_PER_TRADE, SCORE_THRESHOLD, FEE_BPS …
 * apply to a backtest as they do live), with the profile and memory of the run.
 */
export function settingsFromConfig(config: Config, profile: ModelProfile, memory: boolean): BacktestSettings {
  return {
    profile,
    memory,
    scoreThreshold: config.SCORE_THRESHOLD,
    riskPerTradePct: config.RISK_PER_TRADE,
    maxSignalsPerDay: config.MAX_SIGNALS_PER_DAY,
    startingEquity: config.ACCOUNT_BALANCE,
    feeBps: config.FEE_BPS,
    expiryCandles: config.TRADE_EXPIRY_CANDLES,
    continuationEnabled: config.CONTINUATION_ENABLED,
    reversalEnabled: config.REVERSAL_ENABLED,
    memoryRules: loadMemoryRuleSpecs(config.MEMORY_RULES_FILE, config.ACCOUNT_BALANCE),
  };
}

/** The universe settings of `--rotate`, starting the simulated bot at `startMs`. */
export function rotationFromConfig(config: Config, startMs: number): RotationSettings {
  return {
    fixed: normaliseFixedSymbols(config.FIXED_SYMBOLS),
    limit: config.MAX_SYMBOLS_SUBSCRIBED,
    ...universeSize(config.MAX_SYMBOLS_SUBSCRIBED, config.TOP_VOLUME_FETCH_LIMIT),
    refreshMs: config.UNIVERSE_REFRESH_SECONDS * 1000,
    rotationMs: config.ROTATION_SLOT_SECONDS * 1000,
    startMs,
  };
}

/**
 * The configuration a report records: the env names of every setting the run used, plus the
 * rotation's when `--rotate` was given. Keys are sorted by the report; nothing secret is included.
 */
export function configRecord(settings: BacktestSettings, rotation: RotationSettings | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = {
    MODEL_PROFILE: settings.profile,
    MEMORY_ENABLED: settings.memory,
    SCORE_THRESHOLD: settings.scoreThreshold,
    RISK_PER_TRADE: settings.riskPerTradePct,
    MAX_SIGNALS_PER_DAY: settings.maxSignalsPerDay,
    ACCOUNT_BALANCE: settings.startingEquity,
    FEE_BPS: settings.feeBps,
    TRADE_EXPIRY_CANDLES: settings.expiryCandles,
    CONTINUATION_ENABLED: settings.continuationEnabled,
    REVERSAL_ENABLED: settings.reversalEnabled,
    ROTATE: rotation !== undefined,
    // The rules the run used, whether or not memory was on: ids, kinds, scopes, parameters and the
    // titles given, which the report names its rules by.
    MEMORY_RULES: (settings.memoryRules ?? SEED_RULES).map(({ id, kind, scope, params, title }) => ({ id, kind, scope, params, ...(title === undefined ? {} : { title }) })),
  };
  if (rotation !== undefined) {
    Object.assign(record, {
      FIXED_SYMBOLS: rotation.fixed.join(','),
      MAX_SYMBOLS_SUBSCRIBED: rotation.limit,
      TOP_VOLUME_FETCH_LIMIT: Number.isFinite(rotation.poolLimit) ? rotation.poolLimit : 'all',
      UNIVERSE_REFRESH_SECONDS: rotation.refreshMs / 1000,
      ROTATION_SLOT_SECONDS: rotation.rotationMs / 1000,
    });
  }
  return record;
}
