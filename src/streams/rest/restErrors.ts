import { isAxiosError } from 'axios';
import {
  BinanceApiError,
  IpBannedError,
  KlineSignalsError,
  TransientError,
} from '../../domain/index.js';

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
  if (status === 429 || status >= 500) return new TransientError(`${label.method} ${label.path} failed: HTTP ${status}`);
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
