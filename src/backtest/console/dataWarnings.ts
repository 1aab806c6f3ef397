import { klineEndMs } from '../../domain/kline.js';
import type { BacktestData } from '../loadData.js';

export const time = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The close of the newest 30m candle of the data; undefined for data without candles. */
export function dataEndMs(data: BacktestData): number | undefined {
  const ends = data.symbols.flatMap((s) => {
    const last = s.series['30m'].at(-1);
    return last === undefined ? [] : [klineEndMs(last)];
  });
  return ends.length === 0 ? undefined : Math.max(...ends);
}

/**
 * What a person must know about the data before reading the results, one line each: a `--from`
 * before its start, every gap (file, range, count; skipped, never filled), and intervals built
 * from the 30m file. A `--from` after its end is refused before (see {@link dataEndMs}).
 */
export function dataWarnings(data: BacktestData, fromMs: number | undefined): string[] {
  const lines: string[] = [];
  const starts = data.symbols.flatMap((s) => (s.series['30m'][0] === undefined ? [] : [s.series['30m'][0].openTimeMs]));
  if (fromMs !== undefined && starts.length > 0 && fromMs < Math.min(...starts)) {
    lines.push(`warning: --from ${time(fromMs)} UTC is before the start of the data (${time(Math.min(...starts))} UTC): the days without data count in CAGR and the daily ratios; leave --from out to start with the data.`);
  }
  for (const gap of data.gaps) {
    lines.push(`warning: gap in ${gap.file}: ${gap.count} candle${gap.count === 1 ? '' : 's'} missing from ${time(gap.fromMs)} to ${time(gap.toMs)} UTC (skipped, not filled).`);
  }
  for (const s of data.symbols) {
    if (s.aggregated.length > 0) lines.push(`note: ${s.symbol} ${s.aggregated.join(' and ')} candles built from its 30m file (no ${s.aggregated.map((i) => `${s.symbol}-${i}.csv`).join(' or ')}).`);
  }
  return lines;
}
