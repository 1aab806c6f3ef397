/** Escapes text for HTML element content and double-quoted attributes. Every dynamic string goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A number for people: fixed decimals, `—` for null/NaN. */
export function fmtNum(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

export function fmtPct(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(decimals)} %`;
}

/** A price or quantity: up to 8 significant digits, no exponent for ordinary magnitudes. */
export function fmtPrice(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : String(Number(value.toPrecision(8)));
}

/** UTC `YYYY-MM-DD HH:mm`, `—` for null. */
export function fmtTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function fmtDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Hours with one decimal, from milliseconds. */
export function fmtHours(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A colour per series or rule, stable by index. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

export function colorAt(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#444';
}

/** An SVG coordinate: a tenth of a pixel is finer than any screen draws. */
export function svgCoord(n: number): string {
  return n.toFixed(1);
}
