/** Telegram's limit on one message's text (C2). */
export const TELEGRAM_MAX_CHARS = 4096;

/**
 * Splits a message into parts of at most `maxChars` UTF-16 units at line boundaries, never
 * inside a line, so a tag (templates keep tags within a line) or a number is never cut. Only a
 * single line longer than `maxChars` is broken, at its last space (or, with none, at the limit
 * outside an `&…;` entity). Length is counted on the raw HTML, which is never shorter than what
 * Telegram counts after parsing entities.
 */
export function splitMessage(text: string, maxChars: number = TELEGRAM_MAX_CHARS): string[] {
  if (text.length <= maxChars) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n').flatMap((l) => breakLongLine(l, maxChars))) {
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= maxChars) current += `\n${line}`;
    else {
      parts.push(current);
      current = line;
    }
  }
  if (current !== '') parts.push(current);
  return parts.filter((p) => p.trim() !== '');
}

function breakLongLine(line: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > maxChars) {
    let cut = rest.lastIndexOf(' ', maxChars);
    if (cut <= 0) {
      cut = maxChars;
      const amp = rest.lastIndexOf('&', cut);
      if (amp > 0 && rest.indexOf(';', amp) >= cut) cut = amp;
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}
