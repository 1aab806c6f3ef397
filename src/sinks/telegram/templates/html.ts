/**
 * Telegram HTML parse mode: escaping dynamic values, turning a message back into plain text (for
 * the console sink and the "can't parse entities" fallback), and checking markup the way the Bot
 * API does, so templates, the sender and the test fake agree on what is valid.
 */

/** Escapes `<`, `>` and `&` in a value placed between tags. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value placed inside a quoted attribute (`href="…"`): also `"`. */
export function escapeAttr(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;');
}

/** The tags the Bot API accepts in HTML mode (C3). */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji',
]);

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const ENTITY = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/;
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>/;

function decodeEntity(name: string | undefined, dec: string | undefined, hex: string | undefined): string {
  if (name !== undefined) return NAMED[name] ?? '';
  const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '0', 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Result of reading HTML-mode text: the plain text Telegram would show, or why it refuses it. */
export type ParsedHtml = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/**
 * Reads HTML-mode text like the Bot API: known tags must nest and close, `&` must start a
 * supported entity, a stray `<` is an error. The error wording follows Telegram's
 * ("Unsupported start tag …", "Can't find end tag …") and is what the fake puts after
 * "Bad Request: can't parse entities: ".
 */
export function parseTelegramHtml(html: string): ParsedHtml {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    const rest = html.slice(i);
    if (ch === '<') {
      const tag = TAG.exec(rest);
      if (!tag) return { ok: false, error: `Unexpected "<" at byte offset ${i}` };
      const [whole, closing, rawName] = tag;
      const name = (rawName ?? '').toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return { ok: false, error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name) return { ok: false, error: `Unexpected end tag at byte offset ${i}` };
      } else {
        stack.push(name);
      }
      i += whole.length;
    } else if (ch === '&') {
      const entity = ENTITY.exec(rest);
      if (!entity) return { ok: false, error: `Unsupported entity at byte offset ${i}` };
      text += decodeEntity(entity[1], entity[2], entity[3]);
      i += entity[0].length;
    } else {
      text += ch;
      i += 1;
    }
  }
  const open = stack.pop();
  if (open !== undefined) return { ok: false, error: `Can't find end tag corresponding to start tag "${open}"` };
  return { ok: true, text };
}

/**
 * Plain text of an HTML-mode message: tags dropped, entities decoded. Lenient where the parser is
 * strict (a broken tag stays as text), because it is the fallback for text Telegram refused.
 */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^<>]*)?>/g, '')
    .replace(/&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (_m, name?: string, dec?: string, hex?: string) =>
      decodeEntity(name, dec, hex),
    );
}
