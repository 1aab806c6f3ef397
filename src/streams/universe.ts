import type { Logger } from 'pino';
import {
  catchError, defer, distinctUntilChanged, EMPTY, expand, filter, from, map, merge, mergeMap, of, scan, take, timer,
  type Observable, type ObservableInput, type SchedulerLike,
} from 'rxjs';
import { backoffDelayMs } from '../core/backoff.js';
import { rotateUniverse } from '../core/universe/rotateUniverse.js';
import { toldAsOutage } from './rest/toldAsOutage.js';

export interface UniverseDeps {
  /** Loads the top-volume pool (exchangeInfo + tickers → selectPool). Called at once, then every refreshMs. */
  readonly fetchPool: () => ObservableInput<readonly string[]>;
  /** Normalised FIXED_SYMBOLS. */
  readonly fixed: readonly string[];
  /** MAX_SYMBOLS_SUBSCRIBED. */
  readonly maxSymbols: number;
  /** UNIVERSE_REFRESH_SECONDS × 1000. */
  readonly refreshMs: number;
  /** ROTATION_SLOT_SECONDS × 1000. */
  readonly rotationMs: number;
  /**
   * Longest wait before another try after failed refreshes. Default 60 s (never more than
   * refreshMs). The first retry comes after 1 s (or retryMs if shorter), doubling while it fails:
   * the REST client sends each call once, so a blip must not cost a minute of fixed symbols only.
   */
  readonly retryMs?: number;
  /** Symbols with an open paper trade; must emit (start it with the current set). */
  readonly pinned$: Observable<ReadonlySet<string>>;
  /** Symbols Binance called invalid (-1121). */
  readonly excluded$?: Observable<ReadonlySet<string>>;
  /** Symbols that stopped trading (see reviewTradingStatus): left out even when fixed or pinned. */
  readonly halted$?: Observable<ReadonlySet<string>>;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
}

type UniverseEvent =
  | { readonly kind: 'pool'; readonly pool: readonly string[] }
  /** `failures`: refreshes failed in a row, this one included. */
  | { readonly kind: 'poolFailed'; readonly failures: number }
  | { readonly kind: 'rotate' }
  | { readonly kind: 'pinned'; readonly pinned: ReadonlySet<string> }
  | { readonly kind: 'excluded'; readonly excluded: ReadonlySet<string> }
  | { readonly kind: 'halted'; readonly halted: ReadonlySet<string> };

interface UniverseState {
  /** Undefined until the first refresh answered or failed. */
  readonly pool: readonly string[] | undefined;
  readonly cursor: number;
  readonly nextCursor: number;
  readonly pinned: ReadonlySet<string>;
  readonly excluded: ReadonlySet<string>;
  readonly halted: ReadonlySet<string>;
  readonly symbols: readonly string[];
}

function sameSymbols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The desired symbol set: fixed ∪ pinned ∪ a rotating slice of the top-volume pool
 * (see rotateUniverse), without the symbols that stopped trading. The pool is refreshed every
 * `refreshMs` (a failed refresh keeps the old pool; a failed first one leaves fixed ∪ pinned), the
 * slice moves on every `rotationMs`, and a change of pinned, excluded or halted symbols recomputes
 * the current slot without moving it. Emits only
 * when the set changes, so downstream sockets resubscribe only for real differences. All timers
 * run on `scheduler`.
 */
export function universe(deps: UniverseDeps): Observable<ReadonlySet<string>> {
  const log = deps.logger.child({ component: 'universe' });
  const fetchOnce = (failedBefore: number) => defer(() => from(deps.fetchPool())).pipe(
    take(1),
    map((pool): UniverseEvent => ({ kind: 'pool', pool })),
    catchError((err: unknown) => {
      // An unreachable or refusing Binance is told once by the REST client's OutageLog.
      if (failedBefore === 0) log[toldAsOutage(err) ? 'debug' : 'warn']({ err }, 'universe pool refresh failed, keeping the old pool');
      return of<UniverseEvent>({ kind: 'poolFailed', failures: failedBefore + 1 });
    }),
  );
  // After a failure the next try comes sooner (1 s doubling up to retryMs), so a blip costs a
  // second and a bot started while Binance was unreachable gets its rotating slice minutes after
  // the network returns, not hours.
  const retryMs = Math.min(deps.retryMs ?? 60_000, deps.refreshMs);
  const retry = { initialMs: Math.min(1000, retryMs), maxMs: retryMs };
  const pool$ = fetchOnce(0).pipe(
    expand((event) => {
      const failures = event.kind === 'poolFailed' ? event.failures : 0;
      const waitMs = failures === 0 ? deps.refreshMs : backoffDelayMs(failures, retry, 1);
      return timer(waitMs, deps.scheduler).pipe(mergeMap(() => fetchOnce(failures)));
    }),
  );
  const rotate$ = timer(deps.rotationMs, deps.rotationMs, deps.scheduler).pipe(map((): UniverseEvent => ({ kind: 'rotate' })));
  const pinned$ = deps.pinned$.pipe(map((pinned): UniverseEvent => ({ kind: 'pinned', pinned })));
  const excluded$ = (deps.excluded$ ?? EMPTY).pipe(map((excluded): UniverseEvent => ({ kind: 'excluded', excluded })));
  const halted$ = (deps.halted$ ?? EMPTY).pipe(map((halted): UniverseEvent => ({ kind: 'halted', halted })));

  const initial: UniverseState = { pool: undefined, cursor: 0, nextCursor: 0, pinned: new Set(), excluded: new Set(), halted: new Set(), symbols: [] };
  const step = (state: UniverseState, event: UniverseEvent): UniverseState => {
    const next: UniverseState =
      event.kind === 'pool' ? { ...state, pool: event.pool }
      : event.kind === 'poolFailed' ? { ...state, pool: state.pool ?? [] }
      : event.kind === 'rotate' ? { ...state, cursor: state.nextCursor }
      : event.kind === 'pinned' ? { ...state, pinned: event.pinned }
      : event.kind === 'halted' ? { ...state, halted: event.halted }
      : { ...state, excluded: event.excluded };
    const slot = rotateUniverse({
      pool: next.pool ?? [], fixed: deps.fixed, pinned: next.pinned, excluded: next.excluded, halted: next.halted,
      maxSymbols: deps.maxSymbols, cursor: next.cursor,
    });
    return { ...next, nextCursor: slot.nextCursor, symbols: slot.symbols };
  };

  return merge(pinned$, excluded$, halted$, pool$, rotate$).pipe(
    scan(step, initial),
    filter((state) => state.pool !== undefined),
    map((state) => state.symbols),
    distinctUntilChanged(sameSymbols),
    map((symbols): ReadonlySet<string> => {
      log.info({ size: symbols.length }, 'universe changed');
      return new Set(symbols);
    }),
  );
}
