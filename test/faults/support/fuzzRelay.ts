import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/**
 * A WebSocket relay speaking Binance's combined stream in front of the simulator: every client
 * connection is mirrored to the same path upstream, both ways, frame type preserved. `inject`
 * pushes extra frames to every open client between the real ones: fuzzed frames reach the real
 * bot on its real shard sockets.
 */
export class FuzzRelay {
  private readonly clients = new Set<WebSocket>();

  private constructor(private readonly server: Server, private readonly wss: WebSocketServer, readonly wsBaseUrl: string) {}

  /** `upstreamOrigin`: `ws://host:port` of the simulator (client paths are kept as they are). */
  static async start(upstreamOrigin: string): Promise<FuzzRelay> {
    const server = createServer((_, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ server, perMessageDeflate: false });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const relay = new FuzzRelay(server, wss, `ws://127.0.0.1:${(server.address() as AddressInfo).port}/market`);
    wss.on('connection', (client, req) => relay.accept(client, `${upstreamOrigin}${req.url ?? '/'}`));
    return relay;
  }

  /** Client connections open now. */
  get openClients(): number {
    return [...this.clients].filter((c) => c.readyState === WebSocket.OPEN).length;
  }

  /** Sends each frame (text, or bytes as a binary frame) to every open client; returns the frames sent per client. */
  inject(frames: ReadonlyArray<string | Uint8Array>): number {
    const open = [...this.clients].filter((c) => c.readyState === WebSocket.OPEN);
    for (const c of open) for (const f of frames) c.send(f, { binary: typeof f !== 'string' });
    return open.length === 0 ? 0 : frames.length;
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: WebSocket, upstreamUrl: string): void {
    const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
    const early: Array<[RawData, boolean]> = [];
    this.clients.add(client);
    upstream.on('open', () => {
      for (const [data, binary] of early.splice(0)) upstream.send(data, { binary });
    });
    upstream.on('message', (data: RawData, binary: boolean) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary });
    });
    client.on('message', (data: RawData, binary: boolean) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
      else early.push([data, binary]);
    });
    const end = (): void => {
      this.clients.delete(client);
      client.terminate();
      upstream.terminate();
    };
    upstream.on('close', end);
    upstream.on('error', end);
    client.on('close', end);
    client.on('error', end);
  }
}
