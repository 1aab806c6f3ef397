/**
 * A single-value cache with a time-to-live and in-flight sharing: concurrent callers during a
 * load share the one request, so ten universe refreshes at once cost one `ticker/24hr` (weight 40).
 * Failures are not cached; the next call loads again.
 */
export class TtlCache<T> {
  private value: { readonly data: T; readonly expiresAtMs: number } | undefined;
  private pending: Promise<T> | undefined;

  /**
   * @param ttlMs how long a loaded value is served
   * @param nowMs the clock the expiry is judged by
   */
  constructor(
    private readonly ttlMs: number,
    private readonly nowMs: () => number,
  ) {}

  /** The cached value while fresh, else the running load, else a new load. */
  get(load: () => Promise<T>): Promise<T> {
    if (this.value !== undefined && this.nowMs() < this.value.expiresAtMs) return Promise.resolve(this.value.data);
    if (this.pending !== undefined) return this.pending;
    const running = load().then(
      (data) => {
        this.value = { data, expiresAtMs: this.nowMs() + this.ttlMs };
        this.pending = undefined;
        return data;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    this.pending = running;
    return running;
  }

  /** Forgets the value (not a running load). */
  clear(): void {
    this.value = undefined;
  }
}
