/**
 * Which streams each shard owns. Shard ids (`s0`, `s1`, …) are never reused, so a closing
 * connection can never be mistaken for a new one.
 */
export interface ShardPlan {
  readonly shards: ReadonlyMap<string, ReadonlySet<string>>;
  /** Shards this plan opened (absent from the previous plan). */
  readonly created: readonly string[];
  readonly nextIndex: number;
}

export const EMPTY_PLAN: ShardPlan = { shards: new Map(), created: [], nextIndex: 0 };

/**
 * Spreads a new universe over the existing shards: a stream stays where it is, removed streams
 * leave their shard, new streams fill existing shards in order, and a new shard is created only
 * when every existing one is full. A shard left empty is absent from the result (it is closed).
 * An unchanged shard keeps the very same Set, so "did my streams change" is an identity check.
 */
export function planShards(prev: ShardPlan, desired: ReadonlySet<string>, maxPerShard: number): ShardPlan {
  const kept = new Map<string, Set<string>>();
  const placed = new Set<string>();
  for (const [id, streams] of prev.shards) {
    const keep = new Set<string>();
    for (const s of streams) if (desired.has(s)) keep.add(s);
    kept.set(id, keep);
    for (const s of keep) placed.add(s);
  }
  const pending: string[] = [];
  for (const s of desired) if (!placed.has(s)) pending.push(s);
  let next = 0;
  for (const keep of kept.values()) {
    while (keep.size < maxPerShard && next < pending.length) keep.add(pending[next++]!);
  }
  const shards = new Map<string, ReadonlySet<string>>();
  for (const [id, keep] of kept) {
    if (keep.size === 0) continue;
    const before = prev.shards.get(id)!;
    shards.set(id, sameSet(before, keep) ? before : keep);
  }
  const created: string[] = [];
  let nextIndex = prev.nextIndex;
  while (next < pending.length) {
    const id = `s${nextIndex++}`;
    shards.set(id, new Set(pending.slice(next, next + maxPerShard)));
    next += maxPerShard;
    created.push(id);
  }
  return { shards, created, nextIndex };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const s of a) if (!b.has(s)) return false;
  return true;
}
