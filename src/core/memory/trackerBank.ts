import { ConfigError } from '../../domain/errors.js';
import type { DailyReading, Verdict } from '../../domain/memory.js';
import type { ClosedTrade } from '../../domain/trade.js';
import type { MemoryRule, RuleTracker } from './rule.js';

/** One rule over one slice of history, with the verdict last reported as an event. */
export interface Slot {
  readonly rule: MemoryRule | null;
  tracker: RuleTracker;
  reported: Verdict | null;
}

/**
 * The engine's incremental state: one tracker per global rule, per model rule, and per
 * (symbol rule, symbol) once that symbol has a closed trade. Adding a trade touches only the
 * slots whose slice it belongs to.
 */
export class TrackerBank {
  private readonly bySymbol = new Map<string, Slot[]>();
  private readonly sharedSlots: Slot[] = [];
  private readonly symbolRules: MemoryRule[];
  private symbols: string[] = [];
  /** Whether a rule reads 1D candles (a market regime): without one, readings cost nothing. */
  readonly readsDaily: boolean;

  constructor(readonly rules: readonly MemoryRule[]) {
    const names = new Set<string>();
    for (const rule of rules) {
      if (names.has(rule.name)) throw new ConfigError('memory.rules', rule.name, 'each rule once');
      names.add(rule.name);
      if (rule.scope === 'model' && rule.model === undefined) {
        throw new ConfigError(`memory.${rule.name}.model`, undefined, 'continuation or reversal');
      }
    }
    this.symbolRules = rules.filter((rule) => rule.scope === 'symbol');
    this.readsDaily = rules.some((rule) => rule.reads === 'daily');
    for (const rule of rules) {
      if (rule.scope !== 'symbol') this.sharedSlots.push({ rule, tracker: rule.tracker(), reported: null });
    }
  }

  /** Feeds a trade (in memory order) to every slot whose slice holds it; returns those slots. */
  add(trade: ClosedTrade): Slot[] {
    const touched: Slot[] = [];
    for (const slot of this.sharedSlots) {
      if (slot.rule?.scope === 'model' && slot.rule.model !== trade.model) continue;
      slot.tracker.add(trade);
      touched.push(slot);
    }
    for (const slot of this.symbolSlots(trade.symbol)) {
      slot.tracker.add(trade);
      touched.push(slot);
    }
    return touched;
  }

  /** Feeds a symbol's newest 1D reading to the slots of the rules that read them; returns those slots. */
  observe(reading: DailyReading): Slot[] {
    if (!this.readsDaily) return [];
    const touched: Slot[] = [];
    for (const slot of this.symbolSlots(reading.symbol)) {
      if (slot.rule?.reads !== 'daily') continue;
      slot.tracker.observe?.(reading);
      touched.push(slot);
    }
    return touched;
  }

  /**
   * Gives a market rule's slot the verdict reported before a restart (its symbol from the verdict's
   * scope); returns the slot, or undefined for a verdict of no such rule.
   */
  resume(verdict: Verdict): Slot | undefined {
    const index = this.symbolRules.findIndex((rule) => rule.name === verdict.rule && rule.reads === 'daily');
    if (index < 0 || verdict.scope.kind !== 'symbol') return undefined;
    const slot = this.symbolSlots(verdict.scope.symbol)[index];
    slot?.tracker.resume?.(verdict);
    return slot;
  }

  /**
   * Fresh trackers for every slot of a rule that reads trades, keeping what was reported (the
   * engine replays trades next); the market rules' trackers keep their readings.
   */
  resetTrackers(): void {
    for (const slot of this.all()) if (slot.rule !== null && slot.rule.reads !== 'daily') slot.tracker = slot.rule.tracker();
  }

  /** Every slot: rules in their order, a symbol rule's slots by symbol name. */
  *all(): Generator<Slot> {
    let shared = 0;
    for (const rule of this.rules) {
      if (rule.scope !== 'symbol') {
        const slot = this.sharedSlots[shared++];
        if (slot !== undefined) yield slot;
        continue;
      }
      const index = this.symbolRules.indexOf(rule);
      for (const symbol of this.symbols) {
        const slot = this.bySymbol.get(symbol)?.[index];
        if (slot !== undefined) yield slot;
      }
    }
  }

  private symbolSlots(symbol: string): Slot[] {
    let slots = this.bySymbol.get(symbol);
    if (slots === undefined) {
      slots = this.symbolRules.map((rule) => ({ rule, tracker: rule.tracker(), reported: null }));
      this.bySymbol.set(symbol, slots);
      this.symbols = [...this.symbols, symbol].sort();
    }
    return slots;
  }
}
