import { UsageError } from '../../download/usageError.js';

/** A calendar length: days, weeks or UTC calendar months (a month is not 30 days). */
export interface Duration {
  readonly amount: number;
  readonly unit: 'd' | 'w' | 'mo';
}

const DURATION = /^([1-9][0-9]{0,3})(d|w|mo)$/;

/** `6mo`, `8w`, `45d` → a {@link Duration}; anything else is a one-line UsageError naming `flag`. */
export function parseDuration(flag: string, raw: string): Duration {
  const match = DURATION.exec(raw.trim());
  if (match === null) throw new UsageError(flag, `${JSON.stringify(raw)} is not a length like 6mo, 8w or 45d`);
  return { amount: Number(match[1]), unit: match[2] as Duration['unit'] };
}

/** `atMs` moved forward by `d`; months keep the UTC day of month (clamped at a short month's end). */
export function addDuration(atMs: number, d: Duration): number {
  if (d.unit === 'd') return atMs + d.amount * 86_400_000;
  if (d.unit === 'w') return atMs + d.amount * 7 * 86_400_000;
  const at = new Date(atMs);
  const month = at.getUTCMonth() + d.amount;
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return Date.UTC(at.getUTCFullYear(), month, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds());
}

/** `6mo`, `8w`, `45d`: as it was given. */
export function formatDuration(d: Duration): string {
  return `${d.amount}${d.unit}`;
}
