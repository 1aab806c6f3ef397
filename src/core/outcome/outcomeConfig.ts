/** Paper-trade settings (env TRADE_EXPIRY_CANDLES and FEE_BPS). */
export interface OutcomeConfig {
  /** Candles of the signal's own interval after which an unresolved trade expires. */
  readonly expiryCandles: number;
  /** Fee per side in basis points of the notional (entry notional and exit notional). */
  readonly feeBps: number;
}

/** MODELS.md defaults: 48 candles, 5 bps per side. */
export const DEFAULT_OUTCOME_CONFIG: OutcomeConfig = Object.freeze({ expiryCandles: 48, feeBps: 5 });
