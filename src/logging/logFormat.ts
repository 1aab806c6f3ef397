/** LOG_FORMAT as set: `auto` picks by the terminal. */
export type LogFormatSetting = 'auto' | 'pretty' | 'json';

/** How log lines are written: one readable line each, or one JSON object each (as pino writes them). */
export type LogFormat = 'pretty' | 'json';

/** How the console looks: the log format, and whether the console sink frames its messages (and in colour). */
export interface ConsoleStyle {
  readonly format: LogFormat;
  /** Only with readable lines: Telegram texts printed on the console stand apart from them. */
  readonly consoleFrame?: { readonly colors: boolean };
}

/** The console style for LOG_FORMAT and the stream the bot writes to (process.stdout). */
export function consoleStyle(setting: LogFormatSetting, out: { readonly isTTY?: boolean }): ConsoleStyle {
  const format = resolveLogFormat(setting, out.isTTY);
  return format === 'pretty' ? { format, consoleFrame: { colors: out.isTTY === true } } : { format };
}

/**
 * `auto` is readable lines on a terminal and JSON lines everywhere else (a file, PM2's logs, a pipe
 * into jq), so nothing that parses the logs today sees a change unless a person is watching.
 */
export function resolveLogFormat(setting: LogFormatSetting, isTerminal: boolean | undefined): LogFormat {
  if (setting === 'auto') return isTerminal === true ? 'pretty' : 'json';
  return setting;
}
