/**
 * Telegram's pace (Bot FAQ, C4): at most one message a second per chat, 20 a minute per group, and
 * about 30 a second over all chats (kept at 25: "or so" leaves no room at 30).
 */
export interface PacingLimits {
  /** Minimum gap between the end of one send and the start of the next to the same chat. */
  readonly perChatGapMs: number;
  /** Sends allowed to one group (chat id < 0 or `@channel`) in any `groupWindowMs`. */
  readonly groupMax: number;
  readonly groupWindowMs: number;
  /** Sends started to all chats together in any `overallWindowMs`; unset: no overall limit. */
  readonly overallMax?: number;
  readonly overallWindowMs?: number;
}

export const TELEGRAM_LIMITS: PacingLimits = { perChatGapMs: 1000, groupMax: 20, groupWindowMs: 60_000, overallMax: 25, overallWindowMs: 1000 };

/** Groups, supergroups and channels have negative ids or an `@name`; users have positive ids. */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith('-') || chatId.startsWith('@');
}

interface ChatState {
  lastSendEndMs?: number;
  blockedUntilMs: number;
  /** End times of the recent sends to a group, oldest first, at most `groupMax`. */
  recent: number[];
}

/**
 * When the next message to a chat may start, from the sends already made. Pure bookkeeping, no
 * clock: the sender passes times in. Gaps are measured from the END of the previous send (the
 * response), so however long a request travels, two arrive at Telegram at least the gap apart.
 */
export class ChatPacer {
  private readonly chats = new Map<string, ChatState>();
  /** Start times of the recent sends to any chat, oldest first, at most `overallMax`. */
  private readonly overall: number[] = [];

  constructor(private readonly limits: PacingLimits = TELEGRAM_LIMITS) {}

  private state(chatId: string): ChatState {
    let s = this.chats.get(chatId);
    if (!s) {
      s = { blockedUntilMs: 0, recent: [] };
      this.chats.set(chatId, s);
    }
    return s;
  }

  /** Earliest time a send to `chatId` may start. */
  readyAtMs(chatId: string): number {
    const s = this.chats.get(chatId);
    if (!s) return 0;
    let ready = s.blockedUntilMs;
    if (s.lastSendEndMs !== undefined) ready = Math.max(ready, s.lastSendEndMs + this.limits.perChatGapMs);
    const oldest = s.recent[0];
    if (isGroupChat(chatId) && s.recent.length >= this.limits.groupMax && oldest !== undefined) {
      ready = Math.max(ready, oldest + this.limits.groupWindowMs);
    }
    return ready;
  }

  /** A send to `chatId` ended at `endMs` (delivered or not: Telegram may count refused ones too). */
  recordSend(chatId: string, endMs: number): void {
    const s = this.state(chatId);
    s.lastSendEndMs = endMs;
    if (isGroupChat(chatId)) {
      s.recent.push(endMs);
      if (s.recent.length > this.limits.groupMax) s.recent.shift();
    }
  }

  /**
   * Earliest time any send may start under the overall limit (subscriber chats add up: each is
   * paced on its own, and all of them together stay within Telegram's per-bot rate).
   */
  overallReadyAtMs(): number {
    const { overallMax, overallWindowMs } = this.limits;
    const oldest = this.overall[0];
    if (overallMax === undefined || overallWindowMs === undefined || oldest === undefined || this.overall.length < overallMax) return 0;
    return oldest + overallWindowMs;
  }

  /** A send started at `startMs`: counted against the overall limit (in flight ones included). */
  recordStart(startMs: number): void {
    const { overallMax } = this.limits;
    if (overallMax === undefined) return;
    this.overall.push(startMs);
    if (this.overall.length > overallMax) this.overall.shift();
  }

  /** A 429 with `retry_after`: nothing goes to the chat before `untilMs`. */
  blockUntil(chatId: string, untilMs: number): void {
    const s = this.state(chatId);
    s.blockedUntilMs = Math.max(s.blockedUntilMs, untilMs);
  }
}
