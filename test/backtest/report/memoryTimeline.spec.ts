import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/backtest/report/buildReport.js';
import type { Db } from '../../../src/sinks/sqlite/db.js';
import { HOUR, insertMemoryEvent, openDatabase, runInfo, t, tempDbPath } from './fixtureDb.js';
import { fillScenario } from './scenario.js';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function freshDb(): Db {
  const db = openDatabase(tempDbPath());
  opened.push(db);
  return db;
}

describe('memory timeline', () => {
  it('pairs start and end per rule and scope, keeps an open span as null and skips an orphan end', () => {
    const db = freshDb();
    fillScenario(db);
    const memory = buildReport({ db, run: runInfo() }).memory;
    expect(memory.map((a) => [a.rule, a.scope, a.type, a.startMs, a.endMs]), 'by start, then rule; reversalWinRate had no start').toEqual([
      ['symbolWinRate', 'symbol:BTCUSDT', 'threshold', t('2025-01-20T00:00:00'), null],
      ['globalLossStreak', 'global', 'lock', t('2025-02-02T00:00:00'), t('2025-02-02T12:00:00')],
      ['globalWinRate', 'global', 'threshold', t('2025-02-02T00:00:00'), t('2025-02-15T00:00:00')],
    ]);
    expect(memory[1]?.reason, 'the reason of the start event').toBe('3 losses in a row');
    expect(memory[0]?.reason, 'a verdict without facts has no words').toBe('');
    expect(memory[1]?.verdict, 'the stored verdict, for the effect').toMatchObject({ type: 'lock', untilMs: t('2025-02-02T12:00:00') });
  });

  it('attributes a signal to an activation only inside its span [start, end) and its scope', () => {
    const db = freshDb();
    fillScenario(db);
    const [btc, pause, global] = buildReport({ db, run: runInfo() }).memory;
    expect(pause?.signals.map((s) => [s.symbol, s.endMs, s.status, s.codes]), 'the one at until is outside the lock').toEqual([
      ['ETHUSDT', t('2025-02-02T06:00:00'), 'blocked', ['pause']],
    ]);
    expect([pause?.blocked, pause?.shrunk], 'one blocked, none shrunk').toEqual([1, 0]);
    expect(btc?.signals.map((s) => [s.symbol, s.status]), 'the ETHUSDT row naming the rule is another scope').toEqual([['BTCUSDT', 'sent']]);
    expect([btc?.blocked, btc?.shrunk], 'trade 6 was sent with a raised threshold').toEqual([0, 1]);
    expect([global?.blocked, global?.shrunk], 'global scope sees trade 6 too').toEqual([0, 1]);
  });

  it('a second start of the same rule and scope closes the first span where the verdict changed', () => {
    const db = freshDb();
    const scope = { kind: 'global' } as const;
    insertMemoryEvent(db, { kind: 'start', atMs: t('2025-01-05T00:00:00'), verdict: { type: 'riskCap', rule: 'drawdownRiskCap', scope, maxRiskPct: 0.5, detail: { kind: 'drawdown', drawdownPct: 8.1, linePct: 8 } } });
    insertMemoryEvent(db, { kind: 'start', atMs: t('2025-01-05T00:00:00') + 5 * HOUR, verdict: { type: 'riskCap', rule: 'drawdownRiskCap', scope, maxRiskPct: 0.25, detail: { kind: 'drawdown', drawdownPct: 9, linePct: 8 } } });
    const memory = buildReport({ db, run: runInfo() }).memory;
    expect(memory.map((a) => [a.startMs, a.endMs, a.reason]), 'first span ends at the second start, the second is still on').toEqual([
      [t('2025-01-05T00:00:00'), t('2025-01-05T05:00:00'), 'equity 8.1% below its peak, over 8%'],
      [t('2025-01-05T05:00:00'), null, 'equity 9% below its peak, over 8%'],
    ]);
  });

  it('a run without memory events has an empty timeline', () => {
    const memory = buildReport({ db: freshDb(), run: runInfo({ memory: false }) }).memory;
    expect(memory, 'memory off writes no event').toEqual([]);
  });
});
