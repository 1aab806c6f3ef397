import type { Subscriber } from '../domain/subscriber.js';
import { callBotApi, type BotApiAnswer, type BotChat, type BotUser } from '../sinks/telegram/botApiCall.js';
import { CHECK_TIMEOUT_MS, type Check } from './check.js';

export interface TelegramCheckInput {
  readonly token: string;
  readonly apiRoot: string;
  /** TELEGRAM_CHAT_ID: where the alerts go. */
  readonly chatId: string;
  readonly subscribers: readonly Subscriber[];
}

const CHAT_HINT = 'a private chat: open the bot and press Start; a group or channel: add the bot to it; then check TELEGRAM_CHAT_ID (README, Telegram setup)';

/** A chat as a person recognises it: `private chat with Ann`, `supergroup "Signals" (forum)`. */
function describeChat(chat: BotChat): string {
  if (chat.type === 'private') return `private chat with ${chat.first_name ?? (chat.username ? `@${chat.username}` : chat.id)}`;
  const name = chat.title !== undefined ? ` "${chat.title}"` : chat.username !== undefined ? ` @${chat.username}` : '';
  return `${chat.type}${name}${chat.is_forum ? ' (forum)' : ''}`;
}

const paramOf = (chat: string): number | string => (/^-?\d+$/.test(chat) ? Number(chat) : chat);

/** One chat reachable (getChat): `fail` for the alert chat, `warn` for a subscriber's (the run holds its messages). */
async function checkChat(input: TelegramCheckInput, name: string, chat: string, severity: 'fail' | 'warn', thread?: number): Promise<Check> {
  const answer = await callBotApi<BotChat>({ apiRoot: input.apiRoot, token: input.token, method: 'getChat', params: { chat_id: paramOf(chat) }, timeoutMs: CHECK_TIMEOUT_MS });
  const topic = thread === undefined ? '' : `, topic ${thread}`;
  if (answer.kind === 'ok') {
    const forumless = thread !== undefined && answer.result.is_forum !== true;
    return {
      name, status: forumless ? severity : 'ok',
      detail: `${chat}${topic}: ${describeChat(answer.result)}${forumless ? ', which has no topics' : ''}`,
      ...(forumless ? { hint: 'turn Topics on in the group, or drop the /topic part' } : {}),
      data: { chat, type: answer.result.type },
    };
  }
  if (answer.kind === 'refused' && answer.migrateToChatId !== undefined) {
    // The bot follows the move at its first refused send and remembers it, so a run works: a warning.
    const to = answer.migrateToChatId;
    const fix = severity === 'fail' ? `set TELEGRAM_CHAT_ID to ${to}` : `in TELEGRAM_SUBSCRIBERS, replace ${chat} with ${to}`;
    return {
      name, status: 'warn', detail: `${chat}: this group was upgraded to a supergroup, its new id is ${to}`,
      hint: `${fix} (a running bot follows the move by itself, but only in its own database)`, data: { chat, movedTo: to },
    };
  }
  if (answer.kind === 'unreachable') return { name, status: severity, detail: `${chat}: not checked, Telegram did not answer (${answer.reason})`, hint: 'check the network and TELEGRAM_API_ROOT', data: { chat } };
  return { name, status: severity, detail: `${chat}: Telegram answered ${answer.status} ${answer.description}`, hint: CHAT_HINT, data: { chat } };
}

/** getMe as a check line. */
function botCheck(answer: BotApiAnswer<BotUser>, apiRoot: string): Check {
  const name = 'Telegram bot';
  if (answer.kind === 'ok') return { name, status: 'ok', detail: `@${answer.result.username ?? answer.result.first_name} (the token is accepted)`, data: { username: answer.result.username } };
  if (answer.kind === 'unreachable') return { name, status: 'fail', detail: `cannot reach ${apiRoot}: ${answer.reason}`, hint: 'check the network and TELEGRAM_API_ROOT' };
  return { name, status: 'fail', detail: `the token is refused (${answer.status} ${answer.description})`, hint: 'copy the token again from @BotFather (/mybots → your bot → API Token) into TELEGRAM_BOT_TOKEN' };
}

/**
 * The bot token (getMe: the bot's @username) and, when it is accepted, the alert chat and each
 * subscriber chat (getChat: the bot is a member, the chat exists). Nothing is sent.
 */
export async function checkTelegram(input: TelegramCheckInput): Promise<Check[]> {
  const me = await callBotApi<BotUser>({ apiRoot: input.apiRoot, token: input.token, method: 'getMe', timeoutMs: CHECK_TIMEOUT_MS });
  const bot = botCheck(me, input.apiRoot);
  if (me.kind !== 'ok') return [bot];
  const chats = await Promise.all([
    checkChat(input, 'alert chat', input.chatId, 'fail'),
    ...input.subscribers.map((s) => checkChat(input, 'subscriber chat', s.chat, 'warn', s.thread)),
  ]);
  return [bot, ...chats];
}
