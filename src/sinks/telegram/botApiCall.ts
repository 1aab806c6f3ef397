import { redactSecrets } from '../../logging/redact.js';

/**
 * One Bot API answer as a set-up check sees it: a result, a refusal (Telegram answered 4xx: a wrong
 * token, a chat it does not know), or no answer (network, timeout, 5xx: nothing is known yet).
 */
export type BotApiAnswer<T> =
  | { readonly kind: 'ok'; readonly result: T }
  | { readonly kind: 'refused'; readonly status: number; readonly description: string }
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

/** Why a request got no answer, without the URL (it holds the token): `ECONNREFUSED`, `timeout after 5 s`. */
function reasonOf(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * A single Bot API call with a short timeout and no retry, at the URL telegraf would use
 * (`<apiRoot>/bot<token>/<method>`): getMe at start and in `doctor`, getChat in `doctor`.
 * Nothing returned holds the token.
 */
export async function callBotApi<T>({ apiRoot, token, method, params = {}, timeoutMs }: BotApiCall): Promise<BotApiAnswer<T>> {
  const url = new URL(`./bot${token}/${method}`, apiRoot);
  try {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params), signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status >= 500) return { kind: 'unreachable', reason: `HTTP ${res.status}` };
    const body = (await res.json().catch(() => undefined)) as { ok?: boolean; result?: T; description?: string } | undefined;
    if (res.ok && body?.ok === true) return { kind: 'ok', result: body.result as T };
    if (res.status === 429) return { kind: 'unreachable', reason: 'HTTP 429 Too Many Requests' };
    return { kind: 'refused', status: res.status, description: redactSecrets(body?.description ?? `HTTP ${res.status}`, [token]) };
  } catch (err) {
    return { kind: 'unreachable', reason: redactSecrets(reasonOf(err, timeoutMs), [token]) };
  }
}
