import Database from 'better-sqlite3';

/**
 * Compares what two bot databases DECIDED on the same market (issue 11): every signal row (sent
 * and blocked), the paper trades, the memory's events and locks, and the outbox messages they
 * caused. Equal candles prove nothing about decisions; this compares the decisions themselves.
 *
 * Both runs are cut at one horizon H: the smallest scan cursor (end of the last processed 30m
 * candle) over both databases and every symbol, so only what both runs processed is compared.
 * Rows whose candle end / event time is after H are left out; a trade closed after H counts as
 * open. Rows are matched by their natural key (symbol, interval, open time, model; rule and scope;
 * …), never by autoincrement ids, which only say in which order rows were written.
 */

/** One row that differs between the runs: the fields whose values differ, A's value then B's. */
export interface RowDifference {
  readonly key: string;
  readonly fields: Readonly<Record<string, readonly [unknown, unknown]>>;
}

/** The comparison of one kind of decision. */
export interface TableDiff {
  readonly table: string;
  /** Rows of run A within the horizon. */
  readonly comparedA: number;
  /** Rows of run B within the horizon. */
  readonly comparedB: number;
  /** Keys (with a short description) in A and not in B. */
  readonly missingInB: readonly string[];
  /** Keys in B and not in A. */
  readonly extraInB: readonly string[];
  readonly different: readonly RowDifference[];
  /** Event time of the earliest row missing, extra or different (undefined: none). */
  readonly firstDifferenceMs?: number;
  /** Why this table was not compared (then every list is empty). */
  readonly skipped?: string;
}

export interface DecisionAudit {
  /** The horizon H: the smallest scan cursor over both runs and all symbols (ms, candle end). */
  readonly horizonMs: number;
  readonly signals: TableDiff;
  readonly trades: TableDiff;
  readonly memoryEvents: TableDiff;
  readonly locks: TableDiff;
  readonly messages: TableDiff;
  /** What run A decided within the horizon (the test's floor: a comparison of nothing proves nothing). */
  readonly counts: {
    readonly signalsSent: number;
    readonly signalsBlocked: number;
    readonly trades: number;
    readonly closedTrades: number;
    readonly memoryEvents: number;
    readonly locks: number;
    readonly messages: number;
    readonly dailySummaries: number;
  };
  /** Messages carrying a late-signal notice line (starting with ⏱), per run; stripped before comparing. */
  readonly lateNotices: { readonly a: number; readonly b: number };
  /** Total rows missing, extra or different over every table. */
  readonly differences: number;
  /** Event time of the earliest difference over every table (undefined: identical). */
  readonly firstDifferenceMs?: number;
}

/** Outbox kinds that are not decisions: start/stop notices and command replies (wall-clock times). */
const NOT_DECISIONS: ReadonlySet<string> = new Set(['lifecycle', 'reply']);

/** A line that opens with ⏱ (after any HTML tags): the late-signal notice, legitimate only after a restart. */
const LATE_NOTICE_LINE = /^\s*(?:<[^>]+>\s*)*⏱/u;

type Row = Record<string, unknown>;

/** Rounds to 1e-6 (scores, R multiples, money): the same decision computed twice must agree to that. */
function round6(v: unknown): unknown {
  return typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
}

/**
 * Prices and sizes to 12 significant digits. MODELS.md reading 10: the indicators run over every
 * candle the process has seen, so a restarted bot, whose history starts 500 candles back, carries
 * ATR-derived stops that may differ from the uninterrupted run's in the last bits (seen: a blocked
 * signal's take profit 167.6216860017807 vs 167.62168600178066, 2e-16 relative). Sent signals are
 * rounded to the tick anyway; any difference a trader could see still fails.
 */
function price(v: unknown): unknown {
  return typeof v === 'number' && v !== 0 ? Number(v.toPrecision(12)) : v;
}

function iso(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString().replace(':00.000Z', 'Z') : String(ms);
}

interface Keyed {
  readonly key: string;
  /** Shown in missing/extra lists. */
  readonly label: string;
  /** Event time of the row (candle end, trade open, memory event, lock start, message creation). */
  readonly atMs: number;
  /** Event times of fields decided later than `atMs` (a trade's exit fields: its exit time). */
  readonly fieldTimes?: Readonly<Record<string, number>>;
  readonly values: Row;
}

