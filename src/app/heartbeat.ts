import { interval, map, NEVER, type Observable, type SchedulerLike } from 'rxjs';

/** What the heartbeat line says: is the bot alive, connected, fed, and what has it done today. */
export interface HeartbeatFacts {
  /** Symbols watched now. */
  readonly symbols: number;
  /** Of them, those whose live candles are processed (their live start is known). */
  readonly symbolsLive: number;
  /** Socket shards with a connection open, and all shards. */
  readonly shardsConnected: number;
  readonly shards: number;
  /** End of the newest closed candle delivered; undefined before the first. */
  readonly newestCandleEndMs: number | undefined;
  /** Signals sent this UTC day (of the market's time). */
  readonly signalsToday: number;
  readonly openTrades: number;
  /** Hosts the bot cannot reach now. */
  readonly unreachable: readonly string[];
  /** Hosts that answer with refusals now (5xx, 429, 418, 403), with the latest status. */
  readonly refusing: readonly { readonly host: string; readonly status: number }[];
}

export interface HeartbeatDeps {
  /** HEARTBEAT_MINUTES in ms; 0 emits nothing. */
  readonly everyMs: number;
  readonly scheduler: SchedulerLike;
  /** Read on each beat. */
  readonly facts: () => HeartbeatFacts;
}

/**
 * The facts every `everyMs`, first after one period (the start is logged already): a bot that is
 * quiet because the market is, is seen to be alive. Never completes; `everyMs` 0 (off) never emits.
 */
export function heartbeat$({ everyMs, scheduler, facts }: HeartbeatDeps): Observable<HeartbeatFacts> {
  return everyMs <= 0 ? NEVER : interval(everyMs, scheduler).pipe(map(() => facts()));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `12:30 UTC`, or `06 Dec 12:30 UTC` when the candle is from another day than `nowMs`. */
function candleTime(endMs: number, nowMs: number): string {
  const iso = new Date(endMs).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10);
  return sameDay ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The heartbeat as one sentence: `alive: 3 of 3 symbols live, 1 of 1 connections open, newest
 * candle closed 12:30 UTC, 0 signals today, 0 open trades`.
 */
export function heartbeatText(f: HeartbeatFacts, nowMs: number): string {
  const parts = [
    `${f.symbolsLive} of ${plural(f.symbols, 'symbol', 'symbols')} live`,
    `${f.shardsConnected} of ${plural(f.shards, 'connection', 'connections')} open`,
    f.newestCandleEndMs === undefined ? 'no candle yet' : `newest candle closed ${candleTime(f.newestCandleEndMs, nowMs)}`,
    `${plural(f.signalsToday, 'signal', 'signals')} today`,
    plural(f.openTrades, 'open trade', 'open trades'),
  ];
  if (f.unreachable.length > 0) parts.push(`cannot reach ${f.unreachable.join(', ')}`);
  for (const { host, status } of f.refusing) parts.push(`${host} answers ${status}`);
  return `alive: ${parts.join(', ')}`;
}
