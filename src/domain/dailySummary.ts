/** Trading figures over a span of event time: trades closed in it, signals decided in it, equity after. */
export interface PeriodFigures {
  readonly trades: number;
  readonly wins: number;
  readonly totalR: number;
  readonly equity: number;
  readonly signalsSent: number;
  readonly signalsBlocked: number;
}

/** The figures of one UTC day: computed from the tables (sinks/sqlite/dailyStats), worded by the templates. */
export interface DailySummary extends PeriodFigures {
  /** 00:00 UTC of the day summarized. */
  readonly dayStartMs: number;
}
