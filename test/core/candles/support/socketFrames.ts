import type { Kline } from '../../../../src/domain/kline.js';
import { formingOf } from './exampleKlines.js';

export interface Frame {
  readonly atMs: number;
  /** Undefined when the frame was lost (dropped or during an outage): the clock still moves. */
  readonly kline?: Kline;
  readonly dropped?: boolean;
}

export interface SocketMischief {
  readonly fromMs: number;
  readonly toMs: number;
  /** Lose every n-th closed frame. */
  readonly dropEvery?: number;
  /** Send every n-th closed frame twice. */
  readonly duplicateEvery?: number;
  /** Swap every n-th closed frame with the next one. */
  readonly swapEvery?: number;
  /** Lose every frame in [fromMs, toMs). */
  readonly outage?: { readonly fromMs: number; readonly toMs: number };
}

/**
 * What kline sockets would deliver for several series between two times: a forming update a minute
 * after each open, the closed frame at the close, merged by time — then damaged as asked.
 */
export function socketFrames(series: readonly (readonly Kline[])[], m: SocketMischief): Frame[] {
  const raw: Array<{ atMs: number; kline: Kline }> = [];
  for (const klines of series) {
    for (const k of klines) {
      if (k.closeTimeMs + 1 <= m.fromMs || k.openTimeMs >= m.toMs) continue;
      if (k.openTimeMs + 60_000 < m.toMs) raw.push({ atMs: Math.max(m.fromMs, k.openTimeMs + 60_000), kline: formingOf(k) });
      if (k.closeTimeMs + 1 <= m.toMs) raw.push({ atMs: k.closeTimeMs + 1, kline: k });
    }
  }
  raw.sort((a, b) => a.atMs - b.atMs);
  const out: Frame[] = [];
  let closedSeen = 0;
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i]!;
    const inOutage = m.outage !== undefined && f.atMs >= m.outage.fromMs && f.atMs < m.outage.toMs;
    if (inOutage) {
      out.push({ atMs: f.atMs, dropped: true });
      continue;
    }
    if (!f.kline.closed) {
      out.push(f);
      continue;
    }
    closedSeen += 1;
    if (m.dropEvery && closedSeen % m.dropEvery === 0) out.push({ atMs: f.atMs, dropped: true });
    else if (m.swapEvery && closedSeen % m.swapEvery === 0 && raw[i + 1]) {
      const next = raw[i + 1]!;
      out.push({ atMs: next.atMs, kline: next.kline }, { atMs: next.atMs, kline: f.kline });
      i += 1;
    } else out.push(f);
    if (m.duplicateEvery && closedSeen % m.duplicateEvery === 0 && f.kline) out.push({ atMs: f.atMs, kline: f.kline });
  }
  return out;
}