/** Compares two keyed row sets field by field. */
function diffRows(table: string, a: readonly Keyed[], b: readonly Keyed[]): TableDiff {
  const byKey = (rows: readonly Keyed[]) => new Map(rows.map((r) => [r.key, r]));
  const mapA = byKey(a);
  const mapB = byKey(b);
  const different: RowDifference[] = [];
  const differingTimes: number[] = [];
  for (const [key, ra] of mapA) {
    const rb = mapB.get(key);
    if (!rb) continue;
    const fields: Record<string, readonly [unknown, unknown]> = {};
    for (const name of new Set([...Object.keys(ra.values), ...Object.keys(rb.values)])) {
      const va = ra.values[name];
      const vb = rb.values[name];
      if (JSON.stringify(va) !== JSON.stringify(vb)) fields[name] = [va, vb];
    }
    if (Object.keys(fields).length > 0) {
      different.push({ key, fields });
      const timeOf = (r: Keyed, f: string) => r.fieldTimes?.[f] ?? r.atMs;
      differingTimes.push(Math.min(...Object.keys(fields).flatMap((f) => [timeOf(ra, f), timeOf(rb, f)])));
    }
  }
  const missing = a.filter((r) => !mapB.has(r.key));
  const extra = b.filter((r) => !mapA.has(r.key));
  differingTimes.push(...missing.map((r) => r.atMs), ...extra.map((r) => r.atMs));
  return {
    table,
    comparedA: a.length,
    comparedB: b.length,
    missingInB: missing.map((r) => r.label),
    extraInB: extra.map((r) => r.label),
    different,
    ...(differingTimes.length > 0 ? { firstDifferenceMs: Math.min(...differingTimes) } : {}),
  };
}

/** Makes keys unique: the n-th row with the same key (in a content order) gets `#n`. */
function numbered(rows: readonly Keyed[]): Keyed[] {
  const sorted = [...rows].sort((x, y) => (x.key === y.key ? JSON.stringify(x.values).localeCompare(JSON.stringify(y.values)) : x.key < y.key ? -1 : 1));
  const seen = new Map<string, number>();
  return sorted.map((r) => {
    const n = (seen.get(r.key) ?? 0) + 1;
    seen.set(r.key, n);
    return n === 1 ? r : { ...r, key: `${r.key}#${n}`, label: `${r.label} (#${n})` };
  });
}

/** What one run decided, read from its database within the horizon. */
interface RunRows {
  readonly signals: Keyed[];
  readonly trades: Keyed[];
  readonly closedTrades: number;
  readonly memoryEvents: Keyed[];
  readonly locks: Keyed[];
  /** Latest memory_state as-of time (updated_ms): locks are a state, comparable only if both runs saved it by H. */
  readonly locksAsOfMs: number;
  readonly messages: Keyed[];
  readonly lateNotices: number;
  readonly sent: number;
  readonly blocked: number;
  readonly dailySummaries: number;
}

/** Trade fields decided when the trade closes (a difference in them dates from the exit, not the open). */
const EXIT_FIELDS = ['status', 'exit_time', 'exit_price', 'outcome', 'r_multiple', 'pnl', 'equity_after'] as const;

function signalKey(r: Row): string {
  return `${String(r.symbol)} ${String(r.interval)} ${iso(r.open_time)} ${String(r.model)}`;
}

