import type { Kline } from '../../domain/kline.js';
import type { MemoryEvent } from '../../domain/memory.js';
import type { Candidate, Signal } from '../../domain/signal.js';
import type { ClosedTrade, OpenTrade } from '../../domain/trade.js';
import type { SymbolFeatures } from '../models/symbolFeatures.js';

/** A decided candidate with the id its `signals` row gets. */
export interface RecordedSignal {
  readonly id: number;
  readonly signal: Signal;
}

/**
 * Everything one closed 30m candle of a symbol causes, built up stage by stage (MODELS.md reading
 * 2): lock ends, the symbol's trade resolved, the scan's candidates, their decisions, the trade
 * opened. The stages add to it; the SQLite sink commits it whole, in one transaction.
 */
export interface CandleStep {
  readonly kline: Kline;
  /** The symbol's 1d / 4h / 30m features after this candle. */
  readonly features: SymbolFeatures;
  /** Every interval holds the closed candles the models need. */
  readonly warm: boolean;
  readonly memoryEvents: readonly MemoryEvent[];
  readonly closedTrade: ClosedTrade | null;
  /** What the models proposed, before thresholds, memory and risk. */
  readonly candidates: readonly Candidate[];
  /** Candidates that reached SCORE_THRESHOLD, decided sent or blocked, in scan order. */
  readonly decisions: readonly Signal[];
  /** The decisions with their ids, once recorded. */
  readonly recorded: readonly RecordedSignal[];
  readonly opened: readonly OpenTrade[];
}

/** One shared empty list for every fresh step (the lists are readonly): five fewer allocations per 30m candle. */
const NONE: readonly never[] = Object.freeze([]);

export function newCandleStep(kline: Kline, features: SymbolFeatures, warm: boolean): CandleStep {
  return { kline, features, warm, memoryEvents: NONE, closedTrade: null, candidates: NONE, decisions: NONE, recorded: NONE, opened: NONE };
}
