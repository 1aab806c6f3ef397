import type { Db } from './db.js';

/** Telegram parse mode of a stored message; `null` is plain text. */
export type ParseMode = 'HTML' | null;

/** `pending` waits to be sent, `sent` is done, `held` will not be sent until released (403, bad request). */
export type OutboxStatus = 'pending' | 'sent' | 'held';

/** What a caller enqueues, inside the same transaction as the row that causes the message. */
export interface OutboxEntry {
  /** Unique per message, e.g. `signal:42`; enqueueing the same key again does nothing. */
  readonly key: string;
  readonly chatId: string;
  /** e.g. `signal`, `trade`, `memory`, `daily`, `lifecycle`. */
  readonly kind: string;
  readonly text: string;
  readonly parseMode: ParseMode;
  readonly createdAtMs: number;
  /**
   * Key of the message this one answers in the same chat (`signal:42`): sent as a reply to it once
   * Telegram gave it a message id. A signal split in parts is answered at its first part; a signal
   * whose chart went alone before its text (`signal:42#chart`) is answered at the photo.
   */
  readonly replyToKey?: string | null;
  /**
   * Sent as a photo with `text` as its caption (empty: no caption): the chart card's spec, see
   * ChartSpec. The PNG is drawn at send time from the stored candles, never stored.
   */
  readonly photo?: string | null;
  /** The forum topic of the chat it goes to (message_thread_id); none: the chat itself. */
  readonly threadId?: number | null;
  /** Sent without sound (disable_notification): a subscriber's message in its quiet hours. */
  readonly silent?: boolean;
}

/** A stored message. */
export interface OutboxMessage extends OutboxEntry {
  readonly id: number;
  readonly photo: string | null;
  readonly threadId: number | null;
  readonly silent: boolean;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAtMs: number;
  readonly sentAtMs: number | null;
  readonly lastError: string | null;
  /** The id Telegram gave it when sent (null: not sent, or sent by the console). */
  readonly messageId: number | null;
  /** Read with the due messages: the Telegram id of the message at `replyToKey`, once it was sent. */
  readonly replyToMessageId: number | null;
}

interface Raw {
  id: number; key: string; chat_id: string; kind: string; text: string; parse_mode: ParseMode; status: OutboxStatus;
  attempts: number; next_attempt_at: number; created_at: number; sent_at: number | null; last_error: string | null;
  message_id: number | null; reply_to_key: string | null; reply_to_message_id?: number | null;
  photo: string | null;
  thread_id: number | null;
  silent: number;
}

function toMessage(r: Raw): OutboxMessage {
  return {
    id: r.id, key: r.key, chatId: r.chat_id, kind: r.kind, text: r.text, parseMode: r.parse_mode, status: r.status,
    attempts: r.attempts, nextAttemptAtMs: r.next_attempt_at, createdAtMs: r.created_at, sentAtMs: r.sent_at, lastError: r.last_error,
    replyToKey: r.reply_to_key, messageId: r.message_id, replyToMessageId: r.reply_to_message_id ?? null,
    photo: r.photo, threadId: r.thread_id, silent: r.silent === 1,
  };
}

/**
 * The `outbox` table: Telegram messages written in the same transaction as the signal, trade or
 * event that causes them, then sent by the sender at Telegram's pace. Every method is synchronous
 * (better-sqlite3), so `enqueue` runs inside the caller's `db.transaction`.
 */
export class OutboxRepo {
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly earliestStmt;
  private readonly sentStmt;
  private readonly rescheduleStmt;
  private readonly plainStmt;
  private readonly holdChatStmt;
  private readonly holdOneStmt;
  private readonly releaseStmt;
  private readonly depthStmt;
  private readonly oldestStmt;
  private readonly heldChatsStmt;
  private readonly byKeyStmt;
  private readonly byIdStmt;

