import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/domain/errors.js';
import type { Verdict } from '../../../src/domain/memory.js';
import type { RuleSpec } from '../../../src/core/memory/rule.js';
import { createMemoryRule, MEMORY_RULE_KINDS, SEED_RULES } from '../../../src/core/memory/rules/index.js';
import { dailyReadings, HOUR_MS, sequence, T0 } from './fixtures.js';

const PATTERNS = ['L'.repeat(25), 'W'.repeat(25), 'WLLWLLLWWWLWLLLLWWWWWLLWLWLLLW', 'LLWWLLWLWWWWWWWWWWWLLL'];
/** The 1D trend strengths the market rules read beside each pattern (the trade rules ignore them). */
const STRENGTHS = [[3, 2, 0.5, 0.2, 1.5, 4], [0.1, 0.1, 0.1], [5, 4, 3, 2.5], [2, 0.9, 1.1, 0.3, 0.3, 6]];

/** Instances of each kind beyond the seed's: other parameters and other scopes. */
const OTHER_INSTANCES: readonly RuleSpec[] = [
  { id: 'modelWinRate', kind: 'winRateThreshold', scope: 'model', params: { model: 'reversal', windowTrades: 8, minTrades: 3, belowWinRatePct: 60, thresholdAdd: 10 } },
  { id: 'fastSymbolWinRate', kind: 'winRateThreshold', scope: 'symbol', params: { windowTrades: 5, minTrades: 5, belowWinRatePct: 40, thresholdAdd: 3 } },
  { id: 'strictLossStreak', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 2, lockHours: 1.5 } },
  { id: 'modelLossStreak', kind: 'lossStreakLock', scope: 'model', params: { model: 'continuation', minLosses: 4, lockHours: 6 } },
  { id: 'deepDrawdownDailyCap', kind: 'drawdownCap', scope: 'global', params: { startingEquity: 300, aboveDrawdownPct: 12, maxSignalsPerDay: 0 } },
  { id: 'shallowDrawdownRiskCap', kind: 'drawdownCap', scope: 'global', params: { aboveDrawdownPct: 1, maxRiskPct: 0.25 } },
  { id: 'symbolWinRateLock', kind: 'winRateLock', scope: 'symbol', params: { windowTrades: 6, minTrades: 6, belowWinRatePct: 50, lockHours: 3 } },
  { id: 'globalWinRateLock', kind: 'winRateLock', scope: 'global', params: { windowTrades: 10, minTrades: 5, belowWinRatePct: 30, lockHours: 24 } },
  { id: 'globalGoodRun', kind: 'winRateLock', scope: 'global', params: { windowTrades: 10, minTrades: 4, aboveWinRatePct: 50 } },
  { id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 1, thresholdAdd: 10 } },
  { id: 'symbolDeepChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 0.25, thresholdAdd: 45 } },
];

