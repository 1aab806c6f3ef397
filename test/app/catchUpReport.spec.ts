import { describe, expect, it } from 'vitest';
import { CatchUpReport } from '../../src/app/catchUpReport.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2025, 11, 1);

describe('CatchUpReport', () => {
  it('holds back the summaries of days that ended more than 24 h before they are written', () => {
    const report = new CatchUpReport();
    expect(report.staleDay(D0, D0 + 2 * DAY), 'ended exactly 24 h ago: still sent').toBe(false);
    expect(report.staleDay(D0, D0 + 2 * DAY + 1), 'a millisecond more: held back').toBe(true);
    expect(report.staleDay(D0, undefined), 'market time unknown: sent').toBe(false);
  });

  it('gives one summary on the first on-time step after a late span that held messages back, then starts over', () => {
    const report = new CatchUpReport();
    expect(report.step(D0 + 1_800_000, true, false)).toBeUndefined();
    report.staleDay(D0, D0 + 17 * DAY);
    report.staleSignal();
    expect(report.step(D0 + DAY, true, true)).toBeUndefined();
    expect(report.step(D0 + 17 * DAY, false, false), 'the catch-up is done').toEqual({
      fromMs: D0 + 1_800_000, throughMs: D0 + DAY, days: 1, signalsRecorded: 1, tradesClosed: 1,
    });
    expect(report.step(D0 + 17 * DAY + 1_800_000, false, false), 'once').toBeUndefined();
  });

  it('says nothing after a late span that held nothing back (a short reconnect, a late symbol)', () => {
    const report = new CatchUpReport();
    report.step(D0, true, true);
    expect(report.step(D0 + 1_800_000, false, false)).toBeUndefined();
  });
});
