import pino, { type LevelWithSilent, type Logger } from 'pino';
import { consoleStyle, type LogFormatSetting } from './logFormat.js';
import { createLogger } from './logger.js';

/**
 * The logger of a command whose stdout carries machine lines (`sim`, `download`): logs go to
 * stderr, readable when stderr is a terminal (LOG_FORMAT=auto) and JSON lines otherwise, as the
 * bot's own rule on stdout.
 */
export function stderrLogger(level: LevelWithSilent, format: LogFormatSetting): Logger {
  const style = consoleStyle(format, process.stderr);
  if (style.format === 'pretty') return createLogger({ level, secrets: [], format: 'pretty', destination: process.stderr, colors: process.stderr.isTTY === true });
  return createLogger({ level, secrets: [], destination: pino.destination({ dest: 2, sync: true }) });
}
