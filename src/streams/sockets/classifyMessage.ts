/** What an incoming text message is, as far as the socket layer cares. */
export type InboundMessage =
  | { readonly kind: 'data' }
  | { readonly kind: 'ack'; readonly id: number }
  | { readonly kind: 'error'; readonly id: number | undefined; readonly code: unknown; readonly msg: unknown };

const DATA: InboundMessage = { kind: 'data' };

/**
 * Separates control replies (`{"result":null,"id":1}`, `{"error":{…},"id":2}`, `{"code":2,"msg":…}`)
 * from data. Data frames start with `{"stream"` and are recognised without parsing, so the hot path
 * pays one `startsWith`; anything unrecognised is passed on as data for parseKline to judge.
 */
export function classifyMessage(text: string): InboundMessage {
  if (text.startsWith('{"stream"')) return DATA;
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return DATA;
  }
  if (typeof msg !== 'object' || msg === null || 'stream' in msg) return DATA;
  const m = msg as Record<string, unknown>;
  const id = typeof m.id === 'number' ? m.id : undefined;
  if ('result' in m && id !== undefined) return { kind: 'ack', id };
  const err = typeof m.error === 'object' && m.error !== null ? (m.error as Record<string, unknown>) : m;
  if ('code' in err && 'msg' in err) return { kind: 'error', id, code: err.code, msg: err.msg };
  return DATA;
}
