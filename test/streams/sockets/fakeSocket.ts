import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';

/**
 * A `ws` stand-in driven by the test, for sockets on virtual time: nothing happens until the test
 * calls `open`, `frame` or `drop`. Only what openSocket uses is there.
 */
export class FakeSocket extends EventEmitter {
  readyState = 0; // CONNECTING
  readonly sent: string[] = [];
  closedByClient = false;

  constructor(readonly url: string, private readonly onClose: () => void = () => undefined) {
    super();
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3; // CLOSED
    this.onClose();
  }

  open(): void {
    this.readyState = 1; // OPEN
    this.emit('open');
  }

  frame(text: string): void {
    this.emit('message', Buffer.from(text), false);
  }

  /** The server cut the connection without a close frame (the client sees 1006). */
  drop(): void {
    this.readyState = 3;
    this.onClose();
    this.emit('close', 1006);
  }
}

export interface FakeSockets {
  readonly createSocket: (url: string) => WebSocket;
  /** Sockets made so far. */
  dialled(): number;
  /** The socket made last. */
  latest(): FakeSocket | undefined;
  /** Sockets not closed by either side. */
  live(): FakeSocket[];
}

/**
 * A socket factory that forgets a socket once it is closed, as `ws` lets a closed socket go: a
 * test holding every socket would keep alive whatever the sockets' listeners reach.
 */
export function fakeSockets(): FakeSockets {
  const open = new Set<FakeSocket>();
  let dialled = 0;
  let latest: FakeSocket | undefined;
  return {
    createSocket: (url) => {
      const socket = new FakeSocket(url, () => {
        open.delete(socket);
        if (latest === socket) latest = undefined;
      });
      open.add(socket);
      dialled += 1;
      latest = socket;
      return socket as unknown as WebSocket;
    },
    dialled: () => dialled,
    latest: () => latest,
    live: () => [...open],
  };
}
