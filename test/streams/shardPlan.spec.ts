import { describe, it, expect } from 'vitest';
import { EMPTY_PLAN, planShards, type ShardPlan } from '../../src/streams/sockets/planShards.js';

const names = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `s${from + i}usdt@kline_4h`);
const contents = (plan: ShardPlan): Record<string, string[]> =>
  Object.fromEntries([...plan.shards].map(([id, set]) => [id, [...set]]));

describe('planShards', () => {
  it('packs 7 streams into shards of at most 3, in order', () => {
    const plan = planShards(EMPTY_PLAN, new Set(names(7)), 3);
    expect(contents(plan), 'full shards first, remainder last').toEqual({ s0: names(3), s1: names(3, 3), s2: names(1, 6) });
    expect(plan.created, 'all three are new').toEqual(['s0', 's1', 's2']);
  });

  it('keeps streams where they are and fills free room before creating a shard', () => {
    const first = planShards(EMPTY_PLAN, new Set(names(7)), 3);
    const [a, b, c, d, e, f, g] = names(7);
    const [x, y, z] = names(3, 100);
    // b and e leave; x, y fill s0 and s1; z fills s2, which still had room.
    const next = planShards(first, new Set([a!, c!, d!, f!, g!, x!, y!, z!]), 3);
    expect(contents(next), 'nothing moves, new streams take the free slots').toEqual({ s0: [a, c, x], s1: [d, f, y], s2: [g, z] });
    expect(next.created, 'no shard created when there is room').toEqual([]);
    expect(e, 'sanity: e existed').toBeDefined();
    expect(b, 'sanity: b existed').toBeDefined();
  });

  it('creates a shard only when every existing one is full, with a fresh id', () => {
    const first = planShards(EMPTY_PLAN, new Set(names(3)), 3);
    const next = planShards(first, new Set(names(5)), 3);
    expect(next.created, 'one new shard for the overflow').toEqual(['s1']);
    expect(contents(next).s1, 'overflow streams').toEqual(names(2, 3));
  });

  it('drops a shard that ends up empty and never reuses its id', () => {
    const first = planShards(EMPTY_PLAN, new Set(names(6)), 3);
    const shrunk = planShards(first, new Set(names(3, 3)), 3);
    expect([...shrunk.shards.keys()], 's0 emptied and is gone').toEqual(['s1']);
    const grown = planShards(shrunk, new Set([...names(3, 3), ...names(2, 50)]), 3);
    expect(grown.created, 'a new shard gets a new id, not s0').toEqual(['s2']);
  });

  it('keeps the same Set for an unchanged shard, so consumers can skip it by identity', () => {
    const first = planShards(EMPTY_PLAN, new Set(names(6)), 3);
    const next = planShards(first, new Set([...names(3), ...names(2, 3)]), 3);
    expect(next.shards.get('s0'), 'untouched shard: same object').toBe(first.shards.get('s0'));
    expect(next.shards.get('s1'), 'changed shard: new object').not.toBe(first.shards.get('s1'));
  });

  it('an empty universe leaves no shards', () => {
    const first = planShards(EMPTY_PLAN, new Set(names(4)), 3);
    expect(planShards(first, new Set(), 3).shards.size, 'everything closes').toBe(0);
  });
});
