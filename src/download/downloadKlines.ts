import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { KlineSignalsError, type Interval, type KlineRestSource } from '../domain/index.js';
import { downloadSeries, type SeriesResult } from './downloadSeries.js';

/** What to download: every symbol × interval, open times in [fromMs, toMs). */
export interface DownloadPlan {
  readonly symbols: readonly string[];
  readonly intervals: readonly Interval[];
  readonly fromMs: number;
  /** Undefined = up to the last candle closed at server time. */
  readonly toMs: number | undefined;
  readonly outDir: string;
  /** Series downloaded at once (the REST client's weight budget paces them together). */
  readonly concurrency: number;
}

/** A series that could not be downloaded; the message names it and the cause (e.g. Binance's `-1121 Invalid symbol`). */
export class SeriesDownloadError extends KlineSignalsError {
  readonly code = 'DOWNLOAD';
  constructor(
    readonly symbol: string,
    readonly interval: Interval,
    cause: unknown,
  ) {
    super(`${symbol} ${interval}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Brings every `SYMBOL-INTERVAL.csv` of the plan up to date, `concurrency` series at a time, in
 * symbol then interval order. The first failure stops new series from starting, ends the ones
 * in flight after their current page (their files stay valid) and is thrown as a
 * {@link SeriesDownloadError}; a later run resumes where each file ends.
 */
export async function downloadKlines(rest: KlineRestSource, plan: DownloadPlan, logger: Logger): Promise<SeriesResult[]> {
  await mkdir(plan.outDir, { recursive: true });
  const queue = plan.symbols.flatMap((symbol) => plan.intervals.map((interval) => ({ symbol, interval })));
  const results: SeriesResult[] = [];
  let failure: SeriesDownloadError | undefined;
  const stopRequested = (): boolean => failure !== undefined;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined && failure === undefined; next = queue.shift()) {
      try {
        results.push(await downloadSeries(rest, { ...next, fromMs: plan.fromMs, toMs: plan.toMs, outDir: plan.outDir, stopRequested }, logger));
      } catch (err) {
        failure ??= new SeriesDownloadError(next.symbol, next.interval, err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(plan.concurrency, queue.length)) }, worker));
  if (failure !== undefined) throw failure;
  return results.sort((a, b) => a.file.localeCompare(b.file));
}
