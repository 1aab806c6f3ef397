import type { SchedulerLike, Subscription } from 'rxjs';
import { backoffDelayMs, type Backoff } from '../../core/backoff.js';
import type { Logger } from '../../logging/logger.js';
import type { ChatMove, ChatMoveRepo } from '../sqlite/chatMoveRepo.js';
import type { OutboxMessage, OutboxRepo } from '../sqlite/outboxRepo.js';
import { ChatPacer, TELEGRAM_LIMITS, type PacingLimits } from './chatPacer.js';
import { toDeliveryError, type TelegramDeliveryError } from './deliveryError.js';
import { htmlToPlainText } from './templates/html.js';
import type { MessageTransport, OutgoingMessage } from './transport.js';

export interface OutboxSenderDeps {
  readonly repo: OutboxRepo;
  readonly transport: MessageTransport;
  /** Clock and timers (asyncScheduler in production): pacing and backoff read `scheduler.now()`. */
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly limits?: PacingLimits;
  /**
   * Network errors and 5xx: the n-th failure of a message waits initialMs × 2^(n−1), capped at
   * maxMs, without jitter (one sender, already paced per chat: nothing to spread). Default 1 s → 5 min.
   */
  readonly backoff?: Backoff;
  /** How often an idle sender looks at the table for rows enqueued without {@link OutboxSender.notify}. */
  readonly pollIntervalMs?: number;
  /** Redacted from every error text (the bot token). */
  readonly secrets?: readonly string[];
  /**
   * Draws the PNG of a row's `photo` spec at send time (ChartRenderer: the chart card from the
   * stored candles). Unset, or when it gives nothing, the row goes as text.
   */
  readonly renderPhoto?: (spec: string) => Promise<Uint8Array | undefined>;
  /**
   * Told once when the outbox cannot record what happened to a send (the database refuses writes:
   * disk full, read-only): the sender stops, since retrying would send the same row again at once,
   * for ever. Without it the error is rethrown from the send.
   */
  readonly onFatal?: (err: unknown) => void;
  /**
   * Chats Telegram gave a new id (a group upgraded to a supergroup). A message for a moved chat is
   * re-targeted before it is sent; a send refused with `migrate_to_chat_id` records the move. Unset,
   * such a send is held like another refused message.
   */
  readonly chatMoves?: ChatMoveRepo;
  /**
   * Called once per move, inside the transaction that records it and re-targets the queue: the app
   * enqueues the operator's notice there, so a crash can neither lose it nor send it twice.
   */
  readonly onChatMoved?: (move: ChatMove) => void;
}

/** What /health and the metrics read. */
export interface OutboxSenderStats {
  readonly sent: number;
  /** Failed sends by code (`429`, `403`, `500`, `network`, …). */
  readonly errorsByCode: Readonly<Record<string, number>>;
  /** Chats that answered 403 (or chat not found) since start, or hold messages from before it. */
  readonly heldChats: readonly string[];
  readonly depth: number;
}

/**
 * Drains the outbox at Telegram's pace: one message in flight per chat, ≤ 1 per second per chat,
 * ≤ 20 a minute per group, ≤ 25 a second over all chats, messages of a chat in the order written. A message is marked sent right
 * after Telegram confirms it, so a crash repeats at most the one in flight. 429 waits exactly
 * `retry_after`; network errors and 5xx back off; a parse error is resent once as plain text;
 * 403 holds the chat (messages kept); other 400s hold the message, except a group upgraded to a
 * supergroup: its messages go to the new id from then on, after restarts too (chatMoves). A reply (a trade result to its
 * signal) goes out as a reply once the message it answers has a Telegram id. Logs never carry the token.
 */
