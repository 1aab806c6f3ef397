/** How the console sink sets a message apart from the log lines around it (on a terminal). */
export interface ConsoleFrameOptions {
  /** ANSI colours for the frame (the text keeps its own). */
  readonly colors: boolean;
}

const RULE_WIDTH = 56;
const TITLE = ' Telegram message ';

/**
 * A message the bot would have sent to Telegram, as a block with a rule above, a bar down its left
 * side and a rule below: it cannot be mistaken for a log line. No right border, so emoji and
 * Vietnamese of any width never break it.
 */
export function framedMessage(text: string, { colors }: ConsoleFrameOptions): string {
  const paint = (s: string) => (colors ? `\u001b[36m${s}\u001b[0m` : s);
  const top = paint(`╭─${TITLE}${'─'.repeat(RULE_WIDTH - TITLE.length - 2)}`);
  const body = text.split('\n').map((line) => `${paint('│')} ${line}`.trimEnd());
  const bottom = paint(`╰${'─'.repeat(RULE_WIDTH - 1)}`);
  return `${[top, ...body, bottom].join('\n')}\n`;
}