function readRun(db: Database.Database, horizonMs: number): RunRows {
  const signalRows = db.prepare('SELECT * FROM signals ORDER BY id').all() as Row[];
  const keyOfSignalId = new Map(signalRows.map((r) => [r.id as number, signalKey(r)]));
  const within = signalRows.filter((r) => (r.end_time as number) <= horizonMs);
  const signals = within.map((r) => ({
    key: signalKey(r),
    label: `${signalKey(r)} ${String(r.side)} ${String(r.status)} score ${String(round6(r.score))}`,
    atMs: r.end_time as number,
    values: {
      end_time: r.end_time, profile: r.profile, side: r.side, status: r.status, score: round6(r.score), breakdown: r.breakdown,
      threshold: round6(r.threshold), entry: price(r.entry), stop_loss: price(r.stop_loss), take_profit: price(r.take_profit), quantity: price(r.quantity),
      risk_pct: round6(r.risk_pct), reasons: r.reasons,
    },
  }));

  const tradeRows = db.prepare('SELECT * FROM trades WHERE opened_at <= ? ORDER BY id').all(horizonMs) as Row[];
  let closedTrades = 0;
  const trades = tradeRows.map((r) => {
    const closedByHorizon = r.status === 'closed' && (r.exit_time as number) <= horizonMs;
    if (closedByHorizon) closedTrades += 1;
    const key = keyOfSignalId.get(r.signal_id as number) ?? `signal id ${String(r.signal_id)}`;
    return {
      key,
      label: `trade of ${key} ${String(r.side)} ${closedByHorizon ? `${String(r.outcome)} at ${iso(r.exit_time)}` : 'open'}`,
      atMs: r.opened_at as number,
      fieldTimes: Object.fromEntries(EXIT_FIELDS.map((f) => [f, closedByHorizon ? (r.exit_time as number) : Number.POSITIVE_INFINITY])),
      values: {
        symbol: r.symbol, interval: r.interval, model: r.model, side: r.side, entry: price(r.entry), stop_loss: price(r.stop_loss), take_profit: price(r.take_profit),
        quantity: price(r.quantity), opened_at: r.opened_at, expires_at: r.expires_at, status: closedByHorizon ? 'closed' : 'open',
        exit_time: closedByHorizon ? r.exit_time : null, exit_price: closedByHorizon ? price(r.exit_price) : null,
        outcome: closedByHorizon ? r.outcome : null, r_multiple: closedByHorizon ? round6(r.r_multiple) : null,
        pnl: closedByHorizon ? round6(r.pnl) : null, equity_after: closedByHorizon ? round6(r.equity_after) : null,
      },
    };
  });

  const eventRows = db.prepare('SELECT * FROM memory_events WHERE at_ms <= ? ORDER BY at_ms, id').all(horizonMs) as Row[];
  const memoryEvents = numbered(eventRows.map((r) => {
    const key = `${iso(r.at_ms)} ${String(r.kind)} ${String(r.rule)} ${String(r.scope)}`;
    return { key, label: key, atMs: r.at_ms as number, values: { type: r.type, reason: r.reason, verdict: r.verdict } };
  }));

  const lockRows = db.prepare('SELECT * FROM memory_state ORDER BY key').all() as Row[];
  const locks = lockRows.map((r) => ({
    key: String(r.key),
    label: `${String(r.key)} ${iso(r.start_ms)} → ${iso(r.until_ms)}`,
    atMs: r.start_ms as number,
    values: { rule: r.rule, scope: r.scope, start_ms: r.start_ms, until_ms: r.until_ms, reason: r.reason },
  }));
  const locksAsOfMs = Math.max(0, ...lockRows.map((r) => r.updated_ms as number));

  const outboxRows = db.prepare('SELECT key, kind, text, created_at FROM outbox ORDER BY id').all() as Row[];
  let lateNotices = 0;
  let dailySummaries = 0;
  const messages: Keyed[] = [];
  for (const r of outboxRows) {
    if (NOT_DECISIONS.has(String(r.kind)) || (r.created_at as number) > horizonMs) continue;
    const lines = String(r.text).split('\n');
    const kept = lines.filter((l) => !LATE_NOTICE_LINE.test(l));
    if (kept.length < lines.length) lateNotices += 1;
    // `signal:<id>` and `trade:<signal id>` name rows by id: name them by the signal instead.
    const key = String(r.key).replace(/^(signal|trade):(\d+)/, (_, kind: string, id: string) => `${kind}:${keyOfSignalId.get(Number(id)) ?? `id ${id}`}`);
    if (String(r.kind) === 'daily') dailySummaries += 1;
    messages.push({ key, label: `${key} (${String(r.kind)})`, atMs: r.created_at as number, values: { kind: r.kind, text: kept.join('\n') } });
  }
  return {
    signals, trades, closedTrades, memoryEvents, locks, locksAsOfMs, messages, lateNotices, dailySummaries,
    sent: within.filter((r) => r.status === 'sent').length,
    blocked: within.filter((r) => r.status === 'blocked').length,
  };
}

/** The smallest scan cursor of the database over `symbols` (undefined: a symbol never processed). */
function minCursor(db: Database.Database, symbols: readonly string[]): number | undefined {
  const rows = db.prepare('SELECT symbol, end_ms FROM scan_cursors').all() as Array<{ symbol: string; end_ms: number }>;
  const bySymbol = new Map(rows.map((r) => [r.symbol, r.end_ms]));
  const ends = symbols.map((s) => bySymbol.get(s));
  return ends.some((e) => e === undefined) ? undefined : Math.min(...(ends as number[]));
}

/**
 * Reads both databases (read-only; the bots may be stopped or running) and compares their
 * decisions up to the horizon over `symbols` (default: every symbol with a cursor in either).
 */
