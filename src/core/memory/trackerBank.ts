import { ConfigError } from '../../domain/errors.js';
import type { Verdict } from '../../domain/memory.js';
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

  /** Fresh trackers for every slot, keeping what was reported (the engine replays trades next). */
  resetTrackers(): void {
    for (const slot of this.all()) if (slot.rule !== null) slot.tracker = slot.rule.tracker();
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
