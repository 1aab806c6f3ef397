import { describe, expect, it } from 'vitest';
import { catchUpHorizon, DAY_MS, isLongStop, resumesAt, tradesBeyondHorizon } from '../../../src/core/candles/catchUpHorizon.js';
import type { OpenTrade } from '../../../src/domain/trade.js';

const NOW = Date.UTC(2025, 11, 21, 8);

describe('catch-up horizon', () => {
  it('catches up a stop up to CATCH_UP_MAX_DAYS, inclusive, and not one millisecond more', () => {
    const h = catchUpHorizon(NOW, 14, NOW - 14 * DAY_MS);
    expect(isLongStop(h), 'exactly 14 days').toBe(false);
    expect(resumesAt(h, NOW - 14 * DAY_MS), 'a cursor at the horizon resumes').toBe(true);
    expect(isLongStop(catchUpHorizon(NOW, 14, NOW - 14 * DAY_MS - 1)), 'one millisecond more').toBe(true);
    expect(resumesAt(h, NOW - 14 * DAY_MS - 1), 'an older cursor starts at the restart').toBe(false);
  });

  it('a first start is no long stop, and CATCH_UP_MAX_DAYS=0 replays nothing missed', () => {
    expect(isLongStop(catchUpHorizon(NOW, 14, undefined)), 'nothing stored').toBe(false);
    expect(resumesAt(catchUpHorizon(NOW, 14, undefined), undefined), 'no cursor, no resume').toBe(false);
    expect(isLongStop(catchUpHorizon(NOW, 0, NOW - 1)), 'horizon 0').toBe(true);
  });

  it('names the open trades whose symbol will not be replayed', () => {
    const trade = (symbol: string) => ({ symbol }) as OpenTrade;
    const cursors: Record<string, number> = { BTCUSDT: NOW - DAY_MS, ETHUSDT: NOW - 20 * DAY_MS };
    const h = catchUpHorizon(NOW, 14, NOW - DAY_MS);
    expect(tradesBeyondHorizon(h, [trade('BTCUSDT'), trade('ETHUSDT')], (s) => cursors[s]).map((t) => t.symbol)).toEqual(['ETHUSDT']);
  });
});
