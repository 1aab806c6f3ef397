import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSources } from '../../src/app/httpSources.js';
import type { App } from '../../src/app/startApp.js';
import { createMemoryRules } from '../../src/core/memory/rules/index.js';
import type { Verdict } from '../../src/domain/memory.js';
import { apiRoutes } from '../../src/sinks/http/api.js';
import type { WordedMemory, WordedSignal } from '../../src/sinks/http/worded.js';
import { openDatabase, type Db } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { tempDbPath } from '../backtest/report/fixtureDb.js';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

describe("the running bot's HTTP sources name the configured rules", () => {
  it('a custom rule of MEMORY_RULES_FILE reads by what it does in /api/memory and in a blocked signal of /api/signals', () => {
    const db = openDatabase(tempDbPath());
    opened.push(db);
    const repos = createRepos(db);
    const rules = createMemoryRules({ startingEquity: 1000, specs: [{ id: 'coinStreak3', kind: 'lossStreakLock', scope: 'symbol', params: { minLosses: 3, lockHours: 12 } }] });
    const lock: Verdict = { type: 'lock', rule: 'coinStreak3', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, startMs: 0, untilMs: 1, detail: { kind: 'lossStreak', losses: 3 } };
    repos.signals.insert({
      symbol: 'SOLUSDT', interval: '30m', openTimeMs: 0, endMs: 1_800_000, model: 'continuation', side: 'LONG', score: 80, breakdown: {}, entry: 100,
      stopLoss: 95, takeProfit: 110, status: 'blocked', quantity: 0, riskPct: 0, effectiveThreshold: 75, effectiveDailyMax: 5,
      reasons: [{ code: 'symbol_cooldown', detail: { symbol: 'SOLUSDT', untilMs: 1, why: { kind: 'lossStreak', losses: 3 } }, rule: 'coinStreak3' }],
    }, 'seed');
    const app = { repos, desk: { memory: { rules }, memoryState: { verdicts: [lock] } }, config: {}, startedAtMs: 0 } as unknown as App;
    const routes = apiRoutes(createHttpSources(app, () => 0), () => 0, 'en');
    const memory = routes.get('/api/memory')!(new URLSearchParams()) as WordedMemory;
    expect(memory.active[0]?.text.rule).toBe('Loss streak lock (per symbol): 3 losses → pause 12 h');
    const { signals } = routes.get('/api/signals')!(new URLSearchParams()) as { signals: WordedSignal[] };
    expect(signals[0]?.reasonTexts[0]).toContain('(Loss streak lock (per symbol): 3 losses → pause 12 h)');
  });
});
