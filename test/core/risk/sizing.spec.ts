import { describe, expect, it } from 'vitest';
import { sizePosition, SIZE_REASON_CODE, type SizingInput } from '../../../src/core/risk/sizing.js';
import type { SymbolFilters } from '../../../src/core/risk/symbolFilters.js';
import { exampleKlines } from '../outcome/exampleKlines.js';

const BTC: SymbolFilters = { tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 };
/** A real BTCUSDT 30m close (2025-01-01 00:30 candle): 94363.6. */
const entry = exampleKlines('BTCUSDT', '30m')[1]!.close;

function input(overrides: Partial<SizingInput>): SizingInput {
  return { entry, stopLoss: entry - 863.45, takeProfit: entry + 1726.9, equityUsdt: 1000, riskPct: 1, filters: BTC, ...overrides };
}

describe('sizePosition', () => {
  it('risks equity × risk % at the tick-rounded stop, quantity floored to the lot step', () => {
    const result = sizePosition(input({}));
    if (!result.ok) throw new Error(JSON.stringify(result.reason.detail));
    expect(entry, 'the fixture is the real close').toBe(94363.6);
    expect(result.size.stopLoss, '93500.15 rounds half up to the 0.1 tick').toBe(93500.2);
    expect(result.size.takeProfit, '96090.5 is already on the tick').toBe(96090.5);
    expect(result.size.riskAmountUsdt, '1000 × 1 / 100').toBe(10);
    expect(result.size.stopDistance, 'entry − rounded SL').toBeCloseTo(863.4, 9);
    // 10 / 863.4 = 0.011582… → floor to 0.001 → 0.011, the very double of the literal.
    expect(result.size.quantity, 'floored quantity is exact').toBe(0.011);
    expect(result.size.notionalUsdt, 'quantity × entry').toBeCloseTo(0.011 * 94363.6, 9);
  });

  it('sizes a SHORT by the same distance above the entry', () => {
    const result = sizePosition(input({ stopLoss: entry + 863.45, takeProfit: entry - 1726.9 }));
    expect(result.ok && result.size.quantity, 'mirror of the LONG size').toBe(0.011);
  });

  it('never exceeds the risk amount after the floor', () => {
    for (const riskPct of [0.1, 0.5, 1, 2.5, 5]) {
      const result = sizePosition(input({ riskPct, equityUsdt: 12_345 }));
      if (!result.ok) continue;
      const risked = result.size.quantity * result.size.stopDistance;
      expect(risked <= result.size.riskAmountUsdt, `risk ${riskPct}%: floored`).toBe(true);
      expect(result.size.riskAmountUsdt - risked < 0.001 * result.size.stopDistance, 'by less than one step').toBe(true);
    }
  });

  it('refuses a zero stop distance, measured after rounding to the tick', () => {
    const result = sizePosition(input({ stopLoss: entry - 0.04 }));
    expect(result.ok, 'SL rounds onto the entry').toBe(false);
    expect(!result.ok && result.reason.code, 'reason code').toBe(SIZE_REASON_CODE);
    expect(!result.ok && result.reason.detail, 'says why').toEqual({ problem: 'stopDistance', entry, stopLoss: entry });
  });

  it('refuses a quantity that floors below minQty', () => {
    // 500 × 0.1 % = 0.5 USDT; 0.5 / 863.4 = 0.00058 → floors to 0 < 0.001.
    const result = sizePosition(input({ equityUsdt: 500, riskPct: 0.1 }));
    expect(!result.ok && result.reason.code, 'size refusal').toBe(SIZE_REASON_CODE);
    expect(!result.ok && result.reason.detail, 'names minQty').toMatchObject({ problem: 'minQty', minQty: 0.001 });
  });

  it('refuses a notional below MIN_NOTIONAL', () => {
    // 1000 × 0.1 % = 1 USDT; 1 / 863.4 → 0.001 BTC ≈ 94.4 USDT < 100.
    const result = sizePosition(input({ riskPct: 0.1 }));
    expect(!result.ok && result.reason.detail, 'names MIN_NOTIONAL').toMatchObject({ problem: 'minNotional', minNotional: 100 });
    const enough = sizePosition(input({ riskPct: 0.1, filters: { ...BTC, minNotional: 5 } }));
    expect(enough.ok && enough.size.quantity, 'the same size passes a 5 USDT minimum').toBe(0.001);
  });

  it('refuses when there is no equity to risk', () => {
    const result = sizePosition(input({ equityUsdt: 0 }));
    expect(!result.ok && result.reason.code, 'nothing to risk').toBe(SIZE_REASON_CODE);
  });

  it('with the backtest defaults sizes exactly risk / distance', () => {
    const none: SymbolFilters = { tickSize: 0, stepSize: 0, minQty: 0, minNotional: 0 };
    const result = sizePosition(input({ filters: none }));
    expect(result.ok && result.size.quantity * result.size.stopDistance, 'risk × 1 R exactly').toBeCloseTo(10, 12);
  });
});