describe.each([...SEED_RULES, ...OTHER_INSTANCES].map((spec) => [`${spec.id} (${spec.kind}, ${spec.scope})`, spec] as const))('rule contract: %s', (_, spec) => {
  const plugin = { name: spec.id, scope: spec.scope, create: (params: Record<string, unknown> = {}) => createMemoryRule({ ...spec, params: { ...spec.params, ...params } }) };
  const kind = MEMORY_RULE_KINDS[spec.kind];
  const rule = plugin.create();
  const model = rule.model ?? 'continuation';
  const histories = PATTERNS.map((pattern) => sequence(pattern, { model, symbol: 'ETHUSDT' }));
  /** The 1D readings beside each history: the market rules' input (ending at T0 + 1 day on). */
  const dailies = STRENGTHS.map((strengths) => dailyReadings(strengths));
  const dailyOf = (history: readonly unknown[]) => dailies[histories.indexOf(history as (typeof histories)[number])]!;
  const probeTimes = (trades: readonly { exitTimeMs: number }[]) => [
    ...trades.map((t) => t.exitTimeMs),
    ...trades.map((t) => t.exitTimeMs + HOUR_MS / 2),
    ...dailyOf(trades).flatMap((d) => [d.endMs - 1, d.endMs, d.endMs + HOUR_MS / 2]),
    T0 + 100 * HOUR_MS,
  ];
  const evaluate = (history: Parameters<typeof rule.evaluate>[0], now: number) => rule.evaluate(history, now, dailyOf(history));

  it('has no opinion on an empty history', () => {
    for (const now of [0, T0, T0 + 1000 * HOUR_MS]) expect(rule.evaluate([], now, []), `${plugin.name} at ${now}`).toBeNull();
    expect(rule.tracker().verdict(T0), 'a fresh tracker has no opinion either').toBeNull();
  });

  it('speaks on at least one of the probe histories (so the checks below are not vacuous)', () => {
    const spoken = histories.some((h) => probeTimes(h).some((now) => evaluate(h, now) !== null));
    expect(spoken, `${plugin.name} never gave a verdict on ${PATTERNS.join(', ')} (or the 1D strengths beside them)`).toBe(true);
  });

  it('gives the same verdict for the same input, in any input order', () => {
    for (const history of histories) {
      const shuffled = [...history].reverse();
      const shuffledDaily = [...dailyOf(history)].reverse();
      for (const now of probeTimes(history)) {
        const first = evaluate(history, now);
        expect(evaluate(history, now), 'evaluated twice').toEqual(first);
        expect(plugin.create().evaluate(shuffled, now, shuffledDaily), 'a new instance on reversed input').toEqual(first);
      }
    }
  });

  it('holds a lock only while start ≤ now < until, gives its facts, and names its scope kind', () => {
    const seen: Verdict[] = [];
    for (const history of histories) {
      for (const now of probeTimes(history)) {
        const verdict = evaluate(history, now);
        if (verdict === null) continue;
        seen.push(verdict);
        expect(verdict.detail.kind, 'a verdict gives the facts behind it').not.toBe('none');
        expect(verdict.rule, 'a verdict names its rule').toBe(plugin.name);
        expect(verdict.scope.kind, 'the verdict scope matches the rule scope').toBe(plugin.scope);
        if (verdict.type === 'lock') {
          expect(verdict.untilMs, 'a lock ends after now').toBeGreaterThan(now);
          expect(verdict.startMs, 'a lock has started').toBeLessThanOrEqual(now);
        }
      }
    }
    expect(seen.length, 'some verdicts were checked').toBeGreaterThan(0);
  });

  it('ignores trades closed after now', () => {
    for (const history of histories) {
      for (const now of probeTimes(history)) {
        const past = history.filter((t) => t.exitTimeMs <= now);
        expect(evaluate(history, now), 'future trades do not count').toEqual(rule.evaluate(past, now, dailyOf(history)));
      }
    }
  });

  it('ignores 1D candles that end after now (event time: a step sees only the days that closed)', () => {
    for (const history of histories) {
      for (const now of probeTimes(history)) {
        const closed = dailyOf(history).filter((d) => d.endMs <= now);
        expect(evaluate(history, now), 'future days do not count').toEqual(rule.evaluate(history, now, closed));
      }
    }
  });

  it('has an incremental tracker that agrees with evaluate trade by trade (and 1D candle by candle)', () => {
    for (const history of histories) {
      const tracker = rule.tracker();
      history.forEach((trade, index) => {
        tracker.add(trade);
        expect(tracker.verdict(trade.exitTimeMs), `after trade ${index}`).toEqual(
          rule.evaluate(history.slice(0, index + 1), trade.exitTimeMs),
        );
      });
      if (rule.reads !== 'daily') continue;
      const daily = dailyOf(history);
      daily.forEach((reading, index) => {
        tracker.observe?.(reading);
        expect(tracker.verdict(reading.endMs), `after 1D reading ${index}`).toEqual(rule.evaluate(history, reading.endMs, daily.slice(0, index + 1)));
      });
    }
  });

  it('names each parameter and its value in describe()', () => {
    const config = kind.paramsSchema.parse(spec.params);
    const text = rule.describe();
    expect(text, 'describe starts with the rule name').toMatch(new RegExp(`^${plugin.name}\\b`));
    expect(Object.keys(config).length, 'the rule has parameters').toBeGreaterThan(0);
    for (const [key, value] of Object.entries(config)) expect(text, `names ${key}`).toContain(`${key}=${String(value)}`);
  });

  it('carries its facts: a title, whether it is announced, and a lock code when it locks', () => {
    expect(rule.kind).toBe(spec.kind);
    expect(rule.params).toMatchObject(spec.params);
    expect(rule.facts.title, 'a title the wording tables word').toBeTruthy();
    expect(typeof rule.facts.announce).toBe('boolean');
    const locks = [...histories].some((h) => probeTimes(h).some((now) => evaluate(h, now)?.type === 'lock'));
    expect(rule.facts.lockCode !== undefined, 'a lock code exactly when the rule locks').toBe(locks);
  });

  it('rejects out-of-range and unknown config with a ConfigError naming the rule', () => {
    const config = kind.paramsSchema.parse(spec.params);
    const numericKey = Object.keys(config).find((key) => typeof config[key] === 'number');
    expect(numericKey, 'the rule has a numeric parameter').toBeDefined();
    expect(() => plugin.create({ [numericKey!]: -1 }), `${numericKey} = -1`).toThrow(ConfigError);
    expect(() => plugin.create({ [numericKey!]: 1e12 }), `${numericKey} = 1e12`).toThrow(ConfigError);
    expect(() => plugin.create({ noSuchParameter: 1 }), 'unknown key').toThrow(ConfigError);
    try {
      plugin.create({ [numericKey!]: -1 });
    } catch (error) {
      expect((error as ConfigError).variable, 'the error names the rule and field').toBe(`memory.${plugin.name}.${numericKey}`);
    }
  });
});
