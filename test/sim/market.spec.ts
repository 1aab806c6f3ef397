import { describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/index.js';
import { createVirtualClock } from '../../src/sim/clock.js';
import { tableKlines } from '../../src/csv/klineCsv.js';
import { formingCandle } from '../../src/sim/formingCandle.js';
import { Market } from '../../src/sim/market.js';
import { formingIndex, lastClosedIndex } from '../../src/sim/series.js';
import { exampleData } from './helpers.js';

const market = new Market(exampleData(), 600);
const btc30 = market.seriesOf('BTCUSDT', '30m')!;
const HALF = INTERVAL_MS['30m'];

describe('virtual clock', () => {
  it('runs at startTimeMs + real elapsed × speed', () => {
    let real = 1000;
    const clock = createVirtualClock({ startTimeMs: 5_000_000, speed: 3600, realNowMs: () => real });
    expect(clock.nowMs(), 'no real time passed').toBe(5_000_000);
    real += 250;
    expect(clock.nowMs(), '250 real ms at 3600× is 15 simulated minutes').toBe(5_000_000 + 900_000);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => createVirtualClock({ startTimeMs: 0, speed: 0 }), 'speed 0 would freeze the market').toThrow(/speed/);
  });
});

describe('forming candle', () => {
  const index = 5000;
  const final = btc30.candle(index);
  const at = (fraction: number) => formingCandle(final, final.openTimeMs + Math.floor(fraction * HALF), btc30);

  it('keeps the open, widens high/low monotonically, grows volume, and stays inside the final range', () => {
    let previous = at(0);
    expect(previous.open, 'open fixed from the start').toBe(final.open);
    for (let f = 0.02; f < 1; f += 0.02) {
      const now = at(f);
      expect(now.open, 'open fixed').toBe(final.open);
      expect(now.high, 'high never shrinks').toBeGreaterThanOrEqual(previous.high);
      expect(now.low, 'low never rises').toBeLessThanOrEqual(previous.low);
      expect(now.volume, 'volume grows').toBeGreaterThanOrEqual(previous.volume);
      expect(now.high <= final.high && now.low >= final.low && now.volume <= final.volume, 'never beyond the final row').toBe(true);
      expect(now.close >= now.low && now.close <= now.high, 'close within the range so far').toBe(true);
      previous = now;
    }
  });

  it('converges to the final row: extremes reached before the end, the exact row at the close', () => {
    const late = at(0.95);
    expect([late.high, late.low], 'both extremes visited by 90 % of the candle').toEqual([final.high, final.low]);
    expect(late.volume, 'volume pro rata: 95 % of the final, to the step').toBeCloseTo(final.volume * 0.95, 2);
    expect(formingCandle(final, final.closeTimeMs + 1, btc30), 'at the close it is the CSV row').toEqual(final);
    expect(at(0.5), 'deterministic').toEqual(at(0.5));
  });
});

describe('market', () => {
  it('splits closed and forming candles at sim now (end ≤ now is closed)', () => {
    const open = btc30.candle(100).openTimeMs;
    expect(lastClosedIndex(btc30, open), 'candle 99 ends exactly at candle 100 open').toBe(99);
    expect(formingIndex(btc30, open), 'candle 100 forming').toBe(100);
    const { closed } = market.candleAt(btc30, 100, open + HALF - 1);
    expect(closed, 'one ms before its end it still forms').toBe(false);
    expect(market.candleAt(btc30, 100, open + HALF).closed, 'at its end it is closed').toBe(true);
  });

  it('selects klines the way Binance does: newest `limit` with the forming row last, or from startTime', () => {
    const now = btc30.candle(300).openTimeMs + 600_000;
    const newest = market.klines(btc30, now, { limit: 3 });
    expect(newest.map((r) => r.candle.openTimeMs), 'three newest').toEqual([298, 299, 300].map((i) => btc30.candle(i).openTimeMs));
    expect(newest.map((r) => r.closed), 'forming row last').toEqual([true, true, false]);
    const fromStart = market.klines(btc30, now, { startTimeMs: btc30.candle(10).openTimeMs + 1, limit: 2 });
    expect(fromStart.map((r) => r.candle.openTimeMs), 'first open at or after startTime').toEqual([11, 12].map((i) => btc30.candle(i).openTimeMs));
    const ranged = market.klines(btc30, now, { startTimeMs: btc30.candle(10).openTimeMs, endTimeMs: btc30.candle(12).openTimeMs, limit: 500 });
    expect(ranged.length, 'start and end inclusive by open time').toBe(3);
    expect(market.klines(btc30, now, { startTimeMs: now + 10 * HALF, limit: 5 }), 'nothing from the future').toEqual([]);
  });

  it('closedKlines are the CSV rows exactly', () => {
    const table = exampleData().get('ETHUSDT@4h')!;
    const now = table.openTimeMs[50]! + 1;
    const truth = market.closedKlines('ETHUSDT', '4h', 0, Number.MAX_SAFE_INTEGER, now);
    expect(truth, 'rows 0..49 closed, equal to the file').toEqual(tableKlines(table, 0, 50));
  });

  it('lists 600 USDT perpetuals plus the filter-exercising listings', () => {
    const perpetualUsdt = market.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.quoteAsset === 'USDT' && s.status === 'TRADING');
    expect(perpetualUsdt.length, 'symbols: 600').toBe(600);
    expect(market.listing('SIM597USDT'), 'synthetic names are numbered').toBeDefined();
    expect(market.symbols.filter((s) => !perpetualUsdt.includes(s)).map((s) => s.symbol).sort(), 'three that a filter must drop')
      .toEqual(['BTCUSDC', 'BTCUSDT_260925', 'SIMHALTUSDT']);
  });

  it('synthetic symbols are deterministic, distinct, and consistent across intervals', () => {
    const again = new Market(exampleData(), 600);
    const a = market.seriesOf('SIM042USDT', '30m')!;
    expect(again.seriesOf('SIM042USDT', '30m')!.candle(777), 'seeded by name: same candle every run').toEqual(a.candle(777));
    expect(market.seriesOf('SIM043USDT', '30m')!.candle(777).close, 'another name, another path').not.toBe(a.candle(777).close);
    const day = market.seriesOf('SIM042USDT', '1d')!.candle(20);
    const halves = Array.from({ length: 48 }, (_, j) => a.candle(20 * 48 + j));
    expect(day.open, '1d open = first 30m open').toBe(halves[0]!.open);
    expect(day.close, '1d close = last 30m close').toBe(halves[47]!.close);
    expect(day.high, '1d high = max of 30m highs').toBe(Math.max(...halves.map((h) => h.high)));
    expect(day.low, '1d low = min of 30m lows').toBe(Math.min(...halves.map((h) => h.low)));
    for (const h of halves) expect(h.low <= Math.min(h.open, h.close) && h.high >= Math.max(h.open, h.close), 'valid OHLC').toBe(true);
    expect(a.candle(778).open, 'a candle opens at the previous close').toBe(a.candle(777).close);
  });
});
