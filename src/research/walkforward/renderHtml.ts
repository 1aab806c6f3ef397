import { escapeHtml, fmtNum, fmtPct } from '../../backtest/report/html/format.js';
import { svgChart } from '../../backtest/report/html/svgChart.js';
import { table } from '../../backtest/report/html/tables.js';
import type { PeriodFigures, VariantResult, WalkForwardReport } from './types.js';

const STYLE = 'body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}h2{margin-top:32px}';

const exp = (f: PeriodFigures): string => fmtNum(f.expectancyR, 3);

function windowTable(v: VariantResult): string {
  const rows = v.windows.map((w) => [
    `${w.trainFrom.slice(0, 10)} – ${w.trainTo.slice(0, 10)}`, `${w.testFrom.slice(0, 10)} – ${w.testTo.slice(0, 10)}`,
    exp(w.inSample), String(w.inSample.trades), fmtPct(w.inSample.maxDrawdownPct, 1),
    exp(w.outOfSample), String(w.outOfSample.trades), fmtPct(w.outOfSample.maxDrawdownPct, 1), fmtNum(w.efficiency, 2),
    exp(w.outOfSampleAsGiven), w.feasible ? `trial ${w.chosenTrial}` : `trial ${w.chosenTrial} (no trial met the limits)`,
  ]);
  return table(['Train', 'Test', 'In-sample expectancy (R)', 'Trades', 'Max drawdown', 'Out-of-sample expectancy (R)', 'Trades', 'Max drawdown', 'Efficiency', 'As given, out of sample (R)', 'Chosen'], rows);
}

function choiceTable(v: VariantResult): string {
  const rows = v.space.map((p) => [p.label, ...v.windows.map((w) => String(w.chosen[p.key] ?? '–'))]);
  return table(['Parameter', ...v.windows.map((w) => `window ${w.index + 1}`)], rows);
}

function stitchedRows(report: WalkForwardReport): string {
  const rows = report.variants.map((v) => [
    `${v.profile}, memory ${v.memory ? 'on' : 'off'}`, String(v.stitched.trades), fmtNum(v.stitched.expectancyR, 3), fmtPct(v.stitched.returnPct, 1),
    fmtPct(v.stitched.maxDrawdownPct, 1), fmtNum(v.efficiency, 2), fmtNum(v.stitchedAsGiven.expectancyR, 3), fmtPct(v.stitchedAsGiven.maxDrawdownPct, 1),
  ]);
  return table(['Run', 'Trades', 'Expectancy (R)', 'Return', 'Max drawdown', 'Walk-forward efficiency', 'As given: expectancy (R)', 'As given: max drawdown'], rows);
}

/** Per profile run with the memory on and off: their out-of-sample figures window by window, side by side. */
function memoryTables(report: WalkForwardReport): string {
  const out: string[] = [];
  for (const profile of [...new Set(report.variants.map((v) => v.profile))]) {
    const on = report.variants.find((v) => v.profile === profile && v.memory);
    const off = report.variants.find((v) => v.profile === profile && !v.memory);
    if (on === undefined || off === undefined) continue;
    const rows = on.windows.map((w, i) => {
      const o = off.windows[i]!;
      return [`${w.testFrom.slice(0, 10)} – ${w.testTo.slice(0, 10)}`, exp(w.outOfSample), String(w.outOfSample.trades), fmtPct(w.outOfSample.maxDrawdownPct, 1), exp(o.outOfSample), String(o.outOfSample.trades), fmtPct(o.outOfSample.maxDrawdownPct, 1)];
    });
    out.push(`<h3>${escapeHtml(`${profile} profile: memory on vs off, out of sample`)}</h3>`, table(['Test', 'On: expectancy (R)', 'On: trades', 'On: max drawdown', 'Off: expectancy (R)', 'Off: trades', 'Off: max drawdown'], rows));
  }
  return out.join('\n');
}

/** The walk-forward report as one self-contained page: tables and an inline SVG chart, no script. */
export function renderWalkForwardHtml(report: WalkForwardReport): string {
  const s = report.settings;
  const recommended = report.variants.find((v) => v.label === report.recommendedVariant);
  const xs = report.variants.flatMap((v) => v.stitched.equity.map((p) => p.atMs));
  const chart = xs.length === 0 ? '' : svgChart({
    title: 'Stitched out-of-sample equity (USDT)', xMin: Math.min(...xs), xMax: Math.max(...xs),
    series: report.variants.map((v) => ({ label: `${v.profile}, memory ${v.memory ? 'on' : 'off'}`, points: v.stitched.equity.map((p) => ({ x: p.atMs, y: p.equity })) })),
    formatY: (y) => fmtNum(y),
  });
  const variants = report.variants.map((v) => `<h2>${escapeHtml(`${v.profile} profile, memory ${v.memory ? 'on' : 'off'}`)}</h2>\n${windowTable(v)}\n<h3>Chosen parameters</h3>\n${choiceTable(v)}`).join('\n');
  const definitions = Object.values(report.definitions).map((d) => `<li>${escapeHtml(d)}</li>`).join('');
  const body = `<h1>Walk-forward optimisation</h1>
<p>${escapeHtml(`${report.symbols.join(', ')} from ${report.dataFrom.slice(0, 10)} to ${report.dataTo.slice(0, 10)}; train ${s.train}, test ${s.test}, step ${s.step}; ${s.search} search, ${s.trials} trials, seed ${s.seed}; at least ${s.minTrades} trades and at most ${s.maxDrawdownPct} % drawdown in sample; ${s.exchangeFilters === null ? 'no exchange filters were applied (sizes not rounded to the lot step or tick, no minimum checked)' : `sized with the exchange filters of ${s.exchangeFilters}`}.`)}</p>
<h2>Out of sample, all windows</h2>
${stitchedRows(report)}
<p>${escapeHtml(`Recommended: ${recommended === undefined ? 'none (no test trade)' : `${recommended.profile} profile, memory ${recommended.memory ? 'on' : 'off'}, the choice of its most recent window (recommended.env)`}`)}</p>
${chart}
${memoryTables(report)}
${variants}
<h2>Definitions</h2><ul>${definitions}</ul>`;
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Walk-forward optimisation</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
