/**
 * After a 429, for the rest of a weight window, requests go one at a time: each waits for the
 * previous answer, so a new 429 period rejects one request instead of every caller in flight —
 * Binance bans (418) after repeated 429s. The first request after the Retry-After pause is the probe.
 */
export class RateLimitRecovery {
  private recovering = false;
  private last429AtMs = -Infinity;
  private inFlight: object | undefined;

  constructor(private readonly windowMs: number) {}

  /** True while a request must wait: recovering from a 429 and another one is out. */
  mustWait(): boolean {
    return this.recovering && this.inFlight !== undefined;
  }

  /** A request leaves now; while recovering it is the one request allowed out. */
  admit(request: object): void {
    if (this.recovering) this.inFlight = request;
  }

  /** A request was answered (`status` undefined: no answer, e.g. a network error). */
  settle(request: object, status: number | undefined, nowMs: number): void {
    if (status === 429) {
      this.recovering = true;
      this.last429AtMs = nowMs;
    }
    if (request !== this.inFlight) return;
    this.inFlight = undefined;
    if (status !== 429 && nowMs - this.last429AtMs >= this.windowMs) this.recovering = false;
  }
}
