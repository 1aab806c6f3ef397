import type { Logger } from 'pino';
import type { SchedulerLike } from 'rxjs';
import type { SeriesNotice } from '../core/candles/gateInput.js';
import { WarmUpProgress } from '../core/candles/warmUpProgress.js';
import type { BinanceRest } from './binanceRest.js';

/** A long warm-up (the whole market's cold start takes minutes) says how far it is this often. */
const WARM_UP_LOG_EVERY_MS = 10_000;

/**
 * Takes the backfill's notices and logs the warm-up: `warming up` every 10 s while it runs (symbols
 * ready, series done, seconds left, the REST weight of this minute), `warm-up done` once at the end.
 * A warm-up shorter than 10 s (a rotation's few symbols) logs only its end.
 */
export function warmUpLog(log: Logger, rest: Pick<BinanceRest, 'stats'>, scheduler: SchedulerLike): (notice: SeriesNotice) => void {
  const progress = new WarmUpProgress();
  let lastLogMs = 0;
  return (notice) => {
    const nowMs = scheduler.now();
    const event = progress.take(notice, nowMs);
    if (event === 'started') lastLogMs = nowMs;
    if (event === 'finished') {
      const f = progress.figures(nowMs);
      log.info({ symbols: f.symbolsTotal, series: f.seriesTotal, seconds: Math.round(f.elapsedMs / 100) / 10, restWeightTotal: rest.stats().weightSentTotal }, 'warm-up done');
    } else if (progress.running && nowMs - lastLogMs >= WARM_UP_LOG_EVERY_MS) {
      lastLogMs = nowMs;
      const f = progress.figures(nowMs);
      const stats = rest.stats();
      log.info({
        symbolsReady: f.symbolsReady, symbols: f.symbolsTotal, seriesDone: f.seriesDone, series: f.seriesTotal,
        secondsLeft: f.remainingMs === undefined ? undefined : Math.round(f.remainingMs / 1000),
        restWeightThisMinute: stats.weightUsed, restWeightLimit: stats.weightLimit,
      }, 'warming up');
    }
  };
}
