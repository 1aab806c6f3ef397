import type { Subscriber } from '../domain/subscriber.js';
import type { ChatMove } from '../sinks/sqlite/chatMoveRepo.js';
import type { OutboxEntry } from '../sinks/sqlite/outboxRepo.js';
import { renderChatMoved } from '../sinks/telegram/templates/chatMovedMessage.js';
import type { TemplateContext } from '../sinks/telegram/templates/common.js';

export interface ChatMovedNoticeDeps {
  /** TELEGRAM_CHAT_ID as configured. */
  readonly adminChat: string;
  readonly subscribers: readonly Subscriber[];
  /** The id a configured chat has now, this move included. */
  readonly currentChat: (chat: string) => string;
  readonly ctx: TemplateContext;
}

/**
 * The admin chat's notice of a group that became a supergroup: in the admin chat as it is now (the
 * new id, when the admin group is the one that moved), keyed by the old id so it is written once.
 * Undefined for a chat that is neither the admin's nor a subscriber's (a command reply's chat):
 * there is no setting to change, the log line is enough.
 */
export function chatMovedNotice(move: ChatMove, { adminChat, subscribers, currentChat, ctx }: ChatMovedNoticeDeps): OutboxEntry | undefined {
  const adminNow = currentChat(adminChat);
  const role = adminNow === move.toChat ? 'admin' : subscribers.some((s) => currentChat(s.chat) === move.toChat) ? 'subscriber' : undefined;
  if (role === undefined) return undefined;
  return {
    key: `chatmove:${move.fromChat}`, chatId: adminNow, kind: 'lifecycle', text: renderChatMoved({ ...move, role }, ctx), parseMode: 'HTML', createdAtMs: move.atMs,
  };
}
