import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { pino } from 'pino';
import type { Kline } from '../../src/domain/kline.js';
import type { ClosedTrade, OpenTrade } from '../../src/domain/trade.js';
import { TransientError } from '../../src/domain/errors.js';
import { trackOutcome } from '../../src/operators/trackOutcome.js';
import { candle30m } from '../core/outcome/exampleKlines.js';

const HALF_HOUR = 1_800_000;
const T0 = Date.UTC(2025, 5, 1, 8, 0);
const btcTrade: OpenTrade = {
  signalId: 11, symbol: 'BTCUSDT', interval: '30m', model: 'continuation', side: 'LONG',
  entry: 100, stopLoss: 98, takeProfit: 104, quantity: 5, openedAtMs: T0, expiresAtMs: T0 + 48 * HALF_HOUR,
};
const ethTrade: OpenTrade = { ...btcTrade, signalId: 12, symbol: 'ETHUSDT', side: 'SHORT', stopLoss: 102, takeProfit: 96, quantity: 10 };
const at = (symbol: string, n: number, low: number, high: number): Kline =>
  candle30m(symbol, T0 + n * HALF_HOUR, { open: 100, high, low, close: (low + high) / 2 });

function setup() {
  const rx = new TestScheduler((actual, expected) => expect(actual, 'marbles').toEqual(expected));
  const lines: Array<{ msg: string; symbol?: string; signalId?: number }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { rx, lines, logger };
}

/** Closed trade as MODELS.md defines it: 5 bps each side, equity moved by pnl. */
function expectedClose(trade: OpenTrade, exitPrice: number, exitTimeMs: number, outcome: ClosedTrade['outcome'], equityBefore: number): ClosedTrade {
  const sign = trade.side === 'LONG' ? 1 : -1;
  const perUnit = (exitPrice - trade.entry) * sign - 0.0005 * (trade.entry + exitPrice);
  const pnl = trade.quantity * perUnit;
  return { ...trade, exitTimeMs, exitPrice, outcome, rMultiple: perUnit / 2, pnl, equityAfter: equityBefore + pnl };
}

describe('trackOutcome', () => {
  it('resolves each symbol on its own later candles; equity accumulates in order', () => {
    const { rx, logger } = setup();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const trades = hot('-t-u------', { t: btcTrade, u: ethTrade });
      // s: BTC signal candle (wild, ignored); e: ETH inside; b: BTC hits TP; f: ETH hits TP below.
      const candles = hot('--s--e-b-f|', {
        s: at('BTCUSDT', 0, 90, 110), e: at('ETHUSDT', 1, 99, 101), b: at('BTCUSDT', 2, 99, 105), f: at('ETHUSDT', 3, 95, 101),
      });
      const btcWin = expectedClose(btcTrade, 104, T0 + 2 * HALF_HOUR, 'WIN', 1000);
      const ethWin = expectedClose(ethTrade, 96, T0 + 3 * HALF_HOUR, 'WIN', btcWin.equityAfter);
      expectObservable(candles.pipe(trackOutcome({ openTrades$: trades, startingEquityUsdt: 1000, config: { feeBps: 5 }, logger })))
        .toBe('-------b-f|', { b: btcWin, f: ethWin });
      expectSubscriptions(trades.subscriptions).toBe('^---------!');
      expectSubscriptions(candles.subscriptions).toBe('^---------!');
    });
  });

  it('keeps one trade per symbol: a second one is dropped and logged, a later one accepted', () => {
    const { rx, logger, lines } = setup();
    const second: OpenTrade = { ...btcTrade, signalId: 99, stopLoss: 50, takeProfit: 101 };
    const after: OpenTrade = { ...btcTrade, signalId: 13, openedAtMs: T0 + 2 * HALF_HOUR, expiresAtMs: T0 + 50 * HALF_HOUR };
    rx.run(({ hot, expectObservable }) => {
      const trades = hot('-tx---n---', { t: btcTrade, x: second, n: after });
      const candles = hot('---a-l--c-|', { a: at('BTCUSDT', 1, 99, 102), l: at('BTCUSDT', 2, 97, 101), c: at('BTCUSDT', 3, 97.5, 101) });
      const loss1 = expectedClose(btcTrade, 98, T0 + 2 * HALF_HOUR, 'LOSS', 1000);
      const loss2 = expectedClose(after, 98, T0 + 3 * HALF_HOUR, 'LOSS', loss1.equityAfter);
      // `a` would have closed `second` (TP 101 ≤ high 102): it was dropped, so nothing closes there.
      expectObservable(candles.pipe(trackOutcome({ openTrades$: trades, startingEquityUsdt: 1000, config: { feeBps: 5 }, logger })))
        .toBe('-----l--c-|', { l: loss1, c: loss2 });
    });
    expect(lines.map((l) => [l.msg, l.signalId]), 'the duplicate is logged with its id').toEqual([
      ['second open trade for symbol dropped', 99],
    ]);
  });

  it('ignores non-30m and forming candles', () => {
    const { rx, logger } = setup();
    rx.run(({ hot, expectObservable }) => {
      const trades = hot('t', { t: btcTrade });
      const wild = at('BTCUSDT', 1, 90, 110);
      const candles = hot<Kline>('-a-b-|', { a: { ...wild, interval: '4h' }, b: { ...wild, closed: false } });
      expectObservable(candles.pipe(trackOutcome({ openTrades$: trades, startingEquityUsdt: 1000, config: { feeBps: 5 }, logger })))
        .toBe('-----|');
    });
  });

  it('passes an error from either source through', () => {
    const { rx, logger } = setup();
    const error = new TransientError('db gone');
    rx.run(({ hot, expectObservable }) => {
      const deps = { startingEquityUsdt: 1000, config: { feeBps: 5 }, logger };
      const candles = hot('--a--', { a: at('BTCUSDT', 1, 99, 101) });
      expectObservable(candles.pipe(trackOutcome({ ...deps, openTrades$: hot('-t-#', { t: btcTrade }, error) }))).toBe('---#', undefined, error);
      const failing = hot<Kline>('-#', undefined, error);
      expectObservable(failing.pipe(trackOutcome({ ...deps, openTrades$: hot('t', { t: btcTrade }) }))).toBe('-#', undefined, error);
    });
  });

  it('releases both sources on early unsubscribe', () => {
    const { rx, logger } = setup();
    rx.run(({ hot, expectObservable, expectSubscriptions }) => {
      const trades = hot('t-----', { t: btcTrade });
      const candles = hot('--a--b|', { a: at('BTCUSDT', 1, 97, 101), b: at('BTCUSDT', 2, 99, 101) });
      expectObservable(candles.pipe(trackOutcome({ openTrades$: trades, startingEquityUsdt: 500, config: { feeBps: 5 }, logger })), '^---!')
        .toBe('--l-', { l: expectedClose(btcTrade, 98, T0 + HALF_HOUR, 'LOSS', 500) });
      expectSubscriptions(trades.subscriptions).toBe('^---!');
      expectSubscriptions(candles.subscriptions).toBe('^---!');
    });
  });
});
