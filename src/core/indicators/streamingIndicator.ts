/**
 * The contract every indicator of kline-signals follows (the trading-signals shape):
 * `add` for a closed candle, `replace` to update the newest (forming) value in place,
 * `value` undefined until `isStable`. Each update is O(1) for a fixed period.
 */
export interface StreamingIndicator<In, Out> {
  /** Feeds the value of a newly closed candle. */
  add(input: In): void;
  /** Replaces the newest value (a forming candle that moved). On an empty indicator it adds. */
  replace(input: In): void;
  /** True once enough values have been seen for `value` to be defined. */
  readonly isStable: boolean;
  readonly value: Out | undefined;
}
