import type { ReasonCode } from '../../domain/reason.js';

/** Trades, win rate and total R of one side (long or short). */
export interface SideFigures {
  readonly trades: number;
  readonly winRatePct: number | null;
  readonly totalR: number;
}

/** A symbol and its total net R. */
export interface SymbolR {
  readonly symbol: string;
  readonly totalR: number;
}

/** How many blocked candidates carried a reason (a candidate with two reasons counts under both). */
export interface BlockedReasonCount {
  readonly code: ReasonCode;
  readonly count: number;
}

/**
 * Risk-adjusted and breakdown figures of a run (docs/backtest-report.md, `metrics`). Ratios are
 * null where they have no denominator.
 */
export interface ReportMetrics {
  /** Daily returns the ratios are computed from (UTC days of the range). */
  readonly days: number;
  readonly cagrPct: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly bestSymbol: SymbolR | null;
  readonly worstSymbol: SymbolR | null;
  readonly long: SideFigures;
  readonly short: SideFigures;
  readonly blockedByReason: readonly BlockedReasonCount[];
}

/** Price of one symbol over the range, first close to last close. */
export interface BuyAndHold {
  readonly symbol: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly firstClose: number;
  readonly lastClose: number;
  readonly returnPct: number;
}

/** A symbol's 30m closes in the range, thinned to every `step`-th candle (the last always kept). */
export interface PriceSeries {
  readonly symbol: string;
  readonly step: number;
  readonly points: readonly { readonly atMs: number; readonly close: number }[];
}

/** When each symbol's indicators were warm, so the first trade could come. */
export interface WarmUp {
  /** Closed candles every interval (1d, 4h, 30m) needs before a symbol is scored. */
  readonly candles: number;
  /** Per symbol: the end of the candle that made it warm, not before `fromMs`; null: never warm. */
  readonly bySymbol: readonly { readonly symbol: string; readyMs: number | null }[];
  /** The earliest `readyMs`; null when no symbol got warm. */
  readonly readyMs: number | null;
  /** Signal time of the first trade; null without trades. */
  readonly firstTradeMs: number | null;
}

/** The market around the trades: buy and hold per symbol, price lines, warm-up. */
export interface ReportMarket {
  readonly buyAndHold: readonly BuyAndHold[];
  readonly prices: readonly PriceSeries[];
  readonly warmUp: WarmUp | null;
}
