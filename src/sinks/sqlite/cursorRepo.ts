import type { Db } from './db.js';

/**
 * Where each symbol's scanning left off: the end time of the last 30m candle whose effects were
 * committed. Written in the candle's own transaction, so after a crash the candles after it are
 * processed again and nothing before it twice.
 */
export class CursorRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly maxStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare(`SELECT end_ms FROM scan_cursors WHERE symbol = ?`);
    this.maxStmt = db.prepare(`SELECT MAX(end_ms) AS t FROM scan_cursors`);
    this.setStmt = db.prepare(
      `INSERT INTO scan_cursors (symbol, end_ms) VALUES (?, ?) ON CONFLICT (symbol) DO UPDATE SET end_ms = MAX(end_ms, excluded.end_ms)`,
    );
  }

  /** The newest committed candle end over all symbols: everything up to it was fully reported. */
  maxEndMs(): number | undefined {
    return (this.maxStmt.get() as { t: number | null }).t ?? undefined;
  }

  get(symbol: string): number | undefined {
    return (this.getStmt.get(symbol) as { end_ms: number } | undefined)?.end_ms;
  }

  set(symbol: string, endMs: number): void {
    this.setStmt.run(symbol, endMs);
  }
}
