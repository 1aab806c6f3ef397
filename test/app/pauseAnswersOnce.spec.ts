import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { createBotQueries } from '../../src/app/botQueries.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import type { Kline } from '../../src/domain/kline.js';
import { newCandleStep } from '../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../src/core/models/symbolFeatures.js';
import { expireLocksStage } from '../../src/operators/expireLocks.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos } from '../../src/sinks/sqlite/repos.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';

const HALF_HOUR = 1_800_000;
const T0 = Date.UTC(2026, 0, 5);

function candle(endMs: number): Kline {
  return {
    symbol: 'ETHUSDT', interval: '30m', openTimeMs: endMs - HALF_HOUR, closeTimeMs: endMs - 1,
    open: 1, high: 1, low: 1, close: 1, volume: 1, quoteVolume: 1, trades: 1, closed: true,
  };
}

/** The live bot's parts that a /pause goes through: the queries, the desk's memory, the step writer's outbox. */
function setup() {
  const repos = createRepos(openDatabase(':memory:'));
  const s = DEFAULT_BACKTEST_SETTINGS;
  const logger = pino({ level: 'silent' });
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger,
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  const writer = new StepWriter({ repos, desk, profile: 'seed', logger, outbox: { repo: repos.outbox, chatId: '42', language: 'en' } });
  const queries = createBotQueries({ repos, desk, startedAtMs: T0, symbolsWatched: () => 1, heldChats: () => [], logger, startingEquity: 1000, markPrice: () => undefined });
  const expire = expireLocksStage({ desk });
  /** One closed candle through the first stage and the writer, as the pipeline does. */
  const step = (endMs: number) => writer.write(expire(newCandleStep(candle(endMs), {} as SymbolFeatures, false)));
  const memoryMessages = () => (repos.db.prepare(`SELECT text FROM outbox WHERE kind = 'memory'`).all() as Array<{ text: string }>).map((r) => r.text);
  return { desk, queries, step, memoryMessages };
}

describe('regression: /pause and /resume answer once', () => {
  it('the pause and resume set by command are not announced again by the next candle (the command reply already said it)', () => {
    const { queries, step, memoryMessages } = setup();
    step(T0);
    queries.pause();
    step(T0 + HALF_HOUR);
    expect(memoryMessages(), 'no second "All signals paused" after the /pause reply').toEqual([]);
    queries.resume();
    step(T0 + 2 * HALF_HOUR);
    expect(memoryMessages(), 'no second "Signals resumed" after the /resume reply').toEqual([]);
  });

  it('a timed pause that runs out by itself is still announced: nobody asked, so nobody was told', () => {
    const { queries, step, memoryMessages } = setup();
    step(T0);
    queries.pause(T0 + 2 * HALF_HOUR);
    step(T0 + HALF_HOUR);
    step(T0 + 2 * HALF_HOUR);
    const texts = memoryMessages();
    expect(texts.length, 'one message: the end of the pause').toBe(1);
    expect(texts[0]).toContain('Signals resumed');
  });
});
