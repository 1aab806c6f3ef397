import {
  BehaviorSubject, defer, filter, ignoreElements, map, merge, ReplaySubject, share, Subject, tap,
  type Observable, type SchedulerLike,
} from 'rxjs';
import type { Logger } from 'pino';
import { INTERVALS, klineStreamName, parseKlineStreamName, type Kline } from '../domain/kline.js';
import type { CandleStore } from '../domain/ports.js';
import type { DataError } from '../domain/errors.js';
import type { HaltStatus, SymbolHalt } from '../domain/halt.js';
import { normaliseFixedSymbols, reviewTradingStatus, selectPool } from '../core/universe/index.js';
import { seriesRequests, type BackfillRequest } from '../core/candles/backfillPlan.js';
import { isFormingFrame, parseKline } from '../operators/parseKline.js';
import { seriesGate } from '../operators/seriesGate.js';
import { CandleWriter } from './candleWriter.js';
import { backfill } from './backfill.js';
import type { BinanceRest, ExchangeInfo } from './binanceRest.js';
import { backfillRest } from './backfillRest.js';
import { createKlineSocketStats, klineSockets, type KlineSocketStats, type SocketEvent } from './klineSockets.js';
import { universe } from './universe.js';
import { warmUpLog } from './warmUpLog.js';
import { createIngestCounters, type IngestCounters } from './ingestCounters.js';
import type { OutageLog } from '../logging/outageLog.js';

type FrameEvent = Extract<SocketEvent, { type: 'frame' }>;

export interface MarketDataDeps {
  readonly rest: BinanceRest;
  readonly store: CandleStore;
  readonly wsBaseUrl: string;
  readonly fixedSymbols: readonly string[];
  readonly maxSymbols: number;
  readonly poolLimit: number;
  readonly refreshMs: number;
  readonly rotationMs: number;
  readonly maxStreamsPerConn: number;
  readonly staleAfterMs: number;
  /** Symbols with an open paper trade: kept in the universe whatever rotation says. */
  readonly pinned$: Observable<ReadonlySet<string>>;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly socketStats?: KlineSocketStats;
  /** Told of socket dials failing for a network reason and of connections opening (see KlineSocketsDeps.outage). */
  readonly outage?: OutageLog;
  readonly counters?: IngestCounters;
  /** Told each exchangeInfo the pool refresh read (symbol filters for sizing). */
  readonly onExchangeInfo?: (info: ExchangeInfo) => void;
  /** Told when a symbol that had stopped trading trades again (its next stop is a new one). */
  readonly onTradingAgain?: (symbol: string) => void;
  /** Where a warm-up's catch-up may reach back to, once known (BackfillDeps.catchUpFromMs$). */
  readonly catchUpFromMs$?: Observable<number>;
}

export interface MarketData {
  /** The watched symbols (replays the latest set). */
  readonly universe$: Observable<ReadonlySet<string>>;
  /**
   * Every closed candle of the watched series exactly once, in order per series (not across
   * series: the event-time merge orders them); already stored in the candle store when emitted.
   * Subscribing starts the universe timers, the sockets and the backfill; unsubscribing stops them.
   */
  readonly candles$: Observable<Kline>;
  readonly socketStats: KlineSocketStats;
  readonly counters: IngestCounters;
  /**
   * Watched symbols (fixed, with an open trade, or in the universe) that stopped trading, each once
   * when a refresh first sees it, before the universe drops it (give it to the event-time merge,
   * which puts it after the symbol's last candle). A fixed symbol exchangeInfo never listed is only
   * logged: nothing says it ever traded.
   */
  readonly halts$: Observable<SymbolHalt>;
  /** The symbols that do not trade now, with their status, as the latest exchangeInfo showed them. */
  halted(): ReadonlyMap<string, HaltStatus>;
}

/**
 * The live market-data path: universe → sharded sockets → parse → (backfill + gate) → store. Each
 * exchangeInfo the universe refresh reads is also reviewed for watched symbols that stopped
 * trading (delisting, settlement): they leave the universe, fixed or pinned, and come back when
 * they trade again.
 */
