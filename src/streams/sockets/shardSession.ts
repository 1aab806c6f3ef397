import {
  catchError, concat, concatMap, filter, finalize, first, from, ignoreElements, map, merge, of,
  share, switchMap, take, tap, throwError, timer, type Observable, type SchedulerLike,
} from 'rxjs';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { failWhenStale } from '../../operators/failWhenStale.js';
import { classifyMessage } from './classifyMessage.js';
import { openSocket, type SocketSignal } from './openSocket.js';
import { paceEvenly } from './paceEvenly.js';
import { SubscriptionLedger } from './subscriptionLedger.js';
import type { KlineSocketStats, SocketEvent } from './types.js';

/** Internal marker: this connection reached its maximum age and should be replaced. */
export interface AgedEvent {
  readonly type: 'aged';
  readonly shard: string;
}
export type SessionEvent = SocketEvent | AgedEvent;

export interface ShardSessionDeps {
  readonly shard: string;
  readonly baseUrl: string;
  readonly batchSize: number;
  readonly controlGapMs: number;
  readonly staleAfterMs: number;
  readonly maxConnectionAgeMs: number;
  readonly scheduler: SchedulerLike;
  readonly log: Logger;
  readonly stats: KlineSocketStats;
  readonly createSocket: ((url: string) => WebSocket) | undefined;
  /** Data frames it answers true for are counted (frames, lastFrameMs, staleness) but not emitted. */
  readonly skipFrame?: ((text: string) => boolean) | undefined;
}

/** Combined-stream URL under the routed base: `<base>/stream?streams=a/b/c`. */
export function combinedStreamUrl(baseUrl: string, streams: readonly string[]): string {
  return `${baseUrl.replace(/\/+$/, '')}/stream?streams=${streams.join('/')}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One connection of a shard, from dial to failure. Opens with the first batch in the URL,
 * SUBSCRIBEs the rest and every later diff of `desired$` at the paced rate, emits `open` once the
 * initial SUBSCRIBEs are ACKed, forwards data frames, fails with StaleStreamError when silent,
 * says `aged` at the maximum age, and emits `closed` just before any error it ends with.
 * `desired$` must replay the shard's current streams on subscription.
 */
export function shardSession(deps: ShardSessionDeps, desired$: Observable<ReadonlySet<string>>, reconnect: boolean): Observable<SessionEvent> {
  const { shard, scheduler, log, stats, skipFrame } = deps;
  return desired$.pipe(
    take(1),
    switchMap((initial) => {
      const ledger = new SubscriptionLedger(initial, deps.batchSize);
      const shardStats = stats.shards.get(shard);
      let socketOpen = false;
      const conn$ = openSocket(combinedStreamUrl(deps.baseUrl, ledger.urlStreams), deps.createSocket).pipe(
        failWhenStale<SocketSignal>({ shard, staleAfterMs: deps.staleAfterMs, scheduler }),
        share(),
      );
      const opened = (): SocketEvent => {
        log.info({ shard, streams: ledger.streams().length, reconnect }, 'shard open');
        return { type: 'open', shard, streams: ledger.streams(), reconnect };
      };
      const control$ = conn$.pipe(
        first((s): s is Extract<SocketSignal, { type: 'open' }> => s.type === 'open'),
        switchMap(({ send }) =>
          concat(from(ledger.initialMessages), desired$.pipe(concatMap((d) => ledger.reconcile(d)))).pipe(
            paceEvenly(deps.controlGapMs, scheduler),
            tap((m) => send(JSON.stringify(m))),
          ),
        ),
        ignoreElements(),
      );
      // map + filter rather than mergeMap(of(…)): no Observable allocated per frame.
      const inbound$ = conn$.pipe(
        map((s): SocketEvent | undefined => {
          if (s.type === 'open') {
            socketOpen = true;
            if (shardStats) shardStats.connections += 1;
            return ledger.ready ? opened() : undefined;
          }
          if (shardStats) shardStats.lastFrameMs = scheduler.now();
          if (s.type === 'binary') {
            stats.binaryFrames += 1;
            return undefined;
          }
          const kind = classifyMessage(s.data);
          if (kind.kind === 'data') {
            stats.frames += 1;
            return skipFrame?.(s.data) ? undefined : { type: 'frame', shard, data: s.data };
          }
          if (kind.kind === 'error') {
            stats.controlErrors += 1;
            log.warn({ shard, id: kind.id, code: kind.code, msg: kind.msg }, 'shard control error');
          }
          return kind.id !== undefined && ledger.answer(kind.id) ? opened() : undefined;
        }),
        filter((e): e is SocketEvent => e !== undefined),
      );
      const aged$ = timer(deps.maxConnectionAgeMs, scheduler).pipe(map((): AgedEvent => ({ type: 'aged', shard })));
      return merge(inbound$, control$, aged$).pipe(
        finalize(() => {
          if (socketOpen && shardStats) shardStats.connections -= 1;
        }),
        catchError((err: unknown) => {
          // A dial that never opened is not a closed connection: just retry quietly.
          if (!socketOpen) return throwError(() => err);
          const closed: SocketEvent = { type: 'closed', shard, reason: describe(err), streams: ledger.streams() };
          return concat(of(closed), throwError(() => err));
        }),
      );
    }),
  );
}

/** Whether a session event is one the outside sees (everything but `aged`). */
export function isSocketEvent(e: SessionEvent): e is SocketEvent {
  return e.type !== 'aged';
}
