import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { ConfigError } from '../domain/errors.js';
import { callBotApi, type BotUser } from '../sinks/telegram/botApiCall.js';

/** How long the start waits for getMe before going on without the check. */
export const TOKEN_CHECK_TIMEOUT_MS = 5_000;

/**
 * Asks Telegram (getMe) whether TELEGRAM_BOT_TOKEN is a bot's, before anything else starts. A refusal
 * (401 Unauthorized, 404 Not Found) throws a {@link ConfigError}: one line, exit 1, the token not
 * printed; a wrong token used to be retried for ever. No answer (network, timeout, 5xx) warns once and
 * lets the bot start: messages wait in the outbox until Telegram answers.
 */
export async function checkBotToken(config: Config, logger: Logger, timeoutMs = TOKEN_CHECK_TIMEOUT_MS): Promise<void> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (token === undefined) return;
  const answer = await callBotApi<BotUser>({ apiRoot: config.TELEGRAM_API_ROOT, token, method: 'getMe', timeoutMs });
  const log = logger.child({ component: 'telegram' });
  if (answer.kind === 'ok') {
    log.info({ bot: `@${answer.result.username ?? answer.result.first_name}` }, 'telegram token accepted');
  } else if (answer.kind === 'unreachable') {
    log.warn({ reason: answer.reason, apiRoot: config.TELEGRAM_API_ROOT }, 'telegram not reachable, token not checked; messages wait in the outbox');
  } else if (answer.status === 401 || answer.status === 404) {
    throw new ConfigError('TELEGRAM_BOT_TOKEN', undefined, 'a token Telegram accepts',
      `TELEGRAM_BOT_TOKEN is refused by Telegram (${answer.status} ${answer.description}): copy the token again from @BotFather (README, Telegram setup)`);
  } else {
    log.warn({ status: answer.status, description: answer.description }, 'telegram getMe failed, token not checked; messages wait in the outbox');
  }
}
