import type { RobustnessReport } from '../../../research/robustness.js';
import type { BaselineResult } from '../../../research/randomBaseline.js';
import type { Band } from '../../../research/bands.js';
import { EN } from '../../../sinks/telegram/templates/strings.en.js';
import { escapeHtml, fmtNum, fmtPct } from './format.js';
import { table, type Cell } from './tables.js';

const num = (text: string): Cell => ({ text, cls: 'num' });
const bandCells = (band: Band, fmt: (v: number) => string): Cell[] => [num(fmt(band.p5)), num(fmt(band.p50)), num(fmt(band.p95))];
const pct = (v: number) => fmtPct(v, 1);
const r3 = (v: number) => fmtNum(v, 3);

function monteCarloPart(mc: NonNullable<RobustnessReport['monteCarlo']>): string {
  const rows: Cell[][] = [
    ['Max drawdown, same trades in random order', num(pct(mc.actual.maxDrawdownPct)), ...bandCells(mc.reshuffled.maxDrawdownPct, pct)],
    ['Max drawdown, trades drawn with replacement', num(pct(mc.actual.maxDrawdownPct)), ...bandCells(mc.resampled.maxDrawdownPct, pct)],
    ['Return, trades drawn with replacement', num(pct(mc.actual.returnPct)), ...bandCells(mc.resampled.returnPct, pct)],
  ];
  const deeper = mc.deeperDrawdownPct === null ? '' : ` In ${pct(mc.deeperDrawdownPct)} of the random orders the drawdown was deeper than this run's.`;
  return `<p>${escapeHtml(`The ${mc.trades} closed trades replayed ${mc.runs} times in a random order, and ${mc.runs} times drawn with replacement, each compounding on equity as the run did. Reordering alone never changes the final return.${deeper}`)}</p>
${table(['Figure', 'This run', '5th percentile', 'Median', '95th percentile'], rows)}`;
}

function baselineSentence(b: BaselineResult): string {
  const model = EN.model[b.model];
  if (b.standing === null) return `${model}: no random entry could be placed for its trades.`;
  return `${model}: the model's expectancy (${r3(b.expectancyR)} R over ${b.trades} trades) beats ${pct(b.standing.beatsPct)} of ${b.runs} runs of random entries (one-sided p = ${fmtNum(b.standing.pValue, 3)}).`;
}

function baselinePart(baseline: NonNullable<RobustnessReport['baseline']>): string {
  if (baseline.length === 0) return '<p>No closed trade to compare with random entries.</p>';
  const rows: Cell[][] = baseline.map((b) => [
    EN.model[b.model], num(String(b.trades)), num(r3(b.expectancyR)), ...bandCells(b.randomExpectancyR, r3),
    num(b.standing === null ? '–' : pct(b.standing.beatsPct)), num(b.standing === null ? '–' : fmtNum(b.standing.pValue, 3)),
  ]);
  return `<p>${escapeHtml('Each model trade gets a twin entered at a random candle of the same symbol and interval, with the same side and the same stop and target in ATR multiples, resolved by the same outcome rules and fees.')}</p>
${baseline.map((b) => `<p>${escapeHtml(baselineSentence(b))}</p>`).join('\n')}
${table(['Model', 'Trades', 'Expectancy R', 'Random 5th percentile', 'Random median', 'Random 95th percentile', 'Beats', 'p-value'], rows)}`;
}

/** The report page's "Robustness against chance" section; empty when the run has none. */
export function robustnessSection(r: RobustnessReport | undefined): string {
  if (r === undefined) return '';
  const parts = [`<h2>Robustness against chance</h2>`, `<p class="meta">${escapeHtml(`Seed ${r.seed}: the same seed gives the same figures.`)}</p>`];
  if (r.monteCarlo !== null) parts.push(`<h3>Trade order</h3>`, monteCarloPart(r.monteCarlo));
  if (r.baseline !== null) parts.push(`<h3>Random entries</h3>`, baselinePart(r.baseline));
  return parts.join('\n');
}
