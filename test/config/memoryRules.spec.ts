import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMemoryRuleSpecs } from '../../src/config/memoryRules.js';
import { createMemoryEngine } from '../../src/core/memory/engine.js';
import { createMemoryRules, SEED_RULES } from '../../src/core/memory/rules/index.js';
import { ConfigError } from '../../src/domain/errors.js';
import { sequence } from '../core/memory/fixtures.js';

function rulesFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ks-rules-')), 'rules.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const STREAK = { id: 'tight', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 2, lockHours: 1 } } as const;

const STRICT_STREAK = SEED_RULES.map((spec) => (spec.id === 'globalLossStreak' ? { ...spec, params: { minLosses: 2, lockHours: 6 } } : spec));

function errorOf(content: unknown): string {
  try {
    loadMemoryRuleSpecs(rulesFile(content), 1000);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('MEMORY_RULES_FILE', () => {
  it('unset: the 8 seed rules', () => {
    expect(loadMemoryRuleSpecs(undefined, 1000)).toBe(SEED_RULES);
  });

  it('a valid file gives its instances, in order', () => {
    expect(loadMemoryRuleSpecs(rulesFile(STRICT_STREAK), 1000)).toEqual(STRICT_STREAK);
  });

  it('a stricter loss streak changes behaviour: two losses pause all signals for 6 h, where the seed rules do not', () => {
    const engineOf = (specs: typeof SEED_RULES) =>
      createMemoryEngine({ rules: createMemoryRules({ startingEquity: 1000, specs }), startingEquity: 1000, baseConfig: { scoreThreshold: 75, riskPerTradePct: 1, maxSignalsPerDay: 5 } });
    const trades = sequence('LL', { symbol: 'ETHUSDT' }).map((t, i) => ({ ...t, symbol: i === 0 ? 'BTCUSDT' : 'ETHUSDT' }));
    const seed = engineOf(SEED_RULES);
    const strict = engineOf(loadMemoryRuleSpecs(rulesFile(STRICT_STREAK), 1000));
    for (const t of trades) [seed, strict].forEach((e) => e.onTradeClosed(t));
    const now = trades[1]!.exitTimeMs;
    expect(seed.state(now).limitsFor({ symbol: 'SOLUSDT', model: 'continuation' }).locks, 'seed: 2 losses are not a streak').toEqual([]);
    const locks = strict.state(now).limitsFor({ symbol: 'SOLUSDT', model: 'continuation' }).locks;
    expect(locks, 'strict: paused from the second loss for 6 h').toMatchObject([{ rule: 'globalLossStreak', startMs: now, untilMs: now + 6 * 3_600_000 }]);
    expect(strict.state(now + 6 * 3_600_000).limitsFor({ symbol: 'SOLUSDT', model: 'continuation' }).locks, 'over after 6 h').toEqual([]);
  });

  it('the seed book plus a chop threshold: the file round-trips, and the rule raises a choppy symbol\'s threshold', () => {
    const chop = { id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 1.5, thresholdAdd: 10 }, title: { vi: 'Mã đi ngang', en: 'Choppy symbol' } } as const;
    const specs = loadMemoryRuleSpecs(rulesFile([...SEED_RULES, chop]), 1000);
    expect(specs, 'the entries as written').toEqual([...SEED_RULES, chop]);
    expect(loadMemoryRuleSpecs(rulesFile(JSON.parse(JSON.stringify(specs))), 1000), 'written out and read again').toEqual(specs);
    const engine = createMemoryEngine({ rules: createMemoryRules({ startingEquity: 1000, specs }), startingEquity: 1000, baseConfig: { scoreThreshold: 75, riskPerTradePct: 1, maxSignalsPerDay: 5 } });
    engine.onDailyReading({ symbol: 'SOLUSDT', endMs: 86_400_000, close: 104, smaSlow: 100, atr: 4 });
    expect(engine.state(86_400_000).limitsFor({ symbol: 'SOLUSDT', model: 'continuation' }).threshold, '1 ATR from SMA50 is under 1.5').toBe(85);
    expect(engine.state(86_400_000).limitsFor({ symbol: 'BTCUSDT', model: 'continuation' }).threshold, 'another symbol').toBe(75);
  });

  it('examples/memory-rules.chop.json is the seed rules plus a chop threshold (the rule is not in the seed rules)', () => {
    const specs = loadMemoryRuleSpecs(fileURLToPath(new URL('../../examples/memory-rules.chop.json', import.meta.url)), 1000);
    expect(specs.slice(0, SEED_RULES.length)).toEqual(SEED_RULES);
    expect(specs.slice(SEED_RULES.length).map((spec) => spec.kind)).toEqual(['chopThreshold']);
    expect(SEED_RULES.some((spec) => spec.kind === 'chopThreshold'), 'off by default: docs/regime-rule.md').toBe(false);
  });

  it.each([
    ['a chop line out of range', [{ id: 'chop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 0, thresholdAdd: 10 } }], 'MEMORY_RULES_FILE rule 1 (chop) params.belowTrendAtr="0"'],
    ['a chop rule on a global scope', [{ id: 'chop', kind: 'chopThreshold', scope: 'global', params: { belowTrendAtr: 1, thresholdAdd: 10 } }], 'MEMORY_RULES_FILE rule 1 (chop) scope="global"'],
    ['a bad parameter', [{ id: 'tight', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 0, lockHours: 1 } }], 'MEMORY_RULES_FILE rule 1 (tight) params.minLosses="0"'],
    ['a missing parameter', [{ id: 'tight', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 2 } }], 'MEMORY_RULES_FILE rule 1 (tight) params.lockHours=(unset)'],
    ['an unknown parameter', [{ id: 'tight', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 2, lockHours: 1, hours: 3 } }], 'MEMORY_RULES_FILE rule 1 (tight) params'],
    ['an unknown kind', [SEED_RULES[0], { id: 'other', kind: 'cooldown', scope: 'global', params: {} }], 'MEMORY_RULES_FILE rule 2 (other) kind="cooldown"'],
    ['a scope the kind cannot run on', [{ id: 'dd', kind: 'drawdownCap', scope: 'symbol', params: { aboveDrawdownPct: 5, maxRiskPct: 1 } }], 'MEMORY_RULES_FILE rule 1 (dd) scope="symbol"'],
    ['a model scope without its model', [{ id: 'm', kind: 'lossStreakLock', scope: 'model', params: { minLosses: 2, lockHours: 1 } }], 'MEMORY_RULES_FILE rule 1 (m) params.model'],
    ['a duplicate id', [SEED_RULES[0], SEED_RULES[0]], 'MEMORY_RULES_FILE rule 2 (globalWinRate) id'],
    ['an entry without an id', [{ kind: 'lossStreakLock', scope: 'global', params: {} }], 'MEMORY_RULES_FILE rule 1 id=(unset)'],
    ['an empty title', [{ ...STREAK, title: '  ' }], 'MEMORY_RULES_FILE rule 1 (tight) title="  "'],
    ['a title over 80 characters', [{ ...STREAK, title: 'x'.repeat(81) }], 'MEMORY_RULES_FILE rule 1 (tight) title='],
    ['a title of two lines', [{ ...STREAK, title: 'one\ntwo' }], 'MEMORY_RULES_FILE rule 1 (tight) title='],
    ['a title object with neither language', [{ ...STREAK, title: {} }], 'MEMORY_RULES_FILE rule 1 (tight) title="{}"'],
    ['a title object with another language', [{ ...STREAK, title: { vi: 'Nghỉ', fr: 'Pause' } }], 'MEMORY_RULES_FILE rule 1 (tight) title='],
  ])('%s is a ConfigError naming the rule and the field', (_, content, start) => {
    const message = errorOf(content);
    expect(message.startsWith(start), message).toBe(true);
    expect(message).toMatch(/is invalid: allowed /);
  });

  it('a title is kept per language: a string for both, an object as given, spaces around it dropped', () => {
    const specs = loadMemoryRuleSpecs(rulesFile([
      { ...STREAK, id: 'a', title: ' Pause after 2 losses ' },
      { ...STREAK, id: 'b', title: { vi: 'Nghỉ sau 2 lệnh thua', en: 'Break after 2 losses' } },
      { ...STREAK, id: 'c', title: { en: 'English only' } },
      { ...STREAK, id: 'd' },
    ]), 1000);
    expect(specs.map((s) => s.title)).toEqual([
      { vi: 'Pause after 2 losses', en: 'Pause after 2 losses' },
      { vi: 'Nghỉ sau 2 lệnh thua', en: 'Break after 2 losses' },
      { en: 'English only' },
      undefined,
    ]);
    expect(Object.keys(specs[2]!.title!), 'no unset language key').toEqual(['en']);
    expect('title' in specs[3]!, 'no title key without a title').toBe(false);
  });

  it('a file that is not a JSON array of rules names the variable', () => {
    expect(errorOf('{ not json')).toMatch(/^MEMORY_RULES_FILE=".*rules\.json" is invalid: allowed a readable JSON file/);
    expect(errorOf([])).toMatch(/^MEMORY_RULES_FILE=".*" is invalid: allowed a JSON array/);
  });
});
