import { describe, expect, it } from 'vitest';
import { tradeResult } from '../../../src/core/outcome/tradeResult.js';
import { addTrade, applyCandle, emptyTradeBook } from '../../../src/core/outcome/tradeBook.js';
import { sizePosition } from '../../../src/core/risk/sizing.js';
import type { OpenTrade } from '../../../src/domain/trade.js';
import { candle30m, exampleKlines } from './exampleKlines.js';

const sol = exampleKlines('SOLUSDT', '30m');

describe('tradeResult', () => {
  it('fees are 5 bps of entry notional plus 5 bps of exit notional, expressed in R', () => {
    const r = tradeResult({ side: 'SHORT', entry: 200, stopLoss: 204, quantity: 3 }, 190, 5);
    // move 10 per unit; fee per unit 0.0005 × (200 + 190) = 0.195; R = (10 − 0.195) / 4.
    expect(r.rMultiple, 'net R').toBeCloseTo(2.45125, 12);
    expect(r.feesUsdt, '3 × 0.195').toBeCloseTo(0.585, 12);
    expect(r.pnl, '3 × 10 − 0.585').toBeCloseTo(29.415, 12);
    expect(tradeResult({ side: 'SHORT', entry: 200, stopLoss: 204, quantity: 3 }, 190, 0).rMultiple, 'no fees: gross').toBe(2.5);
  });

  it('pnl = R × quantity × stop distance, and = R × risk amount when the quantity is not floored', () => {
    for (let i = 0; i + 1 < sol.length; i += 501) {
      const entry = sol[i]!.close;
      const exit = sol[i + 1]!.close;
      const stopLoss = entry * 0.985;
      for (const stepSize of [0, 1]) {
        const sized = sizePosition({ entry, stopLoss, takeProfit: entry * 1.03, equityUsdt: 1000, riskPct: 1, filters: { tickSize: 0, stepSize, minQty: 0, minNotional: 0 } });
        if (!sized.ok) continue;
        const r = tradeResult({ side: 'LONG', entry, stopLoss, quantity: sized.size.quantity }, exit, 5);
        expect(r.pnl, `SOL #${i} step ${stepSize}: R and pnl agree`).toBeCloseTo(r.rMultiple * sized.size.quantity * (entry - stopLoss), 9);
        if (stepSize === 0) expect(r.pnl, `SOL #${i}: equity moves by R × risk`).toBeCloseTo(r.rMultiple * 10, 9);
      }
    }
  });
});

describe('tradeBook', () => {
  it('holds one trade per symbol and frees the symbol when the trade closes', () => {
    const t0 = Date.UTC(2025, 0, 5);
    const trade: OpenTrade = {
      signalId: 3, symbol: 'SOLUSDT', interval: '30m', model: 'reversal', side: 'LONG', entry: 200,
      stopLoss: 196, takeProfit: 205, quantity: 2, openedAtMs: t0, expiresAtMs: t0 + 86_400_000,
    };
    const first = addTrade(emptyTradeBook(1000), trade);
    expect(addTrade(first.book, { ...trade, signalId: 4 }).accepted, 'second SOL trade refused').toBe(false);
    const hit = applyCandle(first.book, candle30m('SOLUSDT', t0 + 1_800_000, { open: 200, high: 201, low: 195, close: 196 }), { feeBps: 5 });
    expect(hit.closed?.outcome, 'stopped out').toBe('LOSS');
    expect(hit.book.equityUsdt, 'equity moved by pnl').toBeCloseTo(1000 + (hit.closed?.pnl ?? 0), 12);
    expect(hit.book.open.has('SOLUSDT'), 'symbol free again').toBe(false);
    expect(addTrade(hit.book, { ...trade, signalId: 4 }).accepted, 'a new SOL trade fits').toBe(true);
  });
});
