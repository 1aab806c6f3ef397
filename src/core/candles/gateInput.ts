import type { Interval, Kline } from '../../domain/kline.js';

/**
 * Closed candles of a series that the gate has not seen and cannot skip: every open time in
 * [fromOpenTimeMs, toOpenTimeMs] (both inclusive, stepping by the interval) must be fetched by REST.
 */
export interface GapRequest {
  readonly symbol: string;
  readonly interval: Interval;
  readonly fromOpenTimeMs: number;
  readonly toOpenTimeMs: number;
}

/**
 * What the backfill tells the series gate besides candles, so the gate can hold and release
 * without guessing:
 * - `begin`: a warm-up replay of the series follows (start, or the symbol entering the universe).
 *   The gate forgets the series and holds every candle until `settled` or `failed`, so a socket
 *   candle that wins the race against REST cannot make the replayed history look "older".
 * - `settled`: REST was asked for every open time in [fromOpenTimeMs, throughOpenTimeMs] and all
 *   closed candles it had are already in the gate; a hole inside that range does not exist on the
 *   exchange, so held candles after it are released (the hole is reported, never invented).
 * - `failed`: the backfill gave up (retries exhausted or a non-retryable error): release what can be
 *   released and keep asking for the rest.
 */
export type SeriesNotice =
  | { readonly kind: 'begin'; readonly symbol: string; readonly interval: Interval }
  | {
      readonly kind: 'settled';
      readonly symbol: string;
      readonly interval: Interval;
      readonly fromOpenTimeMs: number;
      readonly throughOpenTimeMs: number;
    }
  | { readonly kind: 'failed'; readonly symbol: string; readonly interval: Interval };

/** What flows into the series gate: candles from sockets and REST, plus the backfill's notices. */
export type GateInput = Kline | SeriesNotice;

export function isSeriesNotice(input: GateInput): input is SeriesNotice {
  return 'kind' in input;
}
