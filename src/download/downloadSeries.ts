import { join } from 'node:path';
import type { Logger } from 'pino';
import { DataError, INTERVAL_MS, type Interval, type KlineRestSource } from '../domain/index.js';
import { findGaps } from './findGaps.js';
import { KlineCsvAppender } from './klineCsvAppender.js';
import { pageLimitFor } from './pageLimit.js';

/** One (symbol, interval) to bring up to date in `outDir`. Open times are a half-open range. */
export interface SeriesRequest {
  readonly symbol: string;
  readonly interval: Interval;
  /** First open time wanted when the file is new or empty. */
  readonly fromMs: number;
  /** Open times stay below this; undefined = up to the last candle closed at server time. */
  readonly toMs: number | undefined;
  readonly outDir: string;
  /** Checked before each page: true ends the series early (its file stays valid), e.g. after another series failed. */
  readonly stopRequested?: () => boolean;
}

/** What one series download did. */
export interface SeriesResult {
  readonly file: string;
  /** Rows appended by this run: real candles only. */
  readonly rows: number;
  /** Holes in the exchange's history met by this run, left as holes in the file (see `findGaps`). */
  readonly gaps: number;
  readonly pages: number;
  /** Open time of the newest row in the file, if any. */
  readonly lastOpenTimeMs: number | undefined;
}

/** `SYMBOL-INTERVAL.csv`, the name `readKlineCsvFile` and the simulator expect. */
export function seriesFileName(symbol: string, interval: Interval): string {
  return `${symbol}-${interval}.csv`;
}

/**
 * Pages `GET /fapi/v1/klines` forward from where the file ends (or `fromMs`) and appends each
 * page's closed candles before asking for the next, so an interrupted run leaves a valid file
 * that the next run continues without a duplicate. "Closed" is judged against the server time
 * read once at the start: candles closing later belong to the next run. An existing file
 * always continues right after its last row, even when `fromMs` is later. A hole in the
 * exchange's history is logged as a warning and stays a hole: only real rows are written.
 */
export async function downloadSeries(rest: KlineRestSource, request: SeriesRequest, logger: Logger): Promise<SeriesResult> {
  const { symbol, interval, toMs } = request;
  const stepMs = INTERVAL_MS[interval];
  const file = join(request.outDir, seriesFileName(symbol, interval));
  const log = logger.child({ symbol, interval });
  const appender = await KlineCsvAppender.open(file, symbol, interval);
  if (appender.resume.droppedBytes > 0) log.warn({ file, droppedBytes: appender.resume.droppedBytes }, 'partial last line cut off');
  let rows = 0;
  let gaps = 0;
  let pages = 0;
  try {
    const nowMs = await rest.serverTimeMs();
    const endMs = Math.min(toMs ?? Number.POSITIVE_INFINITY, nowMs);
    let cursor = appender.last === undefined ? request.fromMs : appender.last.openTimeMs + stepMs;
    if (appender.last !== undefined) log.info({ file, resumeFrom: new Date(cursor).toISOString() }, 'resuming after the last row');
    while (cursor < endMs && request.stopRequested?.() !== true) {
      const limit = pageLimitFor(Math.ceil((endMs - cursor) / stepMs));
      const page = await rest.klines(symbol, interval, { startTimeMs: cursor, endTimeMs: endMs - 1, limit, nowMs });
      pages += 1;
      const last = appender.last;
      const fresh = page.filter((k) => k.closed && k.openTimeMs >= cursor && k.openTimeMs < endMs && (last === undefined || k.openTimeMs > last.openTimeMs));
      for (const gap of findGaps(last, fresh)) {
        log.warn({ file, from: new Date(gap.fromMs).toISOString(), to: new Date(gap.toMs).toISOString(), count: gap.count }, 'gap in exchange history left as a gap');
        gaps += 1;
      }
      await appender.append(fresh);
      rows += fresh.length;
      // One request each: debug, so a terminal shows one line per series (below), not per request.
      log.debug({ rows: fresh.length, total: rows, lastOpenTime: appender.last && new Date(appender.last.openTimeMs).toISOString() }, 'page written');
      const newest = page[page.length - 1];
      if (page.length < limit || fresh.length < page.length || newest === undefined) break;
      if (newest.openTimeMs < cursor) throw new DataError('order', `klines of ${symbol} ${interval}: page did not move past ${cursor}`);
      cursor = newest.openTimeMs + stepMs;
    }
    log.info({ rows, pages, lastOpenTime: appender.last && new Date(appender.last.openTimeMs).toISOString() }, 'series written');
  } finally {
    await appender.close();
  }
  return { file, rows, gaps, pages, lastOpenTimeMs: appender.last?.openTimeMs };
}
