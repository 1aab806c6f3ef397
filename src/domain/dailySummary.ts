/** The figures of one UTC day: computed from the tables (sinks/sqlite/dailyStats), worded by the templates. */
export interface DailySummary {
  /** 00:00 UTC of the day summarized. */
  readonly dayStartMs: number;
  readonly trades: number;
  readonly wins: number;
  readonly totalR: number;
  readonly equity: number;
  readonly signalsSent: number;
  readonly signalsBlocked: number;
}
