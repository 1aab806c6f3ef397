import {
  NEVER, concatWith, defer, distinctUntilChanged, map, mergeMap, scan, shareReplay, type Observable,
} from 'rxjs';
import { ConfigError } from '../domain/errors.js';
import { gapForRate } from './sockets/paceEvenly.js';
import { EMPTY_PLAN, planShards, type ShardPlan } from './sockets/planShards.js';
import { runShard, type ShardLifecycleDeps } from './sockets/shardLifecycle.js';
import { createKlineSocketStats, type KlineSocketsDeps, type SocketEvent } from './sockets/types.js';

export { createKlineSocketStats, type KlineSocketsDeps, type KlineSocketStats, type ShardStats, type SocketEvent } from './sockets/types.js';

/** Binance cuts every connection at 24 h; replace ours an hour earlier. */
export const DEFAULT_MAX_CONNECTION_AGE_MS = 23 * 3_600_000;
/** Open this long, a connection that drops is redialled at once (see KlineSocketsDeps.healthyAfterMs). */
export const DEFAULT_HEALTHY_AFTER_MS = 3_000;
const NO_STREAMS: ReadonlySet<string> = new Set();

/**
 * The Binance kline sockets. Given the desired stream names (`btcusdt@kline_30m`, …) over time,
 * it keeps them subscribed across shards of at most `maxStreamsPerConn` streams and emits the raw
 * frames plus shard open/closed events (see {@link SocketEvent}).
 *
 * - A new universe becomes diffed SUBSCRIBE/UNSUBSCRIBE messages on the open shards (batched,
 *   paced at `controlMessagesPerSecond`); a new shard only when the existing ones are full; a
 *   shard left empty is closed. The universe completing leaves the sockets running.
 * - Each shard reconnects and resubscribes (at once after a healthy connection drops, with
 *   backoff while dialling keeps failing), is torn down when silent for `staleAfterMs`, and is
 *   swapped make-before-break before `maxConnectionAgeMs`.
 * - Unsubscribing closes every socket. Counters go to `deps.stats` when given.
 */
export function klineSockets(deps: KlineSocketsDeps): (streams$: Observable<ReadonlySet<string>>) => Observable<SocketEvent> {
  const max = deps.maxStreamsPerConn;
  if (!Number.isInteger(max) || max < 1 || max > 200) {
    throw new ConfigError('WS_MAX_STREAMS_PER_CONN', String(max), 'an integer 1–200');
  }
  const batchSize = Math.max(1, Math.min(deps.subscribeBatchSize ?? 50, max));
  const stats = deps.stats ?? createKlineSocketStats();
  const log = deps.logger.child({ component: 'klineSockets' });
  const shardDeps = (shard: string): ShardLifecycleDeps => ({
    shard,
    baseUrl: deps.baseUrl,
    batchSize,
    controlGapMs: gapForRate(deps.controlMessagesPerSecond ?? 5),
    staleAfterMs: deps.staleAfterMs,
    maxConnectionAgeMs: deps.maxConnectionAgeMs ?? DEFAULT_MAX_CONNECTION_AGE_MS,
    scheduler: deps.scheduler,
    log,
    stats,
    createSocket: deps.createSocket,
    backoff: deps.backoff,
    healthyAfterMs: deps.healthyAfterMs ?? DEFAULT_HEALTHY_AFTER_MS,
    random: deps.random,
    skipFrame: deps.skipFrame,
    outage: deps.outage,
  });

  return (streams$) =>
    defer(() => {
      // Replays the latest plan, so a shard created by a plan sees that plan on subscription.
      const plans$ = streams$.pipe(
        scan((plan: ShardPlan, desired: ReadonlySet<string>) => planShards(plan, desired, max), EMPTY_PLAN),
        shareReplay({ bufferSize: 1, refCount: true }),
      );
      const desiredOf = (shard: string): Observable<ReadonlySet<string>> =>
        plans$.pipe(
          map((plan) => plan.shards.get(shard) ?? NO_STREAMS),
          distinctUntilChanged(),
          // The universe completing must not end the shard: only an empty set does.
          concatWith(NEVER),
          shareReplay({ bufferSize: 1, refCount: true }),
        );
      return plans$.pipe(
        mergeMap((plan) => plan.created),
        mergeMap((shard) => runShard(shardDeps(shard), desiredOf(shard))),
      );
    });
}
