/**
 * The few typed errors of kline-signals. Each has a stable `code`; the doc comment says what
 * happens next when it is thrown.
 */
export abstract class KlineSignalsError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A bad environment value, a missing companion variable or a token Telegram refuses. The process
 * prints one line and exits 1 before connecting anywhere (a refused token: before anything else starts).
 */
export class ConfigError extends KlineSignalsError {
  readonly code = 'CONFIG';
  constructor(
    readonly variable: string,
    readonly value: string | undefined,
    readonly allowed: string,
    /** The line to print instead of `VAR="value" is invalid: allowed …`, when the value alone is not the problem. */
    message?: string,
  ) {
    super(message ?? `${variable}=${value === undefined ? '(unset)' : JSON.stringify(value)} is invalid: allowed ${allowed}`);
  }
}

/**
 * The SQLite module (better-sqlite3, a native addon) cannot load: never built (a failed compile at
 * install), or built for another Node version. The process prints this one line and exits 1
 * before connecting anywhere; the cause stays attached for a debugger.
 */
export class SqliteModuleError extends KlineSignalsError {
  readonly code = 'SQLITE_MODULE';
  constructor(cause: unknown) {
    super(`the SQLite module is not built for this Node (${process.version}): run npm rebuild better-sqlite3; see README, Install troubleshooting`, { cause });
  }
}

/** A failure that may pass (network, 5xx, 429, a closed socket). Retried with backoff. */
export class TransientError extends KlineSignalsError {
  readonly code: string = 'TRANSIENT';
}

/** A shard sent nothing for `staleAfterMs`: a half-open socket. The shard is torn down and reconnected. */
export class StaleStreamError extends TransientError {
  override readonly code = 'STALE_STREAM';
  constructor(
    readonly shard: string,
    readonly staleAfterMs: number,
  ) {
    super(`shard ${shard} silent for ${staleAfterMs} ms`);
  }
}

/** One bad message (a frame that does not parse, a row with a missing field). Dropped and counted; the stream goes on. */
export class DataError extends KlineSignalsError {
  readonly code = 'DATA';
  constructor(
    /** A short stable kind for counting, e.g. `json`, `shape`, `number`. */
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** Binance answered with an error body `{code, msg}`. `-1121` (invalid symbol) drops the symbol; others are not retried. */
export class BinanceApiError extends KlineSignalsError {
  readonly code = 'BINANCE_API';
  constructor(
    readonly status: number,
    readonly binanceCode: number,
    readonly binanceMsg: string,
  ) {
    super(`Binance ${status} ${binanceCode}: ${binanceMsg}`);
  }
}

/**
 * Binance banned this IP (HTTP 418) until `untilMs`. Every REST call fails fast (sending nothing)
 * until then; it is transient, so callers retry with backoff and succeed once the ban is over.
 */
export class IpBannedError extends TransientError {
  override readonly code = 'IP_BANNED';
  constructor(readonly untilMs: number) {
    super(`Binance REST banned until ${new Date(untilMs).toISOString()}`);
  }
}
