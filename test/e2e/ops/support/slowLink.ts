import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between the bot and the Bot API fake that holds every sendMessage RESPONSE for
 * `replyDelayMs` after the fake has accepted the message. That is the crash window of an outbox:
 * Telegram has the message, the bot has not yet recorded it as sent. A kill while `heldReplies > 0`
 * lands exactly there.
 */
export class SlowLink {
  /** sendMessage answers received from the fake and not yet passed to the bot. */
  heldReplies = 0;

  private constructor(private readonly server: Server, readonly apiRoot: string) {}

  static async start(targetRoot: string, replyDelayMs: number): Promise<SlowLink> {
    const target = new URL(targetRoot);
    let link: SlowLink | undefined;
    const server = createServer((req, res) => {
      const slow = /\/sendMessage$/i.test(req.url ?? '');
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            const pass = () => {
              if (slow && link) link.heldReplies -= 1;
              if (!res.destroyed) res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
            };
            if (!slow) return pass();
            if (link) link.heldReplies += 1;
            setTimeout(pass, replyDelayMs);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    link = new SlowLink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return link;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
