import { arrayOf, describeProblem, number, numeric, object, openObject, string, withDefault, type Valid, type Validator } from '../../core/validate/index.js';
import { DataError, type Interval, type Kline } from '../../domain/index.js';

const rateLimitSchema = object({
  rateLimitType: string(),
  interval: string(),
  intervalNum: number(),
  limit: number(),
});

const exchangeSymbolSchema = object({
  symbol: string(),
  contractType: string(),
  status: string(),
  baseAsset: string(),
  quoteAsset: string(),
  /** PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL, …: kept whole for sizing (see core/risk/symbolFilters). */
  filters: withDefault(arrayOf(openObject({ filterType: string() })), []),
});

const exchangeInfoSchema = object({
  rateLimits: withDefault(arrayOf(rateLimitSchema), []),
  symbols: arrayOf(exchangeSymbolSchema),
});

const tickerSchema = object({
  symbol: string(),
  lastPrice: numeric(),
  priceChangePercent: numeric(),
  quoteVolume: numeric(),
});

const tickersSchema = arrayOf(tickerSchema);

const serverTimeSchema = object({ serverTime: number() });

/** The part of `GET /fapi/v1/exchangeInfo` kline-signals reads (rate limits and symbol status). */
export type ExchangeInfo = Valid<typeof exchangeInfoSchema>;
export type ExchangeSymbol = Valid<typeof exchangeSymbolSchema>;
export type RateLimit = Valid<typeof rateLimitSchema>;
/** One row of `GET /fapi/v1/ticker/24hr`, numbers parsed. */
export type Ticker24h = Valid<typeof tickerSchema>;

function parseWith<T>(schema: Validator<T>, body: unknown, what: string): T {
  const checked = schema.check(body);
  if (!checked.ok) throw new DataError('shape', `${what}: ${describeProblem(checked.problem)}`);
  return checked.value;
}

export function parseExchangeInfo(body: unknown): ExchangeInfo {
  return parseWith(exchangeInfoSchema, body, 'exchangeInfo');
}

export function parseTickers(body: unknown): Ticker24h[] {
  return parseWith(tickersSchema, body, 'ticker/24hr');
}

export function parseServerTime(body: unknown): number {
  return parseWith(serverTimeSchema, body, 'time').serverTime;
}

/** The REQUEST_WEIGHT per minute of exchangeInfo `rateLimits`, if listed. */
export function requestWeightPerMinute(info: ExchangeInfo): number | undefined {
  const entry = info.rateLimits.find(
    (r) => r.rateLimitType === 'REQUEST_WEIGHT' && r.interval === 'MINUTE' && r.intervalNum === 1,
  );
  return entry?.limit;
}

function numberAt(row: readonly unknown[], index: number, symbol: string): number {
  const value = Number(row[index]);
  if (typeof row[index] !== 'string' && typeof row[index] !== 'number') {
    throw new DataError('shape', `kline row of ${symbol}: field ${index} missing`);
  }
  if (!Number.isFinite(value)) throw new DataError('number', `kline row of ${symbol}: field ${index} not a number`);
  return value;
}

/**
 * Maps the 12-element rows of `GET /fapi/v1/klines` to {@link Kline}. A row whose close time is
 * not before `nowMs` (server time) is the forming candle and comes back with `closed: false`.
 */
export function parseKlineRows(body: unknown, symbol: string, interval: Interval, nowMs: number): Kline[] {
  if (!Array.isArray(body)) throw new DataError('shape', `klines of ${symbol}: not an array`);
  return body.map((row: unknown): Kline => {
    if (!Array.isArray(row) || row.length < 9) throw new DataError('shape', `kline row of ${symbol}: not a row`);
    const closeTimeMs = numberAt(row, 6, symbol);
    return {
      symbol,
      interval,
      openTimeMs: numberAt(row, 0, symbol),
      closeTimeMs,
      open: numberAt(row, 1, symbol),
      high: numberAt(row, 2, symbol),
      low: numberAt(row, 3, symbol),
      close: numberAt(row, 4, symbol),
      volume: numberAt(row, 5, symbol),
      quoteVolume: numberAt(row, 7, symbol),
      trades: numberAt(row, 8, symbol),
      closed: closeTimeMs < nowMs,
    };
  });
}
