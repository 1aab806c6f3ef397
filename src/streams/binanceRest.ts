import http from 'node:http';
import https from 'node:https';
import axios, { isAxiosError, type AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import Bottleneck from 'bottleneck';
import type { Logger } from 'pino';
import { asyncScheduler, firstValueFrom, Subject, takeUntil, timer, type SchedulerLike } from 'rxjs';
import { backoffDelayMs, type Backoff } from '../core/backoff.js';
import { IpBannedError, type Interval, type Kline, type KlineQuery, type KlineRestSource } from '../domain/index.js';
import {
  parseExchangeInfo, parseKlineRows, parseServerTime, parseTickers, requestWeightPerMinute,
  type ExchangeInfo, type Ticker24h,
} from './rest/binanceResponses.js';
import { requestWeight } from './rest/requestWeight.js';
import { retryAfterMs } from './rest/retryAfter.js';
import { RateLimitRecovery } from './rest/rateLimitRecovery.js';
import { errorFields, refusalOf, RestClientClosedError, toRestError } from './rest/restErrors.js';
import { TtlCache } from './rest/ttlCache.js';
import type { OutageLog } from '../logging/outageLog.js';
import { networkFailureCode } from '../operators/retryTransient.js';
import { WeightBudget } from './rest/weightBudget.js';

export type { ExchangeInfo, ExchangeSymbol, RateLimit, Ticker24h } from './rest/binanceResponses.js';
export { RestClientClosedError } from './rest/restErrors.js';

/**
 * Retry policy for network errors, 5xx and 429 (never other 4xx): full-jitter backoff between
 * `initialMs` and `maxMs`, or exactly the Retry-After when Binance sends one.
 */
export interface BinanceRestRetryOptions extends Backoff {
  /** Retries after the first attempt. Default 0. */
  readonly retries: number;
}

/**
 * Retries for a caller that has no retry loop of its own (the download command): 6 attempts.
 * Retrying in one layer only: the live callers (backfill, universe refresh, LiveCursors) retry
 * with their own policy, and a client retrying under them multiplied the attempts (6 × 6 HTTP
 * requests for one backfill gap).
 */
export const STANDALONE_RETRY: Partial<BinanceRestRetryOptions> = { retries: 5 };

export interface BinanceRestDeps {
  /** BINANCE_REST_URL, e.g. `https://fapi.binance.com` or a local simulator. */
  readonly baseUrl: string;
  readonly logger: Logger;
  /** Clock of the caches, the weight windows and the ban; defaults to `scheduler.now()`. */
  readonly nowMs?: () => number;
  /** Waits (budget, pauses) run on it; defaults to asyncScheduler. */
  readonly scheduler?: SchedulerLike;
  /**
   * Retries inside the client. Default none: each call is sent once and fails with a typed error
   * (TransientError for network, 5xx and 429; IpBannedError while banned) for the caller's own
   * retry, which waits at the gate like any request, so a 429's Retry-After still holds. Give
   * {@link STANDALONE_RETRY} when nothing above retries.
   */
  readonly retry?: Partial<BinanceRestRetryOptions>;
  /** Draw in [0, 1) for the backoff jitter; injected by tests. */
  readonly random?: () => number;
  /** Per attempt. Default 10 s. */
  readonly timeoutMs?: number;
  /** Requests in flight at once. Default 5. */
  readonly maxConcurrent?: number;
  /** REQUEST_WEIGHT per window until exchangeInfo is read. Default 2400. */
  readonly weightLimit?: number;
  /** Rate-limit window; Binance's is 1 minute. Default 60 000. */
  readonly weightWindowMs?: number;
  /** Share of the limit kept free. Default 0.1. */
  readonly safetyMargin?: number;
  /** Default 1 h. */
  readonly exchangeInfoTtlMs?: number;
  /** Default 1 min. */
  readonly tickerTtlMs?: number;
  /** Ban length when a 418 has no Retry-After. Default 2 min (Binance's shortest ban). */
  readonly defaultBanMs?: number;
  /**
   * Told of calls that fail for a network reason or with a refusing answer (5xx, 429, 418, 403; then
   * logged at debug only) and of every success, so an unreachable or refusing Binance is one line,
   * not a warning per call. Without it each failure is a warning.
   */
  readonly outage?: OutageLog;
}

/** How often callers waiting behind a post-429 probe look again. */
const PROBE_WAIT_MS = 100;

/** Counters for metrics and tests. Weight counts are request weight, not request counts. */
export interface BinanceRestStats {
  /** Attempts sent, retries included. */
  readonly requests: number;
  readonly retries: number;
  readonly http429: number;
  readonly http418: number;
  /** Weight this client sent in the current window. */
  readonly weightUsed: number;
  /** Weight this client sent since it was created. */
  readonly weightSentTotal: number;
  /** The last `X-MBX-USED-WEIGHT-1M` Binance reported. */
  readonly usedWeightHeader: number | undefined;
  readonly weightLimit: number;
  readonly bannedUntilMs: number | undefined;
}

/** Binance USDⓈ-M market-data REST: klines and server time for backfill, exchangeInfo and tickers for the universe. */
export interface BinanceRest extends KlineRestSource {
  /** Cached for `exchangeInfoTtlMs`; also sizes the weight budget from `rateLimits`. */
  exchangeInfo(): Promise<ExchangeInfo>;
  /** All symbols' 24 h tickers (weight 40), cached for `tickerTtlMs`. */
  ticker24h(): Promise<Ticker24h[]>;
  stats(): BinanceRestStats;
  /** Rejects waiting and running calls with RestClientClosedError and frees sockets and timers. */
  close(): Promise<void>;
}

/**
 * Creates the REST client. Every attempt (retries too) passes a weight gate first: it waits for
 * the next window rather than cross the budget, and fails fast with {@link IpBannedError} while a
 * 418 ban lasts — no call reaches Binance until the ban ends, so a backfill cannot extend it.
 * A 429 pauses every call for its Retry-After, retries included, whoever makes them. The client
 * itself retries only when `retry.retries` is set: with full-jitter backoff, or exactly the
 * Retry-After when Binance sends one.
 */
export function createBinanceRest(deps: BinanceRestDeps): BinanceRest {
  const scheduler = deps.scheduler ?? asyncScheduler;
  const nowMs = deps.nowMs ?? (() => scheduler.now());
  const random = deps.random ?? Math.random;
  const retry: BinanceRestRetryOptions = { retries: 0, initialMs: 500, maxMs: 30_000, ...deps.retry };
  const log = deps.logger.child({ component: 'binanceRest' });
  const host = new URL(deps.baseUrl).host;
  const budget = new WeightBudget({
    limit: deps.weightLimit ?? 2400,
    windowMs: deps.weightWindowMs ?? 60_000,
    safetyMargin: deps.safetyMargin ?? 0.1,
  });
  const counters = { requests: 0, retries: 0, http429: 0, http418: 0, weightSentTotal: 0 };
  let usedWeightHeader: number | undefined;
  let bannedUntilMs: number | undefined;
  let closing: Promise<void> | undefined;
  const closed$ = new Subject<void>();
  const abort = new AbortController();
  const reserved = new WeakMap<object, number>();
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const client = axios.create({ baseURL: deps.baseUrl, timeout: deps.timeoutMs ?? 10_000, httpAgent, httpsAgent });
  const limiter = new Bottleneck({ maxConcurrent: deps.maxConcurrent ?? 5 });

  const sleep = (ms: number): Promise<void> =>
    firstValueFrom(timer(ms, scheduler).pipe(takeUntil(closed$)), { defaultValue: undefined }).then(() => undefined);

  const recovery = new RateLimitRecovery(deps.weightWindowMs ?? 60_000);

  async function gate(config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> {
    const weight = requestWeight(config.url ?? '', config.params);
    for (;;) {
      if (closing !== undefined) throw new RestClientClosedError();
      const now = nowMs();
      if (bannedUntilMs !== undefined && now < bannedUntilMs) throw new IpBannedError(bannedUntilMs);
      if (recovery.mustWait()) {
        await sleep(PROBE_WAIT_MS);
        continue;
      }
      const waitMs = budget.tryReserve(weight, now);
      if (waitMs === 0) break;
      log.debug({ path: config.url, weight, waitMs }, 'weight budget full, waiting');
      await sleep(waitMs);
    }
    recovery.admit(config);
    reserved.set(config, weight);
    counters.requests += 1;
    counters.weightSentTotal += weight;
    return config;
  }

  function settle(config: object | undefined, response: AxiosResponse | undefined): void {
    const weight = config === undefined ? undefined : reserved.get(config);
    if (config === undefined || weight === undefined) return;
    reserved.delete(config);
    recovery.settle(config, response?.status, nowMs());
    const header = Number(response?.headers['x-mbx-used-weight-1m']);
    if (Number.isFinite(header) && response?.headers['x-mbx-used-weight-1m'] !== undefined) usedWeightHeader = header;
    const now = nowMs();
    budget.settle(weight, now, Number.isFinite(header) ? header : undefined);
    const status = response?.status;
    const pauseMs = retryAfterMs(response?.headers['retry-after']);
    if (status === 429) {
      counters.http429 += 1;
      if (pauseMs !== undefined) budget.pauseUntil(now + pauseMs);
      else budget.markExhausted(now);
      // The OutageLog tells a run of 429s in one line.
      log[deps.outage === undefined ? 'warn' : 'debug']({ path: config && (config as InternalAxiosRequestConfig).url, pauseMs }, 'binance rate limit hit');
    } else if (status === 418) {
      counters.http418 += 1;
      bannedUntilMs = Math.max(bannedUntilMs ?? 0, now + (pauseMs ?? deps.defaultBanMs ?? 120_000));
      log[deps.outage === undefined ? 'error' : 'debug']({ bannedUntilMs }, 'binance banned this ip');
    }
  }

  client.interceptors.request.use(gate);
  client.interceptors.response.use(
    (response) => (settle(response.config, response), response),
    (error: unknown) => {
      if (isAxiosError(error)) settle(error.config, error.response);
      return Promise.reject(error);
    },
  );
  axiosRetry(client, {
    retries: retry.retries,
    shouldResetTimeout: true,
    retryCondition: (error: AxiosError) => {
      if (closing !== undefined || error.code === 'ERR_CANCELED') return false;
      const status = error.response?.status;
      return status === undefined || status === 429 || status >= 500;
    },
    retryDelay: (retryCount: number, error: AxiosError) =>
      retryAfterMs(error.response?.headers['retry-after']) ?? backoffDelayMs(retryCount, retry, random()),
    onRetry: (retryCount: number, error: AxiosError) => {
      counters.retries += 1;
      log.warn({ ...errorFields(error, { method: 'GET', path: error.config?.url ?? '' }), attempt: retryCount }, 'binance request retrying');
    },
  });

  async function get<T>(path: string, params: Record<string, unknown>, parse: (body: unknown) => T): Promise<T> {
    if (closing !== undefined) throw new RestClientClosedError();
    const label = { method: 'GET', path };
    try {
      const response = await limiter.schedule(() => client.get<unknown>(path, { params, signal: abort.signal }));
      deps.outage?.reached(host);
      deps.outage?.answeredNormally(host);
      return parse(response.data);
    } catch (error) {
      if (closing !== undefined) throw new RestClientClosedError();
      const typed = toRestError(error, label, bannedUntilMs);
      const fields = { ...errorFields(error, label), code: (typed as { code?: string }).code };
      const refusal = refusalOf(error, typed, bannedUntilMs);
      // Any answer, even a refusal, says the host can be reached.
      if (isAxiosError(error) && error.response !== undefined) deps.outage?.reached(host);
      const told = refusal === undefined ? deps.outage?.failed(host, networkFailureCode(typed)) : deps.outage?.refused(host, refusal);
      log[told === true ? 'debug' : 'warn'](fields, 'binance request failed');
      throw typed;
    }
  }

  const exchangeInfoCache = new TtlCache<ExchangeInfo>(deps.exchangeInfoTtlMs ?? 3_600_000, nowMs);
  const tickerCache = new TtlCache<Ticker24h[]>(deps.tickerTtlMs ?? 60_000, nowMs);

  return {
    serverTimeMs: () => get('/fapi/v1/time', {}, parseServerTime),
    klines: (symbol: string, interval: Interval, query: KlineQuery): Promise<Kline[]> =>
      get(
        '/fapi/v1/klines',
        { symbol, interval, startTime: query.startTimeMs, endTime: query.endTimeMs, limit: query.limit },
        (body) => parseKlineRows(body, symbol, interval, query.nowMs),
      ),
    exchangeInfo: () =>
      exchangeInfoCache.get(async () => {
        const info = await get('/fapi/v1/exchangeInfo', {}, parseExchangeInfo);
        const limit = requestWeightPerMinute(info);
        if (limit !== undefined) budget.setLimit(limit);
        return info;
      }),
    ticker24h: () => tickerCache.get(() => get('/fapi/v1/ticker/24hr', {}, parseTickers)),
    stats: (): BinanceRestStats => {
      const snapshot = budget.snapshot(nowMs());
      return { ...counters, weightUsed: snapshot.ownUsed, usedWeightHeader, weightLimit: snapshot.limit, bannedUntilMs };
    },
    close: () => {
      closing ??= (async () => {
        closed$.next();
        closed$.complete();
        abort.abort();
        await limiter.stop({ dropWaitingJobs: true });
        httpAgent.destroy();
        httpsAgent.destroy();
      })();
      return closing;
    },
  };
}
