import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { RotationSchedule, type RotationSettings } from '../../src/backtest/rotation.js';
import { RollingQuoteVolume } from '../../src/backtest/rotationVolume.js';
import { klineEndMs, type Interval, type Kline } from '../../src/domain/kline.js';
import { exampleSeries } from './support/exampleCandles.js';
import { EXAMPLES_DIR, readReport, removeTempDirs, runCli, tempOut } from './support/backtestCli.js';

/**
 * The point-in-time universe of `--rotate` (issue 16 item 2): each refresh ranks the symbols by
 * the quote volume of the 24 h ending at that moment, over the symbols that have candles then.
 * Two symbols are made from the examples: LATEUSDT (SOL's candles from 10 July 2025 on, 100 ×
 * the volume: it tops the pool once listed) and GONEUSDT (ETH's candles up to 1 July 2025, 100 ×
 * the volume: it tops the pool until it stops). NEXTUSDT (BTC's candles from just after the cut
 * T on, 1000 × the volume) would top every pool a look-ahead let it into.
 */
const HALF_HOUR = 1_800_000;
const HOUR = 3_600_000;
const START = Date.UTC(2025, 5, 1);
const LATE_FROM = Date.UTC(2025, 6, 10);
const GONE_AFTER = Date.UTC(2025, 6, 1);
const CUT = Date.UTC(2025, 7, 1, 6, 30);

const scaled = (k: Kline, symbol: string): Kline => ({ ...k, symbol, volume: k.volume * 100 });

function market(): Map<string, Kline[]> {
  const m = new Map<string, Kline[]>(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].map((s) => [s, exampleSeries(s, '30m')]));
  m.set('LATEUSDT', exampleSeries('SOLUSDT', '30m').filter((k) => k.openTimeMs >= LATE_FROM).map((k) => scaled(k, 'LATEUSDT')));
  m.set('NEXTUSDT', exampleSeries('BTCUSDT', '30m').filter((k) => k.openTimeMs >= CUT).map((k) => ({ ...scaled(k, 'NEXTUSDT'), volume: k.volume * 1000 })));
  m.set('GONEUSDT', exampleSeries('ETHUSDT', '30m').filter((k) => klineEndMs(k) <= GONE_AFTER).map((k) => scaled(k, 'GONEUSDT')));
  return m;
}

/** The data as it was known at `cutMs`: every candle ending after it removed. */
function cutAt(m: ReadonlyMap<string, readonly Kline[]>, cutMs: number): Map<string, Kline[]> {
  return new Map([...m].map(([s, ks]) => [s, ks.filter((k) => klineEndMs(k) <= cutMs)]));
}

const settings: RotationSettings = {
  fixed: ['BTCUSDT'], limit: 3, maxSymbols: 3, poolLimit: 3, refreshMs: 6 * HOUR, rotationMs: HALF_HOUR, startMs: START,
};

/** Each refresh's pool from START up to `untilMs`, as the schedule builds it. */
function poolsUpTo(data: ReadonlyMap<string, readonly Kline[]>, untilMs: number): Array<[string, string[]]> {
  const schedule = new RotationSchedule(settings, data);
  const out: Array<[string, string[]]> = [];
  for (let t = START; t <= untilMs; t += settings.refreshMs) out.push([new Date(t).toISOString(), schedule.poolAt(t)]);
  return out;
}

afterAll(removeTempDirs);

describe('the point-in-time pool of --rotate', () => {
  it('uses no later volume: pools up to T from data cut at T equal those from the whole data', () => {
    const full = market();
    const pools = poolsUpTo(full, CUT);
    expect(poolsUpTo(cutAt(full, CUT), CUT), 'every refresh up to the cut').toEqual(pools);
    expect(new Set(pools.map(([, p]) => p.join(','))).size, 'the pool changed over time, so equality means something').toBeGreaterThan(2);
    const slots = (data: ReadonlyMap<string, readonly Kline[]>) => {
      const schedule = new RotationSchedule(settings, data);
      const out: string[] = [];
      for (let t = START; t <= CUT; t += HALF_HOUR) out.push([...schedule.universeAt(t, [])].sort().join(','));
      return out;
    };
    expect(slots(cutAt(full, CUT)), 'the watched set of every slot up to the cut').toEqual(slots(full));
    expect(pools.filter(([, p]) => p.includes('NEXTUSDT')), 'a symbol listed after T is in no pool up to T').toEqual([]);
  });

  it('each symbol\'s 24 h volume at every half hour up to T is the same with the data cut at T', () => {
    const full = market();
    const cut = cutAt(full, CUT);
    for (const symbol of full.keys()) {
      const [a, b] = [new RollingQuoteVolume(full.get(symbol)!), new RollingQuoteVolume(cut.get(symbol)!)];
      const differ: string[] = [];
      for (let t = START; t <= CUT; t += HALF_HOUR) if (a.at(t) !== b.at(t)) differ.push(new Date(t).toISOString());
      expect(differ.slice(0, 3), `${symbol}: no later candle counted`).toEqual([]);
    }
  });

  it('a symbol whose data starts late is absent before its first candle and joins at the first refresh after it', () => {
    const pools = poolsUpTo(market(), CUT);
    const firstEnd = LATE_FROM + HALF_HOUR;
    const before = pools.filter(([t]) => Date.parse(t) < firstEnd);
    const after = pools.filter(([t]) => Date.parse(t) >= firstEnd);
    expect(before.filter(([, p]) => p.includes('LATEUSDT')), 'never listed before its first candle').toEqual([]);
    expect(after[0]?.[1][0], 'first refresh after its first candle: top of the pool (100 × the volume)').toBe('LATEUSDT');
  });

  it('a symbol whose data ends leaves the pool once it has no candle in the last 24 h', () => {
    const pools = poolsUpTo(market(), CUT);
    expect(pools.filter(([t]) => Date.parse(t) <= GONE_AFTER).every(([, p]) => p[0] === 'GONEUSDT'), 'tops the pool while it trades').toBe(true);
    const later = pools.filter(([t]) => Date.parse(t) >= GONE_AFTER + 24 * HOUR);
    expect(later.length, 'refreshes after it stopped').toBeGreaterThan(10);
    expect(later.filter(([, x]) => x.includes('GONEUSDT')), 'gone a day after its last candle').toEqual([]);
  });
});

