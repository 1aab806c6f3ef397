import { auditSeries, e2eSeries, firstStoredOpenTimeMs, lastClosedOpenTimeMs, openReadOnly, type SeriesAudit } from '../../e2e/support/candleAudit.js';
import type { Simulator } from '../../../src/sim/simulator.js';

/** Totals of an audit of every watched series against the exchange's closed candles. */
export interface AuditTotals {
  readonly checked: number;
  readonly missing: number;
  readonly duplicated: number;
  readonly different: number;
  readonly extra: number;
  readonly audits: readonly SeriesAudit[];
}

/**
 * Audits SQLite against the simulator for every (symbol, interval) of `symbols`, over the open
 * times from the first stored candle to the newest candle closed at simulated `edgeSimMs`.
 */
export function auditStored(dbPath: string, sim: Simulator, edgeSimMs: number, symbols?: readonly string[]): AuditTotals {
  const db = openReadOnly(dbPath);
  try {
    const audits = e2eSeries(symbols).map(({ symbol, interval }) =>
      auditSeries(db, sim, symbol, interval, firstStoredOpenTimeMs(db, symbol, interval) ?? lastClosedOpenTimeMs(edgeSimMs, interval), lastClosedOpenTimeMs(edgeSimMs, interval)));
    const sum = (pick: (a: SeriesAudit) => number): number => audits.reduce((n, a) => n + pick(a), 0);
    return {
      checked: sum((a) => a.expected), missing: sum((a) => a.missing.length), duplicated: sum((a) => a.duplicated.length),
      different: sum((a) => a.different.length), extra: sum((a) => a.extra.length), audits,
    };
  } finally {
    db.close();
  }
}
