import { filter, map, type OperatorFunction } from 'rxjs';
import { DataError } from '../domain/errors.js';
import { isInterval, type Kline } from '../domain/kline.js';

/** One raw WebSocket message: text as Binance sends it, or bytes if a server misbehaves. */
export type RawFrame = string | Uint8Array;

export interface ParseKlineDeps {
  /**
   * Told about every dropped frame with a short stable kind (`json`, `shape`, `number`,
   * `interval`, `stream_mismatch`, `binary`) so it can be counted; the stream goes on.
   */
  readonly onBadFrame: (kind: string, err: DataError) => void;
}

type Bad = { readonly bad: string; readonly why: string };
type Parsed = Kline | Bad | null;

const bad = (kind: string, why: string): Bad => ({ bad: kind, why });

/** A Binance price or volume: a non-empty decimal string, finite and not negative. */
function decimal(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const n = +value;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `{"result":null,"id":1}`, `{"error":{…},"id":2}` or `{"code":2,"msg":"…"}`: replies, not data. */
function isControlReply(msg: Record<string, unknown>): boolean {
  return msg.stream === undefined && ('result' in msg || 'error' in msg || 'id' in msg || 'msg' in msg);
}

/** Parses one combined-stream frame; never throws. `null` means "a control reply, skip quietly". */
export function parseKlineFrame(raw: RawFrame): Parsed {
  if (typeof raw !== 'string') return bad('binary', 'binary frame');
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return bad('json', 'frame is not JSON');
  }
  if (!isRecord(msg)) return bad('shape', 'frame is not an object');
  if (isControlReply(msg)) return null;
  const { stream, data } = msg;
  if (typeof stream !== 'string' || !isRecord(data) || data.e !== 'kline' || !isRecord(data.k)) {
    return bad('shape', 'not a combined kline frame');
  }
  const k = data.k;
  const { s: symbol, i: interval, t: openTimeMs, T: closeTimeMs, n: trades, x: closed } = k;
  if (typeof symbol !== 'string' || typeof interval !== 'string' || typeof closed !== 'boolean') {
    return bad('shape', 'kline lacks s, i or x');
  }
  if (!Number.isSafeInteger(openTimeMs) || !Number.isSafeInteger(closeTimeMs) || !Number.isSafeInteger(trades)) {
    return bad('shape', 'kline lacks integer t, T or n');
  }
  if (!isInterval(interval)) return bad('interval', `unknown interval ${interval}`);
  if ((data.s !== undefined && data.s !== symbol) || stream !== `${symbol.toLowerCase()}@kline_${interval}`) {
    return bad('stream_mismatch', `stream ${stream} carries ${symbol} ${interval}`);
  }
  const open = decimal(k.o);
  const high = decimal(k.h);
  const low = decimal(k.l);
  const close = decimal(k.c);
  const volume = decimal(k.v);
  const quoteVolume = decimal(k.q);
  if (open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined || quoteVolume === undefined || (trades as number) < 0) {
    return bad('number', `bad number in ${stream}`);
  }
  return {
    symbol, interval, openTimeMs: openTimeMs as number, closeTimeMs: closeTimeMs as number,
    open, high, low, close, volume, quoteVolume, trades: trades as number, closed,
  };
}

function isKline(parsed: Kline | Bad | null): parsed is Kline {
  return parsed !== null && !('bad' in parsed);
}

/**
 * Turns raw combined-stream frames into {@link Kline}s. Control replies are skipped; a bad frame
 * is dropped and reported through `onBadFrame`, never thrown, so one bad frame cannot end a shard.
 */
export function parseKline({ onBadFrame }: ParseKlineDeps): OperatorFunction<RawFrame, Kline> {
  return (source) =>
    source.pipe(
      map((raw) => {
        const parsed = parseKlineFrame(raw);
        if (parsed !== null && 'bad' in parsed) {
          onBadFrame(parsed.bad, new DataError(parsed.bad, parsed.why));
          return null;
        }
        return parsed;
      }),
      filter(isKline),
    );
}
