import { describe, expect, it } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import { MarketClock } from '../../src/app/marketClock.js';
import { INTERVAL_MS, type Interval, type Kline } from '../../src/domain/kline.js';

const T0 = Date.UTC(2025, 6, 1, 10);
const MIN = 60_000;

function k(symbol: string, interval: Interval, endMs: number, close = 100): Kline {
  return { symbol, interval, openTimeMs: endMs - INTERVAL_MS[interval], closeTimeMs: endMs - 1, open: 1, high: 1, low: 1, close, volume: 1, quoteVolume: 0, trades: 0, closed: true };
}

/** A scheduler whose now() the test sets. */
function clockAt(startMs: number) {
  let now = startMs;
  const scheduler = new VirtualTimeScheduler();
  scheduler.now = () => now;
  return { scheduler, advance: (ms: number) => (now += ms) };
}

describe('MarketClock', () => {
  it('is on time within one 30m period of the newest candle, late after it, with the latest 30m close', () => {
    const wall = clockAt(1_000_000);
    const clock = new MarketClock(wall.scheduler);
    expect(clock.lateness(k('BTC', '30m', T0)), 'nothing seen yet: cannot tell').toBeUndefined();
    clock.observe(k('BTC', '30m', T0, 100));
    clock.observe(k('ETH', '30m', T0 + 30 * MIN, 50));
    clock.observe(k('BTC', '30m', T0 + 30 * MIN, 101));
    clock.observe(k('BTC', '4h', T0 + 30 * MIN - 30 * MIN, 7));
    expect(clock.lateness(k('BTC', '30m', T0)), 'exactly one period behind is on time').toBeUndefined();
    wall.advance(1);
    expect(clock.lateness(k('BTC', '30m', T0))).toEqual({ lateByMs: 30 * MIN + 1, closedAtMs: T0, lastPrice: 101 });
  });

  it('keeps running on the wall clock when no candle comes (an outage)', () => {
    const wall = clockAt(0);
    const clock = new MarketClock(wall.scheduler);
    clock.observe(k('BTC', '30m', T0, 100));
    wall.advance(95 * MIN);
    expect(clock.nowMs()).toBe(T0 + 95 * MIN);
    expect(clock.lateness(k('BTC', '30m', T0))?.lateByMs).toBe(95 * MIN);
  });

  it('never goes back when an older candle arrives (a backfill)', () => {
    const wall = clockAt(0);
    const clock = new MarketClock(wall.scheduler);
    clock.observe(k('BTC', '30m', T0 + 60 * MIN));
    clock.observe(k('ETH', '30m', T0));
    expect(clock.nowMs()).toBe(T0 + 60 * MIN);
  });

  it('knows the exchange\'s time read at start before any candle shows it (a catch-up is late from its first step)', () => {
    const wall = clockAt(1_000_000);
    const clock = new MarketClock(wall.scheduler);
    clock.observeTime(T0 + 17 * 24 * 60 * MIN);
    clock.observe(k('BTC', '30m', T0, 100));
    expect(clock.lateness(k('BTC', '30m', T0))?.lateByMs, 'late by the whole stop').toBe(17 * 24 * 60 * MIN);
    wall.advance(5 * MIN);
    expect(clock.nowMs(), 'and it runs on').toBe(T0 + 17 * 24 * 60 * MIN + 5 * MIN);
    clock.observe(k('BTC', '30m', T0 + 17 * 24 * 60 * MIN + 30 * MIN));
    expect(clock.nowMs(), 'a newer candle moves it further').toBe(T0 + 17 * 24 * 60 * MIN + 30 * MIN);
  });
});
