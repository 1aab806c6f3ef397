import { describe, expect, it } from 'vitest';
import { WarmUpProgress } from '../../../src/core/candles/warmUpProgress.js';
import { INTERVALS } from '../../../src/domain/kline.js';

const begin = (symbol: string, interval: (typeof INTERVALS)[number]) => ({ kind: 'begin' as const, symbol, interval });
const settled = (symbol: string, interval: (typeof INTERVALS)[number]) =>
  ({ kind: 'settled' as const, symbol, interval, fromOpenTimeMs: 0, throughOpenTimeMs: 0 });

describe('WarmUpProgress', () => {
  it('counts series and ready symbols from begin to the last settled, with a linear estimate of what is left', () => {
    const p = new WarmUpProgress();
    expect(p.take(begin('BTCUSDT', '1d'), 1_000), 'the first begin starts a warm-up').toBe('started');
    for (const i of ['4h', '30m'] as const) expect(p.take(begin('BTCUSDT', i), 1_000)).toBeUndefined();
    for (const i of INTERVALS) p.take(begin('ETHUSDT', i), 1_000);
    expect(p.figures(1_000)).toMatchObject({ seriesDone: 0, seriesTotal: 6, symbolsReady: 0, symbolsTotal: 2, remainingMs: undefined });
    for (const i of INTERVALS) p.take(settled('BTCUSDT', i), 4_000);
    expect(p.figures(4_000), '3 of 6 series in 3 s: 3 s left').toMatchObject({ seriesDone: 3, symbolsReady: 1, elapsedMs: 3_000, remainingMs: 3_000 });
    expect(p.take({ kind: 'failed', symbol: 'ETHUSDT', interval: '1d' }, 5_000), 'a failed series is done too').toBeUndefined();
    expect(p.take(settled('ETHUSDT', '4h'), 5_000)).toBeUndefined();
    expect(p.running).toBe(true);
    expect(p.take(settled('ETHUSDT', '30m'), 6_000), 'the last one finishes it').toBe('finished');
    expect(p.running).toBe(false);
    expect(p.figures(6_000)).toMatchObject({ seriesDone: 6, seriesTotal: 6, symbolsReady: 2, symbolsTotal: 2, elapsedMs: 5_000 });
  });

  it('ignores settled notices of series it did not see begin (reconnect and gap backfills) and a repeated begin', () => {
    const p = new WarmUpProgress();
    expect(p.take(settled('BTCUSDT', '30m'), 0), 'a reconnect backfill is no warm-up').toBeUndefined();
    expect(p.running).toBe(false);
    p.take(begin('SOLUSDT', '30m'), 10);
    expect(p.take(begin('SOLUSDT', '30m'), 20), 'the same series again').toBeUndefined();
    expect(p.figures(20).seriesTotal).toBe(1);
    expect(p.take(settled('BTCUSDT', '30m'), 30)).toBeUndefined();
    expect(p.take(settled('SOLUSDT', '30m'), 40)).toBe('finished');
  });

  it('starts over, counting from zero, with the next warm-up after an idle moment', () => {
    const p = new WarmUpProgress();
    p.take(begin('BTCUSDT', '1d'), 0);
    p.take(settled('BTCUSDT', '1d'), 100);
    expect(p.take(begin('XRPUSDT', '4h'), 5_000)).toBe('started');
    expect(p.figures(6_000)).toMatchObject({ seriesDone: 0, seriesTotal: 1, symbolsTotal: 1, elapsedMs: 1_000 });
  });
});
