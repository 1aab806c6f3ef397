import type { Context } from 'telegraf';

/** Whether the update's chat is `configured`: by its id, by the id it moved to, or by its `@username`. */
export function isConfiguredChat(chatId: string | undefined, username: string | undefined, configured: string | undefined, currentChat?: (chat: string) => string): boolean {
  if (configured === undefined) return false;
  return chatId === configured || (chatId !== undefined && currentChat?.(configured) === chatId) || (username !== undefined && `@${username}` === configured);
}

/** The move a service message announces: `migrate_to_chat_id` in the old group, `migrate_from_chat_id` in the new supergroup. */
export function migrationOf(ctx: Context): { fromChat: string; toChat: string } | undefined {
  const message = ctx.message as { migrate_to_chat_id?: unknown; migrate_from_chat_id?: unknown } | undefined;
  const chat = ctx.chat;
  if (message === undefined || chat === undefined) return undefined;
  if (typeof message.migrate_to_chat_id === 'number') return { fromChat: String(chat.id), toChat: String(message.migrate_to_chat_id) };
  if (typeof message.migrate_from_chat_id === 'number') return { fromChat: String(message.migrate_from_chat_id), toChat: String(chat.id) };
  return undefined;
}
