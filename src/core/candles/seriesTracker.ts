import { INTERVAL_MS, seriesKey, type Interval, type Kline } from '../../domain/kline.js';
import type { GapRequest, SeriesNotice } from './gateInput.js';

/** Why a candle was not passed on. */
export type DropReason = 'duplicate' | 'misaligned';

/** What one input did: candles to pass on (in order), a drop, a hole to backfill, holes given up on. */
export interface TrackerOutcome {
  readonly emit: readonly Kline[];
  readonly dropped?: { readonly kline: Kline; readonly reason: DropReason };
  /** The first hole still open in this series, when the input left candles held behind it. */
  readonly gap?: GapRequest;
  /** Holes REST confirmed empty: skipped, never invented. A defect to log and count. */
  readonly missing: readonly GapRequest[];
}

interface SeriesState {
  /** Open time of the last closed candle passed on; undefined before the first. */
  last: number | undefined;
  /** After `begin`: hold everything until the backfill settles. */
  awaiting: boolean;
  /** Closed candles after a hole, by open time. */
  readonly held: Map<number, Kline>;
}

const NOTHING: TrackerOutcome = { emit: [], missing: [] };

/**
 * Per (symbol, interval) series, the open time of the last closed candle passed on, and the
 * candles held behind a hole. Guarantees each closed candle leaves once, in open-time order, with
 * no hole except one REST confirmed empty. Pure: no Rx, no I/O, no clock.
 */
export class SeriesTracker {
  private readonly series = new Map<string, SeriesState>();

  /** Number of candles held behind holes, over all series. */
  heldCount(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.held.size;
    return n;
  }

  /** Open time of the last candle passed on for a series, or undefined. */
  lastOpenTimeMs(symbol: string, interval: Interval): number | undefined {
    return this.series.get(seriesKey(symbol, interval))?.last;
  }

  /** Decides for one candle; a forming candle (closed=false) is ignored. */
  accept(k: Kline): TrackerOutcome {
    if (!k.closed) return NOTHING;
    const s = this.state(k.symbol, k.interval);
    const step = INTERVAL_MS[k.interval];
    if (s.last !== undefined && (k.openTimeMs - s.last) % step !== 0) {
      return { emit: [], missing: [], dropped: { kline: k, reason: 'misaligned' } };
    }
    if ((s.last !== undefined && k.openTimeMs <= s.last) || s.held.has(k.openTimeMs)) {
      return { emit: [], missing: [], dropped: { kline: k, reason: 'duplicate' } };
    }
    if (s.awaiting) {
      s.held.set(k.openTimeMs, k);
      return NOTHING;
    }
    if (s.last === undefined) s.last = k.openTimeMs - step;
    s.held.set(k.openTimeMs, k);
    const emit = release(s, step);
    return withGap({ emit, missing: [] }, s, k.symbol, k.interval, step);
  }

  /** Applies a backfill notice (see {@link SeriesNotice}). */
  notice(n: SeriesNotice): TrackerOutcome {
    const step = INTERVAL_MS[n.interval];
    if (n.kind === 'begin') {
      this.series.set(seriesKey(n.symbol, n.interval), { last: undefined, awaiting: true, held: new Map() });
      return NOTHING;
    }
    const s = this.state(n.symbol, n.interval);
    s.awaiting = false;
    if (s.held.size === 0) return NOTHING;
    if (s.last === undefined) s.last = firstHeld(s) - step;
    const emit = release(s, step);
    const missing: GapRequest[] = [];
    if (n.kind === 'settled') {
      for (;;) {
        if (s.held.size === 0) break;
        const holeFrom = s.last + step;
        const holeTo = firstHeld(s) - step;
        if (holeFrom < n.fromOpenTimeMs || holeFrom > n.throughOpenTimeMs) break;
        const skipTo = Math.min(holeTo, n.throughOpenTimeMs);
        missing.push({ symbol: n.symbol, interval: n.interval, fromOpenTimeMs: holeFrom, toOpenTimeMs: skipTo });
        s.last = skipTo;
        emit.push(...release(s, step));
      }
    }
    // Ask again only for a hole this run was not asked about; a hole after `through` (or after a
    // failed run) waits for the next held candle, so a lagging server clock cannot cause a hot loop.
    const askAgain = n.kind === 'settled' && s.last !== undefined && s.last + step < n.fromOpenTimeMs;
    const out = { emit, missing };
    return askAgain ? withGap(out, s, n.symbol, n.interval, step) : out;
  }

  private state(symbol: string, interval: Interval): SeriesState {
    const key = seriesKey(symbol, interval);
    let s = this.series.get(key);
    if (!s) {
      s = { last: undefined, awaiting: false, held: new Map() };
      this.series.set(key, s);
    }
    return s;
  }
}

/** Passes on the held candles that follow `last` without a hole. */
function release(s: SeriesState, step: number): Kline[] {
  const out: Kline[] = [];
  if (s.last === undefined) return out;
  for (let next = s.held.get(s.last + step); next; next = s.held.get(s.last + step)) {
    s.held.delete(next.openTimeMs);
    s.last = next.openTimeMs;
    out.push(next);
  }
  return out;
}

function firstHeld(s: SeriesState): number {
  let min = Infinity;
  for (const t of s.held.keys()) if (t < min) min = t;
  return min;
}

/** Every time candles stay held, the first hole is reported again: a failed backfill gets retried. */
function withGap(out: TrackerOutcome, s: SeriesState, symbol: string, interval: Interval, step: number): TrackerOutcome {
  if (s.awaiting || s.held.size === 0 || s.last === undefined) return out;
  return { ...out, gap: { symbol, interval, fromOpenTimeMs: s.last + step, toOpenTimeMs: firstHeld(s) - step } };
}
