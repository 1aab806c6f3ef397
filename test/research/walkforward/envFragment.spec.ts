import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_SETTINGS } from '../../../src/backtest/runner.js';
import { envFragment } from '../../../src/research/walkforward/envFragment.js';
import { baseValues, paramSpace } from '../../../src/research/walkforward/paramSpace.js';

const base = { ...DEFAULT_BACKTEST_SETTINGS, profile: 'seed' as const, memory: true };
const space = paramSpace('seed', true);

describe('the recommended configuration as a .env fragment', () => {
  it('names the tuned rules file only when a rule parameter differs from the rules as given', () => {
    const asGiven = envFragment(base, space, baseValues(base, space), 'heading', '/out/rules.json');
    expect(asGiven.env).not.toContain('MEMORY_RULES_FILE');
    expect(asGiven.memoryRules).toBeUndefined();
    const tuned = envFragment(base, space, { ...baseValues(base, space), scoreThreshold: 80, 'memory.globalLossStreak.minLosses': 4 }, 'heading', '/out/rules.json');
    expect(tuned.env.split('\n').slice(0, 5)).toEqual(['# heading', 'MODEL_PROFILE=seed', 'MEMORY_ENABLED=true', 'SCORE_THRESHOLD=80', 'MEMORY_RULES_FILE=/out/rules.json']);
    const rules = JSON.parse(tuned.memoryRules!) as Array<{ id: string; params: Record<string, number> }>;
    expect(rules.find((r) => r.id === 'globalLossStreak')!.params.minLosses).toBe(4);
    expect(rules).toHaveLength(8);
  });

  it('writes the ATR multiples as comments: the bot has no variable for them', () => {
    const f = envFragment(base, space, { ...baseValues(base, space), 'model.seedContinuation.stopAtr': 2.5 }, 'heading', '/out/rules.json');
    expect(f.env).toContain('#   continuation stop (ATR): 2.5');
    expect(f.env.split('\n').filter((l) => l !== '' && !l.startsWith('#')).every((l) => /^[A-Z_]+=/.test(l))).toBe(true);
  });
});
