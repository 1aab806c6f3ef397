import type { SchedulerLike } from 'rxjs';
import { klineEndMs, type Kline } from '../domain/kline.js';
import { LATE_AFTER_MS, type Lateness } from '../domain/lateness.js';
import type { MarkPrice } from '../core/outcome/positionFigures.js';

/**
 * The market's time as the bot can tell it: the newest candle end delivered by any series, moved
 * on by the time elapsed since it arrived (a candle closes at its end, so in steady state this is
 * the exchange's clock give or take the arrival skew; during an outage it keeps running). Also the
 * newest 30m close per symbol, the "latest price" of a late signal.
 */
export class MarketClock {
  private newestEndMs: number | undefined;
  private seenAtMs = 0;
  /** The exchange's time read at start, and when: the market is at least there before its candles arrive. */
  private floor: { readonly atMs: number; readonly readAtMs: number } | undefined;
  private readonly lastClose = new Map<string, MarkPrice>();

  constructor(private readonly scheduler: SchedulerLike) {}

  /** Takes a closed candle as it is delivered (before any reordering). */
  observe(k: Kline): void {
    const endMs = klineEndMs(k);
    if (this.newestEndMs === undefined || endMs > this.newestEndMs) {
      this.newestEndMs = endMs;
      this.seenAtMs = this.scheduler.now();
    }
    if (k.interval === '30m') {
      // Candles may arrive out of order (backfill, a late shard): keep the newest.
      const known = this.lastClose.get(k.symbol);
      if (known === undefined || endMs >= known.asOfMs) this.lastClose.set(k.symbol, { price: k.close, asOfMs: endMs });
    }
  }

  /** End of the newest candle delivered by any series (the heartbeat's "newest candle"); undefined before the first. */
  newestCandleEndMs(): number | undefined {
    return this.newestEndMs;
  }

  /**
   * The exchange's time, read directly (at start): a restart's catch-up is late from its first
   * step, before the candles that show how late have arrived.
   */
  observeTime(exchangeNowMs: number): void {
    this.floor = { atMs: exchangeNowMs, readAtMs: this.scheduler.now() };
  }

  /** The market's time now; undefined before the first candle or exchange time. */
  nowMs(): number | undefined {
    const now = this.scheduler.now();
    const byCandle = this.newestEndMs === undefined ? undefined : this.newestEndMs + Math.max(0, now - this.seenAtMs);
    const byFloor = this.floor === undefined ? undefined : this.floor.atMs + Math.max(0, now - this.floor.readAtMs);
    if (byFloor === undefined) return byCandle;
    return byCandle === undefined ? byFloor : Math.max(byCandle, byFloor);
  }

  /** How late a step on `k` is if committed now; undefined when it is on time. */
  lateness(k: Kline): Lateness | undefined {
    const nowMs = this.nowMs();
    const closedAtMs = klineEndMs(k);
    if (nowMs === undefined || nowMs - closedAtMs <= LATE_AFTER_MS) return undefined;
    return { lateByMs: nowMs - closedAtMs, closedAtMs, lastPrice: this.lastClose.get(k.symbol)?.price ?? k.close };
  }

  /**
   * The newest closed 30m close delivered for `symbol` and its candle's end: the price /open and the
   * dashboard mark trades to. Forming candles are not parsed (the hot path's budget), so this is it.
   */
  markPrice(symbol: string): MarkPrice | undefined {
    return this.lastClose.get(symbol);
  }

  /** A symbol left the universe. */
  forget(symbol: string): void {
    this.lastClose.delete(symbol);
  }
}
