import type { Logger } from 'pino';
import type { DeskConfig } from '../core/desk/deskConfig.js';
import { SignalDesk } from '../core/desk/signalDesk.js';
import { createMemoryEngine } from '../core/memory/engine.js';
import type { RuleSpec } from '../core/memory/rule.js';
import { createMemoryRules } from '../core/memory/rules/index.js';
import type { MemoryBaseConfig } from '../core/memory/state.js';
import { countSentByDay } from '../core/risk/dailyCount.js';
import type { Repos } from '../sinks/sqlite/repos.js';

export interface RestoreDeskInput {
  readonly repos: Pick<Repos, 'signals' | 'trades' | 'memory' | 'cursors'>;
  readonly config: DeskConfig;
  /** ACCOUNT_BALANCE. */
  readonly startingEquity: number;
  readonly base: MemoryBaseConfig;
  /** MEMORY_ENABLED: with false, no rule runs (the backtest's memory-off arm). */
  readonly memoryEnabled: boolean;
  /** The configured memory rules (MEMORY_RULES_FILE); default the 8 seed rules. */
  readonly memoryRules?: readonly RuleSpec[];
  readonly logger: Logger;
}

/**
 * Rebuilds the signal desk from SQLite: the memory from every closed trade (checked against the
 * persisted locks, the manual pause taken from them), open trades, paper equity, the days' signal
 * counts and the next signal id. The same database always gives the same desk, so a restart
 * continues exactly where the last committed candle left off.
 */
export function restoreDesk({ repos, config, startingEquity, base, memoryEnabled, memoryRules, logger }: RestoreDeskInput): SignalDesk {
  const rules = memoryEnabled ? createMemoryRules({ startingEquity, ...(memoryRules === undefined ? {} : { specs: memoryRules }) }) : [];
  const memory = createMemoryEngine({ rules, startingEquity, baseConfig: base });
  const closed = repos.trades.closedTrades();
  // memory_state's own time is its newest row, which reads 0 when no lock is stored; but every
  // event up to the newest committed candle was reported in that candle's transaction, so the
  // restored memory resumes from there and reports nothing twice.
  const stored = repos.memory.loadSnapshot();
  const snapshot = { ...stored, asOfMs: Math.max(stored.asOfMs, repos.cursors.maxEndMs() ?? 0) };
  // The market rules' verdicts come from their 1D candles, which return with the windows' warm-up;
  // until a symbol's first reading its verdict is the one its events last reported.
  const market = repos.memory.activeVerdicts(rules.filter((rule) => rule.reads === 'daily').map((rule) => rule.name));
  const check = memory.restore(snapshot, closed, market);
  if (!check.agrees) {
    logger.warn({ missing: check.missing.length, unexpected: check.unexpected.length }, 'persisted memory locks differ from the trades; the trades win');
  }
  const equityUsdt = closed.reduce((equity, t) => equity + t.pnl, startingEquity);
  const desk = new SignalDesk({
    config,
    memory,
    openTrades: repos.trades.openTrades(),
    equityUsdt,
    dailyCounts: countSentByDay(repos.signals.sentEndTimes()),
    nextSignalId: repos.signals.nextId(),
  });
  desk.refreshMemory(snapshot.asOfMs);
  return desk;
}
