import { INTERVAL_MS, INTERVALS, klineEndMs, type Interval, type Kline } from '../../domain/kline.js';

/** The clock interval: a symbol's steps are its closed 30m candles. */
const STEP_MS = INTERVAL_MS['30m'];

/**
 * When a symbol's candles start to be processed as steps (tracked and scanned) rather than only
 * warming its windows: after `fromMs`. `resume` marks a start from the symbol's stored scan cursor
 * (a restart), whose catch-up must run in event order with every other resuming symbol.
 */
export interface LiveStart {
  readonly fromMs: number;
  readonly resume: boolean;
}

/**
 * How a symbol takes part in the cross-symbol order:
 * - `warming`: its live start is unknown, or it has not delivered up to the watermark yet (a symbol
 *   joining the universe); its candles go out in its own event order and hold no one;
 * - `active`: its candles go out in (end, symbol) order with every active symbol's, and the
 *   watermark waits for it;
 * - `late`: declared late after holding the others too long; its candles go out in its own order
 *   until it has caught up with the watermark, then it is active again.
 */
export type LaneRole = 'warming' | 'active' | 'late';

/** A first-in first-out queue that does not copy on every shift. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.head += 1;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * One symbol's closed candles waiting to go out, per interval in arrival order (the series gate
 * delivers each series in order and without holes), and how far the symbol has delivered.
 */
export class SymbolLane {
  role: LaneRole = 'warming';
  start: LiveStart | undefined;
  private readonly queues: Record<Interval, Fifo<Kline>> = { '1d': new Fifo(), '4h': new Fifo(), '30m': new Fifo() };
  /** End of the newest candle delivered, per interval. */
  private readonly delivered: Record<Interval, number | undefined> = { '1d': undefined, '4h': undefined, '30m': undefined };

  constructor(readonly symbol: string) {}

  push(k: Kline): void {
    this.queues[k.interval].push(k);
    const endMs = klineEndMs(k);
    const seen = this.delivered[k.interval];
    if (seen === undefined || endMs > seen) this.delivered[k.interval] = endMs;
  }

  /**
   * The latest 30m end E such that every candle of this symbol ending at or before E has been
   * delivered: the 30m series reached E, and no 4h or 1d candle ending at or before E is still to
   * come (the next one of each ends after E). Undefined until every interval delivered a candle.
   */
  frontierMs(): number | undefined {
    let frontier = this.delivered['30m'];
    if (frontier === undefined) return undefined;
    for (const interval of HIGHER) {
      const seen = this.delivered[interval];
      if (seen === undefined) return undefined;
      frontier = Math.min(frontier, seen + INTERVAL_MS[interval] - STEP_MS);
    }
    return frontier;
  }

  /**
   * How far the watermark may go for this symbol: its frontier, or its live start when that is
   * later (it has no step at or before its start: those were processed before a restart, or are
   * history). −∞ while neither is known.
   */
  promiseMs(): number {
    return Math.max(this.frontierMs() ?? -Infinity, this.start?.fromMs ?? -Infinity);
  }

  /**
   * Whether it has delivered its history up to its live start: its next 30m candle is a step. A
   * joining symbol takes part in the cross-symbol order only from then on (its warm-up history
   * arrives in bursts, one series after another).
   */
  isCaughtUp(): boolean {
    const frontier = this.frontierMs();
    return this.start !== undefined && frontier !== undefined && frontier + STEP_MS > this.start.fromMs;
  }

  /** End of the next candle in event order, or undefined when nothing waits. */
  peekEndMs(): number | undefined {
    const next = this.peek();
    return next === undefined ? undefined : klineEndMs(next);
  }

  /** Takes the next candle in event order: by end, then 1d, 4h, 30m. */
  shift(): Kline | undefined {
    const next = this.peek();
    if (next !== undefined) this.queues[next.interval].shift();
    return next;
  }

  /** Candles waiting. */
  get size(): number {
    return this.queues['1d'].size + this.queues['4h'].size + this.queues['30m'].size;
  }

  private peek(): Kline | undefined {
    let best: Kline | undefined;
    let bestEnd = Infinity;
    // INTERVALS is 1d, 4h, 30m: a strict comparison keeps the higher interval first on equal ends.
    for (const interval of INTERVALS) {
      const head = this.queues[interval].peek();
      if (head === undefined) continue;
      const endMs = klineEndMs(head);
      if (endMs < bestEnd) {
        best = head;
        bestEnd = endMs;
      }
    }
    return best;
  }
}

const HIGHER: readonly Interval[] = ['4h', '1d'];
