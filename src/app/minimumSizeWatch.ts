import type { Interval, Kline } from '../domain/kline.js';
import type { ModelProfile } from '../domain/signal.js';
import type { ModelConfig } from '../core/models/modelConfig.js';
import { minimumSizeShortfall, typicalStopFraction, type MinimumSizeShortfall } from '../core/risk/minimumSize.js';
import type { SymbolFilters } from '../core/risk/symbolFilters.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Candles whose stops make the median: the last 100 after a 14-candle ATR warm-up. */
const STOP_SAMPLE = 100;
const ATR_PERIOD = 14;

/** One watched symbol and interval whose typical trade is below the exchange minimum. */
export interface TooSmall {
  readonly symbol: string;
  readonly interval: Interval;
  readonly price: number;
  readonly stopFraction: number;
  readonly minQty: number;
  readonly minNotional: number;
  readonly shortfall: MinimumSizeShortfall;
}

/** What to tell: at start, after a balance change that changed the list, or symbols that joined (once a day). */
export interface MinimumSizeNotice {
  readonly kind: 'start' | 'balance' | 'new';
  readonly equityUsdt: number;
  readonly riskPct: number;
  readonly items: readonly TooSmall[];
}

export interface MinimumSizeWatchDeps {
  readonly candles: (symbol: string, interval: Interval, limit: number) => readonly Kline[];
  /** The symbol's exchange filters; undefined until exchangeInfo named it. */
  readonly filters: (symbol: string) => SymbolFilters | undefined;
  readonly profile: ModelProfile;
  readonly models: ModelConfig;
  /** RISK_PER_TRADE, the configured risk (memory caps only lower it). */
  readonly riskPct: number;
}

/** The intervals a profile signals on, and the smallest stop (in ATRs) its models use: a symbol listed fails for every model. */
export function stopsOfProfile(profile: ModelProfile, m: ModelConfig): { intervals: readonly Interval[]; stopAtr: number } {
  return profile === 'seed'
    ? { intervals: ['1d', '4h', '30m'], stopAtr: Math.min(m.seedContinuation.stopAtr, m.seedReversal.stopAtr) }
    : { intervals: ['30m'], stopAtr: Math.min(m.continuation.stopAtr, m.reversal.stopAtr) };
}

/**
 * Watches whether the watched symbols' typical trade (see typicalStopFraction) clears MIN_QTY and
 * MIN_NOTIONAL at the configured risk and the paper balance. Fed each processed candle (event
 * time); answers at most one notice per candle:
 * - `start`: once, when every symbol watched at the first candle has had a candle of its own (its
 *   history is then stored) or an hour of event time has passed;
 * - `balance`: when a balance change makes a symbol fall short that was not told yet (a symbol
 *   drifting in and out of reach as trades close is told once, not at every trade);
 * - `new`: symbols that joined the universe later, at most once per UTC day.
 * A symbol's typical stop and price are measured once per day, so a balance change costs no query.
 */
export class MinimumSizeWatch {
  private readonly stops: { intervals: readonly Interval[]; stopAtr: number };
  private readonly measured = new Map<string, { dayMs: number; rows: Array<Omit<TooSmall, 'shortfall'>> }>();
  private readonly stepped = new Set<string>();
  private startSymbols: ReadonlySet<string> | undefined;
  private startDeadlineMs = 0;
  private startTold = false;
  private equityUsdt = Number.NaN;
  private readonly told = new Set<string>();
  private pendingNew: TooSmall[] = [];
  private lastNewDayMs: number | undefined;

  constructor(private readonly deps: MinimumSizeWatchDeps) {
    this.stops = stopsOfProfile(deps.profile, deps.models);
  }

  onCandle(symbol: string, nowMs: number, equityUsdt: number, watched: ReadonlySet<string>): MinimumSizeNotice | undefined {
    const dayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
    if (this.startSymbols === undefined) {
      this.startSymbols = new Set(watched);
      this.startDeadlineMs = nowMs + HOUR_MS;
    }
    if (watched.has(symbol)) {
      const firstTime = !this.measured.has(symbol);
      if (firstTime || this.measured.get(symbol)!.dayMs < dayMs) this.measure(symbol, dayMs);
      this.stepped.add(symbol);
      if (firstTime && this.startTold && !this.startSymbols.has(symbol)) {
        this.pendingNew.push(...this.failing(new Set([symbol])).filter((i) => !this.told.has(keyOf(i))));
      }
    }
    if (!this.startTold) {
      const everyOne = [...this.startSymbols].every((s) => this.stepped.has(s) || !watched.has(s));
      if (!everyOne && nowMs < this.startDeadlineMs) return undefined;
      this.startTold = true;
      this.equityUsdt = equityUsdt;
      const items = this.failing(watched);
      for (const i of items) this.told.add(keyOf(i));
      return items.length === 0 ? undefined : this.notice('start', items);
    }
    if (equityUsdt !== this.equityUsdt) {
      this.equityUsdt = equityUsdt;
      const items = this.failing(watched);
      if (items.some((i) => !this.told.has(keyOf(i)))) {
        for (const i of items) this.told.add(keyOf(i));
        this.pendingNew = this.pendingNew.filter((i) => !this.told.has(keyOf(i)));
        return this.notice('balance', items);
      }
    }
    if (this.pendingNew.length > 0 && (this.lastNewDayMs === undefined || this.lastNewDayMs < dayMs)) {
      const items = this.pendingNew;
      this.pendingNew = [];
      this.lastNewDayMs = dayMs;
      for (const i of items) this.told.add(keyOf(i));
      return this.notice('new', items);
    }
    return undefined;
  }

  private notice(kind: MinimumSizeNotice['kind'], items: readonly TooSmall[]): MinimumSizeNotice {
    return { kind, equityUsdt: this.equityUsdt, riskPct: this.deps.riskPct, items };
  }

  /** The symbol's typical stop and price per interval; a symbol without filters or candles yet is left unmeasured. */
  private measure(symbol: string, dayMs: number): void {
    const filters = this.deps.filters(symbol);
    if (filters === undefined) return;
    const rows: Array<Omit<TooSmall, 'shortfall'>> = [];
    for (const interval of this.stops.intervals) {
      const candles = this.deps.candles(symbol, interval, STOP_SAMPLE + ATR_PERIOD);
      const stopFraction = typicalStopFraction(candles, this.stops.stopAtr, ATR_PERIOD);
      const price = candles.at(-1)?.close;
      if (stopFraction === undefined || price === undefined) return;
      rows.push({ symbol, interval, price, stopFraction, minQty: filters.minQty, minNotional: filters.minNotional });
    }
    this.measured.set(symbol, { dayMs, rows });
  }

  private failing(watched: ReadonlySet<string>): TooSmall[] {
    const out: TooSmall[] = [];
    for (const symbol of [...watched].sort()) {
      const filters = this.deps.filters(symbol);
      for (const row of this.measured.get(symbol)?.rows ?? []) {
        if (filters === undefined) continue;
        const shortfall = minimumSizeShortfall({ price: row.price, stopFraction: row.stopFraction, equityUsdt: this.equityUsdt, riskPct: this.deps.riskPct, filters });
        if (shortfall !== undefined) out.push({ ...row, shortfall });
      }
    }
    return out;
  }
}

function keyOf(i: TooSmall): string {
  return `${i.symbol} ${i.interval}`;
}
