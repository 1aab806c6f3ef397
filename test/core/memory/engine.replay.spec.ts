import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryEvent } from '../../../src/domain/memory.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import { verdictKey } from '../../../src/core/memory/verdictKeys.js';
import { defaultEngine, feed, keysOf, pureVerdicts } from './engineHarness.js';
import { arrivalOrder, realTrades } from './realTrades.js';

let trades: ClosedTrade[];
beforeAll(() => {
  trades = realTrades();
});

/** Feeds trades in the given order, collecting events after each; checks the event stream against state every `every` trades. */
function liveRun(order: readonly ClosedTrade[], every: number) {
  const engine = defaultEngine();
  const active = new Map<string, number>();
  const events: MemoryEvent[] = [];
  let mismatches = 0;
  let duplicateStarts = 0;
  let unknownEnds = 0;
  order.forEach((trade, index) => {
    engine.onTradeClosed(trade);
    for (const event of engine.advanceTo(trade.exitTimeMs)) {
      events.push(event);
      const key = verdictKey(event.verdict);
      if (event.kind === 'start') {
        if (active.has(key)) duplicateStarts += 1;
        active.set(key, event.atMs);
      } else {
        if (!active.delete(key)) unknownEnds += 1;
      }
    }
    if (index % every === 0 && [...active.keys()].sort().join() !== keysOf(engine.state(trade.exitTimeMs).verdicts).join()) {
      mismatches += 1;
    }
  });
  return { engine, events, mismatches, duplicateStarts, unknownEnds };
}

describe('memory engine over a realistic trade stream from the example candles', () => {
  it('has enough trades and verdict changes to mean something', () => {
    expect(trades.length, 'a backtest-sized stream').toBeGreaterThan(5000);
    const { events } = liveRun(trades, 1_000_000);
    const rules = new Set(events.map((e) => e.verdict.rule));
    expect([...rules].sort(), 'every rule starts at least once').toEqual([
      'continuationWinRate', 'drawdownDailyCap', 'drawdownRiskCap', 'globalLossStreak',
      'globalWinRate', 'reversalWinRate', 'symbolLossStreak', 'symbolWinRate',
    ]);
  });

  it('keeps the incremental state equal to every rule evaluated from scratch', () => {
    const engine = defaultEngine();
    let checks = 0;
    trades.forEach((trade, index) => {
      engine.onTradeClosed(trade);
      if (index % 37 !== 0) return;
      for (const nowMs of [trade.exitTimeMs, trade.exitTimeMs + 11 * 3_600_000]) {
        const history = trades.slice(0, index + 1);
        expect(keysOf(engine.state(nowMs).verdicts), `after trade ${index}, at ${nowMs}`).toEqual(
          keysOf(pureVerdicts(engine, history, nowMs)),
        );
        checks += 1;
      }
    });
    expect(checks, 'checked throughout the stream').toBeGreaterThan(300);
  });

  it('reports every verdict start and end exactly once, matching the state', () => {
    const run = liveRun(trades, 7);
    expect(run.duplicateStarts, 'no verdict starts twice without an end').toBe(0);
    expect(run.unknownEnds, 'no end without a start').toBe(0);
    expect(run.mismatches, 'the started-minus-ended set is the state').toBe(0);
    const times = run.events.map((e) => e.atMs);
    expect(times, 'events in event time order').toEqual([...times].sort((a, b) => a - b));
  });

  it('ends in the same state whether same-time exits arrive in memory order or reversed', () => {
    const arrival = arrivalOrder(trades);
    expect(arrival.map((t) => t.signalId), 'the two orders do differ').not.toEqual(trades.map((t) => t.signalId));
    const run = liveRun(arrival, 7);
    const endMs = trades[trades.length - 1]!.exitTimeMs;
    expect(keysOf(run.engine.state(endMs).verdicts), 'same final verdicts').toEqual(
      keysOf(feed(defaultEngine(), trades).state(endMs).verdicts),
    );
    expect(run.engine.state(endMs).equity, 'equity summed in the same order').toBe(feed(defaultEngine(), trades).state(endMs).equity);
    expect(run.duplicateStarts + run.unknownEnds, 'events stay consistent through reordering').toBe(0);
  });

  it('ignores a trade fed twice', () => {
    const head = trades.slice(0, 200);
    const twice = feed(defaultEngine(), [...head, ...head.slice(150)]);
    const endMs = head[head.length - 1]!.exitTimeMs;
    expect(twice.state(endMs).equity, 'equity moves once per trade').toBe(feed(defaultEngine(), head).state(endMs).equity);
  });
});
