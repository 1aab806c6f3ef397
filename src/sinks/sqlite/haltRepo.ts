import type { HaltStatus } from '../../domain/halt.js';
import type { Db } from './db.js';

/** A symbol that stopped trading and whose stop the user was told. */
export interface RecordedHalt {
  readonly symbol: string;
  readonly status: HaltStatus;
  /** End of its last closed 30m candle when it stopped, if known. */
  readonly lastEndMs: number | null;
}

/**
 * The `symbol_halts` table: symbols that stopped trading and were announced. A row is written in
 * the transaction that closes the symbol's trade and enqueues the notice, and removed when the
 * symbol trades again; so each stop is told once, whatever the refreshes and restarts in between.
 */
export class HaltRepo {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare(`SELECT symbol, status, last_end_ms AS lastEndMs FROM symbol_halts WHERE symbol = ?`);
    this.insertStmt = db.prepare(`INSERT INTO symbol_halts (symbol, status, last_end_ms) VALUES (@symbol, @status, @lastEndMs) ON CONFLICT (symbol) DO NOTHING`);
    this.deleteStmt = db.prepare(`DELETE FROM symbol_halts WHERE symbol = ?`);
    this.allStmt = db.prepare(`SELECT symbol, status, last_end_ms AS lastEndMs FROM symbol_halts ORDER BY symbol`);
  }

  get(symbol: string): RecordedHalt | undefined {
    return this.getStmt.get(symbol) as RecordedHalt | undefined;
  }

  /** Returns true when this call recorded it (false: it was already told). */
  record(halt: RecordedHalt): boolean {
    return this.insertStmt.run(halt).changes === 1;
  }

  /** The symbol trades again: its next stop is a new one. Returns true when there was a row. */
  clear(symbol: string): boolean {
    return this.deleteStmt.run(symbol).changes === 1;
  }

  all(): RecordedHalt[] {
    return this.allStmt.all() as RecordedHalt[];
  }
}
