const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `12:50 UTC`, or `8 Dec 12:50 UTC` when `ms` falls on another UTC day than `nowMs`. */
export function clockOf(ms: number, nowMs: number = ms): string {
  const iso = new Date(ms).toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  if (iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10)) return time;
  const date = new Date(ms);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${time}`;
}

/** How long something lasted, rounded for a person: `40 s`, `3 min`, `5 h`. */
export function durationOf(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? `${Math.max(1, Math.round(ms / 1000))} s` : minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** A wait to the second while it is short (`30 s`, `90 s`), then as {@link durationOf}. */
export function waitOf(ms: number): string {
  return ms < 120_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : durationOf(ms);
}
