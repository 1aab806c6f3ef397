import axios from 'axios';
import { redactSecrets } from '../../logging/redact.js';
import { noAnswerReason } from '../../netReason.js';

/**
 * One Bot API answer as a set-up check sees it: a result, a refusal (Telegram answered 4xx: a wrong
 * token, a chat it does not know), or no answer (network, timeout, 5xx: nothing is known yet).
 */
export type BotApiAnswer<T> =
  | { readonly kind: 'ok'; readonly result: T }
  | {
    readonly kind: 'refused'; readonly status: number; readonly description: string;
    /** The chat's new id when it is a group upgraded to a supergroup (`parameters.migrate_to_chat_id`). */
    readonly migrateToChatId?: string;
  }
  | { readonly kind: 'unreachable'; readonly reason: string };

export interface BotApiCall {
  /** TELEGRAM_API_ROOT. */
  readonly apiRoot: string;
  readonly token: string;
  readonly method: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number;
}

/** getMe's result: the bot's own user. */
export interface BotUser { readonly id: number; readonly username?: string; readonly first_name: string }

/** getChat's result, the fields a person recognises a chat by. */
export interface BotChat {
  readonly id: number;
  readonly type: string;
  readonly title?: string;
  readonly username?: string;
  readonly first_name?: string;
  readonly is_forum?: boolean;
}

/**
 * A single Bot API call with a short timeout and no retry, at the URL telegraf would use
 * (`<apiRoot>/bot<token>/<method>`): getMe at start and in `doctor`, getChat in `doctor`.
 * Nothing returned holds the token.
 */
export async function callBotApi<T>({ apiRoot, token, method, params = {}, timeoutMs }: BotApiCall): Promise<BotApiAnswer<T>> {
  const url = new URL(`./bot${token}/${method}`, apiRoot).href;
  try {
    const res = await axios.post<{ ok?: boolean; result?: T; description?: string; parameters?: { migrate_to_chat_id?: unknown } } | undefined>(url, params, { timeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs), validateStatus: () => true });
    if (res.status >= 500) return { kind: 'unreachable', reason: `HTTP ${res.status}` };
    if (res.status === 429) return { kind: 'unreachable', reason: 'HTTP 429 Too Many Requests' };
    const body = typeof res.data === 'object' ? res.data : undefined;
    if (res.status < 300 && body?.ok === true) return { kind: 'ok', result: body.result as T };
    const migrateTo = body?.parameters?.migrate_to_chat_id;
    return {
      kind: 'refused', status: res.status, description: redactSecrets(body?.description ?? `HTTP ${res.status}`, [token]),
      ...(typeof migrateTo === 'number' && Number.isSafeInteger(migrateTo) ? { migrateToChatId: String(migrateTo) } : {}),
    };
  } catch (err) {
    return { kind: 'unreachable', reason: redactSecrets(noAnswerReason(err, timeoutMs), [token]) };
  }
}
