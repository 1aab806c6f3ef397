import { isAxiosError } from 'axios';

/**
 * Why a request got no answer, as one short phrase without the URL (a Bot API URL holds the token):
 * `ECONNREFUSED`, `ENOTFOUND`, `no answer within 5 s`.
 */
export function noAnswerReason(err: unknown, timeoutMs: number): string {
  if (isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ERR_CANCELED') return `no answer within ${timeoutMs / 1000} s`;
    const cause = err.cause as { code?: string } | undefined;
    return err.code ?? cause?.code ?? 'no answer';
  }
  return err instanceof Error ? err.message : String(err);
}
