import { isLocalExchange } from '../../config/heartbeatMinutes.js';
import { ConfigError } from '../../domain/errors.js';
import type { Db } from './db.js';

/** The meta key that records which exchange filled a database. */
const META_KEY = 'exchange';

/**
 * Where a database's candles, signals and trades came from: Binance itself, or the project's
 * simulator (`npm run sim`, the demo) at an address. The two must never share a file: simulated
 * open trades would be resolved on live prices, and a database ahead of a fresh simulator's clock
 * makes the bot wait for candles it already has.
 */
export interface ExchangeOrigin {
  readonly kind: 'live' | 'simulator';
  /** BINANCE_REST_URL of the run that first wrote the file. */
  readonly address: string;
}

/** The origin of a run from its BINANCE_REST_URL: an exchange on this machine is the simulator. */
export function originOf(restUrl: string): ExchangeOrigin {
  return { kind: isLocalExchange(restUrl) ? 'simulator' : 'live', address: restUrl };
}

/** The origin recorded in the file; undefined for a file written before it was recorded. */
export function recordedOrigin(db: Db): ExchangeOrigin | undefined {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  if (!hasMeta) return undefined;
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(META_KEY) as { value: string } | undefined;
  if (row === undefined) return undefined;
  const parsed = JSON.parse(row.value) as Partial<ExchangeOrigin>;
  return parsed.kind === 'live' || parsed.kind === 'simulator' ? { kind: parsed.kind, address: String(parsed.address ?? '') } : undefined;
}

/** Records the origin once: the first run that writes the file owns it (a later simulator address of the same kind changes nothing). */
export function recordOrigin(db: Db, origin: ExchangeOrigin): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`).run(META_KEY, JSON.stringify(origin));
}

const described = (o: ExchangeOrigin): string => (o.kind === 'live' ? `live Binance (${o.address})` : `the simulator (${o.address})`);

/**
 * The one line that refuses a run on a database the other kind of exchange filled, or undefined
 * when they agree (or nothing is recorded yet).
 */
export function originMismatch(dbPath: string, recorded: ExchangeOrigin | undefined, current: ExchangeOrigin): string | undefined {
  if (recorded === undefined || recorded.kind === current.kind) return undefined;
  const fix = current.kind === 'simulator' ? 'set DB_PATH=./data/sim.db for the simulator' : 'set DB_PATH to the live database (default ./data/kline-signals.db)';
  return `DB_PATH ${dbPath} holds data from ${described(recorded)}, and this run watches ${described(current)}: ${fix}, or move the file away`;
}

/** Throws a ConfigError (exit 1, one line) when the file was filled by the other kind of exchange; records the origin otherwise. */
export function claimOrigin(db: Db, dbPath: string, restUrl: string): void {
  const current = originOf(restUrl);
  const mismatch = originMismatch(dbPath, recordedOrigin(db), current);
  if (mismatch !== undefined) throw new ConfigError('DB_PATH', dbPath, 'a database filled from the same exchange', mismatch);
  recordOrigin(db, current);
}
