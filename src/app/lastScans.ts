import type { CandleStep } from '../core/desk/candleStep.js';
import type { Interval } from '../domain/kline.js';
import type { Candidate, Signal } from '../domain/signal.js';

/**
 * What the last processed 30m candle of a symbol did in the scan: skipped (not warm yet, or an
 * open trade: one trade per symbol), or scored, with every model's candidate (whatever its score)
 * and the decisions as recorded (gated, sized, counted). What `/why` explains.
 */
export interface LastScan {
  readonly symbol: string;
  readonly interval: Interval;
  /** The scanned candle's end (close time + 1). */
  readonly endMs: number;
  readonly skipped?: 'notWarm' | 'openTrade';
  readonly candidates: readonly Candidate[];
  readonly decisions: readonly Signal[];
}

/**
 * The last scan of each symbol, kept in memory by the live bot (one map entry per watched symbol,
 * replaced each 30m candle: no allocation beyond the step's own lists). Lost at a restart; `/why`
 * then falls back to the stored decisions.
 */
export class LastScans {
  private readonly bySymbol = new Map<string, LastScan>();

  /** Records a committed step; `hasOpenTrade` is whether the symbol holds a trade after it. */
  record(step: CandleStep, hasOpenTrade: boolean): void {
    const { kline } = step;
    // A trade open before this candle (none opened or closed on it) means the scan was skipped.
    const openTrade = step.warm && hasOpenTrade && step.opened.length === 0 && step.closedTrade === null;
    const skipped = !step.warm ? 'notWarm' : openTrade ? 'openTrade' : undefined;
    this.bySymbol.set(kline.symbol, {
      symbol: kline.symbol, interval: kline.interval, endMs: kline.closeTimeMs + 1,
      ...(skipped === undefined ? {} : { skipped }),
      candidates: step.candidates, decisions: step.decisions,
    });
  }

  get(symbol: string): LastScan | undefined {
    return this.bySymbol.get(symbol);
  }

  /** Forgets symbols that left the universe. */
  keepOnly(symbols: ReadonlySet<string>): void {
    for (const s of this.bySymbol.keys()) if (!symbols.has(s)) this.bySymbol.delete(s);
  }
}
