import type { Logger } from 'pino';
import { defer, retry, Subscription, timer, type SchedulerLike } from 'rxjs';
import { backoffDelayMs } from '../core/backoff.js';
import { klineEndMs, type Kline } from '../domain/kline.js';
import type { LiveStart } from '../core/align/symbolLane.js';
import { toldAsOutage } from '../streams/rest/toldAsOutage.js';

export interface LiveCursorsDeps {
  /** The symbol's stored scan cursor (end of its last committed 30m candle). */
  readonly storedCursor: (symbol: string) => number | undefined;
  /** Binance's clock, read when a symbol joins. */
  readonly serverTimeMs: () => Promise<number>;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Longest wait between two tries of the server time. Default 60 s. */
  readonly maxRetryMs?: number;
}

/**
 * Decides which 30m candles of a symbol are processed (tracked and scanned) rather than only
 * warming its windows: those after a per-symbol start time.
 * - Symbols of the first universe resume at their stored cursor: a restart catches up every candle
 *   it missed, and lands on the state an uninterrupted run would have.
 * - A symbol joining later (rotation), or one never seen, starts at the exchange's time of joining,
 *   so its warm-up history raises no late signals. The server time is asked again with backoff
 *   until it answers (a bot started while Binance is unreachable goes live when it comes back);
 *   until then the symbol's candles only warm its windows.
 */
export class LiveCursors {
  private readonly fromMs = new Map<string, number>();
  /** Symbols that resumed at their stored cursor (a restart's catch-up). */
  private readonly resumed = new Set<string>();
  private readonly asking = new Map<string, Subscription>();
  private first = true;

  constructor(private readonly deps: LiveCursorsDeps) {}

  onUniverse(symbols: ReadonlySet<string>): void {
    for (const symbol of [...this.fromMs.keys(), ...this.asking.keys()]) if (!symbols.has(symbol)) this.forget(symbol);
    for (const symbol of symbols) {
      if (this.fromMs.has(symbol) || this.asking.has(symbol)) continue;
      const stored = this.first ? this.deps.storedCursor(symbol) : undefined;
      if (stored !== undefined) {
        this.fromMs.set(symbol, stored);
        this.resumed.add(symbol);
      } else this.startAtServerTime(symbol);
    }
    this.first = false;
  }

  isLive(k: Kline): boolean {
    const from = this.fromMs.get(k.symbol);
    return from !== undefined && klineEndMs(k) > from;
  }

  /** When the symbol's candles start to be processed, once known (the event-time merge's input). */
  liveStart(symbol: string): LiveStart | undefined {
    const fromMs = this.fromMs.get(symbol);
    return fromMs === undefined ? undefined : { fromMs, resume: this.resumed.has(symbol) };
  }

  /** Stops asking for server times (shutdown). */
  close(): void {
    for (const sub of this.asking.values()) sub.unsubscribe();
    this.asking.clear();
  }

  private forget(symbol: string): void {
    this.fromMs.delete(symbol);
    this.resumed.delete(symbol);
    this.asking.get(symbol)?.unsubscribe();
    this.asking.delete(symbol);
  }

  private startAtServerTime(symbol: string): void {
    const { scheduler, logger } = this.deps;
    const maxRetryMs = this.deps.maxRetryMs ?? 60_000;
    const sub = defer(() => this.deps.serverTimeMs())
      .pipe(
        retry({
          delay: (err: unknown, attempt: number) => {
            const delayMs = backoffDelayMs(attempt, { initialMs: 1000, maxMs: maxRetryMs }, Math.random());
            // An unreachable or refusing Binance is told once by the REST client's OutageLog.
            logger[toldAsOutage(err) ? 'debug' : 'warn']({ err, symbol, attempt, delayMs }, 'server time unavailable, symbol only warms its windows meanwhile');
            return timer(delayMs, scheduler);
          },
        }),
      )
      .subscribe((t) => {
        this.asking.delete(symbol);
        this.fromMs.set(symbol, t);
      });
    if (!sub.closed) this.asking.set(symbol, sub);
  }
}
