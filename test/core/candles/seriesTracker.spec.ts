import { describe, expect, it } from 'vitest';
import { SeriesTracker } from '../../../src/core/candles/seriesTracker.js';
import { exampleKlines, formingOf } from './support/exampleKlines.js';

const k = exampleKlines('SOLUSDT', '4h').slice(100, 120);
const eth = exampleKlines('ETHUSDT', '4h').slice(100, 120);
const open = (i: number) => k[i]!.openTimeMs;
const settled = (from: number, through: number) =>
  ({ kind: 'settled', symbol: 'SOLUSDT', interval: '4h', fromOpenTimeMs: from, throughOpenTimeMs: through }) as const;

describe('SeriesTracker', () => {
  it('accepts the first candle of a series with no history, then the next in sequence', () => {
    const t = new SeriesTracker();
    expect(t.accept(k[3]!).emit, 'first candle').toEqual([k[3]]);
    expect(t.accept(k[4]!).emit, 'next in sequence').toEqual([k[4]]);
    expect(t.lastOpenTimeMs('SOLUSDT', '4h'), 'last emitted').toBe(open(4));
  });

  it('drops duplicates and older candles, and ignores forming candles', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    t.accept(k[1]!);
    expect(t.accept(k[1]!).dropped?.reason, 'same candle twice').toBe('duplicate');
    expect(t.accept(k[0]!).dropped?.reason, 'older candle').toBe('duplicate');
    expect(t.accept(formingOf(k[2]!)), 'forming candle').toEqual({ emit: [], missing: [] });
    expect(t.accept(k[2]!).emit, 'its close still passes').toEqual([k[2]]);
  });

  it('holds a candle after a hole, reports the hole, and releases in order when it fills', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    const held = t.accept(k[3]!);
    expect(held.emit, 'nothing passes over a hole').toEqual([]);
    expect(held.gap, 'the hole').toEqual({ symbol: 'SOLUSDT', interval: '4h', fromOpenTimeMs: open(1), toOpenTimeMs: open(2) });
    expect(t.accept(k[2]!).gap, 'still open: reported again').toEqual({ ...held.gap, toOpenTimeMs: open(1) });
    const filled = t.accept(k[1]!);
    expect(filled.emit, 'released in order').toEqual([k[1], k[2], k[3]]);
    expect(filled.gap, 'no hole left').toBeUndefined();
    expect(t.heldCount(), 'nothing held').toBe(0);
  });

  it('reports the next hole once the first one fills', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    t.accept(k[2]!);
    t.accept(k[5]!);
    const out = t.accept(k[1]!);
    expect(out.emit, 'up to the second hole').toEqual([k[1], k[2]]);
    expect(out.gap, 'second hole').toEqual({ symbol: 'SOLUSDT', interval: '4h', fromOpenTimeMs: open(3), toOpenTimeMs: open(4) });
  });

  it('releases past a hole only when REST settled that range empty, and reports it missing', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    t.accept(k[4]!);
    t.accept(k[5]!);
    expect(t.notice(settled(open(3), open(5))).emit, 'a settled range that does not start at the hole proves nothing').toEqual([]);
    const out = t.notice(settled(open(1), open(6)));
    expect(out.missing, 'the confirmed-empty hole').toEqual([{ symbol: 'SOLUSDT', interval: '4h', fromOpenTimeMs: open(1), toOpenTimeMs: open(3) }]);
    expect(out.emit, 'held candles released in order').toEqual([k[4], k[5]]);
  });

  it('skips only the settled part of a longer hole and keeps asking for the rest', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    t.accept(k[6]!);
    const out = t.notice(settled(open(1), open(2)));
    expect(out.missing.map((g) => g.toOpenTimeMs), 'only what REST covered').toEqual([open(2)]);
    expect(out.gap, 'the rest lies after the settled range: not asked at once').toBeUndefined();
    expect(t.accept(k[7]!).gap, 'the next candle asks for the rest').toEqual({ symbol: 'SOLUSDT', interval: '4h', fromOpenTimeMs: open(3), toOpenTimeMs: open(5) });
  });

  it('after begin holds everything until settled, then starts at the oldest held candle', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    t.accept(k[1]!);
    t.notice({ kind: 'begin', symbol: 'SOLUSDT', interval: '4h' });
    expect(t.accept(k[9]!).emit, 'socket candle during warm-up is held').toEqual([]);
    for (const c of k.slice(2, 9)) expect(t.accept(c).gap, 'no gap while awaiting').toBeUndefined();
    const out = t.notice(settled(open(5), open(8)));
    expect(out.emit, 'the replay, from its oldest candle').toEqual(k.slice(2, 10));
  });

  it('after a failed backfill releases what it can, and asks for the hole again with the next candle', () => {
    const t = new SeriesTracker();
    t.notice({ kind: 'begin', symbol: 'SOLUSDT', interval: '4h' });
    t.accept(k[2]!);
    t.accept(k[5]!);
    const out = t.notice({ kind: 'failed', symbol: 'SOLUSDT', interval: '4h' });
    expect(out.emit, 'what is contiguous').toEqual([k[2]]);
    expect(out.missing, 'nothing is declared missing without REST saying so').toEqual([]);
    expect(out.gap, 'no immediate retry: that would hammer a failing REST').toBeUndefined();
    expect(t.accept(k[6]!).gap?.fromOpenTimeMs, 'the next candle asks for the hole again').toBe(open(3));
  });

  it('does not ask again for a hole after the settled range (a lagging server clock), only for one before it', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    t.accept(k[5]!);
    expect(t.notice(settled(open(1), open(0))).gap, 'hole after through: wait for the next candle').toBeUndefined();
    expect(t.notice(settled(open(3), open(4))).gap, 'hole before from: REST was not asked, ask')
      .toEqual({ symbol: 'SOLUSDT', interval: '4h', fromOpenTimeMs: open(1), toOpenTimeMs: open(4) });
  });

  it('keeps series apart', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    expect(t.accept(eth[5]!).emit, 'another symbol starts its own sequence').toEqual([eth[5]]);
    expect(t.accept(k[1]!).emit, 'the first series goes on').toEqual([k[1]]);
  });

  it('drops a candle whose open time is off the interval grid', () => {
    const t = new SeriesTracker();
    t.accept(k[0]!);
    const odd = { ...k[1]!, openTimeMs: open(1) + 60_000 };
    expect(t.accept(odd).dropped?.reason, 'misaligned').toBe('misaligned');
  });
});
