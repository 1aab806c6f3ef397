/** What the live dashboard shows once its client filled the panels from `/api/*`. */
export interface DashboardPanels {
  readonly lang: string;
  /** Panel titles (`h2`) in page order. */
  readonly headings: readonly string[];
  /** Text of `#ks-health`: healthy or degraded, in the page's language. */
  readonly health: string;
  readonly bannerShown: boolean;
  /** Symbol chips of the status panel, sorted. */
  readonly universe: readonly string[];
  readonly shardRows: number;
  readonly signalRows: number;
  readonly blockedRows: number;
  /** Text of every panel container by id; empty means the client never filled it. */
  readonly panelText: Readonly<Record<string, string>>;
}

const PANEL_IDS = ['ks-status', 'ks-open', 'ks-equity-chart', 'ks-signals', 'ks-blocked', 'ks-memory-active', 'ks-memory-events', 'ks-trades'];

/**
 * A `Runtime.evaluate` expression: {@link DashboardPanels} once a refresh succeeded (`#ks-updated`
 * set), the status shows its symbols and shards, a signal row is listed and the equity chart has
 * its line; `false` before, so a test polls it with `BrowserPage.waitFor`.
 */
export const DASHBOARD_FILLED = `(() => {
  const $ = (id) => document.getElementById(id);
  const rows = (sel) => document.querySelectorAll(sel).length;
  const panelText = {};
  for (const id of ${JSON.stringify(PANEL_IDS)}) panelText[id] = ($(id)?.textContent ?? '').trim();
  const panels = {
    lang: document.documentElement.lang,
    headings: Array.from(document.querySelectorAll('main h2')).map((h) => h.textContent.trim()),
    health: ($('ks-health')?.textContent ?? '').trim(),
    bannerShown: $('ks-banner')?.classList.contains('shown') ?? true,
    universe: Array.from(document.querySelectorAll('#ks-status .chips span')).map((s) => s.textContent.trim()).sort(),
    shardRows: rows('#ks-status table:last-of-type tbody tr'),
    signalRows: rows('#ks-signals tbody tr'),
    blockedRows: rows('#ks-blocked tbody tr'),
    panelText,
  };
  const updated = ($('ks-updated')?.textContent ?? '').trim() !== '';
  const charted = rows('#ks-equity-chart svg polyline') > 0;
  const filled = Object.values(panelText).every((t) => t !== '');
  return updated && charted && filled && panels.universe.length > 0 && panels.shardRows > 0 && panels.signalRows + panels.blockedRows > 0 ? panels : false;
})()`;

/** A `Runtime.evaluate` expression: titles of the panels whose content is wider than the panel (cut off, scrolls sideways). */
export const OVERFLOWING_PANELS = `Array.from(document.querySelectorAll('main section'))
  .filter((s) => s.scrollWidth > s.clientWidth + 1)
  .map((s) => s.querySelector('h2')?.textContent ?? '?')`;

/** A `Runtime.evaluate` expression: on-screen px per SVG unit of the equity chart (1 = its text at the size it was set). */
export const EQUITY_CHART_SCALE = `(() => {
  const svg = document.querySelector('#ks-equity-chart svg');
  return svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 0;
})()`;

/**
 * A `Runtime.evaluate` expression: what sticks out sideways without a scroll bar of its own. Each
 * entry names a panel whose box is wider than the page, or a table wider than its panel whose
 * container does not scroll (`overflow-x: auto`). Empty when only tables scroll, inside their panel.
 */
export const SIDEWAYS_PROBLEMS = `(() => {
  const out = [];
  const page = document.documentElement.clientWidth;
  for (const s of document.querySelectorAll('main section')) {
    const name = s.querySelector('h2')?.textContent ?? '?';
    if (s.getBoundingClientRect().right > page + 1) out.push(name + ': panel wider than the page');
    for (const t of s.querySelectorAll('table')) {
      const box = t.parentElement;
      if (t.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'auto') out.push(name + ': table cut off');
    }
  }
  return out;
})()`;
