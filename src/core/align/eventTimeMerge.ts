import type { SymbolHalt } from '../../domain/halt.js';
import { INTERVAL_MS, type Kline } from '../../domain/kline.js';
import { SymbolLane, type LiveStart } from './symbolLane.js';

export type { LaneRole, LiveStart } from './symbolLane.js';

/** Where the merge puts what it releases. */
export interface EventTimeMergeSink {
  /** The next candle in event order. */
  emit(k: Kline): void;
  /**
   * Every candle of every active symbol ending at or before `throughMs` has been emitted: the
   * watermark passed it. Called after each group of equal ends and when the watermark moves.
   */
  advance?(throughMs: number): void;
  /** A symbol declared late has caught up with the watermark and is active again. */
  caughtUp?(symbol: string): void;
  /** A symbol stopped trading ({@link EventTimeMerge.end}): after its last candle, nothing more of it. */
  halt?(halt: SymbolHalt): void;
}

const STEP_MS = INTERVAL_MS['30m'];

const bySymbol = (a: SymbolLane, b: SymbolLane): number => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);

/**
 * Puts the closed candles of many symbols into event order (MODELS.md reading 2), whatever order
 * they arrive in: per symbol by end, 1d, 4h, 30m (a 4h or 1d candle joins its window only with
 * the 30m step ending with it, never before the steps ending earlier); across the active symbols
 * by (end, symbol), released up to a watermark, the latest end every active symbol has delivered.
 *
 * Who holds the watermark: a symbol resuming from its scan cursor (a restart) from the start, so
 * no catch-up step runs before every resuming symbol's catch-up candles are in; a symbol joining
 * later only once it is warm and has reached the watermark. A symbol holding the others too long
 * is declared late by the caller ({@link declareLate}); it goes on in its own order and is active
 * again once it has caught up. Pure: no clock, no Rx; the caller decides when a wait is too long.
 */
export class EventTimeMerge {
  private readonly lanes = new Map<string, SymbolLane>();
  /** The active lanes, sorted by symbol. */
  private active: SymbolLane[] = [];
  private watermark: number | undefined;
  private advancedTo: number | undefined;
  private releasing = false;
  private readonly leaving: string[] = [];
  private readonly ending: SymbolHalt[] = [];
  private buffered = 0;
  /** The highest promise of the active lanes: someone is ahead of the watermark when it is above. */
  private aheadMs = -Infinity;

  constructor(private readonly sink: EventTimeMergeSink) {}

  /** The latest end up to which the active symbols' candles have been released; undefined before the first. */
  get watermarkMs(): number | undefined {
    return this.watermark;
  }

  /** Symbols declared late that have not caught up yet, sorted. */
  lateSymbols(): string[] {
    return [...this.lanes.values()].filter((l) => l.role === 'late').map((l) => l.symbol).sort();
  }

  /** Candles waiting in the merge. */
  bufferedCount(): number {
    return this.buffered;
  }

  /**
   * Whether an active symbol has delivered past the watermark while others hold it (O(1)). Candles
   * end on the 30m grid: a promise that is only a later live start (a server time inside the same
   * period, as symbols join one after another during a cold start) is no candle anyone waits for.
   */
  isHeld(): boolean {
    return this.watermark !== undefined && Math.floor(this.aheadMs / STEP_MS) * STEP_MS > this.watermark;
  }

  /**
   * A symbol's live start became known. A resuming symbol holds the watermark at once, before it
   * delivered anything: its catch-up runs in order with everyone's.
   */
  start(symbol: string, start: LiveStart): void {
    const lane = this.lane(symbol);
    if (lane.start !== undefined) return;
    lane.start = start;
    if (start.resume && lane.role === 'warming') this.activate(lane);
    else this.settle(lane, lane.promiseMs());
  }

  /** Takes one closed candle; each series must arrive in order, each candle once (the series gate's output). */
  push(k: Kline): void {
    const lane = this.lane(k.symbol);
    const before = lane.promiseMs();
    lane.push(k);
    this.buffered += 1;
    this.settle(lane, before);
  }

  /** A symbol left the universe: its waiting candles are dropped and it holds no one any more. */
  forget(symbol: string): void {
    if (this.releasing) {
      this.leaving.push(symbol);
      return;
    }
    const lane = this.lanes.get(symbol);
    if (!lane) return;
    this.lanes.delete(symbol);
    this.buffered -= lane.size;
    if (lane.role === 'active') {
      this.active = this.active.filter((l) => l !== lane);
      this.aheadMs = Math.max(-Infinity, ...this.active.map((l) => l.promiseMs()));
      this.moveWatermark();
    }
  }

  /**
   * A symbol stopped trading: it will deliver nothing more, so it holds no one any more. What it
   * delivered and still waits here goes out now in its own event order (a symbol that stopped is
   * normally the one holding the watermark or late, so nothing of the others is passed over), then
   * its halt, then the watermark moves on without it. A symbol without a lane gets its halt at once.
   */
  end(halt: SymbolHalt): void {
    if (this.releasing) {
      this.ending.push(halt);
      return;
    }
    const lane = this.lanes.get(halt.symbol);
    const wasActive = lane?.role === 'active';
    this.releasing = true;
    try {
      if (lane !== undefined) {
        this.lanes.delete(halt.symbol);
        this.drain(lane, Infinity);
        if (wasActive) {
          this.active = this.active.filter((l) => l !== lane);
          this.aheadMs = Math.max(-Infinity, ...this.active.map((l) => l.promiseMs()));
        }
      }
      this.sink.halt?.(halt);
    } finally {
      this.releasing = false;
    }
    if (wasActive) this.moveWatermark();
    this.afterRelease();
  }

