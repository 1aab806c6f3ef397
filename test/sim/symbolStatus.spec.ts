import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/domain/index.js';
import { ConfigError } from '../../src/domain/index.js';
import { runSimulatorCli } from '../../src/sim/cli.js';
import { Market } from '../../src/sim/market.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { DATA_DIR, eventKline, exampleData, getJson, RecordingClient, waitFor, type KlineEvent } from './helpers.js';
import { pino } from 'pino';

const HALF = INTERVAL_MS['30m'];
/** A 30m boundary inside the example data. */
const T = Date.UTC(2025, 6, 1, 12, 0);

describe('listing status changes (market)', () => {
  const market = () => new Market(exampleData(), 0);

  it('exchangeInfo shows the status from the change on, and a delisted symbol not at all', () => {
    const m = market();
    m.setStatus({ symbol: 'SOLUSDT', status: 'SETTLING', atMs: T });
    m.setStatus({ symbol: 'ETHUSDT', status: null, atMs: T });
    const statusOf = (symbol: string, at: number) => m.listingsAt(at).find((s) => s.symbol === symbol)?.status;
    expect(statusOf('SOLUSDT', T - 1), 'before the change it trades').toBe('TRADING');
    expect(statusOf('SOLUSDT', T), 'from the change on it settles').toBe('SETTLING');
    expect(statusOf('ETHUSDT', T), 'a delisted symbol is not listed').toBeUndefined();
    expect(m.listingAt('ETHUSDT', T), 'and REST calls it invalid').toBeUndefined();
    expect(m.listingAt('ETHUSDT', T - 1)?.symbol, 'but not before').toBe('ETHUSDT');
  });

  it('candles stop where the symbol stopped trading, and run again when it trades again', () => {
    const m = market();
    m.setStatus({ symbol: 'SOLUSDT', status: 'SETTLING', atMs: T + 10 * 60_000 });
    m.setStatus({ symbol: 'SOLUSDT', status: 'CLOSE', atMs: T + 5 * HALF });
    m.setStatus({ symbol: 'SOLUSDT', status: 'TRADING', atMs: T + 10 * HALF });
    expect(m.candleClock('SOLUSDT', T + 4 * HALF), 'settling: held at the first stop').toEqual({ nowMs: T + 10 * 60_000, halted: true });
    expect(m.candleClock('SOLUSDT', T + 6 * HALF), 'SETTLING then CLOSE: still held at the first stop').toEqual({ nowMs: T + 10 * 60_000, halted: true });
    expect(m.candleClock('SOLUSDT', T + 11 * HALF), 'trading again: market time').toEqual({ nowMs: T + 11 * HALF, halted: false });
    expect(m.candleClock('BTCUSDT', T + 4 * HALF), 'others are untouched').toEqual({ nowMs: T + 4 * HALF, halted: false });
    const closed = m.closedKlines('SOLUSDT', '30m', T - 4 * HALF, T + 8 * HALF, T + 8 * HALF);
    expect(closed.at(-1)?.closeTimeMs, 'the last closed candle is the one ending before the stop').toBe(T - 1);
  });

  it('refuses a symbol it does not list and a status Binance does not have', () => {
    const m = market();
    expect(() => m.setStatus({ symbol: 'NOPEUSDT', status: 'SETTLING', atMs: T }), 'unknown symbol').toThrow(ConfigError);
    expect(() => m.setStatus({ symbol: 'SOLUSDT', status: 'GONE' as never, atMs: T }), 'unknown status').toThrow(ConfigError);
  });
});

