import type { Logger } from 'pino';
import { defer, retry, timer, type Observable, type SchedulerLike } from 'rxjs';
import { backoffDelayMs } from '../core/backoff.js';
import { toldAsOutage } from '../streams/rest/toldAsOutage.js';

/**
 * The exchange's time when the bot starts, asked again with backoff until it answers: how long the
 * bot was stopped is measured on the market's clock (a simulator's runs fast), and the catch-up
 * decision (CATCH_UP_MAX_DAYS) must be taken before the first candle is fetched.
 */
export function exchangeTimeAtStart(serverTimeMs: () => Promise<number>, scheduler: SchedulerLike, logger: Logger, maxRetryMs: number): Observable<number> {
  return defer(() => serverTimeMs()).pipe(
    retry({
      delay: (err: unknown, attempt: number) => {
        const delayMs = backoffDelayMs(attempt, { initialMs: 1000, maxMs: maxRetryMs }, Math.random());
        // An unreachable or refusing Binance is told once by the REST client's OutageLog.
        logger[toldAsOutage(err) ? 'debug' : 'warn']({ err, attempt, delayMs }, 'server time unavailable, the market waits for it');
        return timer(delayMs, scheduler);
      },
    }),
  );
}