export function auditDecisions(dbPathA: string, dbPathB: string, symbols?: readonly string[]): DecisionAudit {
  const dbA = new Database(dbPathA, { readonly: true, fileMustExist: true });
  const dbB = new Database(dbPathB, { readonly: true, fileMustExist: true });
  try {
    const cursorSymbols = (db: Database.Database) => (db.prepare('SELECT symbol FROM scan_cursors').all() as Array<{ symbol: string }>).map((r) => r.symbol);
    const watched = symbols ?? [...new Set([...cursorSymbols(dbA), ...cursorSymbols(dbB)])].sort();
    const ends = [minCursor(dbA, watched), minCursor(dbB, watched)];
    const horizonMs = ends.some((e) => e === undefined) || watched.length === 0 ? Number.NEGATIVE_INFINITY : Math.min(...(ends as number[]));
    const a = readRun(dbA, horizonMs);
    const b = readRun(dbB, horizonMs);
    const locksComparable = a.locksAsOfMs <= horizonMs && b.locksAsOfMs <= horizonMs;
    const locks: TableDiff = locksComparable
      ? diffRows('memory_state', a.locks, b.locks)
      : {
          table: 'memory_state', comparedA: 0, comparedB: 0, missingInB: [], extraInB: [], different: [],
          skipped: `memory_state saved after the horizon (A as of ${iso(a.locksAsOfMs)}, B as of ${iso(b.locksAsOfMs)}, H ${iso(horizonMs)})`,
        };
    const tables = {
      signals: diffRows('signals', a.signals, b.signals),
      trades: diffRows('trades', a.trades, b.trades),
      memoryEvents: diffRows('memory_events', a.memoryEvents, b.memoryEvents),
      locks,
      messages: diffRows('outbox', a.messages, b.messages),
    };
    const differences = Object.values(tables).reduce((n, t) => n + t.missingInB.length + t.extraInB.length + t.different.length, 0);
    const firstTimes = Object.values(tables).flatMap((t) => (t.firstDifferenceMs === undefined ? [] : [t.firstDifferenceMs]));
    return {
      horizonMs,
      ...tables,
      counts: {
        signalsSent: a.sent, signalsBlocked: a.blocked, trades: a.trades.length, closedTrades: a.closedTrades,
        memoryEvents: a.memoryEvents.length, locks: locksComparable ? a.locks.length : 0, messages: a.messages.length, dailySummaries: a.dailySummaries,
      },
      lateNotices: { a: a.lateNotices, b: b.lateNotices },
      differences,
      ...(firstTimes.length > 0 ? { firstDifferenceMs: Math.min(...firstTimes) } : {}),
    };
  } finally {
    dbA.close();
    dbB.close();
  }
}

const TABLES = ['signals', 'trades', 'memoryEvents', 'locks', 'messages'] as const;

/** `signals missing=3 extra=2 different=1 …`: one line of counts per table, for the summary line. */
export function diffCounts(audit: DecisionAudit): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of TABLES) {
    const t = audit[name];
    out[`${name}Missing`] = t.missingInB.length;
    out[`${name}Extra`] = t.extraInB.length;
    out[`${name}Different`] = t.different.length;
  }
  return out;
}

/**
 * The differences as readable lines (`signals: missing in B: BTCUSDT 30m 2025-07-01T03:30Z
 * continuation LONG sent score 62`), at most `limit` of them: what a failing test prints.
 */
export function describeDifferences(audit: DecisionAudit, limit = 80): string[] {
  const lines: string[] = [];
  for (const name of TABLES) {
    const t = audit[name];
    for (const m of t.missingInB) lines.push(`${t.table}: missing in B: ${m}`);
    for (const e of t.extraInB) lines.push(`${t.table}: extra in B: ${e}`);
    for (const d of t.different) {
      const fields = Object.entries(d.fields).map(([f, [va, vb]]) => {
        const [sa, sb] = firstDifferingLines(va, vb);
        return `${f} A=${short(sa)} B=${short(sb)}`;
      }).join('; ');
      lines.push(`${t.table}: different: ${d.key}: ${fields}`);
    }
  }
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}

/** For two multi-line texts, their first lines that differ (a message's diff is one line, not the whole text). */
function firstDifferingLines(a: unknown, b: unknown): [unknown, unknown] {
  if (typeof a !== 'string' || typeof b !== 'string' || (!a.includes('\n') && !b.includes('\n'))) return [a, b];
  const la = a.split('\n');
  const lb = b.split('\n');
  const i = la.findIndex((line, n) => line !== lb[n]);
  const at = i === -1 ? la.length : i;
  return [`line ${at + 1}: ${la[at] ?? '(none)'}`, `line ${at + 1}: ${lb[at] ?? '(none)'}`];
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
