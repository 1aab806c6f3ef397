import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import type { LogFormat } from './logFormat.js';
import { prettyDestination, type TextSink } from './prettyDestination.js';
import { redactSecrets } from './redact.js';
import { stdoutDestination } from './stdoutDestination.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  /** Secrets to scrub from every line (the Telegram token). */
  readonly secrets: readonly string[];
  /** JSON lines (default) or readable lines (see resolveLogFormat). */
  readonly format?: LogFormat;
  /** Where lines go; stdout by default. Readable lines take any {@link TextSink}. */
  readonly destination?: DestinationStream | TextSink;
  /** ANSI colours in readable lines; default: whether stdout is a terminal. */
  readonly colors?: boolean;
}

/**
 * The one root logger of the process (made in main, passed down; components take
 * `logger.child({ component })`). Every serialized line passes through {@link redactSecrets}
 * before it is written, so a token inside an error message or a URL field never reaches a log;
 * readable lines are drawn from the redacted JSON line.
 */
export function createLogger({ level, secrets, format = 'json', destination, colors }: LoggerOptions): Logger {
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: (line: string) => redactSecrets(line, secrets) },
  };
  if (format === 'pretty') {
    const stacks = level === 'debug' || level === 'trace';
    return pino(options, prettyDestination(destination ?? process.stdout, { colors: colors ?? process.stdout.isTTY === true, stacks }));
  }
  return pino(options, (destination as DestinationStream | undefined) ?? stdoutDestination());
}