  private readonly sentSinceStmt;
  private readonly dropReplyStmt;
  private readonly retargetStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (key, chat_id, kind, text, parse_mode, status, attempts, next_attempt_at, created_at, reply_to_key, photo, thread_id, silent)
       VALUES (@key, @chatId, @kind, @text, @parseMode, 'pending', 0, @createdAtMs, @createdAtMs, @replyToKey, @photo, @threadId, @silent)
       ON CONFLICT (key) DO NOTHING`,
    );
    // The head of each chat's queue (lowest id): messages to one chat go out in the order written.
    // The message replied to is the first row stored for its key that Telegram numbered: the message
    // itself, or the photo sent alone before a long caption (`#chart`), or the first part of a split text
    // (firstRowKeys in telegram/enqueueMessage.ts).
    this.dueStmt = db.prepare(
      `SELECT o.*, (SELECT r.message_id FROM outbox r
           WHERE r.key IN (o.reply_to_key, o.reply_to_key || '#chart', o.reply_to_key || '#1') AND r.chat_id = o.chat_id AND r.message_id IS NOT NULL
           ORDER BY r.id LIMIT 1) AS reply_to_message_id
       FROM outbox o
       WHERE o.status = 'pending' AND o.next_attempt_at <= ?
         AND o.id = (SELECT MIN(h.id) FROM outbox h WHERE h.status = 'pending' AND h.chat_id = o.chat_id)
       ORDER BY o.next_attempt_at, o.id LIMIT ?`,
    );
    this.earliestStmt = db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'`);
    this.sentStmt = db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'`);
    this.dropReplyStmt = db.prepare(`UPDATE outbox SET reply_to_key = NULL, next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'`);
    this.rescheduleStmt = db.prepare(
      `UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'`,
    );
    this.plainStmt = db.prepare(
      `UPDATE outbox SET text = ?, parse_mode = NULL, next_attempt_at = ?, last_error = ?, attempts = attempts + 1
       WHERE id = ? AND status = 'pending'`,
    );
    this.retargetStmt = db.prepare(`UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'pending'`);
    this.holdChatStmt = db.prepare(`UPDATE outbox SET status = 'held', last_error = ? WHERE chat_id = ? AND status = 'pending'`);
    this.holdOneStmt = db.prepare(`UPDATE outbox SET status = 'held', last_error = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'`);
    this.releaseStmt = db.prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE chat_id = ? AND status = 'held'`);
    this.depthStmt = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'`);
    this.oldestStmt = db.prepare(`SELECT MIN(created_at) AS t FROM outbox WHERE status = 'pending'`);
    this.heldChatsStmt = db.prepare(`SELECT DISTINCT chat_id FROM outbox WHERE status = 'held' ORDER BY chat_id`);
    this.byKeyStmt = db.prepare(`SELECT * FROM outbox WHERE key = ?`);
    this.byIdStmt = db.prepare(`SELECT * FROM outbox WHERE id = ?`);
    this.sentSinceStmt = db.prepare(`SELECT chat_id AS chatId, sent_at AS sentAtMs FROM outbox WHERE status = 'sent' AND sent_at >= ? ORDER BY sent_at`);
  }

  /** Stores a message as pending, due at `createdAtMs`. Returns false when the key was already there (no-op). */
  enqueue(entry: OutboxEntry): boolean {
    return this.insertStmt.run({ ...entry, replyToKey: entry.replyToKey ?? null, photo: entry.photo ?? null, threadId: entry.threadId ?? null, silent: entry.silent === true ? 1 : 0 }).changes === 1;
  }

  /** For each chat, its oldest pending message if due at `nowMs`; earliest due first. */
  nextDue(nowMs: number, limit = 100): OutboxMessage[] {
    return (this.dueStmt.all(nowMs, limit) as Raw[]).map(toMessage);
  }

  /** The earliest `next_attempt_at` of any pending message (when the sender should look again). */
  earliestPendingAtMs(): number | undefined {
    return (this.earliestStmt.get() as { t: number | null }).t ?? undefined;
  }

  /** Telegram confirmed it, as message `messageId` (kept: later messages reply to it). */
  markSent(id: number, atMs: number, messageId?: number): void {
    this.sentStmt.run(atMs, messageId ?? null, id);
  }

  /** The message it replies to is gone: send it on its own at `nextAtMs` (a result is never lost for a deleted signal). */
  dropReply(id: number, nextAtMs: number, error: string): void {
    this.dropReplyStmt.run(nextAtMs, error, id);
  }

  /** A failure that may pass: try again at `nextAtMs`. */
  reschedule(id: number, nextAtMs: number, error: string): void {
    this.rescheduleStmt.run(nextAtMs, error, id);
  }

  /** Telegram could not parse the HTML: store the plain-text version and send it once more at `nextAtMs`. */
  resendAsPlainText(id: number, plainText: string, nextAtMs: number, error: string): void {
    this.plainStmt.run(plainText, nextAtMs, error, id);
  }

  /** The chat blocked or removed the bot (403): its pending messages are held, kept, not deleted. Returns how many. */
  hold(chatId: string, reason: string): number {
    return this.holdChatStmt.run(reason, chatId).changes;
  }

  /**
   * The chat has a new id (a group upgraded to a supergroup): its pending messages go there, in the
   * order written. Sent rows keep the chat they were sent to. Returns how many moved.
   */
  retarget(fromChat: string, toChat: string): number {
    return this.retargetStmt.run(toChat, fromChat).changes;
  }

  /** One message Telegram refuses for good (400 message too long, …): held with the reason. */
  holdOne(id: number, reason: string): void {
    this.holdOneStmt.run(reason, id);
  }

  /** Puts a chat's held messages back in the queue (after the user unblocked the bot). Returns how many. */
  release(chatId: string, nowMs: number): number {
    return this.releaseStmt.run(nowMs, chatId).changes;
  }

  /** Pending messages. */
  /** Messages sent at or after `sinceMs`, oldest first: a restarted sender paces against them. */
  sentSince(sinceMs: number): { chatId: string; sentAtMs: number }[] {
    return this.sentSinceStmt.all(sinceMs) as { chatId: string; sentAtMs: number }[];
  }

  depth(): number {
    return (this.depthStmt.get() as { n: number }).n;
  }

  /** Age of the oldest pending message at `nowMs`, 0 when none: a stuck outbox shows here. */
  oldestPendingAgeMs(nowMs: number): number {
    const t = (this.oldestStmt.get() as { t: number | null }).t;
    return t === null ? 0 : Math.max(0, nowMs - t);
  }

  /** Chats with held messages (also those held before a restart), for /health. */
  heldChats(): string[] {
    return (this.heldChatsStmt.all() as { chat_id: string }[]).map((r) => r.chat_id);
  }

  find(key: string): OutboxMessage | undefined {
    const row = this.byKeyStmt.get(key) as Raw | undefined;
    return row && toMessage(row);
  }

  get(id: number): OutboxMessage | undefined {
    const row = this.byIdStmt.get(id) as Raw | undefined;
    return row && toMessage(row);
  }
}
