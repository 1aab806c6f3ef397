import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_SETTINGS } from '../../../src/backtest/runner.js';
import { createMemoryRules, SEED_RULES } from '../../../src/core/memory/rules/index.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/core/models/modelConfig.js';
import { applyParams, baseValues, paramSpace } from '../../../src/research/walkforward/paramSpace.js';
import { searchTrials } from '../../../src/research/walkforward/search.js';

describe('the declared parameter space', () => {
  it('holds the threshold and the ATR multiples of the profile, and the rules only with the memory on', () => {
    expect(paramSpace('seed', false).map((p) => p.key)).toEqual(['scoreThreshold', 'model.seedContinuation.stopAtr', 'model.seedContinuation.targetAtr', 'model.seedReversal.stopAtr']);
    expect(paramSpace('confluence', false).map((p) => p.key)).toEqual(['scoreThreshold', 'model.continuation.stopAtr', 'model.continuation.targetAtr', 'model.reversal.stopAtr', 'model.reversal.targetAtr']);
    const keys = paramSpace('seed', true).map((p) => p.key);
    expect(keys).toContain('memory.globalLossStreak.lockHours');
    expect(keys).toContain('memory.drawdownRiskCap.aboveDrawdownPct');
    expect(keys, 'a notice-only rule has no lock to tune').not.toContain('memory.continuationWinRate.lockHours');
  });

  it('tunes a configured regime rule by its kind', () => {
    const rules = [...SEED_RULES, { id: 'chop', kind: 'chopThreshold' as const, scope: 'symbol' as const, params: { belowTrendAtr: 1, thresholdAdd: 10 } }];
    expect(paramSpace('seed', true, rules).map((p) => p.key)).toEqual(expect.arrayContaining(['memory.chop.belowTrendAtr', 'memory.chop.thresholdAdd']));
  });

  it('puts a trial into the settings without touching the base, and every drawn trial makes valid rules', () => {
    const base = { ...DEFAULT_BACKTEST_SETTINGS, profile: 'confluence' as const };
    const tuned = applyParams(base, { scoreThreshold: 85, 'model.reversal.targetAtr': 6, 'memory.symbolLossStreak.minLosses': 4 });
    expect(tuned.scoreThreshold).toBe(85);
    expect(tuned.models?.reversal.targetAtr).toBe(6);
    expect(tuned.models?.reversal.stopAtr).toBe(DEFAULT_MODEL_CONFIG.reversal.stopAtr);
    expect(tuned.memoryRules?.find((r) => r.id === 'symbolLossStreak')?.params.minLosses).toBe(4);
    expect(DEFAULT_MODEL_CONFIG.reversal.targetAtr).toBe(4);
    expect(base.memoryRules).toBeUndefined();
    const space = paramSpace('confluence', true);
    expect(baseValues(base, space)).toMatchObject({ scoreThreshold: 75, 'model.continuation.targetAtr': 6, 'memory.globalLossStreak.minLosses': 3 });
    for (const trial of searchTrials(space, 'random', 50, 3)) {
      expect(() => createMemoryRules({ startingEquity: 1000, specs: applyParams(base, trial).memoryRules }), JSON.stringify(trial)).not.toThrow();
    }
  });
});
