import type { DailyReading, LockVerdict, MemoryEvent, Verdict } from '../../domain/memory.js';
import type { ClosedTrade } from '../../domain/trade.js';
import { manualPauseLock, manualPauseTracker } from './manualPause.js';
import type { MemoryRule } from './rule.js';
import { ruleBook } from './ruleBook.js';
import { compareLocks, MANUAL_PAUSE_RULE, type MemorySnapshot, type SnapshotCheck } from './snapshot.js';
import { buildMemoryState, combineVerdicts, type CombinedVerdicts, type MemoryBaseConfig, type MemoryState } from './state.js';
import { EquityCurve } from './trackers/drawdown.js';
import { TrackerBank, type Slot } from './trackerBank.js';
import { compareTrades } from './tradeOrder.js';
import { VerdictCache, verdictHorizonMs } from './verdictCache.js';
import { sameVerdict } from './verdictKeys.js';

export interface MemoryEngineOptions {
  readonly rules: readonly MemoryRule[];
  /** ACCOUNT_BALANCE: where closed-trade equity starts. */
  readonly startingEquity: number;
  readonly baseConfig: MemoryBaseConfig;
}

/**
 * The adaptive memory: fed closed trades in event time, it keeps every rule's verdict per slice
 * (global, per symbol, per model) and reports each verdict's start and end as events.
 */
export interface MemoryEngine {
  readonly rules: readonly MemoryRule[];
  /** Feeds one closed trade; a trade already fed (same signal id) is ignored. Events wait for `advanceTo`. */
  onTradeClosed(trade: ClosedTrade): void;
  /**
   * Feeds a symbol's newest closed 1D candle to the market rules (a reading not newer than the
   * symbol's last is ignored); a change is an event at the candle's end. Without a market rule, a no-op.
   */
  onDailyReading(reading: DailyReading): void;
  /** Whether a configured rule reads 1D candles (otherwise readings need not be made). */
  readonly readsDaily: boolean;
  /** Applies lock ends due at `nowMs`; returns the events at or before it not yet returned, in event time order. */
  advanceTo(nowMs: number): MemoryEvent[];
  /** Memory as the gate reads it at `nowMs` (trades closed after `nowMs` are left out). */
  state(nowMs: number): MemoryState;
  /** Sets (or with `null` clears) the operator's global pause from `nowMs` (default: the latest event time). */
  setManualPause(untilMs: number | null, nowMs?: number): LockVerdict | null;
  /** The locks active at the latest event time, to persist. */
  snapshot(): MemorySnapshot;
  /**
   * Rebuilds from the trades table and a persisted snapshot after a restart. Verdicts active at
   * `snapshot.asOfMs` count as already reported; trades closed later are fed as new. The rebuilt
   * state wins; the returned check says whether the persisted locks agree with it. `marketVerdicts`
   * are the market rules' verdicts reported as active before the restart (from memory_events):
   * they hold until each symbol's first 1D reading, and count as reported.
   */
  restore(snapshot: MemorySnapshot, closedTrades: readonly ClosedTrade[], marketVerdicts?: readonly Verdict[]): SnapshotCheck;
}

