import type { PeriodFigures, WalkForwardReport } from './types.js';

const num = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));
const period = (f: PeriodFigures): string[] => [num(f.expectancyR), String(f.trades), `${num(f.maxDrawdownPct, 1)}%`];

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

/** The console's summary: a row per window of each variant, then each variant's stitched figures. */
export function consoleLines(report: WalkForwardReport): string[] {
  const out: string[] = [];
  for (const v of report.variants) {
    out.push('', `${v.profile}, memory ${v.memory ? 'on' : 'off'}`);
    const rows = [['test period', 'IS exp R', 'IS trades', 'IS max DD', 'OOS exp R', 'OOS trades', 'OOS max DD', 'WFE', 'as given OOS R', 'chosen']];
    for (const w of v.windows) {
      rows.push([
        `${w.testFrom.slice(0, 10)} → ${w.testTo.slice(0, 10)}`, ...period(w.inSample), ...period(w.outOfSample), num(w.efficiency, 2),
        num(w.outOfSampleAsGiven.expectancyR), `trial ${w.chosenTrial}${w.feasible ? '' : ' (no trial met the limits)'}`,
      ]);
    }
    out.push(...table(rows));
    const s = v.stitched;
    out.push(
      `stitched out-of-sample: ${s.trades} trades, expectancy ${num(s.expectancyR)} R, return ${num(s.returnPct, 1)}%, max drawdown ${num(s.maxDrawdownPct, 1)}%; ` +
        `as given: expectancy ${num(v.stitchedAsGiven.expectancyR)} R, max drawdown ${num(v.stitchedAsGiven.maxDrawdownPct, 1)}%; walk-forward efficiency ${num(v.efficiency, 2)}`,
    );
  }
  const best = report.variants.find((v) => v.label === report.recommendedVariant);
  out.push('', `recommended: ${best === undefined ? 'none (no test trade)' : `${best.profile} profile, memory ${best.memory ? 'on' : 'off'} (recommended.env)`}`);
  return out;
}
