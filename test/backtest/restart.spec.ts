import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { runBacktest } from '../../src/backtest/runner.js';
import { klineEndMs, type Kline } from '../../src/domain/kline.js';
import type { ModelProfile } from '../../src/domain/signal.js';
import { readCursors, readTables, type TableRows } from './support/dbTables.js';
import { exampleReplay } from './support/exampleCandles.js';
import { runAndKillMidway } from './support/killMidway.js';
import { restartScenario } from './support/restartScenario.js';

const dir = mkdtempSync(join(tmpdir(), 'restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const silent = pino({ level: 'silent' });

function replay(profile: ModelProfile, candles: readonly Kline[], dbPath: string) {
  const s = restartScenario(profile);
  return runBacktest({ candles, dbPath, settings: s.settings, fromMs: s.fromMs, logger: silent });
}

describe.each<ModelProfile>(['seed', 'confluence'])('a replay killed halfway and resumed (%s profile, memory on)', (profile) => {
  it('regression: ends with the same signals, trades and memory events as an uninterrupted one, and a re-run changes nothing', async () => {
    const scenario = restartScenario(profile);
    const candles = exampleReplay(scenario.symbols, scenario.untilMs);
    const live30m = candles.filter((k) => k.interval === '30m' && klineEndMs(k) > scenario.fromMs);
    const lastEndMs = klineEndMs(live30m[live30m.length - 1]!);
    const dbA = join(dir, `${profile}-a.db`);
    const dbB = join(dir, `${profile}-b.db`);

    const whole = replay(profile, candles, dbA);
    expect(whole.processed, 'the uninterrupted run processes every 30m candle after the warm-up').toBe(live30m.length);
    const expected = readTables(dbA);
    expect(expected.trades.length, 'the stretch has trades to compare').toBeGreaterThan(5);
    expect(expected.memory_events.length, 'the stretch has memory events to compare').toBeGreaterThan(0);

    const midMs = (scenario.fromMs + lastEndMs) / 2;
    const killed = await runAndKillMidway(profile, dbB, midMs, 30_000);
    expect(killed.signal, `the child was killed, not finished or crashed: ${killed.stderr}`).toBe('SIGKILL');
    const atKill = readCursors(dbB)!;
    const committed = [...atKill.values()];
    expect(committed.length, 'every symbol had committed candles when killed').toBe(scenario.symbols.length);
    expect(Math.min(...committed), 'progress was past the middle at the kill').toBeGreaterThan(midMs);
    expect(Math.min(...committed), 'but not every candle was committed: the kill was mid-run').toBeLessThan(lastEndMs);
    const partial = readTables(dbB);
    expect(partial.signals.length, 'the killed run had left fewer signals than the whole run').toBeLessThan(expected.signals.length);

    const resumed = replay(profile, candles, dbB);
    expect(resumed.processed, 'the resumed run processes only what was not committed').toBeLessThan(live30m.length);
    expect(resumed.processed, 'and something was left to process').toBeGreaterThan(0);
    const actual = readTables(dbB);
    expect(actual.signals, 'signals, all columns, equal the uninterrupted run').toEqual(expected.signals);
    expect(actual.trades, 'trades, all columns').toEqual(expected.trades);
    expect(actual.memory_events, 'memory events, all columns').toEqual(expected.memory_events);
    expect(actual.memory_state, 'persisted locks').toEqual(expected.memory_state);
    expect(actual.scan_cursors, 'scan cursors').toEqual(expected.scan_cursors);

    const again = replay(profile, candles, dbB);
    expect(again.processed, 'a finished database has nothing left to process').toBe(0);
    expect(readTables(dbB), 'a plain re-run on a finished database changes nothing').toEqual(actual);
  }, 60_000);
});

describe('a replay stopped cleanly at several points and resumed each time (seed profile)', () => {
  it('regression: reports each memory event once, with or without a lock active at the stop', () => {
    const scenario = restartScenario('seed');
    const candles = exampleReplay(scenario.symbols, scenario.untilMs);
    const dbA = join(dir, 'cuts-a.db');
    const dbB = join(dir, 'cuts-b.db');
    replay('seed', candles, dbA);
    const expected = readTables(dbA);
    const cuts = [Date.UTC(2025, 3, 1), Date.UTC(2025, 4, 1), Date.UTC(2025, 4, 15), Date.UTC(2025, 5, 1), Date.UTC(2025, 6, 1)];
    const atStops: TableRows[] = [];
    for (const cutMs of cuts) {
      replay('seed', candles.filter((k) => klineEndMs(k) <= cutMs), dbB);
      atStops.push(readTables(dbB));
    }
    expect(atStops.some((t) => t.memory_state.length === 0 && t.memory_events.length > 0), 'some stop had events but no lock to persist').toBe(true);
    replay('seed', candles, dbB);
    const actual = readTables(dbB);
    expect(actual.memory_events, 'memory events, all columns, each once').toEqual(expected.memory_events);
    expect(actual.memory_state, 'persisted locks').toEqual(expected.memory_state);
    expect(actual.signals, 'signals').toEqual(expected.signals);
    expect(actual.trades, 'trades').toEqual(expected.trades);
  }, 60_000);
});
