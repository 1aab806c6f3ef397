import { describe, expect, it } from 'vitest';
import { EventTimeMerge } from '../../../src/core/align/eventTimeMerge.js';
import { compareReplayOrder } from '../../../src/backtest/replayOrder.js';
import { INTERVAL_MS, klineEndMs, type Interval, type Kline } from '../../../src/domain/kline.js';
import type { SymbolHalt } from '../../../src/domain/halt.js';

const DAY = Date.UTC(2025, 6, 1); // a 1d, 4h and 30m boundary
const M30 = INTERVAL_MS['30m'];

function k(symbol: string, interval: Interval, endMs: number): Kline {
  return {
    symbol, interval, openTimeMs: endMs - INTERVAL_MS[interval], closeTimeMs: endMs - 1,
    open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 0, trades: 0, closed: true,
  };
}

/** `BTC 30m +3` style names of what came out, ends in 30m periods after DAY. */
const names = (out: readonly Kline[]) => out.map((c) => `${c.symbol} ${c.interval} +${(klineEndMs(c) - DAY) / M30}`);

/** The 1d, 4h and 30m candles of `symbol` that end at or before `throughMs` and after `afterMs`. */
function series(symbol: string, afterMs: number, throughMs: number): Kline[] {
  const out: Kline[] = [];
  for (const interval of ['1d', '4h', '30m'] as const) {
    const step = INTERVAL_MS[interval];
    for (let end = Math.ceil((afterMs + 1) / step) * step; end <= throughMs; end += step) out.push(k(symbol, interval, end));
  }
  return out;
}

function setup() {
  const out: Kline[] = [];
  const marks: number[] = [];
  const caughtUp: string[] = [];
  const merge = new EventTimeMerge({ emit: (c) => out.push(c), advance: (ms) => marks.push(ms), caughtUp: (s) => caughtUp.push(s) });
  return { merge, out, marks, caughtUp };
}

