/**
 * Numbered schema migrations. Each runs once, in order, in its own transaction; `meta.schema_version`
 * records the last one applied. Never edit a released migration: add the next number.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the market-data and signal tables
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE candles (
    symbol TEXT NOT NULL, interval TEXT NOT NULL CHECK (interval IN ('1d','4h','30m')),
    open_time INTEGER NOT NULL, close_time INTEGER NOT NULL,
    open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
    volume REAL NOT NULL, quote_volume REAL NOT NULL, trades INTEGER NOT NULL,
    PRIMARY KEY (symbol, interval, open_time)
  ) WITHOUT ROWID;
  CREATE TABLE signals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol TEXT NOT NULL, interval TEXT NOT NULL, open_time INTEGER NOT NULL, end_time INTEGER NOT NULL,
    model TEXT NOT NULL, profile TEXT NOT NULL, side TEXT NOT NULL CHECK (side IN ('LONG','SHORT')),
    status TEXT NOT NULL CHECK (status IN ('sent','blocked')),
    score REAL NOT NULL, breakdown TEXT NOT NULL, threshold REAL NOT NULL,
    entry REAL NOT NULL, stop_loss REAL NOT NULL, take_profit REAL NOT NULL,
    quantity REAL NOT NULL, risk_pct REAL NOT NULL, reasons TEXT NOT NULL,
    UNIQUE (symbol, interval, open_time, model)
  );
  CREATE INDEX signals_by_end ON signals (end_time);
  CREATE TABLE trades (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    signal_id INTEGER NOT NULL UNIQUE REFERENCES signals(id),
    symbol TEXT NOT NULL, interval TEXT NOT NULL, model TEXT NOT NULL, side TEXT NOT NULL,
    entry REAL NOT NULL, stop_loss REAL NOT NULL, take_profit REAL NOT NULL, quantity REAL NOT NULL,
    opened_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open','closed')),
    exit_time INTEGER, exit_price REAL, outcome TEXT CHECK (outcome IN ('WIN','LOSS','EXPIRED')),
    r_multiple REAL, pnl REAL, equity_after REAL
  );
  CREATE INDEX trades_open ON trades (status, symbol);
  CREATE INDEX trades_by_exit ON trades (exit_time);
  CREATE TABLE memory_state (
    key TEXT PRIMARY KEY, rule TEXT NOT NULL, scope TEXT NOT NULL,
    start_ms INTEGER NOT NULL, until_ms INTEGER NOT NULL, reason TEXT NOT NULL, updated_ms INTEGER NOT NULL
  );
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, chat_id TEXT NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, parse_mode TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending','sent','held')), attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL, sent_at INTEGER, last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
  `,
  // 2: where each symbol's scan left off, and the memory's start/end events (timeline, reports)
  `
  CREATE TABLE scan_cursors (symbol TEXT PRIMARY KEY, end_ms INTEGER NOT NULL);
  CREATE TABLE memory_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('start','end')),
    rule TEXT NOT NULL, type TEXT NOT NULL, scope TEXT NOT NULL, reason TEXT NOT NULL, verdict TEXT NOT NULL
  );
  CREATE INDEX memory_events_by_time ON memory_events (at_ms, id);
  `,
  // 3: symbols that stopped trading: why a trade closed (exit_reason, JSON), and the halts already
  // told to the user, so a refresh or a restart does not tell them again
  `
  ALTER TABLE trades ADD COLUMN exit_reason TEXT;
  CREATE TABLE symbol_halts (symbol TEXT PRIMARY KEY, status TEXT, last_end_ms INTEGER);
  `,
  // 4: threads: the message id Telegram gave each sent message, and the key of the message a row
  // replies to (a trade result to its signal), so a reply sent after a restart still finds it
  `
  ALTER TABLE outbox ADD COLUMN message_id INTEGER;
  ALTER TABLE outbox ADD COLUMN reply_to_key TEXT;
  `,
  // 5: a message sent as a photo: the chart card's spec (JSON), drawn again from the stored candles
  // at send time, so the row stays small and the signal's commit pays nothing for the picture
  `
  ALTER TABLE outbox ADD COLUMN photo TEXT;
  `,
  // 6: subscriber chats: the forum topic (message_thread_id) a row goes to. Pacing stays per chat:
  // Telegram counts a group's topics together
  `
  ALTER TABLE outbox ADD COLUMN thread_id INTEGER;
  `,
  // 7: chats Telegram moved (a group upgraded to a supergroup gets a new id): kept, so a restart
  // sends to the new id while TELEGRAM_CHAT_ID / TELEGRAM_SUBSCRIBERS still name the old one
  `
  CREATE TABLE chat_moves (from_chat TEXT PRIMARY KEY, to_chat TEXT NOT NULL, at_ms INTEGER NOT NULL);
  `,
  // 8: a message sent without sound (disable_notification): a subscriber's message in its quiet
  // hours, decided when it is written from the event time that caused it
  `
  ALTER TABLE outbox ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
  `,
];
