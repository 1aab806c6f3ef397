/**
 * The contract every indicator of kline-signals follows (the trading-signals shape, closed candles
 * only): `add` for a closed candle, `value` undefined until `isStable`. Each update is O(1) for a
 * fixed period. There is no `replace` for a forming candle: the forming candle never enters a
 * window (ARCHITECTURE.md), so nothing would call it.
 */
export interface StreamingIndicator<In, Out> {
  /** Feeds the value of a newly closed candle. */
  add(input: In): void;
  /** True once enough values have been seen for `value` to be defined. */
  readonly isStable: boolean;
  readonly value: Out | undefined;
}
