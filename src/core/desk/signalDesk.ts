import type { MemoryEvent } from '../../domain/memory.js';
import type { ClosedTrade, OpenTrade } from '../../domain/trade.js';
import type { MemoryEngine } from '../memory/engine.js';
import { closeTrade, type TradeExit } from '../outcome/trackCandle.js';
import type { MemoryState } from '../memory/state.js';
import type { DailyCounts } from '../risk/dailyCount.js';
import type { DeskConfig } from './deskConfig.js';

export interface SignalDeskInit {
  readonly config: DeskConfig;
  readonly memory: MemoryEngine;
  /** Trades still open (the trades table at start). */
  readonly openTrades: readonly OpenTrade[];
  /** Closed-trade paper equity at start: ACCOUNT_BALANCE plus every closed trade's pnl. */
  readonly equityUsdt: number;
  /** Sent signals per UTC day so far (the signals table at start). */
  readonly dailyCounts: DailyCounts;
  /** The id the next recorded signal gets (max id + 1). */
  readonly nextSignalId: number;
}

/**
 * The mutable state the signal stages share while candles flow: open trades (one per symbol),
 * paper equity, the day's signal counts, the next signal id and the memory engine. Stages run one
 * candle at a time and in order, so each reads what the previous candle left (reading 2). All of
 * it is rebuilt from SQLite at start, which is what makes a restart land on the same state.
 */
export class SignalDesk {
  readonly config: DeskConfig;
  readonly memory: MemoryEngine;
  readonly openTrades = new Map<string, OpenTrade>();
  equityUsdt: number;
  dailyCounts: DailyCounts;
  nextSignalId: number;
  /** Memory as of the latest candle processed. */
  memoryState: MemoryState;

  constructor(init: SignalDeskInit) {
    this.config = init.config;
    this.memory = init.memory;
    for (const t of init.openTrades) this.openTrades.set(t.symbol, t);
    this.equityUsdt = init.equityUsdt;
    this.dailyCounts = init.dailyCounts;
    this.nextSignalId = init.nextSignalId;
    this.memoryState = init.memory.state(0);
  }

  /** Symbols with an open paper trade: pinned in the universe until it resolves. */
  pinnedSymbols(): ReadonlySet<string> {
    return new Set(this.openTrades.keys());
  }

  /** Re-reads memory at `nowMs` (after lock ends or a trade close). */
  refreshMemory(nowMs: number): MemoryState {
    this.memoryState = this.memory.state(nowMs);
    return this.memoryState;
  }

  /**
   * Closes an open trade at `exit`: frees its symbol, moves paper equity by its pnl, feeds the
   * memory and reads it again at the exit time. Returns the closed trade and the memory's events
   * due by then.
   */
  close(trade: OpenTrade, exit: TradeExit): { closed: ClosedTrade; events: MemoryEvent[] } {
    const closed = closeTrade(trade, exit, this.equityUsdt);
    this.openTrades.delete(trade.symbol);
    this.equityUsdt = closed.equityAfter;
    this.memory.onTradeClosed(closed);
    const events = this.memory.advanceTo(exit.exitTimeMs);
    this.refreshMemory(exit.exitTimeMs);
    return { closed, events };
  }
}
