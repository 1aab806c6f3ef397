import { ConfigError } from '../domain/errors.js';
import { checkHttpPort } from '../doctor/httpPortCheck.js';

/**
 * Refuses the run (ConfigError: exit 1, one line) when HTTP_HOST:HTTP_PORT cannot be listened on,
 * before anything starts: found only once the bot ran, a busy port was a fatal error after the
 * start, a "started" line after "shutting down", and a stop message for a bot that never ran.
 * The check listens for an instant (as doctor does); HTTP_PORT=0 means no server.
 */
export async function claimHttpPort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const check = await checkHttpPort(host, port);
  if (check.status === 'ok') return;
  const code = (check.data as { code?: string } | undefined)?.code;
  const line = code === 'EADDRINUSE'
    ? `HTTP_PORT ${port} is in use (is kline-signals already running?): stop the other process or set HTTP_PORT (0 turns the dashboard off)`
    : `HTTP_HOST ${host} / HTTP_PORT ${port}: ${check.detail}; ${check.hint ?? 'choose another HTTP_PORT'}`;
  throw new ConfigError('HTTP_PORT', String(port), '0–65535, a free port', line);
}
