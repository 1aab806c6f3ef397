import { isAxiosError } from 'axios';
import {
  BinanceApiError,
  IpBannedError,
  KlineSignalsError,
  TransientError,
} from '../../domain/index.js';
import { refusalKind, type HttpRefusal } from '../../logging/httpRefusalWording.js';
import { retryAfterMs } from './retryAfter.js';

/** The REST client was closed; calls made after `close()` (or cut off by it) end with this. Not retried. */
export class RestClientClosedError extends KlineSignalsError {
  readonly code = 'REST_CLOSED';
  constructor() {
    super('Binance REST client closed');
  }
}

/** What a failed call is logged and reported with: never the full URL or its query. */
export interface RequestLabel {
  readonly method: string;
  readonly path: string;
}

function binanceBody(data: unknown): { code: number; msg: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { code, msg } = data as { code?: unknown; msg?: unknown };
  return typeof code === 'number' ? { code, msg: typeof msg === 'string' ? msg : '' } : undefined;
}

/**
 * Turns whatever axios threw (after its retries) into one of the project's typed errors, without
 * the axios error as `cause`: it carries the request config and URL. Binance error bodies become
 * {@link BinanceApiError}; 5xx, 429 and network failures {@link TransientError}; our own typed
 * errors pass through.
 */
export function toRestError(error: unknown, label: RequestLabel, bannedUntilMs?: number): Error {
  if (error instanceof KlineSignalsError) return error;
  if (!isAxiosError(error)) return new TransientError(`${label.method} ${label.path} failed`);
  const status = error.response?.status;
  if (status === undefined) {
    // Only the code as cause (not the axios error, which carries the URL): callers tell a network
    // failure from an HTTP one by it (networkFailureCode).
    const cause = error.code === undefined ? undefined : { code: error.code };
    return new TransientError(`${label.method} ${label.path} failed: ${error.code ?? 'network error'}`, cause === undefined ? undefined : { cause });
  }
  if (status === 418 && bannedUntilMs !== undefined) return new IpBannedError(bannedUntilMs);
  // Only the status as cause, for the same reason: callers tell a refusal by it (refusalStatus).
  if (status === 429 || status >= 500) return new TransientError(`${label.method} ${label.path} failed: HTTP ${status}`, { cause: { status } });
  const body = binanceBody(error.response?.data);
  return new BinanceApiError(status, body?.code ?? 0, body?.msg ?? `HTTP ${status}`);
}

/** Log fields of a failure: method, path, status, Binance code; nothing else of the request. */
export function errorFields(error: unknown, label: RequestLabel): Record<string, unknown> {
  if (!isAxiosError(error)) return { method: label.method, path: label.path, errorCode: (error as { code?: unknown })?.code };
  return {
    method: label.method,
    path: label.path,
    status: error.response?.status,
    binanceCode: binanceBody(error.response?.data)?.code,
    errorCode: error.code,
  };
}

/**
 * The HTTP answer a call failed with, for the OutageLog to judge (5xx, 429, 418 and 403 are
 * refusals): from Binance's answer, or a ban the client keeps (no request sent); undefined for a
 * network failure or our own error.
 */
export function refusalOf(error: unknown, typed: Error, bannedUntilMs: number | undefined): HttpRefusal | undefined {
  if (typed instanceof IpBannedError) return { status: 418, bannedUntilMs: typed.untilMs };
  const response = isAxiosError(error) ? error.response : undefined;
  if (response === undefined) return undefined;
  const banEnd = response.status === 418 ? bannedUntilMs : undefined;
  return { status: response.status, retryAfterMs: retryAfterMs(response.headers['retry-after']), bannedUntilMs: banEnd };
}

/**
 * The HTTP status of a refusal (5xx, 429, 418, 403) a REST call failed with, also when wrapped as the
 * `cause` of another error; undefined for any other failure (a network error, a bad answer).
 */
export function refusalStatus(err: unknown): number | undefined {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof IpBannedError) return 418;
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number' && refusalKind(status) !== undefined) return status;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
