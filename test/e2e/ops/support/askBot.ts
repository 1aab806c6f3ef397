import type { FakeMessage, TelegramFake } from '../../../fakes/telegramFake.js';
import { waitFor } from './waitFor.js';

export interface Ask {
  readonly chatId: number;
  readonly userId: number;
  readonly text: string;
  /** Recognizes the reply among other messages to the chat (signals keep flowing). */
  readonly reply: (plainText: string) => boolean;
}

/**
 * A user writes a command; resolves the bot's reply in that chat (first matching message after it).
 * Replies queue behind the alerts already in the outbox for that chat, hence the long default wait.
 */
export async function askBot(fake: TelegramFake, { chatId, userId, text, reply }: Ask, timeoutMs = 40_000): Promise<FakeMessage> {
  const from = fake.messages.length;
  fake.pushUpdate({ chatId, userId, text });
  return waitFor(`reply to ${text} in chat ${chatId}`, () => fake.messages.slice(from).find((m) => m.chatId === String(chatId) && reply(m.plainText)), timeoutMs);
}
