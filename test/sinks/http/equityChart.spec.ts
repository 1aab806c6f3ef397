import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EQUITY_CHART_FUNCTION, EQUITY_CHART_SCRIPT } from '../../../src/sinks/http/dashboard/equityChart.js';
import type { EquityPoint } from '../../../src/sinks/http/sources.js';
import { FakeDocument, type FakeElement } from './fakeDom.js';
import { equityFromCloses, readCandles } from './fixtures.js';

interface ChartSummary { points: number; lastEquity: number | null; maxDrawdownPct: number }
type Draw = (container: FakeElement, points: unknown, options?: unknown) => ChartSummary;

/** Evaluates the script as a browser would (a classic script in a fresh global) and returns its function. */
function loadChart(): Draw {
  const context: Record<string, unknown> = {};
  runInNewContext(EQUITY_CHART_SCRIPT, context);
  expect(typeof context[EQUITY_CHART_FUNCTION], 'the script defines the advertised global').toBe('function');
  return context[EQUITY_CHART_FUNCTION] as Draw;
}

function pairs(points: string): Array<[number, number]> {
  return points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

describe('EQUITY_CHART_SCRIPT', () => {
  const curve = equityFromCloses(readCandles('BTCUSDT', '1d'));

  it('draws one equity vertex per point, in time order, highest equity at the top', () => {
    const doc = new FakeDocument();
    const box = doc.add('chart');
    const summary = loadChart()(box, curve, { width: 800, height: 400 });
    const maxDd = Math.max(...curve.map((p) => p.drawdownPct));
    expect(summary, 'summary of what was drawn').toEqual({ points: curve.length, lastEquity: curve.at(-1)!.equity, maxDrawdownPct: maxDd });
    const [line] = box.find('polyline');
    const vertices = pairs(line!.getAttribute('points')!);
    expect(vertices.length, 'one vertex per point').toBe(curve.length);
    expect(vertices.every((v, i) => i === 0 || v[0] >= vertices[i - 1]![0]), 'x grows with time').toBe(true);
    const peak = curve.reduce((best, p, i) => (p.equity > curve[best]!.equity ? i : best), 0);
    const trough = curve.reduce((best, p, i) => (p.equity < curve[best]!.equity ? i : best), 0);
    const ys = vertices.map((v) => v[1]);
    expect(ys[peak], 'the peak is the highest vertex (smallest y)').toBe(Math.min(...ys));
    expect(ys[trough], 'the trough is the lowest vertex').toBe(Math.max(...ys));
    expect(vertices.every(([x, y]) => x >= 0 && x <= 800 && y >= 0 && y <= 400), 'inside the viewBox').toBe(true);
  });

  it('draws the drawdown area down from its zero line, deepest at the maximum drawdown', () => {
    const doc = new FakeDocument();
    const box = doc.add('chart');
    loadChart()(box, curve);
    const area = pairs(box.find('polygon')[0]!.getAttribute('points')!);
    expect(area.length, 'zero, one vertex per point, zero').toBe(curve.length + 2);
    const zeroY = area[0]![1];
    const inner = area.slice(1, -1);
    const deepest = curve.reduce((best, p, i) => (p.drawdownPct > curve[best]!.drawdownPct ? i : best), 0);
    expect(inner[deepest]![1], 'the deepest drawdown is the lowest vertex').toBe(Math.max(...inner.map((v) => v[1])));
    expect(inner.filter((_, i) => curve[i]!.drawdownPct === 0).every((v) => v[1] === zeroY), 'new peaks sit on the zero line').toBe(true);
    expect(box.textContent, 'axis shows the maximum drawdown').toContain(`-${Math.max(...curve.map((p) => p.drawdownPct)).toFixed(2)}%`);
  });

  it('labels from options, first and last dates, and replaces earlier content on redraw', () => {
    const doc = new FakeDocument();
    const box = doc.add('chart');
    const draw = loadChart();
    draw(box, curve, { labels: { equity: 'Vốn', drawdown: 'Sụt giảm' } });
    draw(box, curve.slice(0, 10), { labels: { equity: 'Vốn', drawdown: 'Sụt giảm' } });
    expect(box.find('svg').length, 'one chart after two draws').toBe(1);
    expect(box.textContent, 'labels').toContain('Sụt giảm');
    expect(box.textContent, 'first date').toContain(new Date(curve[0]!.tMs).toISOString().slice(0, 10));
    expect(box.textContent, 'last date of the redraw').toContain(new Date(curve[9]!.tMs).toISOString().slice(0, 10));
  });

  it('shows the empty message with no points, and skips malformed points', () => {
    const doc = new FakeDocument();
    const box = doc.add('chart');
    const draw = loadChart();
    expect(draw(box, [], { labels: { empty: 'Chưa có lệnh nào đóng' } }).points, 'nothing drawn').toBe(0);
    expect(box.textContent, 'empty message').toContain('Chưa có lệnh nào đóng');
    expect(box.find('polyline'), 'no line').toEqual([]);
    const bad = [curve[0], { tMs: 'x', equity: 1, drawdownPct: 0 }, null, curve[1]] as unknown as EquityPoint[];
    expect(draw(box, bad).points, 'only the two good points').toBe(2);
  });

  it('a single point or a flat curve still draws inside the box', () => {
    const doc = new FakeDocument();
    const box = doc.add('chart');
    const flat = curve.slice(0, 5).map((p) => ({ ...p, equity: 1000, drawdownPct: 0 }));
    for (const points of [curve.slice(0, 1), flat]) {
      loadChart()(box, points, { width: 300, height: 200 });
      const vertices = pairs(box.find('polyline')[0]!.getAttribute('points')!);
      expect(vertices.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && x <= 300 && y <= 200), 'finite coordinates').toBe(true);
    }
  });
});
