import { describe, expect, it } from 'vitest';
import { haltExit } from '../../../src/core/outcome/haltExit.js';
import type { SymbolHalt } from '../../../src/domain/halt.js';
import type { OpenTrade } from '../../../src/domain/trade.js';
import { candle30m } from './exampleKlines.js';

const HALF_HOUR = 1_800_000;
const T0 = Date.UTC(2025, 2, 3, 10, 0);
const long: OpenTrade = {
  signalId: 1, symbol: 'BTCUSDT', interval: '30m', model: 'continuation', side: 'LONG',
  entry: 100, stopLoss: 98, takeProfit: 104, quantity: 5, openedAtMs: T0, expiresAtMs: T0 + 48 * HALF_HOUR,
};
const halt = (lastCandle: SymbolHalt['lastCandle'], status: SymbolHalt['status'] = 'SETTLING'): SymbolHalt => ({ kind: 'halt', symbol: 'BTCUSDT', status, lastCandle });
const REASON = { code: 'symbol_halted', detail: { symbol: 'BTCUSDT', status: 'SETTLING' } };

describe('haltExit', () => {
  it('closes EXPIRED at the last candle\'s close and end, with the reason', () => {
    const last = candle30m('BTCUSDT', T0 + 5 * HALF_HOUR, { open: 100, high: 101, low: 99, close: 100.5 });
    const exit = haltExit(long, halt(last), { feeBps: 5 });
    expect([exit.outcome, exit.exitPrice, exit.exitTimeMs], 'event time: the last candle\'s end, not when the refresh saw it').toEqual(['EXPIRED', 100.5, T0 + 5 * HALF_HOUR]);
    expect(exit.exitReason, 'the reason says why').toEqual(REASON);
    // Like any expiry (trackCandle spec): gross 0.5/2 = 0.25, fees 0.050125 R.
    expect(exit.rMultiple, 'R net of fees, as any EXPIRED trade').toBeCloseTo(0.199875, 12);
  });

  it('lets the stop or target decide on that candle first (it may not have been tracked: a restart after the stop)', () => {
    const hit = candle30m('BTCUSDT', T0 + 5 * HALF_HOUR, { open: 100, high: 101, low: 97, close: 100.5 });
    const exit = haltExit(long, halt(hit), { feeBps: 5 });
    expect([exit.outcome, exit.exitPrice, exit.exitReason], 'a normal LOSS at the stop, no halt reason').toEqual(['LOSS', 98, undefined]);
  });

  it('closes at the entry, when it opened, when no candle after the opening is known', () => {
    const signalCandle = candle30m('BTCUSDT', T0, { open: 99, high: 101, low: 97, close: 100 });
    for (const last of [signalCandle, undefined]) {
      const exit = haltExit(long, halt(last, null), { feeBps: 5 });
      expect([exit.outcome, exit.exitPrice, exit.exitTimeMs], `${last ? 'the signal candle' : 'no candle'}: nothing happened since`).toEqual(['EXPIRED', 100, T0]);
      expect(exit.exitReason, 'no longer listed').toEqual({ code: 'symbol_halted', detail: { symbol: 'BTCUSDT', status: null } });
      // fees 0.0005 × (100 + 100) = 0.1 per unit over a stop distance of 2.
      expect(exit.rMultiple, 'only the fees').toBeCloseTo(-0.05, 12);
    }
  });
});
