/** Counters of the market-data path, read by /health, /metrics and the e2e tests. */
export interface IngestCounters {
  /** Bad frames dropped, by kind (`json`, `shape`, `number`, …). */
  readonly badFrames: Map<string, number>;
  closedCandles: number;
  /** Closed candles that came from REST (warm-up, reconnect and gap backfills). */
  backfilledCandles: number;
  duplicates: number;
  gapRequests: number;
  reconnectBackfills: number;
  /** Holes REST confirmed empty: a defect on the exchange's side, reported, never filled. */
  missingOnExchange: number;
}

export function createIngestCounters(): IngestCounters {
  return { badFrames: new Map(), closedCandles: 0, backfilledCandles: 0, duplicates: 0, gapRequests: 0, reconnectBackfills: 0, missingOnExchange: 0 };
}
