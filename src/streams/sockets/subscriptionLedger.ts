/** One Binance live-subscription request; `id` is an unsigned integer echoed in the reply. */
export interface ControlMessage {
  readonly method: 'SUBSCRIBE' | 'UNSUBSCRIBE';
  readonly params: readonly string[];
  readonly id: number;
}

/** Splits a list into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What one connection has asked the server for. It opens with a short URL (the first batch),
 * SUBSCRIBEs the rest in batches, and turns every later universe into the exact diff. The
 * connection counts as open once every initial SUBSCRIBE is ACKed. Pure: no I/O, no time.
 */
export class SubscriptionLedger {
  /** Streams named in the opening URL (at most one batch, so the URL stays short). */
  readonly urlStreams: readonly string[];
  /** SUBSCRIBE batches for the initial streams that did not fit in the URL. */
  readonly initialMessages: readonly ControlMessage[];
  private readonly wanted: Set<string>;
  private readonly awaiting = new Set<number>();
  private nextId = 1;

  constructor(
    initial: Iterable<string>,
    private readonly batchSize: number,
  ) {
    const all = [...initial];
    this.urlStreams = all.slice(0, batchSize);
    this.wanted = new Set(all);
    this.initialMessages = this.messages('SUBSCRIBE', all.slice(batchSize));
    for (const m of this.initialMessages) this.awaiting.add(m.id);
  }

  /** True once every initial SUBSCRIBE has been answered. */
  get ready(): boolean {
    return this.awaiting.size === 0;
  }

  /** Streams requested so far (URL + SUBSCRIBEs − UNSUBSCRIBEs), in request order. */
  streams(): string[] {
    return [...this.wanted];
  }

  /** The messages that move the server from what was requested to `desired`: UNSUBSCRIBEs first. */
  reconcile(desired: ReadonlySet<string>): ControlMessage[] {
    const removed: string[] = [];
    for (const s of this.wanted) if (!desired.has(s)) removed.push(s);
    const added: string[] = [];
    for (const s of desired) if (!this.wanted.has(s)) added.push(s);
    for (const s of removed) this.wanted.delete(s);
    for (const s of added) this.wanted.add(s);
    return [...this.messages('UNSUBSCRIBE', removed), ...this.messages('SUBSCRIBE', added)];
  }

  /** Records a reply (ACK or error) for `id`; true when it was the last initial one outstanding. */
  answer(id: number): boolean {
    return this.awaiting.delete(id) && this.awaiting.size === 0;
  }

  private messages(method: ControlMessage['method'], streams: readonly string[]): ControlMessage[] {
    return chunk(streams, this.batchSize).map((params) => ({ method, params, id: this.nextId++ }));
  }
}
