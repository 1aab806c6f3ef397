import { describe, expect, it } from 'vitest';
import { lockReason } from '../../../src/core/desk/lockReasons.js';
import { ruleBook, SEED_RULE_BOOK } from '../../../src/core/memory/ruleBook.js';
import { createMemoryRules } from '../../../src/core/memory/rules/index.js';
import type { LockVerdict } from '../../../src/domain/memory.js';
import { stringsFor } from '../../../src/sinks/telegram/templates/common.js';
import { ruleNameText } from '../../../src/sinks/telegram/templates/reasonText.js';

describe('per-rule facts live with the rule', () => {
  it('the seed rules keep what the string-keyed tables said: 1 and 6 quiet, the lock codes by rule, the names', () => {
    const rules = createMemoryRules({ startingEquity: 1000 });
    const facts = Object.fromEntries(rules.map(({ name, facts: { title, announce, lockCode } }) => [name, { title, announce, ...(lockCode === undefined ? {} : { lockCode }) }]));
    expect(rules.every((r) => r.facts.seed === true), 'all eight are seed rules').toBe(true);
    expect(facts).toEqual({
      globalWinRate: { title: 'lowWinRateGlobal', announce: false },
      globalLossStreak: { title: 'lossStreakGlobal', announce: true, lockCode: 'pause' },
      drawdownDailyCap: { title: 'drawdownDailyCap', announce: true },
      drawdownRiskCap: { title: 'drawdownRiskCap', announce: true },
      symbolLossStreak: { title: 'lossStreakSymbol', announce: true, lockCode: 'symbol_cooldown' },
      symbolWinRate: { title: 'lowWinRateSymbol', announce: false },
      reversalWinRate: { title: 'lowWinRateModel', announce: true, lockCode: 'model_disabled' },
      continuationWinRate: { title: 'goodRunModel', announce: true },
    });
    const en = stringsFor('en');
    expect(rules.map((r) => ruleNameText(r.name, en, ruleBook(rules)))).toEqual([
      'Low overall win rate', 'Losing streak', 'Drawdown: fewer signals', 'Drawdown: lower risk',
      'Symbol losing streak', 'Low symbol win rate', 'Low model win rate', 'Model on a good run',
    ]);
  });

  it('a configured instance is named by its kind, scope and parameters, and locks with its own code', () => {
    const rules = createMemoryRules({
      startingEquity: 1000,
      specs: [{ id: 'symbolSlump', kind: 'winRateLock', scope: 'symbol', params: { windowTrades: 6, minTrades: 6, belowWinRatePct: 50, lockHours: 3 } }],
    });
    const book = ruleBook(rules);
    const lock: LockVerdict = { type: 'lock', rule: 'symbolSlump', scope: { kind: 'symbol', symbol: 'ETHUSDT' }, startMs: 0, untilMs: 10, detail: { kind: 'winRateBelow', wins: 1, trades: 6, linePct: 50 } };
    expect(lockReason(lock, book)).toMatchObject({ code: 'symbol_cooldown', rule: 'symbolSlump', detail: { symbol: 'ETHUSDT' } });
    expect(ruleNameText('symbolSlump', stringsFor('en'), book)).toBe('Win-rate lock (per symbol): win rate below 50% in the last 6 trades → pause 3 h');
    expect(ruleNameText('symbolSlump', stringsFor('vi'), book)).toBe('Khóa theo tỷ lệ thắng (theo từng mã): tỷ lệ thắng dưới 50% trong 6 lệnh gần nhất → tạm dừng 3 giờ');
    expect(ruleNameText('symbolSlump', stringsFor('en'), SEED_RULE_BOOK), 'a book without it: a generic name, never the id').toBe('Memory rule');
  });
});

describe('a seed id in a configured book', () => {
  it('keeps the seed name with other parameters; a rule of a seed id the book lacks is named as the seed was', () => {
    const rules = createMemoryRules({
      startingEquity: 1000,
      specs: [{ id: 'globalLossStreak', kind: 'lossStreakLock', scope: 'global', params: { minLosses: 2, lockHours: 6 } }],
    });
    const book = ruleBook(rules);
    expect(ruleNameText('globalLossStreak', stringsFor('en'), book), 'a seed id keeps its title').toBe('Losing streak');
    expect(ruleNameText('symbolLossStreak', stringsFor('vi'), book), 'a stored row of a seed rule no longer configured').toBe('Chuỗi thua của mã');
  });
});
