import { describe, expect, it } from 'vitest';
import { backfillRest } from '../../src/streams/backfillRest.js';
import { BinanceApiError } from '../../src/domain/errors.js';
import type { KlineRestSource } from '../../src/domain/ports.js';

function source(): KlineRestSource & { timeCalls: number; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const s = {
    timeCalls: 0,
    release: () => release(),
    serverTimeMs: async () => {
      s.timeCalls += 1;
      await gate;
      return 1_700_000_000_000 + s.timeCalls;
    },
    klines: async (symbol: string) => {
      if (symbol === 'GONEUSDT') throw new BinanceApiError(400, -1121, 'Invalid symbol.');
      if (symbol === 'BADUSDT') throw new BinanceApiError(400, -1100, 'Illegal characters found in a parameter.');
      return [];
    },
  };
  return s;
}

describe('backfillRest', () => {
  it('regression: concurrent server-time reads share one request (a reconnect asks for every series at once)', async () => {
    const inner = source();
    const rest = backfillRest(inner, () => undefined);
    const answers = Promise.all([rest.serverTimeMs(), rest.serverTimeMs(), rest.serverTimeMs()]);
    inner.release();
    expect(new Set(await answers).size, 'one answer for all').toBe(1);
    expect(inner.timeCalls, 'one request, not three').toBe(1);
    await rest.serverTimeMs();
    expect(inner.timeCalls, 'a later read asks again').toBe(2);
  });

  it('reports a symbol Binance calls invalid (-1121) and still fails the call; other errors report nothing', async () => {
    const invalid: string[] = [];
    const rest = backfillRest(source(), (s) => invalid.push(s));
    await expect(rest.klines('GONEUSDT', '30m', { nowMs: 0 })).rejects.toBeInstanceOf(BinanceApiError);
    await expect(rest.klines('BADUSDT', '30m', { nowMs: 0 })).rejects.toBeInstanceOf(BinanceApiError);
    expect(invalid).toEqual(['GONEUSDT']);
  });
});
