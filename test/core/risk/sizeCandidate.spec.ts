import { describe, expect, it } from 'vitest';
import type { Candidate, Signal } from '../../../src/domain/signal.js';
import { sizeSignal } from '../../../src/core/risk/sizeCandidate.js';

const filters = { tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 };
const candidate: Candidate = {
  symbol: 'BTCUSDT', interval: '30m', openTimeMs: 1735691400000, endMs: 1735693200000, model: 'continuation',
  side: 'LONG', score: 85, breakdown: { daily: 25 }, entry: 94363.6, stopLoss: 93500.15, takeProfit: 96090.53,
};
/** As the memory gate decides it: provisionally sent at 1 % risk. */
const decided: Signal = { ...candidate, status: 'sent', quantity: 0, riskPct: 1, effectiveThreshold: 80, effectiveDailyMax: 5, reasons: [] };

describe('sizeSignal', () => {
  it('sizes at the risk the gate set, with tick-rounded prices, and changes nothing else', () => {
    const signal = sizeSignal(decided, { equityUsdt: 1000, filters });
    expect(signal.status, 'sized').toBe('sent');
    expect(signal.quantity, '10 USDT / 863.4').toBe(0.011);
    expect([signal.stopLoss, signal.takeProfit], 'prices on the 0.1 tick').toEqual([93500.2, 96090.5]);
    expect([signal.riskPct, signal.effectiveThreshold, signal.effectiveDailyMax, signal.reasons], 'the gate\'s decision as it was').toEqual([1, 80, 5, []]);
  });

  it('sizes a blocked signal for the record and leaves it blocked with its reasons', () => {
    const blocked: Signal = { ...decided, status: 'blocked', reasons: [{ code: 'pause', detail: { untilMs: 0, why: { kind: 'none' as const } }, rule: 'globalLossStreak' }] };
    const signal = sizeSignal(blocked, { equityUsdt: 1000, filters });
    expect(signal.status).toBe('blocked');
    expect(signal.quantity, 'the size it would have had').toBe(0.011);
    expect(signal.reasons.map((r) => r.code)).toEqual(['pause']);
  });

  it('blocks with reason size and quantity 0 when sizing refuses', () => {
    const signal = sizeSignal({ ...decided, riskPct: 0.1 }, { equityUsdt: 1000, filters });
    expect(signal.status, 'notional under 100').toBe('blocked');
    expect(signal.reasons.map((r) => r.code), 'size reason').toEqual(['size']);
    expect(signal.quantity, 'no position').toBe(0);
    expect(signal.stopLoss, 'prices left as proposed when refused').toBe(93500.15);
  });
});
