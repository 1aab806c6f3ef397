import { INTERVALS } from '../../domain/kline.js';
import type { Candidate, ModelProfile } from '../../domain/signal.js';
import { confluenceContinuation } from './confluence/continuation.js';
import { confluenceReversal } from './confluence/reversal.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './modelConfig.js';
import { scanSeed } from './seed/scan.js';
import type { SymbolFeatures } from './symbolFeatures.js';

/** True when every interval has the closed candles the confluence profile needs (MODELS.md: 51). */
export function isConfluenceWarm(windows: SymbolFeatures, config: ModelConfig = DEFAULT_MODEL_CONFIG): boolean {
  return INTERVALS.every((interval) => windows[interval].isWarm(config.confluenceMinCandles));
}

/**
 * The candidates of one scan of a symbol on its newest closed 30m candle, for one profile, in
 * order (continuation first; seed: 1d, 4h, 30m). Thresholds, memory, daily limits and sizing are
 * applied downstream; this only says what the models see. The caller has fed the 4h and 1d series
 * every candle ending at or before this 30m end (reading 2).
 */
export function scanSymbol(
  profile: ModelProfile,
  windows: SymbolFeatures,
  config: ModelConfig = DEFAULT_MODEL_CONFIG,
): Candidate[] {
  if (profile === 'seed') return scanSeed(windows, config);
  if (!isConfluenceWarm(windows, config)) return [];
  const candidates: Candidate[] = [];
  const continuation = confluenceContinuation(windows, config.continuation);
  if (continuation !== null) candidates.push(continuation);
  const reversal = confluenceReversal(windows, config.reversal);
  if (reversal !== null) candidates.push(reversal);
  return candidates;
}
