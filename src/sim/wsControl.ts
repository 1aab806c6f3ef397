/** What a control message asks the connection to do, after validation. */
export type ControlAction =
  | { readonly kind: 'subscribe'; readonly streams: readonly string[] }
  | { readonly kind: 'unsubscribe'; readonly streams: readonly string[] }
  | { readonly kind: 'setCombined'; readonly combined: boolean }
  | { readonly kind: 'none' };

/** The reply text to send and the action to apply. */
export interface ControlOutcome {
  readonly reply: string;
  readonly action: ControlAction;
  readonly isError: boolean;
}

/** The connection state a control message is judged against. */
export interface ControlContext {
  readonly streams: readonly string[];
  readonly combined: boolean;
  readonly maxStreams: number;
}

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'] as const;
const NONE: ControlAction = { kind: 'none' };

function error(code: number, msg: string, id?: number): ControlOutcome {
  const body = id === undefined ? { error: { code, msg } } : { error: { code, msg }, id };
  return { reply: JSON.stringify(body), action: NONE, isError: true };
}

function result(value: unknown, id: number, action: ControlAction = NONE): ControlOutcome {
  return { reply: JSON.stringify({ result: value, id }), action, isError: false };
}

/** 1-based line and column of a character offset, as serde reports positions. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length} column ${(before[before.length - 1] ?? '').length + 1}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reply: ControlOutcome } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const start = text.search(/\S/);
    const first = start < 0 ? '' : text.charAt(start);
    if (start < 0 || !/[[{"\-0-9tfn]/.test(first)) {
      return { ok: false, reply: error(3, `Invalid JSON: expected value at ${position(text, Math.max(0, start))}`) };
    }
    return { ok: false, reply: error(3, `Invalid JSON: EOF while parsing a value at ${position(text, text.length)}`) };
  }
}

/**
 * Answers one text message on a market-stream socket exactly as Binance does (A5): replies
 * `{"result":…,"id":N}`, or an error wrapped as `{"error":{"code","msg"},"id"?}`. Pure: the caller
 * applies the returned action. Choice of this simulator (Binance does not document it): a SUBSCRIBE
 * that would pass `maxStreams` is refused whole with a code-2 error and changes nothing.
 */
export function handleControlMessage(text: string, ctx: ControlContext): ControlOutcome {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed.reply;
  const msg = parsed.value;
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return error(2, `Invalid request: invalid type: expected struct Request at ${position(text, text.length)}`);
  }
  const { method, params, id } = msg as { method?: unknown; params?: unknown; id?: unknown };
  if (method === undefined) return error(2, `Invalid request: missing field method at ${position(text, text.length)}`);
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    const quoted = JSON.stringify(method);
    const at = text.indexOf(quoted, text.indexOf('"method"') + 8);
    return error(2, `Invalid request: unknown variant ${String(method)}, expected one of ${METHODS.join(', ')} at ${position(text, at < 0 ? text.length : at + quoted.length)}`);
  }
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return error(2, 'Invalid request: request ID must be an unsigned integer');
  const list = params === undefined ? [] : params;
  if (!Array.isArray(list)) return error(2, 'Invalid request: params must be an array', id);
  switch (method) {
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      if (!list.every((p): p is string => typeof p === 'string')) return error(2, 'Invalid request: params must be stream names (strings)', id);
      if (method === 'UNSUBSCRIBE') return result(null, id, { kind: 'unsubscribe', streams: list });
      const after = new Set([...ctx.streams, ...list]);
      if (after.size > ctx.maxStreams) return error(2, `Invalid request: too many streams; a connection can listen to at most ${ctx.maxStreams}`, id);
      return result(null, id, { kind: 'subscribe', streams: list });
    }
    case 'LIST_SUBSCRIPTIONS':
      if (list.length > 0) return error(2, 'Invalid request: too many parameters', id);
      return result([...ctx.streams], id);
    case 'SET_PROPERTY': {
      if (list.length > 2) return error(2, 'Invalid request: too many parameters', id);
      const [name, value] = list as unknown[];
      if (typeof name !== 'string') return error(2, 'Invalid request: property name must be a string', id);
      if (name !== 'combined') return error(0, 'Unknown property', id);
      if (typeof value !== 'boolean') return error(1, 'Invalid value type: expected Boolean', id);
      return result(null, id, { kind: 'setCombined', combined: value });
    }
    default: {
      if (list.length > 1) return error(2, 'Invalid request: too many parameters', id);
      const [name] = list as unknown[];
      if (typeof name !== 'string') return error(2, 'Invalid request: property name must be a string', id);
      if (name !== 'combined') return error(0, 'Unknown property', id);
      return result(ctx.combined, id);
    }
  }
}
