import { describe, expect, it } from 'vitest';
import { svgChart, type ChartSpan } from '../../../src/backtest/report/html/svgChart.js';

const chart = (lanes: readonly string[]) =>
  svgChart({
    title: 'Equity (USDT)', xMin: 0, xMax: 100, formatY: String,
    series: [{ label: 'equity', points: [{ x: 0, y: 1000 }, { x: 100, y: 1010 }] }],
    spans: lanes.map((lane, i): ChartSpan => ({ lane, x0: i * 10, x1: i * 10 + 5, title: lane, shade: false })),
  });

const laneNames = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+"( text-anchor="end")? class="tick">([^<]*)<\/text>/g)].filter((m) => /[a-z]{3}/i.test(m[3] ?? '') && !/^\d{4}-/.test(m[3] ?? ''));
const heightOf = (svg: string) => Number(/height="(\d+)" role="img"/.exec(svg)?.[1]);

describe('memory lanes of the equity chart', () => {
  it('short names (the seed rules) sit left of the plot, one row per lane', () => {
    const svg = chart(['Losing streak', 'Drawdown: fewer signals']);
    expect(laneNames(svg).map((m) => [m[1], m[2] !== undefined])).toEqual([['144', true], ['144', true]]);
  });

  it('a long name (a custom rule by its parameters) is not cut off: every name gets a line above its bars', () => {
    const long = 'Win-rate threshold (per symbol): win rate below 40% in the last 10 trades → score threshold +10';
    const svg = chart(['Losing streak', long]);
    expect(laneNames(svg).map((m) => [m[1], m[2] !== undefined, m[3]])).toEqual([['150', false, 'Losing streak'], ['150', false, long]]);
    expect(heightOf(svg), 'each lane a name line taller').toBe(heightOf(chart(['Losing streak', 'Drawdown: fewer signals'])) + 2 * 12);
  });
});
