import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { newCandleStep } from '../../src/core/desk/candleStep.js';
import type { RuleSpec } from '../../src/core/memory/rule.js';
import { SEED_RULES } from '../../src/core/memory/rules/index.js';
import { expireLocksStage } from '../../src/operators/expireLocks.js';
import { openDatabase, type Db } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { exampleFeaturesAt } from '../operators/support/steps.js';

const HALF_HOUR_MS = 1_800_000;
/** Always holds once the 1D series has its SMA50 and ATR: the test is about persistence, not the line. */
const RULES: readonly RuleSpec[] = [...SEED_RULES, { id: 'symbolChop', kind: 'chopThreshold', scope: 'symbol', params: { belowTrendAtr: 20, thresholdAdd: 10 } }];
const DAY_END = Date.UTC(2025, 3, 1);

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

/** The bot's parts over one SQLite file, as a (re)start builds them. */
function start(path: string) {
  const db = openDatabase(path);
  opened.push(db);
  const repos = createRepos(db);
  const s = DEFAULT_BACKTEST_SETTINGS;
  const logger = pino({ level: 'silent' });
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, memoryRules: RULES, logger,
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({ repos, desk, profile: 'seed', logger, outbox: { repo: repos.outbox, chatId: '42', language: 'en' } });
  const expire = expireLocksStage({ desk });
  /** The first stage and the writer on the BTCUSDT 30m candle ending at `endMs`, with its real features. */
  const step = (endMs: number) => {
    const { kline, features } = exampleFeaturesAt('BTCUSDT', endMs);
    writer.write(expire(newCandleStep(kline, features, false)));
  };
  const events = () => db.prepare(`SELECT kind, rule, scope, at_ms AS atMs FROM memory_events ORDER BY id`).all();
  const threshold = () => desk.memoryState.limitsFor({ symbol: 'BTCUSDT', model: 'reversal' }).threshold;
  return { step, events, threshold };
}

describe('a market rule across a restart', () => {
  it('resumes the verdict its events reported before any candle, and the warm-up day reports nothing twice', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ks-market-')), 'bot.db');
    const before = start(path);
    before.step(DAY_END - HALF_HOUR_MS);
    const started = [{ kind: 'start', rule: 'symbolChop', scope: 'symbol:BTCUSDT', atMs: DAY_END - 24 * 3_600_000 }];
    expect(before.events(), 'the start at the end of the 1D candle the step saw').toEqual(started);
    expect(before.threshold()).toBe(85);

    const after = start(path);
    expect(after.threshold(), 'restored from memory_events, before any candle').toBe(85);
    after.step(DAY_END);
    expect(after.events(), 'a new day that keeps the verdict: no event, none repeated').toEqual(started);
    expect(after.threshold()).toBe(85);
  });
});
