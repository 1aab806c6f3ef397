import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMemoryRuleSpecs } from '../../src/config/memoryRules.js';
import { createMemoryRule } from '../../src/core/memory/rules/index.js';

function messageOf(entries: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ks-rules-')), 'rules.json');
  writeFileSync(path, JSON.stringify(entries));
  try {
    loadMemoryRuleSpecs(path, 1000);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

const streak = (params: Record<string, unknown>, scope = 'global') => [{ id: 'tight', kind: 'lossStreakLock', scope, params }];
const window = (params: Record<string, unknown>) => [{ id: 'w', kind: 'winRateThreshold', scope: 'global', params: { windowTrades: 20, minTrades: 10, belowWinRatePct: 55, thresholdAdd: 5, ...params } }];

describe('a bad parameter of a MEMORY_RULES_FILE rule is refused with its allowed range in words', () => {
  it.each([
    ['out of range', streak({ minLosses: 0, lockHours: 1 }), 'MEMORY_RULES_FILE rule 1 (tight) params.minLosses="0" is invalid: allowed integer 1–50'],
    ['not an integer', streak({ minLosses: 2.5, lockHours: 1 }), 'MEMORY_RULES_FILE rule 1 (tight) params.minLosses="2.5" is invalid: allowed integer 1–50'],
    ['a number as text', streak({ minLosses: '2', lockHours: 1 }), 'MEMORY_RULES_FILE rule 1 (tight) params.minLosses="\\"2\\"" is invalid: allowed integer 1–50'],
    ['missing', streak({ minLosses: 2 }), 'MEMORY_RULES_FILE rule 1 (tight) params.lockHours=(unset) is invalid: allowed above 0, up to 720'],
    ['zero where it must be above', streak({ minLosses: 2, lockHours: 0 }), 'MEMORY_RULES_FILE rule 1 (tight) params.lockHours="0" is invalid: allowed above 0, up to 720'],
    ['an unknown model', streak({ minLosses: 2, lockHours: 1, model: 'trend' }, 'model'), 'MEMORY_RULES_FILE rule 1 (tight) params.model="\\"trend\\"" is invalid: allowed continuation or reversal'],
    ['an unknown key', streak({ minLosses: 2, lockHours: 1, hours: 3 }), 'MEMORY_RULES_FILE rule 1 (tight) params="{\\"minLosses\\":2,\\"lockHours\\":1,\\"hours\\":3}" is invalid: allowed only the keys model, minLosses, lockHours (not hours)'],
    ['a minimum over its window', window({ minTrades: 21 }), 'MEMORY_RULES_FILE rule 1 (w) params.minTrades="21" is invalid: allowed minTrades ≤ windowTrades'],
    ['a range before a cross-field rule', window({ minTrades: 30, thresholdAdd: 46 }), 'MEMORY_RULES_FILE rule 1 (w) params.thresholdAdd="46" is invalid: allowed integer 0–45'],
  ])('%s', (_, entries, message) => {
    expect(messageOf(entries)).toBe(message);
  });

  it('fills defaults and keeps the parameters in the kind’s order, as describe() shows them', () => {
    const rule = createMemoryRule({ id: 'dd', kind: 'drawdownCap', scope: 'global', params: { maxRiskPct: 0.5, aboveDrawdownPct: 8 } });
    expect(rule.params).toEqual({ startingEquity: 1000, aboveDrawdownPct: 8, maxRiskPct: 0.5 });
    expect(rule.describe()).toMatch(/^dd\(startingEquity=1000, aboveDrawdownPct=8, maxRiskPct=0\.5\): /);
  });
});
