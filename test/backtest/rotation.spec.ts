import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotationSchedule, type RotationSettings } from '../../src/backtest/rotation.js';
import { RollingQuoteVolume, candleQuoteVolume } from '../../src/backtest/rotationVolume.js';
import { klineEndMs, type Kline } from '../../src/domain/kline.js';
import { readKlineCsvFile, tableKlines } from '../../src/csv/klineCsv.js';
import { EXAMPLES_DIR } from './support/backtestCli.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const m30 = new Map<string, Kline[]>(SYMBOLS.map((s) => [s, tableKlines(readKlineCsvFile(join(EXAMPLES_DIR, `${s}-30m.csv`)))]));
const HALF_HOUR = 1_800_000;
const START = Date.UTC(2025, 5, 1);

const settings = (over: Partial<RotationSettings> = {}): RotationSettings => ({
  fixed: ['BTCUSDT', 'BNBUSDT'], limit: 3, maxSymbols: 3, poolLimit: 300, refreshMs: 6 * 3_600_000, rotationMs: HALF_HOUR, startMs: START, ...over,
});

describe('RollingQuoteVolume', () => {
  it('is close × volume summed over the last 48 30m candles when the file has no quote volume', () => {
    const klines = m30.get('SOLUSDT')!;
    expect(klines.every((k) => k.quoteVolume === 0), 'the examples have no quote_volume column').toBe(true);
    const volume = new RollingQuoteVolume(klines);
    for (const i of [47, 1000, 12_345, klines.length - 1]) {
      const naive = klines.slice(i - 47, i + 1).reduce((sum, k) => sum + k.close * k.volume, 0);
      expect(volume.at(klineEndMs(klines[i]!)) / naive, `48 candles ending at row ${i}`).toBeCloseTo(1, 9);
    }
    expect(volume.at(klineEndMs(klines[0]!) - 1), 'nothing before the data').toBe(0);
    expect(candleQuoteVolume({ ...klines[0]!, quoteVolume: 5 }), 'the quote_volume column wins when present').toBe(5);
  });
});

describe('RotationSchedule', () => {
  it('ranks the pool by 24 h quote volume at the refresh time', () => {
    const schedule = new RotationSchedule(settings(), m30);
    const pool = schedule.poolAt(START);
    const volumes = SYMBOLS.map((s) => new RollingQuoteVolume(m30.get(s)!).at(START));
    const expected = [...SYMBOLS].sort((a, b) => volumes[SYMBOLS.indexOf(b)]! - volumes[SYMBOLS.indexOf(a)]!);
    expect(pool, 'highest 24 h turnover first').toEqual(expected);
    expect(new RotationSchedule(settings(), m30).poolAt(Date.UTC(2024, 0, 1)), 'no symbol listed before its data').toEqual([]);
  });

  it('keeps the fixed symbols and rotates the free slot through the pool every slot', () => {
    // One free slot (3 − |BTC, BNB|): ETH and SOL take turns, BTC (fixed) never uses a slot.
    const schedule = new RotationSchedule(settings(), m30);
    const rotating = Array.from({ length: 6 }, (_, i) => {
      const universe = schedule.universeAt(START + i * HALF_HOUR, []);
      expect(universe.has('BTCUSDT') && universe.has('BNBUSDT'), 'fixed symbols always in').toBe(true);
      return [...universe].filter((s) => s !== 'BTCUSDT' && s !== 'BNBUSDT');
    });
    expect(new Set(rotating.map((r) => r.length)), 'one rotating symbol per slot').toEqual(new Set([1]));
    const flat = rotating.flat();
    expect(flat.every((s, i) => i === 0 || s !== flat[i - 1]), `alternates slot by slot: ${flat.join(' ')}`).toBe(true);
    expect(new Set(flat), 'both get their turn').toEqual(new Set(['ETHUSDT', 'SOLUSDT']));
  });

  it('a symbol with an open trade stays watched (pinned), beyond the limit', () => {
    const schedule = new RotationSchedule(settings({ maxSymbols: 2 }), m30);
    expect([...schedule.universeAt(START, [])], 'fixed only: no free slot').toEqual(['BNBUSDT', 'BTCUSDT']);
    expect(schedule.watches('SOLUSDT', START + HALF_HOUR, ['SOLUSDT']), 'pinned by its open trade').toBe(true);
    expect(schedule.watches('SOLUSDT', START + 2 * HALF_HOUR, []), 'released once the trade is closed').toBe(false);
  });

  it('refuses questions that go back in time', () => {
    const schedule = new RotationSchedule(settings(), m30);
    schedule.universeAt(START + HALF_HOUR, []);
    expect(() => schedule.universeAt(START, []), 'event time only moves forward').toThrow(RangeError);
  });
});
