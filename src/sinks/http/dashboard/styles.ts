/** The dashboard's whole stylesheet, inlined: system fonts, no web font, no external image. */
export const DASHBOARD_CSS = `
:root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.15rem; margin: 0; }
#ks-health.ok { color: var(--ok); } #ks-health.bad { color: var(--bad); }
#ks-updated { color: var(--muted); margin-left: auto; }
#ks-banner { display: none; background: var(--bad); color: #fff; padding: .4rem 1rem; }
#ks-banner.shown { display: block; }
/* min(520px, 100%): two columns from ~1100 px (status beside the chart, no empty third column at 1400), one screen-wide column on a phone, never a column wider than the screen. */
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(520px, 100%), 1fr)); grid-auto-flow: dense; gap: 1rem; padding: 1rem; }
section { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; min-width: 0; overflow-x: auto; }
/* A wide table scrolls inside its panel; the page itself never scrolls sideways. */
section > div { overflow-x: auto; max-width: 100%; }
@media (max-width: 600px) { main { padding: .5rem; gap: .5rem; } header { padding: .5rem; } section { padding: .4rem .5rem; } }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 1rem; margin: .25rem 0 .5rem; }
h3 { font-size: .9rem; margin: .75rem 0 .25rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
/* Reasons wrap, but at a readable width: in a table scrolling inside a phone-wide panel they would shrink to a word per line. */
td.reasons { white-space: normal; min-width: 18em; }
/* A custom rule is named by its parameters: its name wraps instead of widening the memory tables. */
td.rule { white-space: normal; min-width: 12em; }
/* The status panel's headers wrap: 'Dữ liệu mới nhất' would push its small tables past a phone-wide panel. */
#ks-status th { white-space: normal; }
table.facts th { width: 40%; } table.facts td { white-space: normal; overflow-wrap: anywhere; }
.stale, .LOSS, .SHORT { color: var(--bad); } .fresh, .WIN, .LONG { color: var(--ok); }
.muted { color: var(--muted); }
.chips span { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; margin: .1rem; }
/* An open trade's unrealised result. */
td.gain { color: var(--ok); } td.loss { color: var(--bad); }
`;
