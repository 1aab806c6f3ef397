import { INTERVAL_MS, type Interval, type Kline, klineEndMs } from '../../domain/kline.js';

/** The higher intervals a 30m scan reads; a 30m candle waits for theirs when they close at the same moment. */
const HIGHER: readonly Interval[] = ['1d', '4h'];

interface SymbolQueue {
  /** End time of the newest closed candle seen, per higher interval. */
  readonly lastEndMs: Map<Interval, number>;
  /** 30m candles waiting, oldest first. */
  readonly waiting: Kline[];
}

/**
 * Orders closed candles so that each 30m candle comes after every 4h and 1d candle of its symbol
 * that ends at or before it (MODELS.md "When a scan runs"): a 30m candle that closes exactly when a
 * 4h or 1d candle closes waits for that candle. Other candles pass straight through. Pure: the Rx
 * shell decides when a wait has lasted too long ({@link release}).
 */
export class IntervalAligner {
  private readonly symbols = new Map<string, SymbolQueue>();

  /** Takes one closed candle; returns the candles now ready, in order. */
  push(k: Kline): Kline[] {
    const q = this.queue(k.symbol);
    if (k.interval !== '30m') {
      q.lastEndMs.set(k.interval, Math.max(q.lastEndMs.get(k.interval) ?? 0, klineEndMs(k)));
      return [k, ...this.drain(q)];
    }
    q.waiting.push(k);
    return this.drain(q);
  }

  /** 30m candles of `symbol` still waiting for a higher-interval candle. */
  pending(symbol: string): readonly Kline[] {
    return this.symbols.get(symbol)?.waiting ?? [];
  }

  /** Gives up waiting for `symbol` (its higher candle is late): returns the held candles in order. */
  release(symbol: string): Kline[] {
    const q = this.symbols.get(symbol);
    if (!q) return [];
    return q.waiting.splice(0, q.waiting.length);
  }

  /** Forgets a symbol that left the universe. */
  forget(symbol: string): void {
    this.symbols.delete(symbol);
  }

  private drain(q: SymbolQueue): Kline[] {
    let ready = 0;
    while (ready < q.waiting.length && this.isReady(q, q.waiting[ready]!)) ready += 1;
    return q.waiting.splice(0, ready);
  }

  private isReady(q: SymbolQueue, k: Kline): boolean {
    const endMs = klineEndMs(k);
    return HIGHER.every((interval) => endMs % INTERVAL_MS[interval] !== 0 || (q.lastEndMs.get(interval) ?? -Infinity) >= endMs);
  }

  private queue(symbol: string): SymbolQueue {
    let q = this.symbols.get(symbol);
    if (!q) {
      q = { lastEndMs: new Map(), waiting: [] };
      this.symbols.set(symbol, q);
    }
    return q;
  }
}
