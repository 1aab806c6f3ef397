/** Decimals every float in a report is rounded to: sums of floats then compare byte for byte. */
export const REPORT_DECIMALS = 10;

/**
 * Rounds to {@link REPORT_DECIMALS} decimals so that float noise (0.1 + 0.2) never reaches
 * report.json; -0 becomes 0. Non-finite values are a bug upstream and are kept visible as null.
 */
export function round(value: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const rounded = Number(value.toFixed(REPORT_DECIMALS));
  return rounded === 0 ? 0 : rounded;
}

/** {@link round} for a value that may be null. */
export function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}

/** `num / den`, rounded, or null when the denominator is 0. */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : round(num / den);
}

/** Sum in the given order (callers pass a stable order), rounded. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return round(total);
}

/**
 * A copy with object keys sorted at every depth: free-form records (config, breakdowns, verdicts)
 * serialize the same whatever order they were built in.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) out[key] = canonical(source[key]);
    return out;
  }
  if (typeof value === 'number') return round(value);
  return value;
}

const SECRET_KEY = /token|secret|password|passwd|api[_-]?key/i;

/** Config with secret-looking keys (TELEGRAM_BOT_TOKEN, …) replaced: a report is meant to be shared. */
export function redactConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(config).sort()) {
    const value = config[key];
    out[key] = SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '' ? '[redacted]' : canonical(value);
  }
  return out;
}
