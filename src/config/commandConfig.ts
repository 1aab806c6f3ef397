import { ConfigError } from '../domain/errors.js';
import { parseConfig, type Config } from './config.js';

/**
 * The configuration an offline command (backtest, walkforward) runs with, or `undefined` after one
 * line on stderr naming the bad setting (the command then exits 1). Other errors propagate.
 */
export function commandConfig(env: Readonly<Record<string, string | undefined>>, writeError: (line: string) => void): Config | undefined {
  try {
    return parseConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    writeError(`config error: ${err.message}`);
    return undefined;
  }
}
