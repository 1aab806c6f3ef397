import { MODEL_NAMES, type ModelName } from '../../domain/signal.js';
import type { RobustnessReport } from '../../research/robustness.js';
import type { BaselineResult } from '../../research/randomBaseline.js';
import { EN } from '../../sinks/telegram/templates/strings.en.js';
import { pct, signed, signedPct, UNDEFINED } from './metricText.js';

/**
 * The few figures of report.json's `robustness` a trader reads beside the metrics, one value per
 * run (console table, report and comparison pages): how deep the drawdown gets when the same
 * trades come in a bad order, how little a similar draw of trades returns, and per model whether
 * its entries beat random ones. Rounded like the metric rows. English, like the report.
 */

/** Share of random-entry runs a model must beat to count as beating them (one-sided p ≤ 0.05). */
export const CLEARLY_BEATS_PCT = 95;

/** `yes, +0.12 R`: the verdict, then the model's lead over the random entries' average expectancy, in R per trade. */
export function beatsRandomText(b: BaselineResult | undefined): string {
  if (b === undefined) return 'no trade';
  if (b.standing === null) return UNDEFINED;
  const verdict = b.standing.beatsPct >= CLEARLY_BEATS_PCT ? 'yes' : b.standing.beatsPct >= 50 ? 'not clearly' : 'no';
  return `${verdict}, ${signed(b.expectancyR - b.randomExpectancyR.mean, 2)} R`;
}

/** Models with a baseline in any run, in model order. */
function baselineModels(runs: readonly (RobustnessReport | undefined)[]): ModelName[] {
  const seen = new Set(runs.flatMap((r) => r?.baseline?.map((b) => b.model) ?? []));
  return MODEL_NAMES.filter((m) => seen.has(m));
}

/** Rows `[label, value per run]`; none for a part no run computed (`--monte-carlo 0`, `--baseline-runs 0`). */
export function robustnessRows(runs: readonly (RobustnessReport | undefined)[]): string[][] {
  const rows: string[][] = [];
  if (runs.some((r) => r?.monteCarlo)) {
    rows.push(['Max drawdown, trades reshuffled (95th pct)', ...runs.map((r) => (r?.monteCarlo ? pct(r.monteCarlo.reshuffled.maxDrawdownPct.p95, 2) : UNDEFINED))]);
    rows.push(['Return, trades resampled (5th pct)', ...runs.map((r) => (r?.monteCarlo ? signedPct(r.monteCarlo.resampled.returnPct.p5, 2) : UNDEFINED))]);
  }
  for (const model of baselineModels(runs)) {
    rows.push([`${EN.model[model]} beats random entries`, ...runs.map((r) => (r?.baseline ? beatsRandomText(r.baseline.find((b) => b.model === model)) : UNDEFINED))]);
  }
  return rows;
}

/** What the rows mean, once under the table; '' when no run has them. */
export function robustnessNote(runs: readonly (RobustnessReport | undefined)[]): string {
  const first = runs.find((r) => r !== undefined);
  const parts: string[] = [];
  const mc = first?.monteCarlo;
  if (mc) parts.push(`Reshuffled: the same trades in ${mc.runs} random orders; resampled: ${mc.runs} draws of as many of its trades (with replacement).`);
  const baselineRuns = first?.baseline?.[0]?.runs;
  if (baselineRuns !== undefined) {
    parts.push(`Random entries: each trade gets a twin at a random candle, same side, stop and target, ${baselineRuns} times;` +
      ` yes: the model beat ${CLEARLY_BEATS_PCT} % of them, not clearly: half, no: fewer; R: its lead over their average expectancy, per trade.`);
  }
  return parts.join(' ');
}
