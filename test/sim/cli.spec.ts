import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runSimulatorCli } from '../../src/sim/cli.js';
import { DATA_DIR, getJson, waitFor } from './helpers.js';

const silent = pino({ level: 'silent' });

describe('runSimulatorCli', () => {
  it('prints the URLs as one JSON line, serves from the flags, and stops on the signal', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const start = '2025-06-01T00:00:00.000Z';
    const done = runSimulatorCli(
      ['--data', DATA_DIR, '--speed', '60', '--port', '0', '--symbols', '5', '--start', start, '--seed', '3', '--garbage-rate', '0', '--rest-latency-ms', '1'],
      { writeLine: (l) => lines.push(l), stop: stop.signal, logger: silent },
    );
    await waitFor('the JSON line and the export line', () => lines.length === 2);
    expect(lines[1], 'the bot settings for a second terminal: the CSV symbols only, not the synthetic ones; regression: its own database, not the live one').toMatch(
      /^export BINANCE_REST_URL=http:\/\/127\.0\.0\.1:\d+ BINANCE_WS_URL=ws:\/\/127\.0\.0\.1:\d+\/market FIXED_SYMBOLS=BTC,ETH,SOL DB_PATH=\.\/data\/sim\.db$/,
    );
    const out = JSON.parse(lines[0]!) as { restUrl: string; wsBaseUrl: string; startTimeMs: number; speed: number };
    expect(out.restUrl, 'loopback URL').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out.wsBaseUrl, 'market base on the same port').toBe(`${out.restUrl.replace('http', 'ws')}/market`);
    expect([out.startTimeMs, out.speed], '--start and --speed').toEqual([Date.parse(start), 60]);
    const time = (await getJson(`${out.restUrl}/fapi/v1/time`)).body as { serverTime: number };
    expect(time.serverTime - Date.parse(start), 'server time starts at --start').toBeGreaterThanOrEqual(0);
    expect(time.serverTime - Date.parse(start), 'and runs at 60×, not wall time').toBeLessThan(3_600_000);
    const info = (await getJson(`${out.restUrl}/fapi/v1/exchangeInfo`)).body as { symbols: Array<{ status: string; quoteAsset: string; contractType: string }> };
    expect(info.symbols.filter((s) => s.status === 'TRADING' && s.quoteAsset === 'USDT' && s.contractType === 'PERPETUAL').length, '--symbols 5').toBe(5);
    stop.abort();
    expect(await done, 'exit code 0 after the stop signal').toBe(0);
    await expect(fetch(`${out.restUrl}/fapi/v1/ping`), 'server closed').rejects.toThrow();
  });

  it('refuses a bad number before starting anything: exit 2 and one line naming the flag (issue 15: was a ConfigError, exit 1)', async () => {
    const errors: string[] = [];
    const writeError = (line: string): void => void errors.push(line);
    expect(await runSimulatorCli(['--data', DATA_DIR, '--speed', 'fast'], { logger: silent, writeError }), 'usage exit code').toBe(2);
    expect(await runSimulatorCli(['--data', DATA_DIR, '--start', 'yesterday'], { logger: silent, writeError }), 'bad ISO date').toBe(2);
    expect(errors).toEqual([
      'kline-signals: sim --speed: "fast" is not a number > 0',
      'kline-signals: sim --start: "yesterday" is not an ISO date-time',
    ]);
  });
});
