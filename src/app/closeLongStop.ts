import type { Logger } from 'pino';
import { DAY_MS, isLongStop, tradesBeyondHorizon, type CatchUpHorizon } from '../core/candles/catchUpHorizon.js';
import { lastCandleExit } from '../core/outcome/lastCandleExit.js';
import type { SignalDesk } from '../core/desk/signalDesk.js';
import { klineEndMs } from '../domain/kline.js';
import type { Repos } from '../sinks/sqlite/repos.js';
import type { StepWriter } from '../sinks/stepWriter.js';

export interface CloseLongStopDeps {
  readonly horizon: CatchUpHorizon;
  readonly maxDays: number;
  readonly desk: SignalDesk;
  readonly repos: Repos;
  readonly writer: StepWriter;
  readonly logger: Logger;
}

/**
 * Before the first candle of a restart: the open trades no catch-up will track (their symbol's
 * scan cursor is beyond the horizon) close EXPIRED at the close of their symbol's last stored 30m
 * candle, the one before the stop (`catch_up_skipped`); they move paper equity and feed the memory
 * at that candle's end, like a halt's. After a long stop the operator is told once: one warn line
 * and one message. Returns the number of messages enqueued.
 */
export function closeLongStop({ horizon, maxDays, desk, repos, writer, logger }: CloseLongStopDeps): number {
  const longStop = isLongStop(horizon);
  const skipped = tradesBeyondHorizon(horizon, desk.openTrades.values(), (s) => repos.cursors.get(s));
  if (!longStop && skipped.length === 0) return 0;
  const closes = skipped.map((trade) => {
    const last = repos.candles.recent(trade.symbol, '30m', 1)[0];
    const stoppedAtMs = last === undefined ? trade.openedAtMs : klineEndMs(last);
    const exit = lastCandleExit(trade, last, { code: 'catch_up_skipped', detail: { stoppedAtMs, resumedAtMs: horizon.resumedAtMs } }, desk.config.outcome);
    const { closed, events } = desk.close(trade, exit);
    return { closedTrade: closed, memoryEvents: events };
  });
  const stoppedAtMs = horizon.stoppedAtMs ?? horizon.catchUpFromMs;
  if (longStop) {
    logger.child({ component: 'catchUp' }).warn(
      { stoppedAtMs, resumedAtMs: horizon.resumedAtMs, stoppedDays: Math.floor((horizon.resumedAtMs - stoppedAtMs) / DAY_MS), maxDays, tradesClosed: closes.length },
      'stopped longer than CATCH_UP_MAX_DAYS: the missed candles are not replayed, open trades closed as expired',
    );
  }
  return writer.writeLongStop(closes, { stoppedAtMs, resumedAtMs: horizon.resumedAtMs, maxDays, tradesClosed: closes.length }, longStop);
}