export function marketData(deps: MarketDataDeps): MarketData {
  const log = deps.logger.child({ component: 'marketData' });
  const socketStats = deps.socketStats ?? createKlineSocketStats();
  const counters = deps.counters ?? createIngestCounters();
  const universe$ = new ReplaySubject<ReadonlySet<string>>(1);
  const halts$ = new Subject<SymbolHalt>();
  let halted: ReadonlyMap<string, HaltStatus> = new Map();

  const candles$ = defer(() => {
    const requests = new Subject<BackfillRequest>();
    const excluded = new BehaviorSubject<ReadonlySet<string>>(new Set());
    // Told once per symbol: each of its series' backfills hits the same -1121.
    const rest = backfillRest(deps.rest, (symbol) => {
      if (excluded.value.has(symbol)) return;
      log.warn({ symbol }, 'binance says invalid symbol, dropping it from the universe');
      excluded.next(new Set([...excluded.value, symbol]));
    });
    const writer = new CandleWriter(deps.store);
    let watched: ReadonlySet<string> = new Set();
    let pinned: ReadonlySet<string> = new Set();
    const haltedSymbols = new BehaviorSubject<ReadonlySet<string>>(new Set(halted.keys()));
    const fixed = normaliseFixedSymbols(deps.fixedSymbols);
    /** Every symbol an exchangeInfo answer listed since the start: a fixed one never among them was never there. */
    const listedOnce = new Set<string>();

    // Halts first (the merge puts each after the symbol's last candle and the trade closes), then
    // the universe without them (the merge, the windows and the sockets let them go).
    const reviewStatuses = (info: ExchangeInfo): void => {
      const review = reviewTradingStatus({ symbols: info.symbols, watching: [...fixed, ...pinned, ...watched], previous: halted });
      if (review === undefined) {
        log.warn({ symbols: info.symbols.length }, 'exchangeInfo lists no trading USDT perpetual, symbol statuses left as they were');
        return;
      }
      halted = review.halted;
      for (const symbol of review.resumed) {
        log.info({ symbol }, 'symbol trades again');
        // Delisted, it may have been called invalid (-1121) on the way out; listed again, it is not.
        if (excluded.value.has(symbol)) excluded.next(new Set([...excluded.value].filter((s) => s !== symbol)));
        deps.onTradingAgain?.(symbol);
      }
      for (const symbol of info.symbols) listedOnce.add(symbol.symbol);
      for (const { symbol, status } of review.stopped) {
        if (status === null && fixed.includes(symbol) && !listedOnce.has(symbol) && !pinned.has(symbol)) {
          // A typo or a symbol this exchange (or the simulator's data) does not have: not a delisting.
          log.warn({ symbol, setting: 'FIXED_SYMBOLS' }, 'fixed symbol not listed by the exchange, not watching it');
        } else {
          log.warn({ symbol, status, fixed: fixed.includes(symbol), pinned: pinned.has(symbol) }, 'symbol stopped trading, dropping it from the universe');
        }
        if (status !== null || watched.has(symbol) || pinned.has(symbol)) {
          halts$.next({ kind: 'halt', symbol, status, lastCandle: deps.store.recent(symbol, '30m', 1)[0] });
        }
      }
      if (review.stopped.length > 0 || review.resumed.length > 0) haltedSymbols.next(new Set(halted.keys()));
    };

    const symbols$ = universe({
      fetchPool: async () => {
        const [info, tickers] = await Promise.all([deps.rest.exchangeInfo(), deps.rest.ticker24h()]);
        deps.onExchangeInfo?.(info);
        reviewStatuses(info);
        return selectPool({ symbols: info.symbols, tickers, limit: deps.poolLimit, excluded: excluded.value });
      },
      fixed,
      maxSymbols: deps.maxSymbols,
      refreshMs: deps.refreshMs,
      rotationMs: deps.rotationMs,
      pinned$: deps.pinned$.pipe(tap((next) => (pinned = next))),
      excluded$: excluded,
      halted$: haltedSymbols,
      scheduler: deps.scheduler,
      logger: deps.logger,
    }).pipe(
      // Warm-up requests go out before the sockets of the new series open (backfill's contract).
      tap((next) => {
        const added = [...next].filter((s) => !watched.has(s));
        for (const s of watched) if (!next.has(s)) writer.forget(s);
        watched = next;
        for (const req of seriesRequests(added, 'warmup')) requests.next(req);
        universe$.next(next);
      }),
      map((symbols) => new Set([...symbols].flatMap((s) => INTERVALS.map((i) => klineStreamName(s, i))))),
    );

    const socket$ = symbols$.pipe(
      klineSockets({
        baseUrl: deps.wsBaseUrl,
        maxStreamsPerConn: deps.maxStreamsPerConn,
        staleAfterMs: deps.staleAfterMs,
        backoff: { initialMs: 1_000, maxMs: 60_000 },
        scheduler: deps.scheduler,
        logger: deps.logger,
        stats: socketStats,
        ...(deps.outage === undefined ? {} : { outage: deps.outage }),
        // ~99.9 % of frames are valid forming updates no stage reads: counted, never emitted.
        skipFrame: isFormingFrame,
      }),
      share(),
    );
    const reconnects$ = socket$.pipe(
      filter((e) => e.type === 'open' && e.reconnect),
      tap((e) => {
        if (e.type !== 'open') return;
        counters.reconnectBackfills += 1;
        for (const stream of e.streams) {
          const series = parseKlineStreamName(stream);
          if (series) requests.next({ ...series, reason: 'reconnect' });
        }
      }),
      ignoreElements(),
    );
    const frames$ = socket$.pipe(
      filter((e): e is FrameEvent => e.type === 'frame'),
      map((e) => e.data),
      parseKline({
        onBadFrame: (kind: string, err: DataError) => {
          const seen = counters.badFrames.get(kind) ?? 0;
          counters.badFrames.set(kind, seen + 1);
          if (seen === 0) log.warn({ kind, err: err.message }, 'bad frame dropped');
        },
      }),
    );

    const logProgress = warmUpLog(log, deps.rest, deps.scheduler);
    const backfilled$ = backfill(requests, {
      rest, store: deps.store, scheduler: deps.scheduler, logger: deps.logger, ...(deps.catchUpFromMs$ ? { catchUpFromMs$: deps.catchUpFromMs$ } : {}),
    }).pipe(
      tap((input) => {
        if (!('kind' in input)) counters.backfilledCandles += 1;
        else logProgress(input);
      }),
    );
    return merge(backfilled$, frames$, reconnects$).pipe(
      seriesGate({
        onGap: (gap) => {
          counters.gapRequests += 1;
          requests.next({ ...gap, reason: 'gap' });
        },
        onDuplicate: () => {
          counters.duplicates += 1;
        },
        onMissing: () => {
          counters.missingOnExchange += 1;
        },
        logger: deps.logger,
      }),
      tap((k) => {
        counters.closedCandles += 1;
        writer.write(k);
      }),
    );
  }).pipe(share());

  return { universe$, candles$, socketStats, counters, halts$, halted: () => halted };
}