/** Creates the memory engine over configured rules (see `createMemoryRules`). */
export function createMemoryEngine({ rules, startingEquity, baseConfig }: MemoryEngineOptions): MemoryEngine {
  let bank = new TrackerBank(rules);
  const book = ruleBook(rules);
  let trades: ClosedTrade[] = [];
  let seen = new Set<number>();
  let equity = new EquityCurve(startingEquity);
  let pending: MemoryEvent[] = [];
  let lockedSlots = new Set<Slot>();
  let clockMs = 0;
  /** The end of each symbol's newest 1D reading fed. */
  let dailyEnds = new Map<string, number>();
  const manual = manualPauseTracker();
  const manualSlot: Slot = { rule: null, tracker: manual, reported: null };
  /** The verdicts of the latest `state` read; every change of trades, trackers or the pause invalidates it. */
  const cache = new VerdictCache();
  let combined: { readonly of: readonly Verdict[]; readonly value: CombinedVerdicts } | undefined;

  function allSlots(): Slot[] {
    return [...bank.all(), manualSlot];
  }

  function setReported(slot: Slot, verdict: Verdict | null): void {
    slot.reported = verdict;
    if (verdict?.type === 'lock') lockedSlots.add(slot);
    else lockedSlots.delete(slot);
  }

  function reconcile(slot: Slot, nowMs: number): void {
    const prev = slot.reported;
    const next = slot.tracker.verdict(nowMs);
    if (!sameVerdict(prev, next)) {
      // Lock ends are reconciled at their until (expireLocks), so `nowMs` is the end time for every kind.
      if (prev !== null) pending.push({ kind: 'end', atMs: nowMs, verdict: prev });
      if (next !== null) pending.push({ kind: 'start', atMs: next.type === 'lock' ? next.startMs : nowMs, verdict: next });
    }
    setReported(slot, next);
  }

  function expireLocks(nowMs: number): void {
    if (lockedSlots.size === 0) return; // the common case, checked on every 30m step
    const due = [...lockedSlots]
      .map((slot) => ({ slot, untilMs: (slot.reported as LockVerdict).untilMs }))
      .filter(({ untilMs }) => untilMs <= nowMs)
      .sort((a, b) => a.untilMs - b.untilMs);
    for (const { slot, untilMs } of due) reconcile(slot, untilMs);
  }

  function replayAll(): void {
    bank.resetTrackers();
    equity = new EquityCurve(startingEquity);
    for (const trade of trades) {
      bank.add(trade);
      equity.add(trade);
    }
  }

  function onTradeClosed(trade: ClosedTrade): void {
    if (seen.has(trade.signalId)) return;
    seen.add(trade.signalId);
    cache.invalidate();
    const last = trades[trades.length - 1];
    expireLocks(trade.exitTimeMs);
    if (last === undefined || compareTrades(trade, last) > 0) {
      trades.push(trade);
      equity.add(trade);
      for (const slot of bank.add(trade)) reconcile(slot, trade.exitTimeMs);
      clockMs = Math.max(clockMs, trade.exitTimeMs);
      return;
    }
    // Out of memory order (a same-time trade with a lower id, or a late one): replay everything.
    trades.push(trade);
    trades.sort(compareTrades);
    replayAll();
    clockMs = Math.max(clockMs, trade.exitTimeMs);
    for (const slot of bank.all()) reconcile(slot, clockMs);
  }

  function onDailyReading(reading: DailyReading): void {
    if (!bank.readsDaily) return;
    const last = dailyEnds.get(reading.symbol);
    if (last !== undefined && reading.endMs <= last) return;
    dailyEnds.set(reading.symbol, reading.endMs);
    const touched = bank.observe(reading);
    if (touched.length === 0) return;
    cache.invalidate();
    for (const slot of touched) reconcile(slot, reading.endMs);
  }

  function advanceTo(nowMs: number): MemoryEvent[] {
    expireLocks(nowMs);
    clockMs = Math.max(clockMs, nowMs);
    if (pending.length === 0) return [];
    const due = pending.filter((event) => event.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
    pending = pending.filter((event) => event.atMs > nowMs);
    return due;
  }

  function activeVerdicts(slots: Iterable<Slot>, nowMs: number): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const slot of slots) {
      const verdict = slot.tracker.verdict(nowMs);
      if (verdict !== null) verdicts.push(verdict);
    }
    return verdicts;
  }

  function state(nowMs: number): MemoryState {
    const last = trades[trades.length - 1];
    if (last !== undefined && last.exitTimeMs > nowMs) {
      // A reading of the past: replay the trades closed by then (rare; not cached).
      const past = new TrackerBank(rules);
      const curve = new EquityCurve(startingEquity);
      for (const trade of trades) {
        if (trade.exitTimeMs > nowMs) break;
        past.add(trade);
        curve.add(trade);
      }
      // The market rules' slots have no trades to replay: their newest readings stand.
      const market = [...bank.all()].filter((slot) => slot.rule?.reads === 'daily');
      const verdicts = activeVerdicts([...past.all()].filter((slot) => slot.rule?.reads !== 'daily').concat(market, manualSlot), nowMs);
      return buildMemoryState({ asOfMs: nowMs, verdicts, base: baseConfig, equity: curve.equity, peakEquity: curve.peak, rules: book });
    }
    let verdicts = cache.get(nowMs);
    if (verdicts === undefined) {
      const fresh = activeVerdicts(allSlots(), nowMs);
      cache.set(nowMs, fresh, verdictHorizonMs(nowMs, fresh, manual.lock === null ? [] : [manual.lock.startMs]));
      verdicts = fresh;
    }
    if (combined?.of !== verdicts) combined = { of: verdicts, value: combineVerdicts(verdicts, baseConfig) };
    return buildMemoryState({ asOfMs: nowMs, verdicts, base: baseConfig, equity: equity.equity, peakEquity: equity.peak, rules: book }, combined.value);
  }

  function setManualPause(untilMs: number | null, nowMs: number = clockMs): LockVerdict | null {
    expireLocks(nowMs);
    clockMs = Math.max(clockMs, nowMs);
    cache.invalidate();
    manual.set(untilMs === null || untilMs <= nowMs ? null : manualPauseLock(nowMs, untilMs));
    reconcile(manualSlot, nowMs);
    return manual.lock;
  }

  function snapshot(): MemorySnapshot {
    return { asOfMs: clockMs, locks: state(clockMs).locks };
  }

  function restore(persisted: MemorySnapshot, closedTrades: readonly ClosedTrade[], marketVerdicts: readonly Verdict[] = []): SnapshotCheck {
    const asOfMs = persisted.asOfMs;
    cache.invalidate();
    bank = new TrackerBank(rules);
    trades = [];
    seen = new Set();
    pending = [];
    lockedSlots = new Set();
    dailyEnds = new Map();
    clockMs = asOfMs;
    for (const verdict of marketVerdicts) bank.resume(verdict);
    const sorted = [...closedTrades].sort(compareTrades);
    for (const trade of sorted) {
      if (trade.exitTimeMs > asOfMs || seen.has(trade.signalId)) continue;
      seen.add(trade.signalId);
      trades.push(trade);
    }
    replayAll();
    const pause = persisted.locks.find((lock) => lock.rule === MANUAL_PAUSE_RULE);
    manual.set(pause === undefined ? null : manualPauseLock(pause.startMs, pause.untilMs));
    for (const slot of allSlots()) setReported(slot, slot.tracker.verdict(asOfMs));
    const check = compareLocks(persisted, state(asOfMs).locks);
    for (const trade of sorted) if (trade.exitTimeMs > asOfMs) onTradeClosed(trade);
    return check;
  }

  return { rules, readsDaily: rules.some((rule) => rule.reads === 'daily'), onTradeClosed, onDailyReading, advanceTo, state, setManualPause, snapshot, restore };
}
