import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the scripted server saw it, stamped on arrival (server-side time). */
export interface SeenRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly atMs: number;
}

/** A scripted reply; `destroy` closes the socket without answering (a network error). */
export type Reply =
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly body?: unknown; readonly delayMs?: number }
  | 'destroy';

export interface ScriptedServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1:0 answering each request with `script(request, index)`. */
export async function startScriptedServer(script: (request: SeenRequest, index: number) => Reply): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { path: url.pathname, query: url.searchParams, atMs: Date.now() };
    requests.push(seen);
    const reply = script(seen, requests.length - 1);
    if (reply === 'destroy') {
      req.socket.destroy();
      return;
    }
    const send = (): void => {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? {}));
    };
    if (reply.delayMs === undefined) send();
    else {
      const t = setTimeout(() => (timers.delete(t), send()), reply.delayMs);
      timers.add(t);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Binance's documented weight table, written out independently of the client's. */
export function documentedWeight(request: SeenRequest): number {
  if (request.path === '/fapi/v1/klines') {
    const limit = Number(request.query.get('limit') ?? 500);
    return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
  }
  if (request.path === '/fapi/v1/ticker/24hr') return request.query.has('symbol') ? 1 : 40;
  return 1;
}

/**
 * Per-window weight counting like Binance's: calendar-aligned windows of `windowMs`, `startUsed`
 * weight already taken by "other clients" at each window start.
 */
export class WindowedWeightCounter {
  readonly perWindow = new Map<number, number>();
  constructor(
    private readonly windowMs: number,
    private readonly startUsed = 0,
  ) {}

  /** Adds the request's weight; returns the window's used weight after it. */
  add(request: SeenRequest): number {
    const window = Math.floor(request.atMs / this.windowMs);
    const used = (this.perWindow.get(window) ?? this.startUsed) + documentedWeight(request);
    this.perWindow.set(window, used);
    return used;
  }
}

/** Polls `condition` until true or the deadline passes. */
export async function waitFor(condition: () => boolean, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met before deadline');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A twelve-column Binance kline row, as strings where Binance sends strings. */
export function klineRow(openTimeMs: number, closeTimeMs: number, ohlcv: readonly number[]): unknown[] {
  const [o, h, l, c, v] = ohlcv.map(String);
  return [openTimeMs, o, h, l, c, v, closeTimeMs, '1000.5', 42, '0', '0', '0'];
}

export function exchangeInfoBody(weightLimit: number, symbols: readonly object[] = []): unknown {
  return {
    timezone: 'UTC',
    serverTime: 0,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
    ],
    exchangeFilters: [],
    symbols,
  };
}
