import type { Config } from './config.js';

/** Host names of this machine: an exchange there is the project's simulator (`npm run sim`, the demo). */
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '[::1]', '::1']);

/** Whether BINANCE_REST_URL points at this machine, where only the simulator runs. */
export function isLocalExchange(restUrl: string): boolean {
  const host = new URL(restUrl).hostname;
  return LOCAL_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * HEARTBEAT_MINUTES as set; unset ⇒ 30 against Binance, 1 against a local simulator (its market
 * moves hours a minute, and a quiet console made the bot look dead).
 */
export function heartbeatMinutes(config: Pick<Config, 'HEARTBEAT_MINUTES' | 'BINANCE_REST_URL'>): number {
  return config.HEARTBEAT_MINUTES ?? (isLocalExchange(config.BINANCE_REST_URL) ? 1 : 30);
}
