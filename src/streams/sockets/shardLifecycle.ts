import {
  BehaviorSubject, concatWith, defer, filter, first, ignoreElements, merge, mergeMap, of, share, Subject, takeUntil, tap,
  type Observable,
} from 'rxjs';
import type { OutageLog } from '../../logging/outageLog.js';
import { networkFailureCode, retryTransient } from '../../operators/retryTransient.js';
import { isSocketEvent, shardSession, type SessionEvent, type ShardSessionDeps } from './shardSession.js';
import type { ShardStats, SocketEvent } from './types.js';

export interface ShardLifecycleDeps extends ShardSessionDeps {
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  /** A connection `open` (every stream subscribed) for this long is healthy: see {@link resilientSession}. */
  readonly healthyAfterMs: number;
  readonly random: (() => number) | undefined;
  readonly outage?: OutageLog | undefined;
}

/**
 * One connection kept alive: reconnects after any transient failure (drop, stale, refused),
 * resubscribing everything the shard owns then. A connection that had been open for
 * `healthyAfterMs` is redialled at once; dials that keep failing, or connections that close
 * sooner (a server that accepts and drops), wait a capped exponential backoff with full jitter.
 */
function resilientSession(deps: ShardLifecycleDeps, desired$: Observable<ReadonlySet<string>>): Observable<SessionEvent> {
  const { shard, log, stats } = deps;
  const host = new URL(deps.baseUrl).host;
  return defer(() => {
    let sessions = 0;
    return defer(() => shardSession(deps, desired$, sessions++ > 0)).pipe(
      retryTransient<SessionEvent>({
        ...deps.backoff,
        isUp: (e) => e.type === 'open',
        healthyAfterMs: deps.healthyAfterMs,
        scheduler: deps.scheduler,
        ...(deps.random ? { random: deps.random } : {}),
        onRetry: (err, attempt, delayMs) => {
          stats.reconnects += 1;
          const told = deps.outage?.failed(host, networkFailureCode(err)) === true;
          log[told ? 'debug' : 'warn']({ err, shard, attempt, delayMs }, 'shard reconnecting');
        },
      }),
      tap((e) => {
        if (e.type === 'open') deps.outage?.reached(host);
      }),
    );
  });
}

/**
 * A chain of connections: when the current one reaches its maximum age a replacement is dialled
 * and subscribed, and only once it is `open` is the old one closed (make-before-break, so no
 * candle is lost; the overlap's duplicate frames are deduplicated downstream).
 *
 * Generations are siblings under one `mergeMap`, numbered 0, 1, 2, …: an aged connection asks for
 * the next number rather than subscribing its replacement inside its own pipeline, so a frame
 * crosses the same few operators after the 100th replacement as on the first connection, and a
 * replaced connection leaves nothing subscribed behind.
 */
function generations(deps: ShardLifecycleDeps, desired$: Observable<ReadonlySet<string>>): Observable<SocketEvent> {
  const { shard, log } = deps;
  return defer(() => {
    const dial$ = new BehaviorSubject<number>(0);
    const opened$ = new Subject<number>();
    const generation = (n: number): Observable<SocketEvent> => {
      // Ref-counted, unlike connect(): once both the age watcher and the events branch let go,
      // the connection's socket is closed.
      const current$ = resilientSession(deps, desired$).pipe(share());
      const aged$ = current$.pipe(
        first((e) => e.type === 'aged'),
        tap(() => {
          log.info({ shard }, 'shard connection aged');
          dial$.next(n + 1);
        }),
        ignoreElements(),
      );
      const replaced$ = opened$.pipe(first((m) => m > n));
      let streams: readonly string[] = [];
      const events$ = current$.pipe(
        filter(isSocketEvent),
        tap((e) => {
          if (e.type !== 'open') return;
          streams = e.streams;
          opened$.next(n);
        }),
        takeUntil(replaced$),
        concatWith(defer(() => of<SocketEvent>({ type: 'closed', shard, reason: 'replaced', streams }))),
      );
      return merge(events$, aged$);
    };
    return dial$.pipe(mergeMap(generation));
  });
}

/**
 * A shard from creation to its end: it lives while `desired$` (its streams, replayed on
 * subscription) is non-empty, and ends with a `closed` event, reason `empty`, when its last
 * stream moves away. Unsubscribing closes its sockets.
 */
export function runShard(deps: ShardLifecycleDeps, desired$: Observable<ReadonlySet<string>>): Observable<SocketEvent> {
  const { shard, log, stats } = deps;
  return defer(() => {
    let streams: readonly string[] = [];
    const shardStats: ShardStats = { streams: 0, connections: 0, lastFrameMs: undefined };
    stats.shards.set(shard, shardStats);
    const emptied$ = desired$.pipe(
      tap((d) => {
        if (d.size > 0) streams = [...d];
        shardStats.streams = d.size;
      }),
      first((d) => d.size === 0),
    );
    return generations(deps, desired$).pipe(
      takeUntil(emptied$),
      concatWith(defer(() => of<SocketEvent>({ type: 'closed', shard, reason: 'empty', streams }))),
      tap({
        complete: () => log.info({ shard }, 'shard closed'),
        finalize: () => stats.shards.delete(shard),
      }),
    );
  });
}
