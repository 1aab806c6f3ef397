import { createMemoryEngine, type MemoryEngine } from '../../../src/core/memory/engine.js';
import { createDefaultMemoryRules } from '../../../src/core/memory/rules/index.js';
import type { MemoryBaseConfig } from '../../../src/core/memory/state.js';
import { verdictKey } from '../../../src/core/memory/verdictKeys.js';
import type { Verdict } from '../../../src/domain/memory.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';

export const BASE: MemoryBaseConfig = { scoreThreshold: 75, riskPerTradePct: 1, maxSignalsPerDay: 5 };

/** An engine over the 8 default rules on a 1000 USDT balance. */
export function defaultEngine(base: Partial<MemoryBaseConfig> = {}): MemoryEngine {
  return createMemoryEngine({
    rules: createDefaultMemoryRules({ startingEquity: 1000 }),
    startingEquity: 1000,
    baseConfig: { ...BASE, ...base },
  });
}

/** Feeds trades one at a time. */
export function feed(engine: MemoryEngine, trades: readonly ClosedTrade[]): MemoryEngine {
  for (const trade of trades) engine.onTradeClosed(trade);
  return engine;
}

/** Verdict identities, sorted, for comparing two states whatever their order. */
export function keysOf(verdicts: readonly Verdict[]): string[] {
  return verdicts.map(verdictKey).sort();
}

/**
 * The verdicts the rules give when each is evaluated from scratch on its slice of the history:
 * what the engine's incremental state must equal.
 */
export function pureVerdicts(engine: MemoryEngine, trades: readonly ClosedTrade[], nowMs: number): Verdict[] {
  const out: Verdict[] = [];
  const symbols = [...new Set(trades.map((t) => t.symbol))];
  for (const rule of engine.rules) {
    const slices =
      rule.scope === 'global'
        ? [trades]
        : rule.scope === 'model'
          ? [trades.filter((t) => t.model === rule.model)]
          : symbols.map((symbol) => trades.filter((t) => t.symbol === symbol));
    for (const slice of slices) {
      const verdict = rule.evaluate(slice, nowMs);
      if (verdict !== null) out.push(verdict);
    }
  }
  return out;
}
