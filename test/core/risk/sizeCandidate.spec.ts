import { describe, expect, it } from 'vitest';
import type { Candidate, Signal } from '../../../src/domain/signal.js';
import type { EffectiveLimits } from '../../../src/core/risk/effectiveLimits.js';
import { sizeCandidate } from '../../../src/core/risk/sizeCandidate.js';

const filters = { tickSize: 0.1, stepSize: 0.001, minQty: 0.001, minNotional: 100 };
const limits: EffectiveLimits = { threshold: (s) => (s === 'BTCUSDT' ? 80 : 75), riskPct: 1, dailyMax: 5 };
const candidate: Candidate = {
  symbol: 'BTCUSDT', interval: '30m', openTimeMs: 1735691400000, endMs: 1735693200000, model: 'continuation',
  side: 'LONG', score: 85, breakdown: { daily: 25 }, entry: 94363.6, stopLoss: 93500.15, takeProfit: 96090.53,
};

describe('sizeCandidate', () => {
  it('sends at the effective risk with tick-rounded prices', () => {
    const signal = sizeCandidate(candidate, { limits, equityUsdt: 1000, filters });
    expect(signal.status, 'score 85 ≥ 80 and sized').toBe('sent');
    expect(signal.quantity, '10 USDT / 863.4').toBe(0.011);
    expect([signal.stopLoss, signal.takeProfit], 'prices on the 0.1 tick').toEqual([93500.2, 96090.5]);
    expect([signal.riskPct, signal.effectiveThreshold, signal.reasons], 'recorded limits').toEqual([1, 80, []]);
  });

  it('blocks under the effective threshold and still records the size', () => {
    const signal = sizeCandidate({ ...candidate, score: 79 }, { limits, equityUsdt: 1000, filters });
    expect(signal.status, '79 < 80').toBe('blocked');
    expect(signal.reasons.map((r) => r.code), 'threshold only').toEqual(['threshold']);
    expect(signal.quantity, 'size kept for the record').toBe(0.011);
  });

  it('blocks with reason size and quantity 0 when sizing refuses', () => {
    const signal = sizeCandidate(candidate, { limits: { ...limits, riskPct: 0.1 }, equityUsdt: 1000, filters });
    expect(signal.status, 'notional under 100').toBe('blocked');
    expect(signal.reasons.map((r) => r.code), 'size reason').toEqual(['size']);
    expect(signal.quantity, 'no position').toBe(0);
    expect(signal.stopLoss, 'prices left as proposed when refused').toBe(93500.15);
  });

  it('passes a signal already blocked upstream unchanged', () => {
    const blocked: Signal = {
      ...candidate, status: 'blocked', quantity: 0, riskPct: 1, effectiveThreshold: 75,
      reasons: [{ code: 'pause', detail: { untilMs: 0, why: { kind: 'none' as const } }, rule: 'globalLossStreak' }],
    };
    expect(sizeCandidate(blocked, { limits, equityUsdt: 1000, filters }), 'same object').toBe(blocked);
  });
});
