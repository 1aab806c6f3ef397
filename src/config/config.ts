import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError } from '../domain/errors.js';
import { ENV, type EnvValues } from './envSpec.js';

/** Variables whose refused value is not echoed whole: the error lands in stderr and PM2's log files. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['TELEGRAM_BOT_TOKEN']);

/**
 * A refused secret as the error shows it: the bot id before the colon stays (enough to see which
 * token), the secret part is hidden; a long value without a colon is hidden whole.
 */
function maskSecret(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const colon = raw.indexOf(':');
  if (colon >= 0) return `${raw.slice(0, colon)}:[REDACTED]`;
  return raw.length >= 16 ? '[REDACTED]' : raw;
}

/** Validated settings. Field names are the environment variable names. */
export type Config = EnvValues;

/**
 * Reads every variable of {@link ENV} from `env`, filling defaults. The first bad value throws a
 * {@link ConfigError} naming the variable, the value and the allowed range. An empty string
 * counts as unset.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const out: Record<string, unknown> = {};
  for (const spec of Object.values(ENV)) {
    const raw = env[spec.name];
    const given = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    const input = given ?? spec.defaultValue;
    if (input === undefined) {
      out[spec.name] = undefined;
      continue;
    }
    const parsed = spec.parse(input);
    if (!parsed.ok) throw new ConfigError(spec.name, SECRET_VARIABLES.has(spec.name) ? maskSecret(raw) : raw, spec.allowed);
    out[spec.name] = parsed.value;
  }
  return out as Config;
}

/**
 * Reads `.env` at `path` when it exists (variables already set in the environment win), then
 * parses. Node's own `.env` parser is used, so no dependency is needed.
 */
export function loadConfig(path = '.env', env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const fromFile = existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
  return parseConfig({ ...fromFile, ...env });
}

/** Variables still accepted but without effect: each set one is named in a start-up warning. */
const DEPRECATED: ReadonlyArray<{ readonly name: keyof Config; readonly why: string }> = [
  { name: 'SCAN_CONCURRENCY', why: 'scans are synchronous and run one per candle, in order' },
];

/** The deprecated variables the settings still set, with why they have no effect (for the start-up log). */
export function deprecatedSettings(config: Config): ReadonlyArray<{ readonly variable: string; readonly why: string }> {
  return DEPRECATED.filter((d) => config[d.name] !== undefined).map((d) => ({ variable: d.name, why: d.why }));
}
