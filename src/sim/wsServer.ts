import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { VirtualClock } from './clock.js';
import type { Market } from './market.js';
import type { ResolvedLimits } from './options.js';
import type { SimulatorStats } from './stats.js';
import { newCursor, parseStreamPath, type SimConnection } from './wsConnection.js';
import { handleControlMessage } from './wsControl.js';

export interface WsDeps {
  readonly market: Market;
  readonly clock: VirtualClock;
  readonly limits: ResolvedLimits;
  readonly stats: SimulatorStats;
  readonly logger: Logger;
}

/** Close codes this simulator uses (Binance documents none): 1008 policy violation for too many messages. */
export const CLOSE_TOO_MANY_MESSAGES = 1008;
/** Pong timeout and the 24 h cut are plain closes, as Binance documents no code for them. */
export const CLOSE_PONG_TIMEOUT = 1001;
export const CLOSE_MAX_AGE = 1000;

function reject(socket: Duplex, status: string, body: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * The market-stream side of the fake exchange (A1–A6): accepts upgrades on `/market/ws/…`,
 * `/market/stream?streams=…` and the legacy `/ws`, `/stream`; answers control messages; enforces
 * the 10 messages/s limit, the stream cap (an URL with too many streams is refused with HTTP 400),
 * server pings with a pong deadline, and the connection age cut. Pushing is `pushRound`'s job.
 */
export class MarketStreamServer {
  readonly connections = new Set<SimConnection>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly log: Logger;
  private nextId = 1;

  constructor(private readonly deps: WsDeps) {
    this.log = deps.logger.child({ component: 'simWs' });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const route = parseStreamPath(req.url ?? '/');
    if (!route) {
      this.deps.stats.ws.rejectedUpgrades += 1;
      reject(socket, '404 Not Found', 'Not Found');
      return;
    }
    if (route.streams.length > this.deps.limits.maxStreamsPerConnection) {
      this.deps.stats.ws.rejectedUpgrades += 1;
      reject(socket, '400 Bad Request', `Too many streams: at most ${this.deps.limits.maxStreamsPerConnection}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, route));
  }

  /** Terminates every socket abruptly (no close frame); returns how many. */
  dropAll(): number {
    const count = this.connections.size;
    for (const conn of this.connections) conn.ws.terminate();
    return count;
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, route: NonNullable<ReturnType<typeof parseStreamPath>>): void {
    const { stats, limits, market, clock } = this.deps;
    const now = clock.nowMs();
    const conn: SimConnection = {
      id: this.nextId++, ws, legacy: route.legacy, path: route.path, combined: route.combined,
      cursors: new Map(route.streams.map((name) => [name, newCursor(name, market, now)])),
      incomingAtMs: [], timers: [],
    };
    this.connections.add(conn);
    stats.connections.open += 1;
    stats.connections.opened += 1;
    if (conn.legacy) stats.connections.legacy += 1;
    let pongDeadline = setTimeout(() => this.pongTimeout(conn), limits.pongTimeoutMs);
    conn.timers.push(
      setInterval(() => {
        stats.ws.pingsSent += 1;
        ws.ping();
      }, limits.pingIntervalMs),
      setTimeout(() => {
        stats.ws.ageCuts += 1;
        ws.close(CLOSE_MAX_AGE, 'Connection lifetime exceeded');
      }, limits.maxConnectionAgeMs),
    );
    ws.on('pong', () => {
      stats.ws.pongsReceived += 1;
      clearTimeout(pongDeadline);
      pongDeadline = setTimeout(() => this.pongTimeout(conn), limits.pongTimeoutMs);
    });
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('error', (err) => this.log.debug({ err, connection: conn.id }, 'ws socket error'));
    ws.on('close', () => {
      conn.timers.forEach((t) => clearTimeout(t));
      clearTimeout(pongDeadline);
      this.connections.delete(conn);
      stats.connections.open -= 1;
      stats.connections.closed += 1;
    });
    this.log.debug({ connection: conn.id, path: route.path, streams: route.streams.length }, 'ws connection accepted');
  }

  private pongTimeout(conn: SimConnection): void {
    this.deps.stats.ws.pongTimeouts += 1;
    conn.ws.close(CLOSE_PONG_TIMEOUT, 'Pong timeout');
    conn.timers.push(setTimeout(() => conn.ws.terminate(), 1000));
  }

  private onMessage(conn: SimConnection, data: RawData, isBinary: boolean): void {
    const { stats, limits, market, clock } = this.deps;
    const realNow = performance.now();
    conn.incomingAtMs.push(realNow);
    while ((conn.incomingAtMs[0] ?? realNow) <= realNow - 1000) conn.incomingAtMs.shift();
    if (conn.incomingAtMs.length > limits.maxIncomingPerSecond) {
      stats.ws.tooManyMessages += 1;
      conn.ws.close(CLOSE_TOO_MANY_MESSAGES, 'Too many messages');
      conn.timers.push(setTimeout(() => conn.ws.terminate(), 1000));
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString(isBinary ? 'latin1' : 'utf8');
    const outcome = handleControlMessage(text, {
      streams: [...conn.cursors.keys()], combined: conn.combined, maxStreams: limits.maxStreamsPerConnection,
    });
    const { action } = outcome;
    if (action.kind === 'subscribe') {
      const now = clock.nowMs();
      for (const name of action.streams) if (!conn.cursors.has(name)) conn.cursors.set(name, newCursor(name, market, now));
    } else if (action.kind === 'unsubscribe') {
      for (const name of action.streams) conn.cursors.delete(name);
    } else if (action.kind === 'setCombined') {
      conn.combined = action.combined;
    }
    if (outcome.isError) stats.frames.errors += 1;
    else stats.frames.control += 1;
    conn.ws.send(outcome.reply);
  }
}
