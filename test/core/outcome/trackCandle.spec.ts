import { describe, expect, it } from 'vitest';
import type { OpenTrade } from '../../../src/domain/trade.js';
import { closeTrade, trackCandle, type TradeUpdate } from '../../../src/core/outcome/trackCandle.js';
import { candle30m } from './exampleKlines.js';

const HALF_HOUR = 1_800_000;
const T0 = Date.UTC(2025, 2, 3, 10, 0);
const long: OpenTrade = {
  signalId: 1, symbol: 'BTCUSDT', interval: '30m', model: 'continuation', side: 'LONG',
  entry: 100, stopLoss: 98, takeProfit: 104, quantity: 5, openedAtMs: T0, expiresAtMs: T0 + 48 * HALF_HOUR,
};
const short: OpenTrade = { ...long, side: 'SHORT', stopLoss: 102, takeProfit: 96 };
const next = (ohlc: { open: number; high: number; low: number; close: number }, after = 1) =>
  candle30m('BTCUSDT', T0 + after * HALF_HOUR, ohlc);

function closed(update: TradeUpdate) {
  if (update.state !== 'closed') throw new Error('expected the trade to close');
  return update.exit;
}

describe('trackCandle, LONG', () => {
  it('loses at exactly SL when the low touches it (≤ is inclusive)', () => {
    const exit = closed(trackCandle(long, next({ open: 100, high: 101, low: 98, close: 99 })));
    expect([exit.outcome, exit.exitPrice, exit.exitTimeMs], 'fills at the stop, at the candle end').toEqual(['LOSS', 98, T0 + HALF_HOUR]);
    // gross −2/2 = −1; fees 0.0005 × (100 + 98) = 0.099 per unit = 0.0495 R.
    expect(exit.rMultiple, 'net R').toBeCloseTo(-1.0495, 12);
  });

  it('wins at exactly TP when the high touches it', () => {
    const exit = closed(trackCandle(long, next({ open: 100, high: 104, low: 99, close: 103 })));
    expect([exit.outcome, exit.exitPrice], 'fills at the target').toEqual(['WIN', 104]);
    // gross 4/2 = 2; fees 0.0005 × (100 + 104) = 0.102 per unit = 0.051 R.
    expect(exit.rMultiple, 'net R').toBeCloseTo(1.949, 12);
    // 5 × 4 − 5 × 0.102 = 19.49 USDT.
    expect(exit.pnl, 'pnl in USDT').toBeCloseTo(19.49, 10);
  });

  it('counts SL and TP in one candle as a LOSS', () => {
    const exit = closed(trackCandle(long, next({ open: 100, high: 105, low: 97, close: 104.5 })));
    expect([exit.outcome, exit.exitPrice], 'conservative').toEqual(['LOSS', 98]);
  });

  it('stays open inside the range, and on candles that do not apply', () => {
    const inside = { open: 100, high: 103.9, low: 98.1, close: 101 };
    const wild = { open: 100, high: 110, low: 90, close: 100 };
    expect(trackCandle(long, next(inside)).state, 'no level touched').toBe('open');
    expect(trackCandle(long, next(wild, 0)).state, 'the signal candle never resolves its own trade').toBe('open');
    expect(trackCandle(long, { ...next(wild), symbol: 'ETHUSDT' }).state, 'another symbol').toBe('open');
    expect(trackCandle(long, { ...next(wild), closed: false }).state, 'a forming candle').toBe('open');
    expect(trackCandle(long, { ...next(wild), interval: '4h' }).state, 'only 30m candles track').toBe('open');
  });

  it('expires at the close of the candle ending at expiresAtMs, SL/TP checked first', () => {
    const quiet = { open: 100, high: 101, low: 99, close: 100.5 };
    expect(trackCandle(long, next(quiet, 47)).state, 'the 47th candle is too early').toBe('open');
    const exit = closed(trackCandle(long, next(quiet, 48)));
    expect([exit.outcome, exit.exitPrice, exit.exitTimeMs], 'at its close').toEqual(['EXPIRED', 100.5, long.expiresAtMs]);
    // gross 0.5/2 = 0.25; fees 0.0005 × 200.5 / 2 = 0.050125 R.
    expect(exit.rMultiple, 'expired R net of fees').toBeCloseTo(0.199875, 12);
    const hit = closed(trackCandle(long, next({ open: 100, high: 101, low: 97, close: 100.5 }, 48)));
    expect(hit.outcome, 'the stop on the expiry candle wins over expiry').toBe('LOSS');
  });
});

describe('trackCandle, SHORT mirrors', () => {
  it('loses when the high reaches SL, wins when the low reaches TP, both → LOSS', () => {
    const loss = closed(trackCandle(short, next({ open: 100, high: 102, low: 99, close: 101 })));
    expect([loss.outcome, loss.exitPrice], 'stop above').toEqual(['LOSS', 102]);
    expect(loss.rMultiple, '−1 − 0.0005 × 202 / 2').toBeCloseTo(-1.0505, 12);
    const win = closed(trackCandle(short, next({ open: 100, high: 101, low: 96, close: 97 })));
    expect([win.outcome, win.exitPrice], 'target below').toEqual(['WIN', 96]);
    expect(win.rMultiple, '2 − 0.0005 × 196 / 2').toBeCloseTo(1.951, 12);
    expect(win.pnl, '5 × 4 − 5 × 0.098').toBeCloseTo(19.51, 10);
    const both = closed(trackCandle(short, next({ open: 100, high: 103, low: 95, close: 96 })));
    expect(both.outcome, 'same candle').toBe('LOSS');
  });
});

describe('closeTrade', () => {
  it('moves equity by pnl, and pnl = R × quantity × stop distance', () => {
    const exit = closed(trackCandle(long, next({ open: 100, high: 104, low: 99, close: 103 })));
    const record = closeTrade(long, exit, 1000);
    expect(record.equityAfter, 'equity + pnl').toBeCloseTo(1019.49, 10);
    expect(record.pnl, 'R and pnl agree').toBeCloseTo(record.rMultiple * long.quantity * 2, 10);
    expect([record.signalId, record.symbol, record.outcome], 'keeps the trade fields').toEqual([1, 'BTCUSDT', 'WIN']);
  });
});
