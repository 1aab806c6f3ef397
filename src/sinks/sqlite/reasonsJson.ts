import type { Reason } from '../../domain/reason.js';

/** Each reason object's JSON, written once: the memory gate hands the same object to every candidate its verdict blocks or adjusts. */
const jsonOfReason = new WeakMap<Reason, string>();

/**
 * `JSON.stringify(reasons)`, character for character, with each reason object serialised once
 * however many signals carry it (a loss-streak pause is on every candidate until it ends).
 * Reasons are immutable, so a cached text never goes stale.
 */
export function reasonsJson(reasons: readonly Reason[]): string {
  let out = '[';
  for (let i = 0; i < reasons.length; i++) {
    const reason = reasons[i]!;
    let json = jsonOfReason.get(reason);
    if (json === undefined) jsonOfReason.set(reason, (json = JSON.stringify(reason)));
    out += i === 0 ? json : `,${json}`;
  }
  return `${out}]`;
}