export class OutboxSender {
  private readonly pacer: ChatPacer;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly pollIntervalMs: number;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly held = new Set<string>();
  private readonly errors: Record<string, number> = {};
  private sent = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly deps: OutboxSenderDeps) {
    this.pacer = new ChatPacer(deps.limits ?? TELEGRAM_LIMITS);
    this.log = deps.logger.child({ component: 'outboxSender' });
    this.backoff = deps.backoff ?? { initialMs: 1000, maxMs: 300_000 };
    this.pollIntervalMs = deps.pollIntervalMs ?? 1000;
  }

  /** Starts draining; idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // A restart must not forget what the last process sent a moment ago: pace against it.
    const limits = this.deps.limits ?? TELEGRAM_LIMITS;
    const windowMs = Math.max(limits.perChatGapMs, limits.groupWindowMs);
    for (const { chatId, sentAtMs } of this.deps.repo.sentSince(this.deps.scheduler.now() - windowMs)) this.pacer.recordSend(chatId, sentAtMs);
    this.loop = this.run();
  }

  /** Call after committing a transaction that enqueued messages: the sender looks now instead of at its next poll. */
  notify(): void {
    this.wake?.();
  }

  /**
   * For shutdown: keeps sending until nothing pending is due before `deadlineMs` (an instant on the
   * scheduler's clock) or the deadline passes. Starts the sender if needed; does not stop it.
   */
  async drain(deadlineMs: number): Promise<void> {
    this.start();
    const { repo, scheduler } = this.deps;
    for (;;) {
      const now = scheduler.now();
      const next = repo.earliestPendingAtMs();
      if (now >= deadlineMs || ((next === undefined || next >= deadlineMs) && this.inFlight.size === 0)) return;
      this.notify();
      await this.sleep(Math.min(deadlineMs - now, 50));
    }
  }

  /** Stops taking new messages and waits for the ones in flight to be confirmed and recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Telegram announced that a group became a supergroup (its service message in either chat), maybe
   * before any send met the move: recorded and followed as a refused send would be (told once).
   */
  chatMoved(fromChat: string, toChat: string): void {
    if (this.deps.chatMoves === undefined || fromChat === toChat) return;
    try {
      this.recordMove(fromChat, toChat, this.deps.scheduler.now(), { chatId: fromChat });
    } catch (err) {
      this.fail(err);
      return;
    }
    this.notify();
  }

  stats(): OutboxSenderStats {
    const heldChats = new Set([...this.held, ...this.deps.repo.heldChats()]);
    return { sent: this.sent, errorsByCode: { ...this.errors }, heldChats: [...heldChats].sort(), depth: this.deps.repo.depth() };
  }

  private async run(): Promise<void> {
    while (this.running) {
      let waitMs = this.pollIntervalMs;
      try {
        waitMs = this.startDueSends();
      } catch (err) {
        this.log.error({ err: toDeliveryError(err, this.deps.secrets ?? []) }, 'outbox read failed');
      }
      if (this.running) await this.waitOrWake(waitMs);
    }
  }

  /** Starts every send that is due and allowed; returns how long to wait before looking again. */
  private startDueSends(): number {
    const { repo, scheduler, transport } = this.deps;
    const now = scheduler.now();
    let nextMs = now + this.pollIntervalMs;
    for (const msg of repo.nextDue(now)) {
      if (this.inFlight.has(msg.chatId)) continue;
      const movedTo = this.deps.chatMoves?.resolve(msg.chatId);
      if (movedTo !== undefined && movedTo !== msg.chatId) {
        // Written for the id TELEGRAM_CHAT_ID / TELEGRAM_SUBSCRIBERS still name: look again at once, at the new id.
        repo.retarget(msg.chatId, movedTo);
        nextMs = now;
        continue;
      }
      if (this.held.has(msg.chatId)) {
        repo.hold(msg.chatId, 'chat held');
        continue;
      }
      const readyAt = transport.paced ? this.pacer.readyAtMs(msg.chatId) : 0;
      if (readyAt > now) {
        nextMs = Math.min(nextMs, readyAt);
        continue;
      }
      if (transport.paced) {
        const overallAt = this.pacer.overallReadyAtMs();
        if (overallAt > now) {
          nextMs = Math.min(nextMs, overallAt);
          break;
        }
        this.pacer.recordStart(now);
      }
      const send = this.deliver(msg).finally(() => {
        this.inFlight.delete(msg.chatId);
        this.notify();
      });
      this.inFlight.set(msg.chatId, send);
    }
    const earliest = repo.earliestPendingAtMs();
    if (earliest !== undefined && earliest > now) nextMs = Math.min(nextMs, earliest);
    return Math.max(0, nextMs - now);
  }

  /** The row as the transport takes it, its photo drawn now; undefined when only a photo was to go and none could be drawn. */
  private async outgoing(msg: OutboxMessage): Promise<OutgoingMessage | undefined> {
    const { chatId, text, parseMode, replyToMessageId, threadId, silent } = msg;
    if (msg.photo === null) return { chatId, text, parseMode, replyToMessageId, threadId, silent };
    let png: Uint8Array | undefined;
    try {
      png = await this.deps.renderPhoto?.(msg.photo);
    } catch (err) {
      this.log.warn({ err, outboxId: msg.id, key: msg.key }, 'chart render failed, sending text only');
    }
    if (png !== undefined) return { chatId, text, parseMode, replyToMessageId, threadId, silent, photo: { png, fileName: `${msg.key.replace(/[^A-Za-z0-9_-]+/g, '-')}.png` } };
    return text === '' ? undefined : { chatId, text, parseMode, replyToMessageId, threadId, silent };
  }

  private async deliver(msg: OutboxMessage): Promise<void> {
    const { repo, scheduler, transport } = this.deps;
    try {
      const outgoing = await this.outgoing(msg);
      if (outgoing === undefined) {
        // A photo-only row (its text follows in the next row) with no candles to draw from: nothing
        // to send, and holding it would report the chat as unreachable. Done, as far as the queue goes.
        repo.markSent(msg.id, scheduler.now());
        this.log.warn({ chatId: msg.chatId, outboxId: msg.id, key: msg.key }, 'chart unavailable, photo-only message skipped');
        return;
      }
      const sent = await transport.send(outgoing);
      const at = scheduler.now();
      this.pacer.recordSend(msg.chatId, at);
      repo.markSent(msg.id, at, sent.messageId);
      this.sent += 1;
    } catch (thrown) {
      const at = scheduler.now();
      this.pacer.recordSend(msg.chatId, at);
      const err = toDeliveryError(thrown, this.deps.secrets ?? []);
      const code = err.status === 0 ? 'network' : String(err.status);
      this.errors[code] = (this.errors[code] ?? 0) + 1;
      const fields = { chatId: msg.chatId, outboxId: msg.id, key: msg.key, code, description: err.description, attempt: msg.attempts + 1 };
      try {
        if (err.kind === 'chat_migrated' && this.followMove(msg, err, at, fields)) return;
        this.handleFailure(msg, err.kind, err.retryAfterSec, `${code}: ${err.description}`, at, fields);
      } catch (unrecorded) {
        this.fail(unrecorded);
      }
    }
  }

  /**
   * Telegram refused the send because the group became a supergroup: records the move and sends
   * this message and every one queued for the old id to the new id (nothing was delivered, so
   * nothing is sent twice). Told once: a warn line and `onChatMoved`. False when it cannot follow
   * (no chatMoves, or a move to itself): the message is held like another 400.
   */
  private followMove(msg: OutboxMessage, err: TelegramDeliveryError, at: number, fields: Record<string, unknown>): boolean {
    const toChat = err.migrateToChatId;
    if (this.deps.chatMoves === undefined || toChat === undefined || toChat === msg.chatId) return false;
    this.recordMove(msg.chatId, toChat, at, fields);
    return true;
  }

  /** Stores the move and re-targets the old chat's queue in one transaction; the first time, tells it. */
  private recordMove(fromChat: string, toChat: string, at: number, fields: Record<string, unknown>): void {
    const { chatMoves, onChatMoved, repo } = this.deps;
    const move = { fromChat, toChat, atMs: at };
    let moved = 0;
    const first = chatMoves!.record(move, (isNew) => {
      moved = repo.retarget(fromChat, toChat);
      if (isNew) onChatMoved?.(move);
    });
    if (first) this.log.warn({ ...fields, newChatId: toChat, moved }, 'telegram group became a supergroup, its messages go to the new id');
  }

  /** The outbox cannot be written: stop taking messages and report it, once. */
  private fail(err: unknown): void {
    const first = this.running;
    this.running = false;
    this.notify();
    if (!this.deps.onFatal) throw err;
    if (first) this.deps.onFatal(err);
  }

  private handleFailure(
    msg: OutboxMessage, kind: string, retryAfterSec: number | undefined, reason: string, at: number, fields: Record<string, unknown>,
  ): void {
    const { repo } = this.deps;
    switch (kind) {
      case 'rate_limited': {
        const until = at + (retryAfterSec ?? 1) * 1000;
        this.pacer.blockUntil(msg.chatId, until);
        repo.reschedule(msg.id, until, reason);
        this.log.warn({ ...fields, retryAfterSec }, 'telegram rate limited');
        return;
      }
      case 'parse':
        if (msg.parseMode !== null) {
          repo.resendAsPlainText(msg.id, htmlToPlainText(msg.text), at, reason);
          this.log.warn(fields, 'telegram could not parse message, resending as plain text');
        } else {
          repo.holdOne(msg.id, reason);
          this.log.error(fields, 'telegram refused message, held');
        }
        return;
      case 'forbidden':
      case 'chat_not_found':
        this.held.add(msg.chatId);
        repo.hold(msg.chatId, reason);
        this.log.error(fields, 'telegram chat unreachable, its messages are held');
        return;
      case 'reply_missing':
        // Only if allow_sending_without_reply was not honoured: the message itself is fine.
        repo.dropReply(msg.id, at, reason);
        this.log.warn(fields, 'telegram lost the message replied to, sending without the reply');
        return;
      case 'bad_request':
      case 'chat_migrated':
        repo.holdOne(msg.id, reason);
        this.log.error(fields, 'telegram refused message, held');
        return;
      default: {
        const delay = backoffDelayMs(msg.attempts + 1, this.backoff, 1);
        repo.reschedule(msg.id, at + delay, reason);
        this.log.warn({ ...fields, retryInMs: delay }, 'telegram send failed, retrying');
      }
    }
  }

  private waitOrWake(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let sub: Subscription | undefined;
      const done = () => {
        sub?.unsubscribe();
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      this.wake = done;
      sub = this.deps.scheduler.schedule(done, ms);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.deps.scheduler.schedule(() => resolve(), Math.max(0, ms)));
  }
}
