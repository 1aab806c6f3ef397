import axios from 'axios';
import { noAnswerReason } from '../netReason.js';
import { CHECK_TIMEOUT_MS, type Check } from './check.js';

const NAME = 'Binance';

/** The largest skew accepted: well inside Binance's recvWindow (5 s by default), beyond which signed requests are refused. */
export const MAX_CLOCK_SKEW_MS = 1_000;

/** The header the project's simulator (src/sim) sends: its market time is simulated, not comparable with the local clock. */
export const SIMULATED_TIME_HEADER = 'x-simulated-time';

const unreachable = (baseUrl: string, why: string): Check => ({
  name: NAME, status: 'fail', detail: `cannot reach ${baseUrl}: ${why}`,
  hint: 'check the network and BINANCE_REST_URL (Binance refuses some countries with 451); `npm run demo` works offline',
  data: { url: baseUrl },
});

/**
 * BINANCE_REST_URL answers `/fapi/v1/ping` and `/fapi/v1/time`, and the local clock agrees with the
 * server's within {@link MAX_CLOCK_SKEW_MS} (the skew is the server time minus the middle of the round
 * trip). The simulator's clock is simulated: reachable is all that is checked there.
 */
export async function checkBinance(baseUrl: string, nowMs: () => number = Date.now): Promise<Check> {
  // One budget for both requests: the check as a whole waits at most CHECK_TIMEOUT_MS.
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const get = (path: string) => axios.get<unknown>(new URL(path, baseUrl).href, { timeout: CHECK_TIMEOUT_MS, signal, validateStatus: () => true });
  try {
    const ping = await get('/fapi/v1/ping');
    if (ping.status !== 200) return unreachable(baseUrl, `ping answered HTTP ${ping.status}`);
    const sentMs = nowMs();
    const res = await get('/fapi/v1/time');
    const receivedMs = nowMs();
    const body = res.data as { serverTime?: unknown } | undefined;
    if (res.status !== 200 || typeof body?.serverTime !== 'number') return unreachable(baseUrl, `server time answered HTTP ${res.status}`);
    const roundTripMs = receivedMs - sentMs;
    if (res.headers[SIMULATED_TIME_HEADER] !== undefined) {
      return {
        name: NAME, status: 'ok', detail: `the simulator at ${baseUrl} answers in ${roundTripMs} ms (simulated time ${new Date(body.serverTime).toISOString().slice(0, 16).replace('T', ' ')} UTC, not compared)`,
        data: { url: baseUrl, roundTripMs, simulated: true },
      };
    }
    const skewMs = Math.round(body.serverTime - (sentMs + receivedMs) / 2);
    const data = { url: baseUrl, roundTripMs, skewMs, maxSkewMs: MAX_CLOCK_SKEW_MS };
    const clock = skewMs === 0 ? 'clocks agree' : `this clock is ${Math.abs(skewMs)} ms ${skewMs > 0 ? 'behind' : 'ahead of'} Binance`;
    if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS) {
      return { name: NAME, status: 'fail', detail: `${baseUrl} answers, but ${clock} (at most ${MAX_CLOCK_SKEW_MS} ms)`, hint: 'synchronise the system clock (timedatectl set-ntp true, or chrony)', data };
    }
    return { name: NAME, status: 'ok', detail: `${baseUrl} answers in ${roundTripMs} ms; ${clock}`, data };
  } catch (err) {
    return unreachable(baseUrl, noAnswerReason(err, CHECK_TIMEOUT_MS));
  }
}
