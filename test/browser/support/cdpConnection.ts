import WebSocket from 'ws';

/** One Chrome DevTools Protocol event: `Runtime.consoleAPICalled`, `Page.loadEventFired`, ... */
export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

interface Pending {
  readonly method: string;
  resolve(result: Record<string, unknown>): void;
  reject(err: Error): void;
}

/** A CDP command the browser answered with an error (unknown method, bad params, ...). */
export class CdpCommandError extends Error {
  readonly code = 'CDP_COMMAND';
  constructor(method: string, detail: string) {
    super(`${method} failed: ${detail}`);
  }
}

/**
 * A Chrome DevTools Protocol client over one WebSocket (a page target's `webSocketDebuggerUrl`):
 * numbered commands answered by id, and every event handed to the listeners. Just enough protocol
 * for the browser tests, so they need neither puppeteer nor playwright.
 */
export class CdpConnection {
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private nextId = 1;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', () => this.failAll(new Error('CDP socket closed')));
    socket.on('error', (err) => this.failAll(err));
  }

  /** Connects to a target's DevTools WebSocket URL. */
  static async connect(wsUrl: string, timeoutMs = 10_000): Promise<CdpConnection> {
    const socket = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024, handshakeTimeout: timeoutMs });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpConnection(socket);
  }

  /** Sends a command and resolves with its `result`; rejects with {@link CdpCommandError}. */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: (r) => resolve(r as T), reject });
      this.socket.send(JSON.stringify({ id, method, params }), (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the next event named `method` (e.g. `Page.loadEventFired`), or rejects after `timeoutMs`. */
  waitForEvent(method: string, timeoutMs: number): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onEvent((event) => {
        if (event.method !== method) return;
        clearTimeout(timer);
        off();
        resolve(event);
      });
    });
  }

  /** Closes the socket; pending commands reject. */
  close(): void {
    this.socket.close();
  }

  private onMessage(text: string): void {
    const msg = JSON.parse(text) as { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message?: string } };
    if (msg.id !== undefined) {
      const pending = this.pending.get(msg.id);
      if (!pending) return;
      this.pending.delete(msg.id);
      if (msg.error) pending.reject(new CdpCommandError(pending.method, msg.error.message ?? JSON.stringify(msg.error)));
      else pending.resolve(msg.result ?? {});
      return;
    }
    if (msg.method !== undefined) for (const listener of [...this.listeners]) listener({ method: msg.method, params: msg.params ?? {} });
  }

  private failAll(err: Error): void {
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }
}
