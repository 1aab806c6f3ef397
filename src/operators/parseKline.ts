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
  /** Told about every valid forming update (`"x":false`), which is dropped: optional, for counting. */
  readonly onForming?: () => void;
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

const UINT = '(?:0|[1-9]\\d{0,14})'; // a JSON integer below 10^15: a safe integer
const INT = '-?(?:0|[1-9]\\d{0,18})';
const DECIMAL = '"\\d{1,20}(?:\\.\\d{1,20})?"'; // a finite, non-negative decimal string
/**
 * A forming update exactly as Binance (and src/sim/wire.ts) prints it: no spaces, keys in
 * Binance's order, `k.s` equal to `data.s`, `k.i` equal to the stream's interval. Every text it
 * matches is valid JSON that {@link parseKlineFrame} would turn into a forming Kline; the capture
 * groups are the stream's symbol, the interval and the payload's symbol.
 */
const FORMING_FRAME = new RegExp(
  `^\\{"stream":"([a-z0-9]{1,40})@kline_(1d|4h|30m)","data":\\{"e":"kline","E":${INT},"s":"([A-Z0-9]{1,40})",` +
    `"k":\\{"t":${UINT},"T":${UINT},"s":"\\3","i":"\\2","f":${INT},"L":${INT},"o":${DECIMAL},"c":${DECIMAL},` +
    `"h":${DECIMAL},"l":${DECIMAL},"v":${DECIMAL},"n":${UINT},"x":false,"q":${DECIMAL},"V":${DECIMAL},"Q":${DECIMAL},` +
    `"B":"[^"\\\\\\u0000-\\u001f]{0,40}"\\}\\}\\}$`,
);

/**
 * Whether a frame is a valid forming update, decided without `JSON.parse` (about 7× cheaper). It
 * answers true only for the exact wire format above, so a truncated or otherwise invalid frame is
 * never taken for one: anything else (other spacing or key order, a symbol outside [A-Z0-9])
 * answers false and goes through the full parse, which still drops a forming candle but reports a
 * bad frame as bad.
 */
export function isFormingFrame(raw: string): boolean {
  const m = FORMING_FRAME.exec(raw);
  return m !== null && m[1] === m[3]!.toLowerCase();
}

function isKline(parsed: Kline | Bad | null): parsed is Kline {
  return parsed !== null && !('bad' in parsed);
}

/**
 * Turns raw combined-stream frames into closed {@link Kline}s. Forming updates (~99.9 % of the
 * frames, which no stage reads: only closed candles enter a window) are recognised without being
 * parsed (see {@link isFormingFrame}) and dropped. Control replies are skipped; a bad frame is
 * dropped and reported through `onBadFrame`, never thrown, so one bad frame cannot end a shard.
 * Frames are counted for staleness by the socket layer, before this operator.
 */
export function parseKline({ onBadFrame, onForming }: ParseKlineDeps): OperatorFunction<RawFrame, Kline> {
  return (source) =>
    source.pipe(
      map((raw) => {
        if (typeof raw === 'string' && isFormingFrame(raw)) {
          onForming?.();
          return null;
        }
        const parsed = parseKlineFrame(raw);
        if (parsed !== null && 'bad' in parsed) {
          onBadFrame(parsed.bad, new DataError(parsed.bad, parsed.why));
          return null;
        }
        if (parsed !== null && !parsed.closed) {
          onForming?.();
          return null;
        }
        return parsed;
      }),
      filter(isKline),
    );
}
