import { describe, expect, it } from 'vitest';
import { dailyTallies, performanceOf, positionFigures } from '../../../src/core/outcome/positionFigures.js';
import type { ClosedTrade, OpenTrade } from '../../../src/domain/trade.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2025, 2, 4, 12, 0);

function open(side: OpenTrade['side'], overrides: Partial<OpenTrade> = {}): OpenTrade {
  const long = side === 'LONG';
  return {
    signalId: 1, symbol: 'BTCUSDT', interval: '4h', model: 'continuation', side, entry: 100, stopLoss: long ? 98 : 102,
    takeProfit: long ? 104 : 96, quantity: 5, openedAtMs: T0, expiresAtMs: T0 + 48 * 4 * H, ...overrides,
  };
}

function closed(exitTimeMs: number, rMultiple: number, overrides: Partial<ClosedTrade> = {}): ClosedTrade {
  return {
    ...open('LONG'), exitTimeMs, exitPrice: 100, outcome: rMultiple > 0 ? 'WIN' : 'LOSS', rMultiple, pnl: rMultiple * 10,
    equityAfter: 0, ...overrides,
  };
}

describe('positionFigures', () => {
  it('is positive for a LONG when the price rose and for a SHORT when it fell (no fees)', () => {
    const mark = { price: 101, asOfMs: T0 + 5 * H };
    const long = positionFigures(open('LONG'), mark, 0);
    expect(long.rMultiple, 'LONG +1 on a 2-point stop is +0.5 R').toBeCloseTo(0.5, 12);
    expect(long.pnlUsdt, 'quantity 5 × +1').toBeCloseTo(5, 12);
    const short = positionFigures(open('SHORT'), mark, 0);
    expect(short.rMultiple, 'SHORT loses when the price rises').toBeCloseTo(-0.5, 12);
    expect(short.pnlUsdt).toBeCloseTo(-5, 12);
    const fell = positionFigures(open('SHORT'), { price: 99, asOfMs: T0 }, 0);
    expect(fell.rMultiple, 'SHORT gains when the price falls').toBeCloseTo(0.5, 12);
  });

  it('charges both sides fees as a closed result would, so at the entry price it is slightly negative', () => {
    const f = positionFigures(open('LONG'), { price: 100, asOfMs: T0 }, 5);
    // 5 bps × (100 + 100) = 0.1 per unit; over a 2-point stop that is 0.05 R.
    expect(f.rMultiple, 'fees in R').toBeCloseTo(-0.05, 12);
    expect(f.pnlUsdt, 'fees in USDT for 5 units').toBeCloseTo(-0.5, 12);
  });

  it('gives the signed move to the stop and the target, in price and percent of the price', () => {
    const long = positionFigures(open('LONG'), { price: 101, asOfMs: T0 }, 0);
    expect([long.stopLossMove, long.takeProfitMove], 'a LONG stop is below, its target above').toEqual([-3, 3]);
    expect(long.stopLossMovePct).toBeCloseTo((-3 / 101) * 100, 12);
    const short = positionFigures(open('SHORT'), { price: 101, asOfMs: T0 }, 0);
    expect([short.stopLossMove, short.takeProfitMove], 'a SHORT stop is above, its target below').toEqual([1, -5]);
  });

  it('measures the age from the opening to the mark, never negative', () => {
    expect(positionFigures(open('LONG'), { price: 100, asOfMs: T0 + 26 * H }, 0).ageMs).toBe(26 * H);
    expect(positionFigures(open('LONG'), { price: 100, asOfMs: T0 - H }, 0).ageMs, 'a mark older than the trade').toBe(0);
  });
});

describe('performanceOf', () => {
  it('tallies per symbol and per model, best total R first', () => {
    const perf = performanceOf([
      closed(T0, 1.5, { symbol: 'ETHUSDT', model: 'reversal' }),
      closed(T0, -1, { symbol: 'BTCUSDT' }),
      closed(T0, 2, { symbol: 'BTCUSDT' }),
    ]);
    expect(perf.total, 'all trades').toEqual({ trades: 3, wins: 2, totalR: 2.5, pnlUsdt: 25 });
    expect(perf.bySymbol.map((r) => [r.symbol, r.trades, r.wins, r.totalR]), 'ETH 1.5 R before BTC 1 R').toEqual([['ETHUSDT', 1, 1, 1.5], ['BTCUSDT', 2, 1, 1]]);
    expect(perf.byModel.map((r) => [r.model, r.totalR])).toEqual([['reversal', 1.5], ['continuation', 1]]);
  });
});

describe('dailyTallies', () => {
  it('lists every UTC day newest first, with equity carried from the start and quiet days kept', () => {
    const day0 = Date.UTC(2025, 2, 1);
    const trades = [
      closed(day0 - DAY + H, 1), // before the window: only moves the equity
      closed(day0 + DAY, -1), // exactly 00:00 of day 1: belongs to day 0
      closed(day0 + 2 * DAY + 5 * H, 2),
    ];
    const days = dailyTallies(trades, 1000, day0 + 2 * DAY + 6 * H, 3);
    expect(days.map((d) => [new Date(d.dayStartMs).toISOString().slice(0, 10), d.trades, d.totalR, d.equityUsdt])).toEqual([
      ['2025-03-03', 1, 2, 1020],
      ['2025-03-02', 0, 0, 1000],
      ['2025-03-01', 1, -1, 1000],
    ]);
  });
});
