/** Shape of a Telegram bot token as BotFather issues it, also inside `…/bot<token>/sendMessage` URLs. */
const TOKEN_SHAPE = /\d{3,20}:[A-Za-z0-9_-]{30,}/g;

export const REDACTED = '[REDACTED]';

/**
 * Removes every known secret, and anything shaped like a Telegram token, from a text. Used on each
 * serialized log line and on error messages shown to users, so a token never leaves the process.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out.replace(TOKEN_SHAPE, REDACTED);
}
