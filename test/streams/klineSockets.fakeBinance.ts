import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One control message as the fake received it, with its arrival time (wall clock, test side). */
export interface ReceivedControl {
  readonly atMs: number;
  readonly method: string;
  readonly params: string[];
  readonly id: number;
}

export interface FakeConnection {
  readonly n: number;
  readonly path: string;
  readonly urlStreams: string[];
  readonly subscribed: Set<string>;
  readonly received: ReceivedControl[];
  readonly socket: WebSocket;
  closed: boolean;
}

/**
 * The Binance side of the market stream, small enough to read: accepts `/market/stream?streams=`,
 * ACKs SUBSCRIBE/UNSUBSCRIBE with `{"result":null,"id":N}` (unless `ack` is off: a silent feed),
 * pushes combined frames on demand and can drop a client abruptly. `events` is the order of
 * what happened, for make-before-break assertions.
 */
export class FakeBinance {
  readonly connections: FakeConnection[] = [];
  readonly events: string[] = [];
  ack = true;

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket, req) => this.accept(socket, req.url ?? ''));
  }

  static async start(): Promise<FakeBinance> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeBinance(server);
  }

  /** The routed base the bot is configured with. */
  get baseUrl(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/market`;
  }

  live(): FakeConnection[] {
    return this.connections.filter((c) => !c.closed);
  }

  /** Sends a combined frame for `stream` to every live connection subscribed to it; returns how many. */
  push(stream: string, data: unknown): number {
    const text = JSON.stringify({ stream, data });
    const targets = this.live().filter((c) => c.subscribed.has(stream));
    for (const c of targets) c.socket.send(text);
    return targets.length;
  }

  /** Sends raw bytes as a TEXT frame (e.g. invalid UTF-8) to every client subscribed to `stream`. */
  pushRawText(stream: string, bytes: Uint8Array): number {
    const targets = this.live().filter((c) => c.subscribed.has(stream));
    for (const c of targets) c.socket.send(bytes, { binary: false });
    return targets.length;
  }

  /** Abrupt TCP drop: no close frame (the client sees 1006). */
  drop(c: FakeConnection): void {
    c.socket.terminate();
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, url: string): void {
    const parsed = new URL(url, 'ws://x');
    const urlStreams = (parsed.searchParams.get('streams') ?? '').split('/').filter((s) => s.length > 0);
    const c: FakeConnection = {
      n: this.connections.length + 1, path: parsed.pathname, urlStreams, subscribed: new Set(urlStreams),
      received: [], socket, closed: false,
    };
    this.connections.push(c);
    this.events.push(`connect ${c.n}`);
    socket.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { method: string; params: string[]; id: number };
      c.received.push({ atMs: Date.now(), method: msg.method, params: msg.params, id: msg.id });
      for (const s of msg.params) {
        if (msg.method === 'SUBSCRIBE') c.subscribed.add(s);
        else c.subscribed.delete(s);
      }
      if (this.ack) {
        socket.send(JSON.stringify({ result: null, id: msg.id }));
        this.events.push(`ack ${c.n} ${msg.id}`);
      }
    });
    socket.on('close', () => {
      c.closed = true;
      this.events.push(`close ${c.n}`);
    });
  }
}

/** Polls `probe` until it returns a truthy value, failing with `what` after `deadlineMs`. */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, deadlineMs = 4000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A kline payload as Binance sends it (strings for prices), for frame forwarding tests. */
export function klinePayload(symbol: string, interval: string, openTimeMs: number): unknown {
  return {
    e: 'kline', E: openTimeMs + 1, s: symbol,
    k: { t: openTimeMs, T: openTimeMs + 1_799_999, s: symbol, i: interval, f: 1, L: 2, o: '1.0', c: '1.1', h: '1.2', l: '0.9', v: '10', n: 3, x: false, q: '11', V: '5', Q: '5.5', B: '0' },
  };
}
