import { defer, mergeMap, type OperatorFunction } from 'rxjs';
import type { Logger } from 'pino';
import type { Kline } from '../domain/kline.js';
import { isSeriesNotice, type GapRequest, type GateInput } from '../core/candles/gateInput.js';
import { SeriesTracker, type DropReason } from '../core/candles/seriesTracker.js';

export type { GapRequest } from '../core/candles/gateInput.js';

export interface SeriesGateDeps {
  /** Asked whenever candles are held behind a hole; feed it to the backfill as a `gap` request. */
  readonly onGap: (req: GapRequest) => void;
  /** Told of each candle dropped (a duplicate from socket/REST overlap, or a misaligned open time). */
  readonly onDuplicate?: (k: Kline, reason: DropReason) => void;
  /** Told of each hole REST confirmed empty: a defect, also logged at error level. */
  readonly onMissing?: (gap: GapRequest) => void;
  readonly logger: Logger;
}

/**
 * The "never misses a candle" gate. Candles from the sockets and the backfill, plus the backfill's
 * notices, go in; each closed candle of each (symbol, interval) comes out exactly once, in open-time
 * order, with no hole except one REST confirmed empty. Forming candles (closed=false) are filtered
 * out here, so upstream may pass everything `parseKline` produced. State lives per subscription.
 *
 * Accepts `GateInput` (a superset of Kline), so `kline$.pipe(seriesGate(…))` type-checks too.
 */
export function seriesGate(deps: SeriesGateDeps): OperatorFunction<GateInput, Kline> {
  const { onGap, onDuplicate, onMissing } = deps;
  return (source) =>
    defer(() => {
      const log = deps.logger.child({ component: 'seriesGate' });
      const tracker = new SeriesTracker();
      return source.pipe(
        mergeMap((input) => {
          const out = isSeriesNotice(input) ? tracker.notice(input) : tracker.accept(input);
          if (out.dropped) onDuplicate?.(out.dropped.kline, out.dropped.reason);
          for (const gap of out.missing) {
            log.error({ ...gap }, 'candles missing on the exchange');
            onMissing?.(gap);
          }
          if (out.gap) onGap(out.gap);
          return out.emit;
        }),
      );
    });
}