describe('listing status changes (served)', () => {
  let sim: Simulator | undefined;
  const clients: RecordingClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await sim?.close();
    sim = undefined;
  });

  it('setSymbolStatus: exchangeInfo, REST klines and the stream all stop at the change', async () => {
    sim = await startSimulator({ data: exampleData(), startTimeMs: T - HALF / 2, speed: 3600, pushIntervalMs: 20 });
    const client = new RecordingClient(`${sim.wsBaseUrl}/stream?streams=solusdt@kline_30m/btcusdt@kline_30m`);
    clients.push(client);
    await client.open();
    const closedOf = (symbol: string) => client.json().map((m) => (m as { data: KlineEvent }).data).filter((e) => e.s === symbol && e.k.x).map(eventKline);
    await waitFor('the 30m candle ending at T closed', () => closedOf('SOLUSDT').some((k) => k.closeTimeMs === T - 1), 10_000);
    sim.setSymbolStatus('SOLUSDT', 'SETTLING', T);
    const before = client.frames.length;
    await waitFor('two more BTC candles', () => closedOf('BTCUSDT').filter((k) => k.closeTimeMs > T).length >= 2, 10_000);
    const solAfter = client.json().slice(before).map((m) => (m as { data: KlineEvent }).data).filter((e) => e.s === 'SOLUSDT');
    expect(solAfter.filter((e) => e.k.x || e.k.t >= T), 'nothing of SOL closes or forms after it stopped').toEqual([]);

    const info = (await getJson(`${sim.restUrl}/fapi/v1/exchangeInfo`)).body as { symbols: Array<{ symbol: string; status: string }> };
    expect(info.symbols.find((s) => s.symbol === 'SOLUSDT')?.status, 'exchangeInfo says SETTLING').toBe('SETTLING');
    const rows = (await getJson(`${sim.restUrl}/fapi/v1/klines?symbol=SOLUSDT&interval=30m&limit=3`)).body as Array<[number, ...unknown[]]>;
    expect(rows.map((r) => r[0]), 'REST: the newest rows end at the stop, no forming row').toEqual([T - 3 * HALF, T - 2 * HALF, T - HALF]);
    expect(sim.closedKlines('SOLUSDT', '30m', T - HALF, T + 10 * HALF).map((k) => k.openTimeMs), 'the truth agrees').toEqual([T - HALF]);

    sim.setSymbolStatus('SOLUSDT', null);
    const gone = await getJson(`${sim.restUrl}/fapi/v1/klines?symbol=SOLUSDT&interval=30m&limit=3`);
    expect([gone.status, gone.body], 'delisted: Binance calls it invalid').toEqual([400, { code: -1121, msg: 'Invalid symbol.' }]);
  });

  it('--status schedules a change from the command line', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const done = runSimulatorCli(
      ['--data', DATA_DIR, '--port', '0', '--start', new Date(T).toISOString(), '--status', `SOLUSDT=SETTLING@${new Date(T - HALF).toISOString()}`],
      { writeLine: (l) => lines.push(l), stop: stop.signal, logger: pino({ level: 'silent' }) },
    );
    await waitFor('the JSON line and the export line', () => lines.length === 2);
    const { restUrl } = JSON.parse(lines[0]!) as { restUrl: string };
    expect(lines[1], 'the bot is not told to watch a symbol that does not trade at the start').toMatch(/ FIXED_SYMBOLS=BTC,ETH /);
    const info = (await getJson(`${restUrl}/fapi/v1/exchangeInfo`)).body as { symbols: Array<{ symbol: string; status: string }> };
    expect(info.symbols.find((s) => s.symbol === 'SOLUSDT')?.status, 'settling from the scheduled time').toBe('SETTLING');
    stop.abort();
    expect(await done).toBe(0);
    const errors: string[] = [];
    expect(await runSimulatorCli(['--data', DATA_DIR, '--status', 'SOLUSDT=GONE@2025-01-01T00:00:00Z'], { logger: pino({ level: 'silent' }), writeError: (l) => void errors.push(l) }), 'a bad --status: exit 2')
      .toBe(2);
    expect(errors, 'one line naming the flag').toEqual([expect.stringMatching(/^kline-signals: sim --status: "SOLUSDT=GONE@/)]);
  });
});
