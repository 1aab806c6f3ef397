import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isInterval } from '../domain/index.js';
import type { VirtualClock } from './clock.js';
import type { WeightLimiter } from './limits.js';
import type { Market } from './market.js';
import { exchangeInfoBody, ticker24hBody } from './restPayloads.js';
import type { SimulatorStats } from './stats.js';
import { errorBody, restKlineRow } from './wire.js';

/** REST faults: a fixed latency, a 503 chance drawn from a seeded generator, and 503 periods. */
export interface RestFaults {
  readonly latencyMs: number;
  readonly failRate: number;
  readonly random: () => number;
  /** Whether every request is answered 503 now (a Binance outage, see `Simulator.burst503`). */
  readonly failingNow?: () => boolean;
}

export interface RestDeps {
  readonly market: Market;
  readonly clock: VirtualClock;
  readonly limiter: WeightLimiter;
  readonly weightLimit: number;
  readonly faults: RestFaults;
  readonly stats: SimulatorStats;
  readonly logger: Logger;
}

/** A reply: HTTP status and JSON text. */
interface Reply { readonly status: number; readonly body: string }

class RestError extends Error {
  constructor(readonly status: number, readonly binanceCode: number, msg: string) { super(msg); }
}

const ok = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value) });
const mandatory = (name: string): RestError => new RestError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

function integerParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d{1,20}$/.test(raw)) throw new RestError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^(-)?[0-9]{1,20}$'.`);
  return Number(raw);
}

/** Binance's klines weight by `limit` (B1). */
export function klinesWeight(limit: number): number {
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

/** Weight of a request before it is served, as Binance charges it. */
function weightOf(path: string, params: URLSearchParams): number {
  if (path === '/fapi/v1/ticker/24hr') return params.get('symbol') ? 1 : 40;
  if (path === '/fapi/v1/klines') {
    const limit = Number(params.get('limit') ?? 500);
    return Number.isInteger(limit) && limit > 0 ? klinesWeight(limit) : 5;
  }
  return 1;
}

function route(deps: RestDeps, path: string, params: URLSearchParams): Reply {
  const now = deps.clock.nowMs();
  switch (path) {
    case '/fapi/v1/ping': return ok({});
    case '/fapi/v1/time': return ok({ serverTime: now });
    case '/fapi/v1/exchangeInfo': return ok(exchangeInfoBody(deps.market, now, deps.weightLimit));
    case '/fapi/v1/ticker/24hr': {
      const symbol = params.get('symbol');
      if (symbol === null) return ok(deps.market.listingsAt(now).map((s) => ticker24hBody(deps.market, s, now)).filter((t) => t !== undefined));
      const listing = deps.market.listingAt(symbol, now);
      const body = listing && ticker24hBody(deps.market, listing, now);
      if (!body) throw new RestError(400, -1121, 'Invalid symbol.');
      return ok(body);
    }
    case '/fapi/v1/klines': return klines(deps, params, now);
    default: throw new RestError(404, -5000, `Path ${path}, Method GET is invalid`);
  }
}

function klines(deps: RestDeps, params: URLSearchParams, now: number): Reply {
  const symbol = params.get('symbol');
  const interval = params.get('interval');
  if (!symbol) throw mandatory('symbol');
  if (!interval) throw mandatory('interval');
  const listing = deps.market.listingAt(symbol, now);
  if (!listing) throw new RestError(400, -1121, 'Invalid symbol.');
  if (!isInterval(interval)) throw new RestError(400, -1120, 'Invalid interval.');
  const limit = integerParam(params, 'limit') ?? 500;
  if (limit < 1 || limit > 1500) throw new RestError(400, -1130, "Data sent for parameter 'limit' is not valid.");
  const startTimeMs = integerParam(params, 'startTime');
  const endTimeMs = integerParam(params, 'endTime');
  if (startTimeMs !== undefined && endTimeMs !== undefined && startTimeMs > endTimeMs) {
    throw new RestError(400, -1023, 'Start time is greater than end time.');
  }
  const series = deps.market.seriesOf(symbol, interval);
  if (!series) return ok([]);
  // A symbol that stopped trading answers as of the moment it stopped, without a forming row.
  const clock = deps.market.candleClock(symbol, now);
  const rows = deps.market.klines(series, clock.nowMs, { startTimeMs, endTimeMs, limit, closedOnly: clock.halted });
  return ok(rows.map((r) => restKlineRow(r.candle, series)));
}

/**
 * The node:http request handler of the fake `fapi` (B1–B5): weight accounting with
 * `X-MBX-USED-WEIGHT-1M` on every reply, 429/418 with `Retry-After`, Binance error bodies, and
 * the REST faults (latency, 503s).
 */
export function createRestHandler(deps: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const log = deps.logger.child({ component: 'simRest' });
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const ip = req.socket.remoteAddress ?? 'unknown';
    const { stats } = deps;
    stats.rest.requests += 1;
    stats.rest.byPath[url.pathname] = (stats.rest.byPath[url.pathname] ?? 0) + 1;
    // Tells `doctor` the server time is simulated: comparing it with the local clock means nothing.
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Simulated-Time': 'true' };
    let reply: Reply;
    const admission = deps.limiter.admit(ip, weightOf(url.pathname, url.searchParams));
    headers['X-MBX-USED-WEIGHT-1M'] = String(admission.usedWeight);
    stats.rest.weightUsed = admission.usedWeight;
    if (admission.kind === 'banned') {
      stats.rest.status418 += 1;
      headers['Retry-After'] = String(admission.retryAfterS);
      reply = { status: 418, body: errorBody(-1003, `Way too many requests; IP banned until ${admission.untilMs}. Please use the websocket for live updates to avoid bans.`) };
    } else if (admission.kind === 'tooMany') {
      stats.rest.status429 += 1;
      headers['Retry-After'] = String(admission.retryAfterS);
      reply = { status: 429, body: errorBody(-1003, `Too many requests; current limit is ${deps.weightLimit} requests per minute. Please use the websocket for live updates to avoid polling the API.`) };
    } else if (deps.faults.failingNow?.() === true || (deps.faults.failRate > 0 && deps.faults.random() < deps.faults.failRate)) {
      stats.faults.rest5xx += 1;
      reply = { status: 503, body: errorBody(-1001, 'Internal error; unable to process your request. Please try again.') };
    } else if (req.method !== 'GET') {
      reply = { status: 405, body: errorBody(-5000, `Path ${url.pathname}, Method ${req.method ?? ''} is invalid`) };
    } else {
      try {
        reply = route(deps, url.pathname, url.searchParams);
      } catch (err) {
        if (err instanceof RestError) reply = { status: err.status, body: errorBody(err.binanceCode, err.message) };
        else {
          log.error({ err, path: url.pathname }, 'rest handler failed');
          reply = { status: 500, body: errorBody(-1000, 'An unknown error occured while processing the request.') };
        }
      }
    }
    const send = (): void => {
      res.writeHead(reply.status, headers);
      res.end(reply.body);
    };
    if (reply.status >= 400) log.debug({ path: url.pathname, status: reply.status }, 'rest error reply');
    if (deps.faults.latencyMs > 0) {
      stats.faults.slowRest += 1;
      setTimeout(send, deps.faults.latencyMs);
    } else send();
  };
}
