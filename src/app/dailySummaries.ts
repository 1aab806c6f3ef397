const DAY_MS = 86_400_000;

/**
 * Writes each UTC day's summary once the watermark has passed the day's end, so every candle of
 * the day, of every symbol, is in it (the 23:30 candles end at 00:00 and count for the day they
 * opened in). Days are written in order and each at most once per process; the outbox key makes
 * a day written again after a restart a no-op.
 */
export class DailySummaries {
  private throughMs: number | undefined;

  constructor(private readonly write: (dayStartMs: number) => void) {}

  /** The watermark passed `throughMs`. The first call only sets where the process starts (inclusive). */
  advance(throughMs: number): void {
    const from = this.throughMs ?? throughMs - 1;
    if (throughMs <= from) return;
    this.throughMs = throughMs;
    for (let dayEndMs = Math.floor(from / DAY_MS) * DAY_MS + DAY_MS; dayEndMs <= throughMs; dayEndMs += DAY_MS) this.write(dayEndMs - DAY_MS);
  }
}
