import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/domain/index.js';
import { DEFAULT_REST_URL, parseDownloadArgs, parseInstantMs } from '../../src/download/downloadOptions.js';
import { UsageError } from '../../src/download/usageError.js';

const base = ['--symbols', 'btcusdt,ETHUSDT', '--from', '2025-01-01'];

function usageFlag(argv: readonly string[]): string | undefined {
  try {
    parseDownloadArgs(argv, {});
    return undefined;
  } catch (err) {
    if (err instanceof UsageError) return err.flag;
    throw err;
  }
}

describe('parseDownloadArgs', () => {
  it('reads the flags, with defaults for intervals, out, concurrency and the REST URL', () => {
    const o = parseDownloadArgs([...base, '--to', '2025-03-01T12:00:00Z'], {});
    expect(o, 'parsed').toEqual({
      symbols: ['BTCUSDT', 'ETHUSDT'], intervals: ['30m', '4h', '1d'], fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 2, 1, 12),
      outDir: 'data/klines', concurrency: 3, restUrl: DEFAULT_REST_URL,
    });
  });

  it('takes the REST URL from --rest-url over BINANCE_REST_URL over the default', () => {
    expect(parseDownloadArgs(base, { BINANCE_REST_URL: 'http://127.0.0.1:9/' }).restUrl, 'env, trailing slash dropped').toBe('http://127.0.0.1:9');
    expect(parseDownloadArgs([...base, '--rest-url', 'http://localhost:1'], { BINANCE_REST_URL: 'http://127.0.0.1:9' }).restUrl, 'flag wins').toBe('http://localhost:1');
    expect(() => parseDownloadArgs(base, { BINANCE_REST_URL: 'ftp://x' }), 'a bad env value is a config error').toThrow(ConfigError);
  });

  it.each([
    [['--from', '2025-01-01'], '--symbols'],
    [['--symbols', 'BTCUSDT'], '--from'],
    [[...base, '--from', '2025-02-30'], '--from'],
    [[...base, '--to', 'yesterday'], '--to'],
    [[...base, '--to', '2024-12-31'], '--to'],
    [[...base, '--intervals', '30m,1h'], '--intervals'],
    [[...base, '--symbols', 'BTC-USDT'], '--symbols'],
    [[...base, '--concurrency', '0'], '--concurrency'],
    [[...base, '--rest-url', 'not a url'], '--rest-url'],
    [[...base, '--speed', '3'], '--speed'],
    [[...base, '--out'], '--out'],
  ])('%j is a usage error naming %s', (argv, flag) => {
    expect(usageFlag(argv), 'the flag at fault').toBe(flag);
  });
});

describe('parseInstantMs', () => {
  it('accepts a UTC day, an ISO date-time with a zone, or epoch ms', () => {
    expect(parseInstantMs('--from', '2024-02-29'), 'leap day').toBe(Date.UTC(2024, 1, 29));
    expect(parseInstantMs('--from', '2024-01-01T05:30:00+02:00'), 'offset').toBe(Date.UTC(2024, 0, 1, 3, 30));
    expect(parseInstantMs('--from', '1704067200000'), 'epoch ms').toBe(Date.UTC(2024, 0, 1));
    expect(() => parseInstantMs('--from', '2024-01-01T05:30'), 'a local time is ambiguous').toThrow(UsageError);
  });
});
