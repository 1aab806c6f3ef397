/**
 * The hand-written part of docs/BENCHMARKS.md: what falls short, the profile evidence and the
 * suggested fixes. Kept in code so the generator can rewrite the tables without losing it.
 * Figures quoted here are from the run that wrote it; the tables above are the current ones.
 */
export const ANALYSIS = `
## Where a figure is short of its goal

Machine: 2 cores shared with several other builds and test runs while measuring, so every figure is
noisy (the ingest ratio moved between 0.58 and 0.90 across runs of the same code). Ratios to a floor
of the same run are the figures to trust; absolute rates are not.

- **ingest** now meets its goal (ratio ≈ 4): forming frames are recognised by an anchored pattern
  (\`isFormingFrame\`) instead of \`JSON.parse\`, and only closed frames are parsed.
- **latency p99 slightly above 5 ms (p50 ≈ 0.3 ms).** Tails of single steps, not the steady state:
  the commit of a step with a signal renders the Vietnamese message and inserts signal, trade,
  memory and outbox rows, plus SQLite's WAL auto-checkpoint (every ~1000 pages, paid by the commit
  that crosses it) and V8 GC pauses on a loaded machine. Suggestions: run \`PRAGMA wal_checkpoint(PASSIVE)\`
  from an idle timer instead of the auto-checkpoint (\`wal_autocheckpoint\` higher), and measure again
  on an idle machine before optimising code.
- **memory ≈ 142 MB at 300 symbols (goal ≤ 150), of which ~82 MB is the baseline** (the same node
  process after its imports: tsx and esbuild's loader are resident). CandleRing now stores 60 bytes a
  candle instead of 72 (\`closeTimeMs\` derived as open + interval − 1, \`trades\` as Uint32; an
  irregular candle is kept exactly in a side map): typed arrays 32 → 27 MB. Further: run compiled JS
  in production (no loader).
- **backtest, goal 500k candles/s and ≥ ½ the floor: not met.** perf2 made \`runBacktest\` ~1.5×
  (seed) / ~1.3× (confluence) faster, measured against the previous commit in one session: indicators
  read their windows in place (no \`toArray\`), no object spread in the ATR, \`candleWindow\` with
  map + filter instead of an inner subscription per candle, shared empty lists in a fresh step, the
  memory engine skipping empty scans, StepWriter skipping empty steps. The *ratio* did not rise, because
  the floor shares the indicator code and got ~1.4× faster too; the floor is now mostly the CSV loader
  (~200 ms of its ~230 ms), so making \`loadSeries\` parse once would lower the ratio further
  (floor = load + indicators, backtest = load + run, and run ≫ indicators). Where \`runBacktest\`
  goes now (\`node --cpu-prof\`, confluence): the per-step Rx chain (≈ 2 µs per step over ten
  operators, including \`scoreSignals\`' \`mergeMap\`/\`defer\`/\`of\` per step) ≈ 25 %, SQLite
  (signal inserts ≈ 10 %, of which ~5,800 blocked candidates, trades, commits, the final checkpoint)
  ≈ 20 %, GC ≈ 15 %, models and features the rest. 500k/s would need the backtest to drive the core
  (windows, models, memory, risk) without Rx per step and to batch the signal inserts.
- **cpu, ~4.5–5 % of a core vs a goal of 3 % (floor: a bare ws client ≈ 2.3–2.9 %).** Forming
  frames are now dropped in the socket layer right after counting (\`klineSockets\` \`skipFrame\`),
  before the per-frame Rx hops, and \`failWhenStale\` keeps one timer per silence period instead of
  re-creating a timer per frame (rxjs \`timeout\`). A \`--cpu-prof\` of the bot shows its JavaScript
  busy ≈ 1.3 % of the wall (was 1.7 %), of which the forming-frame pattern ≈ 8 %, \`Buffer.toString\`
  and UTF-8 checks ≈ 3 %, GC ≈ 12 %; the rest of its CPU (≈ 3 %) is socket I/O in libuv and the kernel
  (~1,400 wake-ups a second over 18 connections), the same work the floor does. The goal is therefore
  about the floor itself: it cannot be met while 3,600 frames a second cross a WebSocket client.
- **cold start** is bound by REST: 120 series × (2 kline pages + a server-time call) ≈ 520 weight for
  40 symbols, fine; at 300 symbols the warm-up needs ~4,000 weight, more than Binance's 2,400 per
  minute, so a cold start of 300 symbols takes over a minute by design. Warm starts grow about
  linearly with the symbols (see growth).
`;