describe('EventTimeMerge', () => {
  it('holds a 4h candle that arrives early until the 30m step ending with it, and a 30m step until its 4h candle', () => {
    const { merge, out } = setup();
    merge.start('BTC', { fromMs: DAY, resume: true });
    // The history that makes every interval known: the 1d and 4h candles ending at DAY and the 30m before.
    for (const c of series('BTC', DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    out.length = 0;
    merge.push(k('BTC', '4h', DAY + 8 * M30)); // early: another shard delivered the 4h candle first
    expect(names(out), 'a 4h candle from the future of every scan so far waits').toEqual([]);
    for (let i = 1; i <= 7; i += 1) merge.push(k('BTC', '30m', DAY + i * M30));
    expect(names(out).at(-1)).toBe('BTC 30m +7');
    expect(out.some((c) => c.interval === '4h'), 'no 4h candle before the step ending with it').toBe(false);
    merge.push(k('BTC', '30m', DAY + 8 * M30));
    expect(names(out).slice(-2)).toEqual(['BTC 4h +8', 'BTC 30m +8']);
  });

  it('makes a 30m step that closes with a 4h candle wait for that candle, however late it comes', () => {
    const { merge, out } = setup();
    merge.start('BTC', { fromMs: DAY, resume: true });
    for (const c of series('BTC', DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    for (let i = 1; i <= 7; i += 1) merge.push(k('BTC', '30m', DAY + i * M30));
    out.length = 0;
    merge.push(k('BTC', '30m', DAY + 8 * M30));
    merge.push(k('BTC', '30m', DAY + 9 * M30));
    expect(names(out), 'the 30m steps at and after the 4h close wait').toEqual([]);
    merge.push(k('BTC', '4h', DAY + 8 * M30));
    expect(names(out)).toEqual(['BTC 4h +8', 'BTC 30m +8', 'BTC 30m +9']);
  });

  it('runs the steps of all active symbols in (end, symbol) order, whatever order they arrive in', () => {
    const { merge, out } = setup();
    for (const s of ['SOL', 'BTC', 'ETH']) {
      merge.start(s, { fromMs: DAY, resume: true });
      for (const c of series(s, DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    }
    out.length = 0;
    merge.push(k('SOL', '30m', DAY + M30));
    merge.push(k('SOL', '30m', DAY + 2 * M30));
    merge.push(k('BTC', '30m', DAY + M30));
    expect(names(out), 'ETH has not delivered +1: nobody runs +1').toEqual([]);
    merge.push(k('ETH', '30m', DAY + M30));
    expect(names(out)).toEqual(['BTC 30m +1', 'ETH 30m +1', 'SOL 30m +1']);
    expect(merge.watermarkMs).toBe(DAY + M30);
  });

  it('replays a restart in the backtest order: nothing runs until every resuming symbol has caught up', () => {
    const { merge, out, marks } = setup();
    const cursor = DAY + 2 * M30;
    const now = DAY + 12 * M30;
    for (const s of ['BTC', 'ETH', 'SOL']) merge.start(s, { fromMs: cursor, resume: true });
    // Warm-ups arrive one series after the other, symbol by symbol, each from before the cursor to now.
    const all = ['ETH', 'SOL', 'BTC'].flatMap((s) => series(s, DAY - 3 * INTERVAL_MS['1d'], now));
    const bySeries = [...all].sort((a, b) => (a.symbol + a.interval).localeCompare(b.symbol + b.interval));
    for (const c of bySeries.filter((c) => c.symbol !== 'BTC')) merge.push(c);
    const early = out.filter((c) => klineEndMs(c) > cursor);
    expect(names(early), 'no catch-up candle before BTC has delivered its own').toEqual([]);
    for (const c of bySeries.filter((c) => c.symbol === 'BTC')) merge.push(c);
    const caughtUp = out.filter((c) => klineEndMs(c) > cursor);
    expect(names(caughtUp)).toEqual(names([...all].filter((c) => klineEndMs(c) > cursor).sort(compareReplayOrder)));
    expect(marks.at(-1)).toBe(now);
  });

  it('lets a symbol joining the universe hold no one until it is warm, then orders it with the others', () => {
    const { merge, out } = setup();
    merge.start('BTC', { fromMs: DAY, resume: true });
    for (const c of series('BTC', DAY - INTERVAL_MS['1d'], DAY + 2 * M30)) merge.push(c);
    merge.start('ETH', { fromMs: DAY + 2 * M30 + 60_000, resume: false });
    merge.push(k('BTC', '30m', DAY + 3 * M30));
    expect(names(out).at(-1), 'ETH has delivered nothing yet and holds no one').toBe('BTC 30m +3');
    for (const c of series('ETH', DAY - INTERVAL_MS['1d'], DAY + 3 * M30)) merge.push(c);
    expect(names(out).at(-1), "ETH's warm-up history goes out in its own order").toBe('ETH 30m +3');
    out.length = 0;
    merge.push(k('BTC', '30m', DAY + 4 * M30));
    expect(names(out), 'warm now: BTC waits for ETH').toEqual([]);
    merge.push(k('ETH', '30m', DAY + 4 * M30));
    expect(names(out)).toEqual(['BTC 30m +4', 'ETH 30m +4']);
  });

  it('regression: a joining symbol\'s warm-up, one series after another, moves no watermark until it reaches its live start', () => {
    const { merge, out, marks } = setup();
    const fromMs = DAY + 10 * M30 + 60_000;
    merge.start('BTC', { fromMs, resume: false });
    // The warm-up delivers the whole 1d series, then the 4h, then the 30m (each backfill settles alone).
    const history = series('BTC', DAY - 5 * INTERVAL_MS['1d'], DAY + 10 * M30);
    for (const c of [...history].sort((a, b) => a.interval.localeCompare(b.interval))) merge.push(c);
    expect(out, 'all of it goes out').toHaveLength(history.length);
    expect(marks, 'history is no step: the first mark is the live start').toEqual([fromMs]);
    expect(names(out), 'in its own event order, whatever order the series came in').toEqual(names([...out].sort(compareReplayOrder)));
  });

  it('declares the symbols holding the watermark late, goes on without them and takes them back once caught up', () => {
    const { merge, out, caughtUp } = setup();
    for (const s of ['BTC', 'ETH']) {
      merge.start(s, { fromMs: DAY, resume: true });
      for (const c of series(s, DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    }
    out.length = 0;
    expect(merge.holding(), 'nobody is ahead: nobody holds anyone').toEqual([]);
    merge.push(k('BTC', '30m', DAY + M30));
    merge.push(k('BTC', '30m', DAY + 2 * M30));
    expect(merge.holding()).toEqual(['ETH']);
    expect(merge.declareLate()).toEqual(['ETH']);
    expect(merge.lateSymbols()).toEqual(['ETH']);
    expect(names(out)).toEqual(['BTC 30m +1', 'BTC 30m +2']);
    merge.push(k('ETH', '30m', DAY + M30));
    expect(names(out).at(-1), 'a late symbol goes on in its own order').toBe('ETH 30m +1');
    expect(caughtUp).toEqual([]);
    merge.push(k('ETH', '30m', DAY + 2 * M30));
    expect(caughtUp, 'at the watermark again').toEqual(['ETH']);
    expect(merge.lateSymbols()).toEqual([]);
    out.length = 0;
    merge.push(k('ETH', '30m', DAY + 3 * M30));
    expect(names(out), 'active again: ETH waits for BTC').toEqual([]);
    merge.push(k('BTC', '30m', DAY + 3 * M30));
    expect(names(out)).toEqual(['BTC 30m +3', 'ETH 30m +3']);
  });

  it('regression: symbols joining at different moments of one 30m period hold nobody (a cold start of the whole market declared BTCUSDT late)', () => {
    const { merge } = setup();
    // BTC warms first and joins with the live start it was given; ETH joins 2 min later, its live
    // start (a server time, not a candle end) 2 min later too. Neither owes a candle before DAY + 30m.
    merge.start('BTC', { fromMs: DAY + 700, resume: false });
    for (const c of series('BTC', DAY - 60 * INTERVAL_MS['1d'], DAY)) merge.push(c);
    merge.start('ETH', { fromMs: DAY + 120_700, resume: false });
    for (const c of series('ETH', DAY - 60 * INTERVAL_MS['1d'], DAY)) merge.push(c);
    expect(merge.isHeld(), 'no candle can end between the two live starts').toBe(false);
    expect(merge.holding()).toEqual([]);
    merge.push(k('ETH', '30m', DAY + M30));
    expect(merge.holding(), 'once ETH delivered the next candle, BTC owes its own').toEqual(['BTC']);
  });

  it('releases the watermark when a symbol holding it leaves', () => {
    const { merge, out } = setup();
    for (const s of ['BTC', 'ETH']) {
      merge.start(s, { fromMs: DAY, resume: true });
      for (const c of series(s, DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    }
    out.length = 0;
    merge.push(k('BTC', '30m', DAY + M30));
    merge.forget('ETH');
    expect(names(out)).toEqual(['BTC 30m +1']);
    expect(merge.holding()).toEqual([]);
  });

  it('reports the watermark passing each end, after the candles ending there went out', () => {
    const seen: string[] = [];
    const merge = new EventTimeMerge({ emit: (c) => seen.push(names([c])[0]!), advance: (ms) => seen.push(`mark +${(ms - DAY) / M30}`) });
    merge.start('BTC', { fromMs: DAY, resume: true });
    for (const c of series('BTC', DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    seen.length = 0;
    merge.push(k('BTC', '30m', DAY + M30));
    merge.push(k('BTC', '30m', DAY + 2 * M30));
    expect(seen).toEqual(['BTC 30m +1', 'mark +1', 'BTC 30m +2', 'mark +2']);
  });

  it('flushes everything in event order at the end of input', () => {
    const { merge, out } = setup();
    merge.start('BTC', { fromMs: DAY, resume: true });
    merge.start('ETH', { fromMs: DAY, resume: true });
    const all = [...series('ETH', DAY - INTERVAL_MS['1d'], DAY + 3 * M30), ...series('BTC', DAY - INTERVAL_MS['1d'], DAY + M30)];
    for (const c of all) merge.push(c);
    merge.flush();
    expect(out).toHaveLength(all.length);
    const steps = out.filter((c) => klineEndMs(c) > DAY);
    expect(names(steps)).toEqual(names([...steps].sort(compareReplayOrder)));
  });
});

describe('EventTimeMerge: a symbol that stops trading', () => {
  /** Candles by name and halts as `HALT <symbol>`, in the order they came out. */
  function haltSetup() {
    const seen: string[] = [];
    const halts: SymbolHalt[] = [];
    const merge = new EventTimeMerge({
      emit: (c) => seen.push(names([c])[0]!),
      halt: (h) => {
        halts.push(h);
        seen.push(`HALT ${h.symbol}`);
      },
    });
    for (const s of ['BTC', 'ETH']) {
      merge.start(s, { fromMs: DAY, resume: true });
      for (const c of series(s, DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    }
    seen.length = 0;
    return { merge, seen, halts };
  }
  const halt = (symbol: string, lastCandle?: Kline): SymbolHalt => ({ kind: 'halt', symbol, status: 'SETTLING', lastCandle });

  it('a symbol holding the watermark: its halt comes out at once, before the steps of the others after its last candle', () => {
    const { merge, seen } = haltSetup();
    merge.push(k('ETH', '30m', DAY + M30));
    for (let i = 1; i <= 3; i += 1) merge.push(k('BTC', '30m', DAY + i * M30));
    expect(seen, 'ETH stopped after +1: BTC +2, +3 wait for it').toEqual(['BTC 30m +1', 'ETH 30m +1']);
    expect(merge.holding()).toEqual(['ETH']);
    merge.end(halt('ETH', k('ETH', '30m', DAY + M30)));
    expect(seen.slice(2), 'the halt in event order, then the watermark moves on without ETH').toEqual(['HALT ETH', 'BTC 30m +2', 'BTC 30m +3']);
    expect([merge.holding(), merge.watermarkMs], 'nobody holds BTC any more').toEqual([[], DAY + 3 * M30]);
  });

  it('a late symbol: what it delivered goes out first, in its own order, then its halt', () => {
    const { merge, seen, halts } = haltSetup();
    for (let i = 1; i <= 2; i += 1) merge.push(k('BTC', '30m', DAY + i * M30));
    expect(merge.declareLate()).toEqual(['ETH']);
    merge.push(k('ETH', '4h', DAY + 8 * M30)); // ahead of its 30m series: waits in the lane
    merge.push(k('ETH', '30m', DAY + M30));
    seen.length = 0;
    merge.end(halt('ETH'));
    expect(seen, 'its waiting candle, then the halt').toEqual(['ETH 4h +8', 'HALT ETH']);
    expect([merge.lateSymbols(), merge.bufferedCount()], 'no longer late, nothing waits').toEqual([[], 0]);
    expect(halts[0], 'the halt as given').toEqual(halt('ETH'));
  });

  it('a symbol ahead of the others: its candles waiting for the watermark go out before its halt', () => {
    const { merge, seen } = haltSetup();
    for (let i = 1; i <= 2; i += 1) merge.push(k('ETH', '30m', DAY + i * M30));
    expect(seen, 'ETH waits for BTC').toEqual([]);
    merge.end(halt('ETH'));
    expect(seen).toEqual(['ETH 30m +1', 'ETH 30m +2', 'HALT ETH']);
    merge.push(k('BTC', '30m', DAY + M30));
    expect(seen.at(-1), 'BTC alone holds the watermark now').toBe('BTC 30m +1');
  });

  it('a symbol it does not know gets its halt at once; forgetting it afterwards changes nothing', () => {
    const { merge, seen } = haltSetup();
    merge.end(halt('SOL'));
    expect(seen).toEqual(['HALT SOL']);
    merge.end(halt('ETH'));
    merge.forget('ETH');
    merge.push(k('BTC', '30m', DAY + M30));
    expect(seen, 'the universe dropping ETH after its halt').toEqual(['HALT SOL', 'HALT ETH', 'BTC 30m +1']);
  });

  it('a halt arriving while candles are being released waits until they are out', () => {
    const seen: string[] = [];
    let merge: EventTimeMerge | undefined;
    merge = new EventTimeMerge({
      emit: (c) => {
        seen.push(names([c])[0]!);
        if (c.symbol === 'BTC' && c.interval === '30m') merge!.end(halt('ETH'));
      },
      halt: (h) => seen.push(`HALT ${h.symbol}`),
    });
    for (const s of ['BTC', 'ETH']) {
      merge.start(s, { fromMs: DAY, resume: true });
      for (const c of series(s, DAY - INTERVAL_MS['1d'], DAY)) merge.push(c);
    }
    seen.length = 0;
    merge.push(k('ETH', '30m', DAY + M30));
    merge.push(k('BTC', '30m', DAY + M30));
    expect(seen, 'the +1 group goes out whole, then the halt').toEqual(['BTC 30m +1', 'ETH 30m +1', 'HALT ETH']);
  });
});
