import type { ExchangeFiltersSection } from '../exchangeFiltersSection.js';
import type { UniverseSection } from '../universeSection.js';
import { escapeHtml, fmtPrice, fmtTime } from './format.js';
import { table, type Cell } from './tables.js';
import { EN } from '../../../sinks/telegram/templates/strings.en.js';

const num = (text: string): Cell => ({ text, cls: 'num' });

/** CSS of the banner a run without exchange filters shows at the top. */
export const SIZING_STYLE = '.warning{font-weight:700;border:2px solid #d62728;background:#fff3f3;padding:8px 12px}';

/** A bold warning under the title when no filters were applied (or some symbols had none); '' otherwise. */
export function filtersBanner(f: ExchangeFiltersSection): string {
  if (f.applied && f.unfiltered.length === 0) return '';
  return `<p class="warning">${escapeHtml(f.note)}</p>`;
}

function filterRows(f: ExchangeFiltersSection): Cell[][] {
  return Object.entries(f.bySymbol).map(([symbol, x]) => [symbol, num(fmtPrice(x.tickSize)), num(fmtPrice(x.stepSize)), num(fmtPrice(x.minQty)), num(fmtPrice(x.minNotional))]);
}

/**
 * The "Exchange filters" section: where they came from, their values per symbol, and every
 * candidate the size filters blocked with the reason in words (a raised threshold or a risk cap
 * is an adjustment, not a block, and is not listed as one).
 */
export function exchangeFiltersHtml(f: ExchangeFiltersSection): string {
  const values = f.applied ? table(['Symbol', 'Tick size', 'Lot step', 'Minimum quantity', 'Minimum notional (USDT)'], filterRows(f)) : '';
  const alone = f.blockedBySize.filter((b) => b.alsoBlockedBy.length === 0).length;
  const rows = f.blockedBySize.map((b) => [
    fmtTime(b.endMs), b.symbol, b.interval, EN.model[b.model], b.side, num(b.score.toFixed(1)), num(fmtPrice(b.entry)), num(fmtPrice(b.stopLoss)),
    b.reason, b.alsoBlockedBy.length === 0 ? 'nothing else' : b.alsoBlockedBy.join('; '),
  ]);
  const blocked =
    f.blockedBySize.length === 0
      ? '<p>No candidate was blocked by its size.</p>'
      : `<details><summary>${escapeHtml(`Blocked by size: ${f.blockedBySize.length} candidates, ${alone} of them by the size alone`)}</summary>${table(
          ['Time (UTC)', 'Symbol', 'Interval', 'Model', 'Side', 'Score', 'Entry', 'Stop loss', 'Reason', 'Also blocked by'], rows, 'blocked-size',
        )}</details>`;
  return `<h2>Exchange filters</h2>
<p class="meta">${escapeHtml(f.note)}</p>
${values}
${blocked}`;
}

/** The comparison's warning when a run sized without exchange filters (each run's note, once); '' otherwise. */
export function comparisonFiltersBanner(runs: ReadonlyArray<{ readonly exchangeFilters: { readonly applied: boolean; readonly note: string } }>): string {
  const notes = [...new Set(runs.filter((r) => !r.exchangeFilters.applied).map((r) => r.exchangeFilters.note))];
  return notes.map((n) => `<p class="warning">${escapeHtml(n)}</p>`).join('\n');
}

/** The rotating universe's note (with --rotate), '' without. */
export function universeHtml(u: UniverseSection | null): string {
  if (u === null) return '';
  const rows = u.poolChanges.map((c) => [fmtTime(c.atMs), c.joined.join(', ') || '–', c.left.join(', ') || '–']);
  const changes =
    rows.length === 0
      ? '<p>The pool never changed.</p>'
      : `<details><summary>${escapeHtml(`Pool changes: ${rows.length}`)}</summary>${table(['Refresh (UTC)', 'Joined', 'Left'], rows)}</details>`;
  return `<h2>Rotating universe</h2>
<p>${escapeHtml(u.note)}</p>
${changes}`;
}
