import { WebSocket, type RawData } from 'ws';
import { isInterval, type Kline } from '../../src/domain/index.js';
import { loadKlineFolder, type KlineDataset } from '../../src/csv/klineCsv.js';

/** The repository's own candle data (never ../shared). */
export const DATA_DIR = new URL('../../examples/klines/', import.meta.url).pathname;

let dataset: KlineDataset | undefined;
/** The example dataset, loaded once per test file. */
export function exampleData(): KlineDataset {
  dataset ??= loadKlineFolder(DATA_DIR);
  return dataset;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A WebSocket client that records every frame, pings, and how it closed. */
export class RecordingClient {
  readonly frames: Array<{ text: string; binary: boolean }> = [];
  pings = 0;
  closed: { code: number; reason: string } | undefined;
  readonly ws: WebSocket;

  constructor(url: string, options: { autoPong?: boolean } = {}) {
    this.ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
    this.ws.on('message', (data: RawData, binary: boolean) => this.frames.push({ text: Buffer.from(data as Buffer).toString('utf8'), binary }));
    this.ws.on('ping', () => { this.pings += 1; });
    this.ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; });
    this.ws.on('error', () => undefined);
  }

  async open(): Promise<this> {
    await waitFor('socket open', () => this.ws.readyState === WebSocket.OPEN || this.closed !== undefined);
    if (this.closed) throw new Error(`socket closed before open: ${this.closed.code}`);
    return this;
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** Parsed JSON of all text frames (garbage that does not parse is skipped). */
  json(): unknown[] {
    return this.frames.flatMap((f) => {
      try { return f.binary ? [] : [JSON.parse(f.text) as unknown]; } catch { return []; }
    });
  }

  /** Waits for the first reply whose `id` is `id`. */
  async reply(id: number): Promise<Record<string, unknown>> {
    return waitFor(`reply ${id}`, () => this.json().find((m) => (m as { id?: unknown }).id === id) as Record<string, unknown> | undefined);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A raw kline event payload (A3). */
export interface KlineEvent {
  e: string; E: number; s: string;
  k: { t: number; T: number; s: string; i: string; f: number; L: number; o: string; c: string; h: string; l: string; v: string; n: number; x: boolean; q: string; V: string; Q: string; B: string };
}

/** A kline event as a domain kline, the way a client parses it. */
export function eventKline(ev: KlineEvent): Kline {
  const { k } = ev;
  if (!isInterval(k.i)) throw new Error(`unexpected interval ${k.i}`);
  return {
    symbol: k.s, interval: k.i, openTimeMs: k.t, closeTimeMs: k.T, open: Number(k.o), high: Number(k.h), low: Number(k.l),
    close: Number(k.c), volume: Number(k.v), quoteVolume: Number(k.q), trades: k.n, closed: k.x,
  };
}

export async function getJson(url: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}
