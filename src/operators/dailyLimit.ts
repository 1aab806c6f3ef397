import { map, scan, type MonoTypeOperatorFunction } from 'rxjs';
import type { Signal } from '../domain/signal.js';
import { admitSignal, DAILY_LIMIT_REASON_CODE, type DailyCounts } from '../core/risk/dailyCount.js';

export interface DailyLimitDeps {
  /** The effective maximum per UTC day, min(MAX_SIGNALS_PER_DAY, rule 3), read per signal. */
  readonly dailyMax: () => number;
  /** Signals already sent per UTC day (from the signals table at start, see countSentByDay). */
  readonly initialCounts?: DailyCounts;
}

interface DailyState {
  readonly counts: DailyCounts;
  readonly out: Signal | null;
}

function blockedByLimit(signal: Signal, sentBefore: number, dailyMax: number): Signal {
  const reason = { code: DAILY_LIMIT_REASON_CODE, detail: `${sentBefore} signals sent this UTC day, max ${dailyMax}` };
  return { ...signal, status: 'blocked', reasons: [...signal.reasons, reason] };
}

/**
 * Blocks sent signals beyond the effective daily maximum of their UTC day (the day of the signal
 * candle's close_time). Only signals that leave here as sent are counted; blocked ones pass
 * unchanged. Each subscription starts from `initialCounts`.
 */
export function dailyLimit({ dailyMax, initialCounts = new Map() }: DailyLimitDeps): MonoTypeOperatorFunction<Signal> {
  return (source) =>
    source.pipe(
      scan<Signal, DailyState>(
        ({ counts }, signal) => {
          if (signal.status !== 'sent') return { counts, out: signal };
          const max = dailyMax();
          const admission = admitSignal(counts, signal.endMs, max);
          const out = admission.allowed ? signal : blockedByLimit(signal, admission.sentBefore, max);
          return { counts: admission.counts, out };
        },
        { counts: initialCounts, out: null },
      ),
      map((state) => state.out as Signal),
    );
}
