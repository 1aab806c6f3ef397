/** Settings of the request-weight budget. */
export interface WeightBudgetOptions {
  /** REQUEST_WEIGHT allowed per window until exchangeInfo says otherwise (Binance: 2400 per minute). */
  readonly limit: number;
  /** Window length; Binance windows are calendar-aligned minutes. Shorter in tests. */
  readonly windowMs: number;
  /** Share of the limit kept free (0.1 = stop at 90 %), for other clients on the IP and clock skew. */
  readonly safetyMargin: number;
}

/** What the budget knows of the current window, for `stats()`. */
export interface WeightBudgetSnapshot {
  readonly limit: number;
  readonly windowStartMs: number;
  /** Weight this client sent in the current window. */
  readonly ownUsed: number;
  /** The last `X-MBX-USED-WEIGHT-1M` seen in the current window, if any. */
  readonly serverUsed: number | undefined;
  /** Weight sent and not yet answered. */
  readonly inFlight: number;
  readonly pausedUntilMs: number;
}

/**
 * Request-weight accounting against Binance's per-IP budget, judged BEFORE a request leaves.
 * Windows are calendar-aligned (`floor(now / windowMs)`), like Binance's. The used weight is the
 * larger of this client's own count and the server's view (the last used-weight header plus what
 * is still in flight, which the header may not include yet): the server wins when other clients
 * share the IP. A request that would cross `limit × (1 − safetyMargin)` waits for the next window.
 *
 * Bottleneck's own reservoir is not used for this: it refreshes on its own timer, not on the
 * exchange's window edges, and cannot take the server's header into account.
 */
export class WeightBudget {
  private limitValue: number;
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private ownUsed = 0;
  private serverUsed: number | undefined;
  private inFlight = 0;
  private pausedUntilMs = 0;
  private resetAtPauseEnd = false;

  constructor(private readonly options: WeightBudgetOptions) {
    this.limitValue = options.limit;
  }

  /** The limit learned from exchangeInfo `rateLimits` (REQUEST_WEIGHT). */
  setLimit(limit: number): void {
    if (Number.isFinite(limit) && limit > 0) this.limitValue = limit;
  }

  /**
   * Stops all requests until `untilMs` (a 429's Retry-After applies to the whole IP, not one call).
   * Binance's Retry-After is its word on when the budget is usable again, so the counts of the
   * window start over when the pause ends instead of waiting for the next window edge.
   */
  pauseUntil(untilMs: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
    this.resetAtPauseEnd = true;
  }

  /**
   * Takes `weight` from the budget if it fits now and returns 0; otherwise takes nothing and
   * returns how long to wait before asking again (to the next window edge or the pause end).
   */
  tryReserve(weight: number, nowMs: number): number {
    this.roll(nowMs);
    if (nowMs < this.pausedUntilMs) return this.pausedUntilMs - nowMs;
    if (this.resetAtPauseEnd) {
      this.resetAtPauseEnd = false;
      this.ownUsed = 0;
      this.serverUsed = undefined;
    }
    const ceiling = Math.floor(this.limitValue * (1 - this.options.safetyMargin));
    const used = Math.max(this.ownUsed, (this.serverUsed ?? 0) + this.inFlight);
    // A single request heavier than the ceiling goes alone at the start of a window.
    if (used + weight > ceiling && used > 0) return Math.max(1, this.windowStartMs + this.options.windowMs - nowMs);
    this.ownUsed += weight;
    this.inFlight += weight;
    return 0;
  }

  /**
   * Records the end of a reserved request: its weight is no longer in flight, and the server's
   * used-weight header (when present) updates the server's view of the window.
   */
  settle(weight: number, nowMs: number, usedWeightHeader: number | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - weight);
    this.roll(nowMs);
    if (usedWeightHeader !== undefined && Number.isFinite(usedWeightHeader)) {
      this.serverUsed = Math.max(this.serverUsed ?? 0, usedWeightHeader);
    }
  }

  /** Marks the current window as full: a 429 means the server counts more than we do. */
  markExhausted(nowMs: number): void {
    this.roll(nowMs);
    this.serverUsed = Math.max(this.serverUsed ?? 0, this.limitValue);
  }

  snapshot(nowMs: number): WeightBudgetSnapshot {
    this.roll(nowMs);
    return {
      limit: this.limitValue,
      windowStartMs: this.windowStartMs,
      ownUsed: this.ownUsed,
      serverUsed: this.serverUsed,
      inFlight: this.inFlight,
      pausedUntilMs: this.pausedUntilMs,
    };
  }

  private roll(nowMs: number): void {
    const start = Math.floor(nowMs / this.options.windowMs) * this.options.windowMs;
    if (start === this.windowStartMs) return;
    this.windowStartMs = start;
    this.ownUsed = 0;
    this.serverUsed = undefined;
  }
}
