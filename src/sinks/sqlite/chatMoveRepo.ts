import type { Db } from './db.js';

/**
 * A chat Telegram gave a new id: a group upgraded to a supergroup answers every send to its old id
 * with 400 and `migrate_to_chat_id`, for ever.
 */
export interface ChatMove {
  readonly fromChat: string;
  readonly toChat: string;
  /** When the sender learned it (scheduler time). */
  readonly atMs: number;
}

/** More moves than this in a row is a loop in the table, not Telegram: stop following. */
const MAX_HOPS = 8;

/**
 * The `chat_moves` table: where each moved chat's messages go now. Read on every due message, so
 * the table (a handful of rows at most) is kept in memory and written through.
 */
export class ChatMoveRepo {
  private readonly insertStmt;
  private readonly allStmt;
  private readonly moved = new Map<string, string>();

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO chat_moves (from_chat, to_chat, at_ms) VALUES (?, ?, ?) ON CONFLICT (from_chat) DO NOTHING`);
    this.allStmt = db.prepare(`SELECT from_chat AS fromChat, to_chat AS toChat, at_ms AS atMs FROM chat_moves ORDER BY at_ms, from_chat`);
    this.load();
  }

  /** The id messages for `chat` go to now: `chat` itself, or where it moved (through every later move). */
  resolve(chat: string): string {
    let current = chat;
    for (let hop = 0; hop < MAX_HOPS; hop += 1) {
      const next = this.moved.get(current);
      if (next === undefined || next === chat) return current;
      current = next;
    }
    return current;
  }

  /**
   * Records a move and, in the same transaction, runs `alongside` (the caller re-targets the queued
   * messages and, when `first`, tells the operator), so a crash leaves either all of it or none.
   * A move already known is kept as first recorded. Returns whether it was new.
   */
  record(move: ChatMove, alongside: (first: boolean) => void): boolean {
    const tx = this.db.transaction(() => {
      const first = this.insertStmt.run(move.fromChat, move.toChat, move.atMs).changes === 1;
      if (first) this.moved.set(move.fromChat, move.toChat);
      alongside(first);
      return first;
    });
    try {
      return tx();
    } catch (err) {
      this.load();
      throw err;
    }
  }

  /** The ids that moved to `chat` (through any number of moves): what a setting named before it was updated. */
  formerIds(chat: string): string[] {
    return [...this.moved.keys()].filter((from) => from !== chat && this.resolve(from) === chat);
  }

  /** Every move, oldest first. */
  all(): ChatMove[] {
    return this.allStmt.all() as ChatMove[];
  }

  private load(): void {
    this.moved.clear();
    for (const m of this.all()) this.moved.set(m.fromChat, m.toChat);
  }
}
