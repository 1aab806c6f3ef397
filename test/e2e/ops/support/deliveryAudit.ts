import Database from 'better-sqlite3';
import type { FakeMessage } from '../../../fakes/telegramFake.js';

/** One message the bot owes Telegram, with how many times the fake received it. */
export interface OwedMessage {
  readonly key: string;
  readonly kind: string;
  readonly status: string;
  readonly text: string;
  /** Indexes into the fake's `messages` of each delivery of this text (shared by rows of the same text). */
  readonly deliveries: readonly number[];
  /** Outbox rows with this same text (start-up messages of two restarts in one minute read the same). */
  readonly sameText: number;
}

/** A text delivered more often than the outbox rows holding it: the message was sent again. */
export interface Repeat {
  readonly text: string;
  readonly keys: readonly string[];
  /** Deliveries beyond one per row. */
  readonly extra: number;
  readonly deliveries: readonly number[];
}

/** The outbox compared with what the fake received. */
export interface DeliveryAudit {
  /** Every outbox row (sent, pending, held). */
  readonly owed: readonly OwedMessage[];
  /** Sent signals (`signals.status = 'sent'`) without an outbox row: a message lost at the write. */
  readonly signalsWithoutMessage: readonly number[];
  /** Closed trades without an outbox row. */
  readonly tradesWithoutMessage: readonly number[];
  /** Keys of signal and trade messages: the ones the crash test is about. */
  readonly signalAndTradeKeys: readonly string[];
  /** Fake messages to `chatId` whose text matches no outbox row (sent from nowhere). */
  readonly strays: readonly number[];
  /** Outbox rows still pending. */
  readonly pending: number;
  readonly repeats: readonly Repeat[];
}

/**
 * The outbox key of a message part: `signal:7` also covers `signal:7#1`, `signal:7#2` of a split
 * message, and `signal:7#chart`, the photo sent alone before a caption too long for it.
 */
function baseKey(key: string): string {
  return key.replace(/#(?:\d+|chart)$/, '');
}

/**
 * Reads the bot's database (read-only) and matches each outbox row to the fake's messages by exact
 * text (the outbox stores the text it sends). Signal and trade texts are unique per row because
 * they name the symbol, interval and candle time (the caller asserts it); start-up messages of
 * restarts within one minute share a text, so repeats are counted per text.
 */
export function auditDeliveries(dbPath: string, messages: readonly FakeMessage[], chatId: string): DeliveryAudit {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT key, kind, status, text FROM outbox WHERE chat_id = ? ORDER BY id').all(chatId) as Array<{ key: string; kind: string; status: string; text: string }>;
    const sentSignals = (db.prepare(`SELECT id FROM signals WHERE status = 'sent' ORDER BY id`).all() as Array<{ id: number }>).map((r) => r.id);
    const closedTrades = (db.prepare(`SELECT signal_id AS id FROM trades WHERE status = 'closed' ORDER BY id`).all() as Array<{ id: number }>).map((r) => r.id);
    const byText = new Map<string, number[]>();
    messages.forEach((m, i) => {
      if (m.chatId === chatId) byText.set(m.text, [...(byText.get(m.text) ?? []), i]);
    });
    const rowsByText = new Map<string, string[]>();
    for (const r of rows) rowsByText.set(r.text, [...(rowsByText.get(r.text) ?? []), r.key]);
    const owed = rows.map((r) => ({ ...r, deliveries: byText.get(r.text) ?? [], sameText: rowsByText.get(r.text)?.length ?? 1 }));
    const repeats = [...rowsByText].flatMap(([text, rowKeys]) => {
      const deliveries = byText.get(text) ?? [];
      return deliveries.length > rowKeys.length ? [{ text, keys: rowKeys, extra: deliveries.length - rowKeys.length, deliveries }] : [];
    });
    const keys = new Set(rows.map((r) => baseKey(r.key)));
    const texts = new Set(rows.map((r) => r.text));
    return {
      owed,
      signalsWithoutMessage: sentSignals.filter((id) => !keys.has(`signal:${id}`)),
      tradesWithoutMessage: closedTrades.filter((id) => !keys.has(`trade:${id}`)),
      signalAndTradeKeys: [...sentSignals.map((id) => `signal:${id}`), ...closedTrades.map((id) => `trade:${id}`)],
      strays: messages.flatMap((m, i) => (m.chatId === chatId && !texts.has(m.text) ? [i] : [])),
      pending: rows.filter((r) => r.status === 'pending').length,
      repeats,
    };
  } finally {
    db.close();
  }
}

/** Reads one number from the bot's database (read-only), e.g. the pending outbox depth. */
export function queryNumber(dbPath: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(sql).get(...params) as Record<string, number | null> | undefined;
    return Number(Object.values(row ?? {})[0] ?? 0);
  } finally {
    db.close();
  }
}
