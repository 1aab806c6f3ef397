import type { Logger } from 'pino';
import { klineEndMs, type Kline } from '../domain/kline.js';

export interface LiveCursorsDeps {
  /** The symbol's stored scan cursor (end of its last committed 30m candle). */
  readonly storedCursor: (symbol: string) => number | undefined;
  /** Binance's clock, read when a symbol joins. */
  readonly serverTimeMs: () => Promise<number>;
  readonly logger: Logger;
}

/**
 * Decides which 30m candles of a symbol are processed (tracked and scanned) rather than only
 * warming its windows: those after a per-symbol start time.
 * - Symbols of the first universe resume at their stored cursor: a restart catches up every candle
 *   it missed, and lands on the state an uninterrupted run would have.
 * - A symbol joining later (rotation) starts at the exchange's time of joining, so its warm-up
 *   history raises no late signals.
 * Until the start time is known, the symbol's candles only warm its windows.
 */
export class LiveCursors {
  private readonly fromMs = new Map<string, number>();
  private first = true;

  constructor(private readonly deps: LiveCursorsDeps) {}

  onUniverse(symbols: ReadonlySet<string>): void {
    for (const symbol of this.fromMs.keys()) if (!symbols.has(symbol)) this.fromMs.delete(symbol);
    for (const symbol of symbols) {
      if (this.fromMs.has(symbol)) continue;
      const stored = this.first ? this.deps.storedCursor(symbol) : undefined;
      if (stored !== undefined) this.fromMs.set(symbol, stored);
      else this.startAtServerTime(symbol);
    }
    this.first = false;
  }

  isLive(k: Kline): boolean {
    const from = this.fromMs.get(k.symbol);
    return from !== undefined && klineEndMs(k) > from;
  }

  private startAtServerTime(symbol: string): void {
    this.deps.serverTimeMs().then(
      (t) => {
        if (!this.fromMs.has(symbol)) this.fromMs.set(symbol, t);
      },
      (err: unknown) => this.deps.logger.warn({ err, symbol }, 'server time unavailable, symbol only warms its windows'),
    );
  }
}
