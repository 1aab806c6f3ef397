import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Interval, Kline } from '../../../src/domain/kline.js';
import { createRandom } from '../../../src/sim/random.js';

/** What parseKline must make of a frame: a kline, a skipped control reply, or a bad frame of this kind. */
export type FuzzOutcome = 'good' | 'control' | 'json' | 'shape' | 'number' | 'interval' | 'stream_mismatch' | 'binary';

/** One fuzzed frame, labelled by construction (never by running the parser). */
export interface FuzzFrame {
  readonly family: string;
  readonly data: string | Uint8Array;
  readonly expect: FuzzOutcome;
  /** For `good`: the kline the frame carries. */
  readonly kline?: Kline;
}

const DIR = fileURLToPath(new URL('../../../examples/klines/', import.meta.url));
const SOURCES: ReadonlyArray<readonly [string, Interval]> = [['BTCUSDT', '30m'], ['ETHUSDT', '4h'], ['SOLUSDT', '1d']];

/** Raw CSV rows (strings as Binance prints them) of the bundled candles. */
function csvRows(symbol: string, interval: Interval): string[][] {
  return readFileSync(`${DIR}${symbol}-${interval}.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

type Event = { stream: unknown; data: Record<string, unknown> & { k: Record<string, unknown> } };

/**
 * A seeded stream of `count` frames: real kline events from examples/klines and broken ones —
 * truncated, wrong types, huge numbers, NaN/Infinity strings, unknown or mismatched streams, binary,
 * deeply nested, very long, non-object JSON, control replies. Same seed, same frames.
 */
export function* fuzzFrames(count: number, seed: number): Generator<FuzzFrame> {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const tables = SOURCES.map(([symbol, interval]) => ({ symbol, interval, rows: csvRows(symbol, interval) }));

  const real = (): { event: Event; kline: Kline } => {
    const { symbol, interval, rows } = pick(tables);
    const r = pick(rows);
    const closed = random() < 0.5;
    const k = { t: Number(r[0]), T: Number(r[6]), s: symbol, i: interval, f: 1, L: 2, o: r[1], c: r[4], h: r[2], l: r[3], v: r[5], n: Number(r[8]), x: closed, q: r[7], V: r[9], Q: r[10], B: '0' };
    const kline: Kline = {
      symbol, interval, openTimeMs: k.t, closeTimeMs: k.T, open: Number(k.o), high: Number(k.h), low: Number(k.l), close: Number(k.c),
      volume: Number(k.v), quoteVolume: Number(k.q), trades: k.n, closed,
    };
    return { event: { stream: `${symbol.toLowerCase()}@kline_${interval}`, data: { e: 'kline', E: k.T, s: symbol, k } }, kline };
  };
  const text = (e: Event): string => JSON.stringify(e);
  const numberField = (): string => pick(['o', 'h', 'l', 'c', 'v', 'q']);

  const families: ReadonlyArray<readonly [number, () => FuzzFrame]> = [
    [20, () => { const { event, kline } = real(); return { family: 'good', data: text(event), expect: 'good', kline }; }],
    [10, () => { const t = text(real().event); return { family: 'truncated', data: t.slice(0, int(1, t.length - 1)), expect: 'json' }; }],
    [12, () => {
      const { event } = real();
      const breakage = pick<readonly [string, (e: Event) => void, FuzzOutcome]>([
        ['price as number', (e) => { e.data.k[numberField()] = 123.5; }, 'number'],
        ['time as string', (e) => { e.data.k[pick(['t', 'T', 'n'])] = '1735689600000'; }, 'shape'],
        ['closed as string', (e) => { e.data.k.x = 'true'; }, 'shape'],
        ['symbol as number', (e) => { e.data.k.s = 42; }, 'shape'],
        ['interval as number', (e) => { e.data.k.i = 30; }, 'shape'],
        ['data as string', (e) => { e.data = 'kline' as never; }, 'shape'],
        ['stream as number', (e) => { e.stream = 7; }, 'shape'],
        ['other event', (e) => { e.data.e = 'aggTrade'; }, 'shape'],
        ['k missing', (e) => { delete (e.data as Record<string, unknown>).k; }, 'shape'],
      ]);
      breakage[1](event);
      return { family: `wrongType:${breakage[0]}`, data: text(event), expect: breakage[2] };
    }],
    [10, () => {
      const t = text(real().event);
      const variant = pick<readonly [string, string, FuzzOutcome]>([
        ['t', '1e400', 'shape'], ['T', '9007199254740993', 'shape'], ['n', '1e21', 'shape'], ['n', '-1', 'number'],
      ]);
      const [field, literal, outcome] = variant;
      const data = t.replace(new RegExp(`"${field}":-?\\d+`), `"${field}":${literal}`);
      return { family: `hugeNumber:${field}=${literal}`, data, expect: outcome };
    }],
    [10, () => {
      const { event } = real();
      const value = pick(['NaN', 'Infinity', '-Infinity', '', 'abc', '-5', '1e400', '9'.repeat(400)]);
      event.data.k[numberField()] = value;
      return { family: `nanString:${value.slice(0, 12)}`, data: text(event), expect: 'number' };
    }],
    [10, () => {
      const { event, kline } = real();
      const variant = pick(['interval', 'otherSymbol', 'otherStreamType', 'dataSymbol', 'unknownSymbol']);
      if (variant === 'interval') { event.data.k.i = '7m'; event.stream = `${kline.symbol.toLowerCase()}@kline_7m`; return { family: 'unknownStream:interval', data: text(event), expect: 'interval' }; }
      if (variant === 'otherSymbol') { event.stream = 'dogeusdt@kline_30m'; return { family: 'unknownStream:otherSymbol', data: text(event), expect: 'stream_mismatch' }; }
      if (variant === 'otherStreamType') { event.stream = `${kline.symbol.toLowerCase()}@aggTrade`; return { family: 'unknownStream:aggTrade', data: text(event), expect: 'stream_mismatch' }; }
      if (variant === 'dataSymbol') { event.data.s = 'DOGEUSDT'; return { family: 'unknownStream:dataSymbol', data: text(event), expect: 'stream_mismatch' }; }
      // A well-formed frame of a symbol nobody subscribed: it parses; the series gate ignores it.
      event.data.s = 'NOSUCHUSDT'; event.data.k.s = 'NOSUCHUSDT'; event.stream = `nosuchusdt@kline_${kline.interval}`;
      return { family: 'unknownStream:unknownSymbol', data: text(event), expect: 'good', kline: { ...kline, symbol: 'NOSUCHUSDT' } };
    }],
    [8, () => ({ family: 'binary', data: Uint8Array.from({ length: int(1, 64) }, () => int(0, 255)), expect: 'binary' })],
    [5, () => {
      const depth = int(100, 20_000);
      return random() < 0.5
        ? { family: 'deep:object', data: `{"stream":"btcusdt@kline_30m","data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`, expect: 'shape' }
        : { family: 'deep:array', data: `${'['.repeat(depth)}${']'.repeat(depth)}`, expect: 'shape' };
    }],
    [2, () => {
      const length = int(50_000, 300_000);
      const variant = pick(['garbage', 'digits', 'padded']);
      if (variant === 'garbage') return { family: 'long:garbage', data: 'x'.repeat(length), expect: 'json' };
      const { event, kline } = real();
      if (variant === 'digits') { event.data.k[numberField()] = '7'.repeat(length); return { family: 'long:digits', data: text(event), expect: 'number' }; }
      (event.data as Record<string, unknown>).pad = 'p'.repeat(length);
      return { family: 'long:padded', data: text(event), expect: 'good', kline };
    }],
    [8, () => {
      const variant = pick(['null', '42', '"kline"', 'true', '[]', '{}']);
      return { family: `topLevel:${variant}`, data: variant, expect: 'shape' };
    }],
    [5, () => ({ family: 'control', data: pick([`{"result":null,"id":${int(1, 99)}}`, `{"error":{"code":2,"msg":"Invalid request"},"id":${int(1, 99)}}`]), expect: 'control' })],
  ];
  const total = families.reduce((n, [w]) => n + w, 0);
  for (let i = 0; i < count; i += 1) {
    let roll = random() * total;
    const family = families.find(([w]) => (roll -= w) < 0) ?? families[0]!;
    yield family[1]();
  }
}
