import { describe, expect, it } from 'vitest';
import { DailySummaries } from '../../src/app/dailySummaries.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2025, 6, 1);
const M30 = 1_800_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function record() {
  const written: string[] = [];
  return { written, summaries: new DailySummaries((dayStartMs) => written.push(day(dayStartMs))) };
}

describe('DailySummaries', () => {
  it('writes a day once the watermark reaches its end (00:00 included), not before', () => {
    const { written, summaries } = record();
    summaries.advance(D0 + DAY - 2 * M30);
    summaries.advance(D0 + DAY - M30);
    expect(written, 'the 23:30 candles end at 00:00 and still belong to the day').toEqual([]);
    summaries.advance(D0 + DAY);
    expect(written).toEqual(['2025-07-01']);
    summaries.advance(D0 + DAY + M30);
    summaries.advance(D0 + DAY);
    expect(written, 'each day once, and the watermark never goes back').toEqual(['2025-07-01']);
  });

  it('writes every day a catch-up crosses, in order', () => {
    const { written, summaries } = record();
    summaries.advance(D0 + 5 * M30);
    summaries.advance(D0 + 3 * DAY + M30);
    expect(written).toEqual(['2025-07-01', '2025-07-02', '2025-07-03']);
  });

  it('starts where the process starts: the day ending exactly there is written (a crash between the last 00:00 step and the summary)', () => {
    const { written, summaries } = record();
    summaries.advance(D0 + DAY);
    expect(written).toEqual(['2025-07-01']);
  });

  it('does not summarise a day that ended before the process started', () => {
    const { written, summaries } = record();
    summaries.advance(D0 + DAY + 7 * M30);
    summaries.advance(D0 + DAY + 8 * M30);
    expect(written).toEqual([]);
  });
});
