import { describe, expect, it } from 'vitest';
import { admitSignal, countSentByDay, DAY_MS, utcDayOfSignal } from '../../../src/core/risk/dailyCount.js';

const HALF_HOUR = 1_800_000;
const jan1 = Date.UTC(2025, 0, 1) / DAY_MS;
/** End of the 30m candle that opens at the given UTC time on 2025-01-01. */
const endOfCandleOpenedAt = (hour: number, minute: number) => Date.UTC(2025, 0, 1, hour, minute) + HALF_HOUR;

describe('utcDayOfSignal', () => {
  it('counts the 23:30 candle (ending at 00:00) for the day it opened in', () => {
    expect(utcDayOfSignal(endOfCandleOpenedAt(23, 30)), '23:30–00:00 belongs to Jan 1').toBe(jan1);
    expect(utcDayOfSignal(endOfCandleOpenedAt(24, 0)), '00:00–00:30 belongs to Jan 2').toBe(jan1 + 1);
    expect(utcDayOfSignal(endOfCandleOpenedAt(0, 0)), 'the first candle of Jan 1').toBe(jan1);
  });
});

describe('admitSignal', () => {
  it('allows while sent < max, per UTC day of close_time', () => {
    let counts = countSentByDay([]);
    const decisions: boolean[] = [];
    for (const [h, m] of [[22, 30], [23, 0], [23, 30], [24, 0]] as const) {
      const admission = admitSignal(counts, endOfCandleOpenedAt(h, m), 2);
      decisions.push(admission.allowed);
      counts = admission.counts;
    }
    expect(decisions, 'third on Jan 1 (the 23:30 candle) blocked, 00:00 candle starts Jan 2').toEqual([true, true, false, true]);
    expect(counts.get(jan1), 'blocked signals are not counted').toBe(2);
    expect(counts.get(jan1 + 1), 'the new day').toBe(1);
  });

  it('starts from counts seeded from signals already sent', () => {
    const seeded = countSentByDay([endOfCandleOpenedAt(1, 0), endOfCandleOpenedAt(23, 30)]);
    expect(seeded.get(jan1), 'both seeds fall on Jan 1').toBe(2);
    const admission = admitSignal(seeded, endOfCandleOpenedAt(12, 0), 2);
    expect(admission.allowed, 'max already reached by the seeds').toBe(false);
    expect(admission.sentBefore, 'reports the count it compared').toBe(2);
    expect(admitSignal(seeded, endOfCandleOpenedAt(12, 0), 3).allowed, 'a larger max admits').toBe(true);
  });

  it('forgets days well before the newest one', () => {
    let counts = countSentByDay([endOfCandleOpenedAt(1, 0)]);
    counts = admitSignal(counts, endOfCandleOpenedAt(1, 0) + 5 * DAY_MS, 5).counts;
    expect([...counts.keys()], 'only the recent day is kept').toEqual([jan1 + 5]);
  });
});
