import { bold, field, lines, stringsFor, type TemplateContext } from './common.js';
import { formatUtc } from './format.js';
import { escapeHtml } from './html.js';

/** A chat Telegram gave a new id, as the operator is told it. */
export interface ChatMovedInfo {
  readonly fromChat: string;
  readonly toChat: string;
  /** The alert chat (TELEGRAM_CHAT_ID) or a subscriber's (TELEGRAM_SUBSCRIBERS): which setting to change. */
  readonly role: 'admin' | 'subscriber';
  readonly atMs: number;
}

/**
 * The admin chat's notice that a group became a supergroup: both ids, that the bot follows already,
 * and the setting to change so a new database would too.
 */
export function renderChatMoved(info: ChatMovedInfo, ctx: TemplateContext): string {
  const t = stringsFor(ctx.language).lifecycle;
  const fix = info.role === 'admin' ? t.movedFixAdmin(info.fromChat, info.toChat) : t.movedFixSubscriber(info.fromChat, info.toChat);
  return lines([
    `⚠️ <b>${escapeHtml(info.role === 'admin' ? t.movedTitle : t.movedSubscriberTitle)}</b>`,
    field(t.movedOldId, bold(info.fromChat)),
    field(t.movedNewId, bold(info.toChat)),
    escapeHtml(t.movedFollowing),
    bold(fix),
    `<i>${escapeHtml(formatUtc(info.atMs))}</i>`,
  ]);
}
