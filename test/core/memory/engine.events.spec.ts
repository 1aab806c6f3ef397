import { describe, expect, it } from 'vitest';
import { closedTrade, HOUR_MS, sequence, T0 } from './fixtures.js';
import { defaultEngine, feed } from './engineHarness.js';
import type { MemoryEvent } from '../../../src/domain/memory.js';

const at = (hours: number) => T0 + hours * HOUR_MS;
const summary = (events: readonly MemoryEvent[]) => events.map((e) => `${e.kind} ${e.verdict.rule} @${(e.atMs - T0) / HOUR_MS}h`);
/** Three losses on three symbols: a global pause at 2 h and nothing else. */
const threeLosses = () => ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].map((symbol, i) => closedTrade({ id: i + 1, exitTimeMs: at(i), win: false, symbol }));

describe('memory engine: start and end events', () => {
  it('reports a pause when it starts and when it ends by itself, once each', () => {
    const engine = feed(defaultEngine(), threeLosses());
    expect(summary(engine.advanceTo(at(2))), 'the pause starts at the third loss').toEqual(['start globalLossStreak @2h']);
    expect(engine.advanceTo(at(14) - 1), 'nothing new while it holds').toEqual([]);
    expect(summary(engine.advanceTo(at(14))), 'the pause ends at until').toEqual(['end globalLossStreak @14h']);
    expect(engine.advanceTo(at(40)), 'nothing after').toEqual([]);
  });

  it('dates a lock end at until even when a later trade arrives first, in event time order', () => {
    const engine = feed(defaultEngine(), [...threeLosses(), closedTrade({ id: 4, exitTimeMs: at(20), win: true })]);
    expect(summary(engine.advanceTo(at(20))), 'start, end at 14 h').toEqual(['start globalLossStreak @2h', 'end globalLossStreak @14h']);
  });

  it('keeps events later than now for a later call', () => {
    const engine = feed(defaultEngine(), threeLosses());
    expect(engine.advanceTo(at(1)), 'the pause starts at 2 h, after now').toEqual([]);
    expect(summary(engine.advanceTo(at(2))), 'and is returned once now reaches it').toEqual(['start globalLossStreak @2h']);
  });

  it('reports an adjustment start once while it holds and its end once', () => {
    const trades = sequence('WLWLWLWLWL' + 'WLWL' + 'WWWW', { symbol: 'BTCUSDT', stepMs: HOUR_MS });
    const engine = defaultEngine();
    const events: MemoryEvent[] = [];
    for (const trade of trades) {
      engine.onTradeClosed(trade);
      events.push(...engine.advanceTo(trade.exitTimeMs));
    }
    const rule1 = summary(events.filter((e) => e.verdict.rule === 'globalWinRate'));
    expect(rule1, '5/10 starts it at the 10th trade; 9/16 ends it').toEqual(['start globalWinRate @9h', 'end globalWinRate @15h']);
  });

  it('reports a good continuation run once per crossing', () => {
    const engine = defaultEngine();
    const pattern = 'W'.repeat(10) + 'L'.repeat(6) + 'WWW';
    const events: MemoryEvent[] = [];
    [...pattern].forEach((r, i) => {
      const symbol = `S${i % 5}USDT`;
      engine.onTradeClosed(closedTrade({ id: i + 1, exitTimeMs: at(i), win: r === 'W', symbol }));
      events.push(...engine.advanceTo(at(i)));
    });
    const notices = summary(events.filter((e) => e.verdict.type === 'notice'));
    expect(notices, '10/10 at 9 h; 10/16 ends it at 15 h; 12/18 restarts it at 17 h').toEqual([
      'start continuationWinRate @9h',
      'end continuationWinRate @15h',
      'start continuationWinRate @17h',
    ]);
  });

  it('reports a manual pause, its replacement and its early end', () => {
    const engine = defaultEngine();
    engine.setManualPause(at(10), at(1));
    engine.setManualPause(at(12), at(2));
    engine.setManualPause(null, at(3));
    expect(summary(engine.advanceTo(at(20))), 'start, replaced at 2 h, cleared at 3 h').toEqual([
      'start manualPause @1h',
      'end manualPause @2h',
      'start manualPause @2h',
      'end manualPause @3h',
    ]);
  });
});