  /** The active symbols holding the watermark while another active symbol has delivered past it. */
  holding(): string[] {
    const w = this.watermark;
    if (w === undefined || !this.isHeld()) return [];
    return this.active.filter((l) => l.promiseMs() <= w).map((l) => l.symbol);
  }

  /** Declares the symbols {@link holding} the watermark late, so the others go on; returns them. */
  declareLate(): string[] {
    const late = this.holding();
    if (late.length === 0) return late;
    const names = new Set(late);
    for (const lane of this.active) if (names.has(lane.symbol)) lane.role = 'late';
    this.active = this.active.filter((l) => l.role === 'active');
    this.aheadMs = Math.max(-Infinity, ...this.active.map((l) => l.promiseMs()));
    this.moveWatermark();
    // A late symbol goes on in its own order with what it has.
    for (const symbol of late) this.releaseOwn(this.lanes.get(symbol)!);
    return late;
  }

  /** End of input: nothing more can arrive, so everything waiting goes out in event order. */
  flush(): void {
    for (const lane of this.lanes.values()) if (lane.role !== 'active') this.drain(lane, Infinity);
    this.releaseActive(Infinity);
  }

  private settle(lane: SymbolLane, promiseBefore: number): void {
    if (lane.role === 'active') {
      this.aheadMs = Math.max(this.aheadMs, lane.promiseMs());
      // Only the symbols at the watermark can move it.
      if (lane.promiseMs() !== promiseBefore && promiseBefore <= (this.watermark ?? -Infinity)) this.moveWatermark();
      // What it still has at or under the watermark is history of a resuming symbol (up to its
      // cursor, never a step): its own order is enough.
      else this.drain(lane, this.watermark ?? -Infinity);
      return;
    }
    if (lane.isCaughtUp() && (this.watermark === undefined || lane.promiseMs() >= this.watermark)) {
      // Its history (up to its live start) goes out in its own order first: no step, no mark.
      this.drain(lane, lane.start!.fromMs);
      const wasLate = lane.role === 'late';
      this.activate(lane);
      if (wasLate) this.sink.caughtUp?.(lane.symbol);
      return;
    }
    this.releaseOwn(lane);
  }

  private activate(lane: SymbolLane): void {
    lane.role = 'active';
    this.active = [...this.active, lane].sort(bySymbol);
    this.aheadMs = Math.max(this.aheadMs, lane.promiseMs());
    this.moveWatermark();
    // Candles it delivered ahead of its frontier may already be at or under the watermark.
    this.releaseActive();
  }

  /** Recomputes the watermark (it never goes back) and releases what it allows. */
  private moveWatermark(): void {
    if (this.active.length === 0) return;
    let min = Infinity;
    for (const lane of this.active) min = Math.min(min, lane.promiseMs());
    if (min === -Infinity || (this.watermark !== undefined && min <= this.watermark)) return;
    this.watermark = min;
    this.releaseActive();
  }

  /** Releases the active lanes' candles up to the watermark (or `w`) in (end, symbol, interval) order. */
  private releaseActive(w = this.watermark): void {
    if (w === undefined || this.releasing) return;
    this.releasing = true;
    try {
      for (;;) {
        let next = Infinity;
        for (const lane of this.active) {
          const endMs = lane.peekEndMs();
          if (endMs !== undefined && endMs < next) next = endMs;
        }
        if (next === Infinity || next > w) break;
        for (const lane of this.active) while (lane.peekEndMs() === next) this.emitNext(lane);
        this.advance(next);
      }
      if (w !== Infinity) this.advance(w);
    } finally {
      this.releasing = false;
    }
    this.afterRelease();
  }

  /** What was asked while candles were going out: symbols leaving, then symbols that stopped. */
  private afterRelease(): void {
    for (const symbol of this.leaving.splice(0)) this.forget(symbol);
    for (const halt of this.ending.splice(0)) this.end(halt);
  }

  /** A lane outside the order releases what it has delivered completely, in its own event order. */
  private releaseOwn(lane: SymbolLane): void {
    this.drain(lane, lane.frontierMs() ?? -Infinity);
  }

  private drain(lane: SymbolLane, throughMs: number): void {
    for (let endMs = lane.peekEndMs(); endMs !== undefined && endMs <= throughMs; endMs = lane.peekEndMs()) this.emitNext(lane);
  }

  private emitNext(lane: SymbolLane): void {
    this.buffered -= 1;
    this.sink.emit(lane.shift()!);
  }

  private advance(throughMs: number): void {
    if (this.advancedTo !== undefined && throughMs <= this.advancedTo) return;
    this.advancedTo = throughMs;
    this.sink.advance?.(throughMs);
  }

  private lane(symbol: string): SymbolLane {
    let lane = this.lanes.get(symbol);
    if (!lane) {
      lane = new SymbolLane(symbol);
      this.lanes.set(symbol, lane);
    }
    return lane;
  }
}
