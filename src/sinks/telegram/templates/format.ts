/**
 * Number and time formatting for messages. Prices follow the symbol's tick size (what the exchange
 * would show); without one, six significant digits, so both 97 123.4 and 0.0000123 read well.
 * Decimal point is `.` in both languages: it is how prices appear on the exchange and in charts.
 */

/** Tick sizes by symbol (exchangeInfo PRICE_FILTER), e.g. `{ BTCUSDT: 0.1 }`. */
export type TickSizes = Readonly<Record<string, number>>;

const SIGNIFICANT_DIGITS = 6;
const MAX_DECIMALS = 12;

/** Decimals a step such as 0.001 or 1e-7 implies. */
export function decimalsOfStep(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d <= MAX_DECIMALS; d += 1) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return MAX_DECIMALS;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A number with `SIGNIFICANT_DIGITS` significant digits, never in exponent notation. */
export function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(MAX_DECIMALS, Math.max(0, SIGNIFICANT_DIGITS - 1 - magnitude));
  return trimZeros(value.toFixed(decimals));
}

/** A model's score for people, always one decimal wherever it is shown: `76.3`, `84.0`. */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = value.toFixed(1);
  return fixed === '-0.0' ? '0.0' : fixed;
}

/** Score points and thresholds (settings, parts of a score): at most one decimal, `75`, `6.3`. */
export function formatPoints(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = trimZeros(value.toFixed(1));
  return fixed === '-0' ? '0' : fixed;
}

/** The asset a USDⓈ-M symbol's quantity counts: `ETH` of ETHUSDT, `1000PEPE` of 1000PEPEUSDT; the symbol when no quote matches. */
export function baseAssetOf(symbol: string): string {
  const base = symbol.replace(/(USDT|USDC|BUSD)$/, '');
  return base === '' ? symbol : base;
}

/** A price rounded to `tickSize` (when known and positive), otherwise {@link formatSignificant}. */
export function formatPrice(value: number, tickSize?: number): string {
  if (tickSize === undefined || !(tickSize > 0) || !Number.isFinite(value)) return formatSignificant(value);
  const decimals = decimalsOfStep(tickSize);
  const rounded = Math.round(value / tickSize) * tickSize;
  return rounded.toFixed(decimals);
}

/** A fixed number of decimals with a sign always shown, for R multiples and changes: `+1.25`, `-0.80`. */
export function formatSigned(value: number, decimals = 2): string {
  const fixed = value.toFixed(decimals);
  return value > 0 || (value === 0 && !fixed.startsWith('-')) ? `+${fixed}` : fixed;
}

/** Money in USDT with two decimals: `1012.35`. */
export function formatUsdt(value: number): string {
  return value.toFixed(2);
}

/** A percentage with up to two decimals: `1`, `0.5`, `62.5`. */
export function formatPct(value: number): string {
  return formatRounded(value);
}

/** A setting for people, up to two decimals and no float noise: `0.3` for 0.1 + 0.2, `33.33`, `12`. */
export function formatRounded(value: number): string {
  const fixed = trimZeros(value.toFixed(2));
  return fixed === '-0' ? '0' : fixed;
}

/**
 * A length of time given in hours, in the unit a trader would say it in: minutes under an hour,
 * whole days from two days on, hours otherwise (`30` minute, `3` day, `1.5` hour).
 */
export function hoursInUnits(hours: number): { readonly unit: 'minute' | 'hour' | 'day'; readonly value: string } {
  if (hours < 1) return { unit: 'minute', value: formatRounded(hours * 60) };
  if (hours >= 48 && hours % 24 === 0) return { unit: 'day', value: String(hours / 24) };
  return { unit: 'hour', value: formatRounded(hours) };
}

/** An instant as `2025-01-03 14:30 UTC` (messages state times in UTC, like the daily limit). */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A UTC day as `2025-01-03`. */
export function formatUtcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A duration as `2d 3h 30m` or `2 ngày 3 giờ 30 phút`, with the language's units. */
export function formatDuration(ms: number, units: { day: string; hour: string; minute: string }): string {
  const totalMinutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}${units.day}`);
  if (hours > 0) parts.push(`${hours}${units.hour}`);
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes}${units.minute}`);
  return parts.join(' ');
}