const CSV_HEADER = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';

/** Writes a folder: the examples' 30m/4h/1d plus LATEUSDT and GONEUSDT (30m only, with a quote_volume column), cut at `cutMs`. */
function writeFolder(dir: string, cutMs: number): void {
  const keep = (line: string) => Number(line.split(',')[6]) + 1 <= cutMs;
  for (const s of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']) {
    for (const i of ['30m', '4h', '1d'] as Interval[]) {
      const [header, ...rows] = readFileSync(join(EXAMPLES_DIR, `${s}-${i}.csv`), 'utf8').trimEnd().split('\n');
      writeFileSync(join(dir, `${s}-${i}.csv`), `${[header, ...rows.filter(keep)].join('\n')}\n`);
    }
  }
  for (const [symbol, klines] of market()) {
    if (symbol !== 'LATEUSDT' && symbol !== 'GONEUSDT') continue;
    const rows = klines.filter((k) => klineEndMs(k) <= cutMs).map((k) =>
      [k.openTimeMs, k.open, k.high, k.low, k.close, Number(k.volume.toFixed(3)), k.closeTimeMs, Number((k.close * k.volume).toFixed(2)), 0, 0, 0, 0].join(','));
    writeFileSync(join(dir, `${symbol}-30m.csv`), `${[CSV_HEADER, ...rows].join('\n')}\n`);
  }
}

function signalsUpTo(dbPath: string, untilMs: number): unknown[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM signals WHERE end_time <= ? ORDER BY id').all(untilMs);
  } finally {
    db.close();
  }
}

describe('a rotating backtest over a listing and a delisting', () => {
  it('decides every signal up to T the same with the data cut at T, and says how it measured volume', async () => {
    const [fullData, cutData, fullOut, cutOut] = [tempOut('ks-pit-data-'), tempOut('ks-pit-data-'), tempOut(), tempOut()];
    writeFolder(fullData, Date.UTC(2025, 8, 1));
    writeFolder(cutData, CUT);
    const env = { FIXED_SYMBOLS: 'BTC', MAX_SYMBOLS_SUBSCRIBED: '2', TOP_VOLUME_FETCH_LIMIT: '2' };
    const args = ['--from', '2025-06-01', '--profile', 'seed', '--rotate', '--no-filters'];
    const full = await runCli(['--data', fullData, ...args, '--out', fullOut], env);
    const cut = await runCli(['--data', cutData, ...args, '--out', cutOut], env);
    const problems = [...full.errors, ...cut.errors].filter((l) => !l.startsWith('note: ')); // notes: 4h and 1d built from 30m
    expect([full.code, cut.code, problems], 'both runs exit 0').toEqual([0, 0, []]);
    const before = signalsUpTo(join(fullOut, 'seed-memory-on.db'), CUT);
    expect(before.length, 'signals before the cut').toBeGreaterThan(2);
    expect(signalsUpTo(join(cutOut, 'seed-memory-on.db'), CUT), 'every signal up to the cut, all columns').toEqual(before);
    const symbols = new Set((before as Array<{ symbol: string }>).map((s) => s.symbol));
    expect(symbols.has('GONEUSDT') || symbols.has('LATEUSDT'), `the made-up listings traded (${[...symbols].join(', ')})`).toBe(true);
    const universe = readReport(join(fullOut, 'report.json')).universe;
    expect(universe?.volumeSource, 'quote_volume where the file has it, close × volume where not').toEqual({
      BTCUSDT: 'close × volume', ETHUSDT: 'close × volume', GONEUSDT: 'quote_volume', LATEUSDT: 'quote_volume', SOLUSDT: 'close × volume',
    });
    const changes = universe?.poolChanges ?? [];
    expect(changes.find((c) => c.joined.includes('LATEUSDT'))?.atMs, 'LATEUSDT joins at the first 6 h refresh after its first candle').toBe(LATE_FROM + 6 * HOUR);
    expect(changes.find((c) => c.left.includes('GONEUSDT'))?.atMs, 'GONEUSDT leaves at the first refresh with no candle of it in the last 24 h').toBe(GONE_AFTER + 24 * HOUR);
    expect(universe?.note, 'the report says it in words').toMatch(/BTCUSDT, ETHUSDT, SOLUSDT: the file has no quote volume, estimated as close × volume/);
  }, 120_000);
});
