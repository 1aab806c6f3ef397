import Database from 'better-sqlite3';

/** The tables whose rows must come out the same whether a replay was interrupted or not. */
export const COMPARED_TABLES = ['signals', 'trades', 'memory_events', 'memory_state', 'scan_cursors'] as const;
export type ComparedTable = (typeof COMPARED_TABLES)[number];

const ORDER: Readonly<Record<ComparedTable, string>> = {
  signals: 'id',
  trades: 'id',
  memory_events: 'id',
  memory_state: 'key',
  scan_cursors: 'symbol',
};

export type TableRows = Readonly<Record<ComparedTable, readonly unknown[]>>;

/** Every row (all columns) of the compared tables, read through a read-only connection. */
export function readTables(path: string): TableRows {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const out = {} as Record<ComparedTable, unknown[]>;
    for (const table of COMPARED_TABLES) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${ORDER[table]}`).all();
    return out;
  } finally {
    db.close();
  }
}

/**
 * Each symbol's scan cursor (end time of its last committed candle), or null while the file or its
 * schema does not exist yet. Read-only, so polling it never blocks the writer.
 */
export function readCursors(path: string): Map<string, number> | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.prepare(`SELECT symbol, end_ms FROM scan_cursors`).all() as { symbol: string; end_ms: number }[];
    return new Map(rows.map((r) => [r.symbol, r.end_ms]));
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
