import { ConfigError } from '../domain/errors.js';
import type { Config } from './config.js';

/**
 * TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID go together: a token alone used to fall back to the console
 * while the log said telegram "on", a chat id alone did nothing. Returns the error naming the missing
 * one (the run throws it, doctor shows it), or undefined when both or neither are set.
 */
export function telegramPairError(config: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_CHAT_ID'>): ConfigError | undefined {
  const hasToken = config.TELEGRAM_BOT_TOKEN !== undefined;
  const hasChat = config.TELEGRAM_CHAT_ID !== undefined;
  if (hasToken && !hasChat) {
    return new ConfigError('TELEGRAM_CHAT_ID', undefined, 'an integer chat id or @channelname',
      'TELEGRAM_CHAT_ID is unset while TELEGRAM_BOT_TOKEN is set: set it to the chat the alerts go to (README, Telegram setup), or unset the token to print messages on the console');
  }
  if (hasChat && !hasToken) {
    return new ConfigError('TELEGRAM_BOT_TOKEN', undefined, 'digits:secret as BotFather gives it',
      'TELEGRAM_BOT_TOKEN is unset while TELEGRAM_CHAT_ID is set: set it to the token @BotFather gave (README, Telegram setup), or unset the chat id to print messages on the console');
  }
  return undefined;
}
