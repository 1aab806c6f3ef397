import { describe, expect, it } from 'vitest';
import { createMemoryEngine } from '../../../src/core/memory/engine.js';
import { createDefaultMemoryRules } from '../../../src/core/memory/rules/index.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import { closedTrade, HOUR_MS, T0 } from './fixtures.js';

const BASE = { scoreThreshold: 75, riskPerTradePct: 1, maxSignalsPerDay: 5 };
const newEngine = () => createMemoryEngine({ rules: createDefaultMemoryRules({ startingEquity: 1000 }), startingEquity: 1000, baseConfig: BASE });

/** An EXPIRED trade at net R `r`; `halted` adds the reason a symbol that stopped trading gives it. */
function expired(id: number, exitTimeMs: number, r: number, halted: boolean): ClosedTrade {
  const base = { ...closedTrade({ id, exitTimeMs, win: r > 0, symbol: 'SOLUSDT', pnl: r * 10 }), outcome: 'EXPIRED' as const, rMultiple: r, exitPrice: 100 + r };
  return halted ? { ...base, exitReason: { code: 'symbol_halted', detail: { symbol: 'SOLUSDT', status: 'SETTLING' } } } : base;
}

describe('memory and trades closed because their symbol stopped trading', () => {
  it('counts them exactly as EXPIRED trades: a loss when net R ≤ 0, a win when > 0, nothing more', () => {
    const run = (halted: boolean) => {
      const engine = newEngine();
      const trades = [
        closedTrade({ id: 1, exitTimeMs: T0 + HOUR_MS, win: false, symbol: 'BTCUSDT' }),
        closedTrade({ id: 2, exitTimeMs: T0 + 2 * HOUR_MS, win: false, symbol: 'ETHUSDT' }),
        expired(3, T0 + 3 * HOUR_MS, -0.05, halted), // the fees only: a loss, the third in a row
        expired(4, T0 + 20 * HOUR_MS, 0.4, halted), // a win
      ];
      const events = trades.flatMap((t) => {
        engine.onTradeClosed(t);
        return engine.advanceTo(t.exitTimeMs);
      });
      return { events, state: engine.state(T0 + 20 * HOUR_MS) };
    };
    const plain = run(false);
    const halted = run(true);
    expect(halted.events, 'the same memory events').toEqual(plain.events);
    expect(halted.state.verdicts, 'the same verdicts afterwards').toEqual(plain.state.verdicts);
    expect(plain.events.find((e) => e.kind === 'start')?.verdict.rule, 'the fee-only EXPIRED close was the third loss: a pause').toBe('globalLossStreak');
  });
});
