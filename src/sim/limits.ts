/** What the REST weight limiter decided for one request. */
export type Admission =
  | { readonly kind: 'ok'; readonly usedWeight: number }
  | { readonly kind: 'tooMany'; readonly usedWeight: number; readonly retryAfterS: number }
  | { readonly kind: 'banned'; readonly usedWeight: number; readonly retryAfterS: number; readonly untilMs: number };

export interface WeightLimiterOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly banAfter429s: number;
  readonly banMs: number;
  /** Wall clock in ms: windows are aligned on it (a window starts at every multiple of `windowMs`). */
  readonly nowMs: () => number;
}

interface IpState { window: number; used: number; rejected: number; bannedUntilMs: number }

/**
 * Binance's IP request-weight budget (B5): weight adds up in a calendar-aligned window; over the
 * limit the reply is 429 until the window ends; a client that sends more than `banAfter429s`
 * requests in that 429 period is banned (418) for `banMs`. A forced period (`force429Until`)
 * answers 429 whatever the weight, for the 429-burst fault.
 */
export class WeightLimiter {
  private readonly ips = new Map<string, IpState>();
  private forcedUntilMs = 0;

  constructor(private readonly o: WeightLimiterOptions) {}

  force429Until(untilMs: number): void {
    this.forcedUntilMs = Math.max(this.forcedUntilMs, untilMs);
  }

  /** Weight used by `ip` in the current window. */
  usedWeight(ip: string): number {
    return this.state(ip, this.o.nowMs()).used;
  }

  admit(ip: string, weight: number): Admission {
    const now = this.o.nowMs();
    const s = this.state(ip, now);
    if (s.bannedUntilMs > now) {
      return { kind: 'banned', usedWeight: s.used, retryAfterS: Math.ceil((s.bannedUntilMs - now) / 1000), untilMs: s.bannedUntilMs };
    }
    s.used += weight;
    const forced = this.forcedUntilMs > now;
    if (!forced && s.used <= this.o.limit) return { kind: 'ok', usedWeight: s.used };
    s.rejected += 1;
    if (s.rejected > this.o.banAfter429s) {
      s.bannedUntilMs = now + this.o.banMs;
      return { kind: 'banned', usedWeight: s.used, retryAfterS: Math.ceil(this.o.banMs / 1000), untilMs: s.bannedUntilMs };
    }
    const untilMs = forced ? Math.max(this.forcedUntilMs, (s.window + 1) * this.o.windowMs * (s.used > this.o.limit ? 1 : 0)) : (s.window + 1) * this.o.windowMs;
    return { kind: 'tooMany', usedWeight: s.used, retryAfterS: Math.max(1, Math.ceil((untilMs - now) / 1000)) };
  }

  private state(ip: string, now: number): IpState {
    const window = Math.floor(now / this.o.windowMs);
    let s = this.ips.get(ip);
    if (!s) {
      s = { window, used: 0, rejected: 0, bannedUntilMs: 0 };
      this.ips.set(ip, s);
    }
    if (s.window !== window) {
      s.window = window;
      s.used = 0;
      s.rejected = 0;
    }
    return s;
  }
}
