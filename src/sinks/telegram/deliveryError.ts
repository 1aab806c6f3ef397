import { KlineSignalsError } from '../../domain/errors.js';
import { redactSecrets } from '../../logging/redact.js';

/**
 * How the sender reacts to a failed send:
 * - `rate_limited` (429): wait exactly `retryAfterSec` before the next send to that chat;
 * - `network`, `server` (5xx), `unauthorized` (401/404 token problems): retry with capped backoff;
 * - `parse` (400 can't parse entities): resend once as plain text;
 * - `forbidden` (403 blocked / kicked): hold the chat;
 * - `chat_not_found` (400): hold the chat; `bad_request` (other 400s): hold the message;
 * - `reply_missing` (400 message to be replied not found): send it again, not as a reply;
 * - `chat_migrated` (400 with `migrate_to_chat_id`: a group upgraded to a supergroup): send it, and
 *   every message queued for the old id, to the new id.
 */
export type DeliveryFailureKind =
  | 'rate_limited' | 'network' | 'server' | 'unauthorized' | 'parse' | 'forbidden' | 'chat_not_found' | 'reply_missing' | 'chat_migrated' | 'bad_request';

/**
 * A send to Telegram failed. Built from telegraf's TelegramError or a fetch error, keeping only
 * the status, Telegram's description and `retry_after`, all with the token removed: the original
 * error (its `on.payload`, its URL) is dropped, so nothing logged or shown can carry the token.
 */
export class TelegramDeliveryError extends KlineSignalsError {
  readonly code = 'TELEGRAM';
  constructor(
    readonly kind: DeliveryFailureKind,
    /** HTTP / Bot API error code, 0 for a network failure. */
    readonly status: number,
    readonly description: string,
    readonly retryAfterSec?: number,
    /** The chat's new id, for `chat_migrated`. */
    readonly migrateToChatId?: string,
  ) {
    super(`telegram ${status === 0 ? 'network' : status}: ${description}`);
  }
}

interface TelegramErrorLike {
  response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown; migrate_to_chat_id?: unknown } };
}

function kindOf(status: number, description: string): DeliveryFailureKind {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  if (status === 403) return 'forbidden';
  if (status === 401 || status === 404) return 'unauthorized';
  if (status === 400 && /can't parse entities/i.test(description)) return 'parse';
  if (status === 400 && /chat not found/i.test(description)) return 'chat_not_found';
  if (status === 400 && /message to be replied not found|replied message not found/i.test(description)) return 'reply_missing';
  if (status >= 400) return 'bad_request';
  return 'network';
}

/** Turns whatever a send threw into a {@link TelegramDeliveryError} with every secret redacted. */
export function toDeliveryError(err: unknown, secrets: readonly string[]): TelegramDeliveryError {
  if (err instanceof TelegramDeliveryError) return err;
  const response = (err as TelegramErrorLike | null)?.response;
  const status = typeof response?.error_code === 'number' ? response.error_code : 0;
  const rawDescription =
    typeof response?.description === 'string' ? response.description : err instanceof Error ? err.message : String(err);
  const description = redactSecrets(rawDescription, secrets);
  const retryAfter = response?.parameters?.retry_after;
  const retryAfterSec = status === 429 ? (typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 1) : undefined;
  const migrateTo = response?.parameters?.migrate_to_chat_id;
  if (status === 400 && typeof migrateTo === 'number' && Number.isSafeInteger(migrateTo)) {
    return new TelegramDeliveryError('chat_migrated', status, description, undefined, String(migrateTo));
  }
  return new TelegramDeliveryError(kindOf(status, description), status, description, retryAfterSec);
}
