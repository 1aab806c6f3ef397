import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryEvent } from '../../../src/domain/memory.js';
import type { ClosedTrade } from '../../../src/domain/trade.js';
import type { MemoryEngine } from '../../../src/core/memory/engine.js';
import type { MemorySnapshot } from '../../../src/core/memory/snapshot.js';
import { defaultEngine, feed, keysOf } from './engineHarness.js';
import { realTrades } from './realTrades.js';

let trades: ClosedTrade[];
let cutIndex: number;
beforeAll(() => {
  trades = realTrades();
  // A restart point in the second half where a rule lock and a symbol lock are both active.
  const probe = defaultEngine();
  cutIndex = trades.findIndex((trade, index) => {
    probe.onTradeClosed(trade);
    const locks = probe.state(trade.exitTimeMs).locks;
    return index > trades.length / 2 && locks.length >= 2 && locks.some((l) => l.scope.kind === 'symbol');
  });
});

function eventsAfter(engine: MemoryEngine, later: readonly ClosedTrade[]): MemoryEvent[] {
  const events: MemoryEvent[] = [];
  for (const trade of later) {
    engine.onTradeClosed(trade);
    events.push(...engine.advanceTo(trade.exitTimeMs));
  }
  return events;
}

describe('memory engine: snapshot and restore after a restart', () => {
  it('found a restart point with active locks', () => {
    expect(cutIndex, 'a point with a symbol lock and another lock').toBeGreaterThan(0);
  });

  it('rebuilds the same state from the trades table and a persisted snapshot, then goes on identically', () => {
    const live = feed(defaultEngine(), trades.slice(0, cutIndex + 1));
    const cutMs = trades[cutIndex]!.exitTimeMs;
    live.advanceTo(cutMs);
    live.setManualPause(cutMs + 3 * 3_600_000, cutMs);
    live.advanceTo(cutMs);
    const persisted = JSON.parse(JSON.stringify(live.snapshot())) as MemorySnapshot;
    expect(persisted.locks.some((l) => l.rule === 'manualPause'), 'the manual pause is persisted').toBe(true);

    const restarted = defaultEngine();
    const check = restarted.restore(persisted, trades.slice(0, cutIndex + 1));
    expect(check, 'persisted locks agree with the rebuilt ones').toEqual({ agrees: true, missing: [], unexpected: [] });
    expect(restarted.snapshot(), 'same snapshot').toEqual(live.snapshot());
    for (const nowMs of [cutMs, cutMs + 3_600_000, cutMs + 30 * 3_600_000]) {
      expect(keysOf(restarted.state(nowMs).verdicts), `same verdicts at ${nowMs}`).toEqual(keysOf(live.state(nowMs).verdicts));
      expect(restarted.state(nowMs).equity, 'same equity').toBe(live.state(nowMs).equity);
    }
    expect(restarted.advanceTo(cutMs), 'verdicts active at the restart are not reported again').toEqual([]);

    const later = trades.slice(cutIndex + 1, cutIndex + 400);
    expect(eventsAfter(restarted, later), 'the same events afterwards').toEqual(eventsAfter(live, later));
  });

  it('feeds trades closed after the snapshot as new, with their events', () => {
    const cutMs = trades[cutIndex]!.exitTimeMs;
    const live = feed(defaultEngine(), trades.slice(0, cutIndex + 1));
    live.advanceTo(cutMs);
    const snapshot = live.snapshot();
    const later = trades.slice(cutIndex + 1, cutIndex + 300);
    const liveEvents = eventsAfter(live, later);
    const restarted = defaultEngine();
    restarted.restore(snapshot, trades.slice(0, cutIndex + 300));
    const endMs = later[later.length - 1]!.exitTimeMs;
    expect(restarted.advanceTo(endMs), 'events of the trades after the snapshot').toEqual(liveEvents);
  });

  it('says so when the persisted locks disagree with the trades', () => {
    const live = feed(defaultEngine(), trades.slice(0, cutIndex + 1));
    const snapshot = live.snapshot();
    const [dropped, ...kept] = snapshot.locks;
    const forged = { ...dropped!, rule: 'symbolLossStreak', scope: { kind: 'symbol', symbol: 'NOPEUSDT' } } as const;
    const check = defaultEngine().restore({ asOfMs: snapshot.asOfMs, locks: [...kept, forged] }, trades.slice(0, cutIndex + 1));
    expect(check.agrees, 'a mismatch is reported').toBe(false);
    expect(check.missing, 'the forged lock is not derivable').toEqual([forged]);
    expect(check.unexpected, 'the dropped lock is derived anyway').toEqual([dropped]);
  });
});
