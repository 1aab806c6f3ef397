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

- **ingest, ratio < 1.** The goal cannot be met while every frame is \`JSON.parse\`d: the floor *is*
  \`JSON.parse\` of the same frames, and the path adds validation, the gate and Rx per frame.
  \`node --cpu-prof\` of the timed loop: \`parseKlineFrame\` (which holds the \`JSON.parse\`) costs about
  as much as the whole floor; the Rx operators (\`mergeInternals\`, \`map\`/\`filter\`) and the gate
  are a few % each. ~99.9 % of frames are forming updates (\`x:false\`) that the gate throws away.
  Suggestion: in \`parseKline\`, recognise a forming frame without parsing it (the sim and Binance
  both print \`"x":false\` inside \`k\`; a cheap check on the tail, e.g. \`lastIndexOf('"x":false')\`,
  verified by the stream name prefix) and count it for staleness only; parse only closed frames. That
  would make the path cheaper than the floor (ratio ≫ 1) and cut live CPU the same way.
- **latency p99 slightly above 5 ms (p50 ≈ 0.3 ms).** Tails of single steps, not the steady state:
  the commit of a step with a signal renders the Vietnamese message and inserts signal, trade,
  memory and outbox rows, plus SQLite's WAL auto-checkpoint (every ~1000 pages, paid by the commit
  that crosses it) and V8 GC pauses on a loaded machine. Suggestions: run \`PRAGMA wal_checkpoint(PASSIVE)\`
  from an idle timer instead of the auto-checkpoint (\`wal_autocheckpoint\` higher), and measure again
  on an idle machine before optimising code.
- **memory ≈ 150 MB at 300 symbols, of which ~85 MB is the baseline.** The floor (the same node
  process after its imports, before any candle) is ~85 MB because the bot runs TypeScript through
  tsx (esbuild's loader is resident); the windows and features add ~65 MB RSS for ~32 MB of typed
  arrays (9 Float64 columns × 500 × 900 series) and ~8 MB of heap. Suggestions: run compiled JS in
  production (\`tsc\` output, no loader); derive \`closeTimeMs\` from \`openTimeMs\` and store
  \`trades\` as Uint32 in CandleRing (−25 % of the array bytes).
- **backtest, ~90k (seed) / ~60k (confluence) candles/s, goal 500k and ≥ ½ the floor.**
  \`node --cpu-prof\`: GC 12 %, CSV parsing 9 %, then per-step SQLite: \`cursorRepo.set\` 5.6 %,
  \`sqliteTransaction\` 4.6 %, \`signalRepo.insert\` 4.3 %; the memory engine re-derives its state on
  each step (\`trackerBank.all\`, \`engine.allSlots\`/\`state\` ≈ 5 %); indicators (\`atr.next\`,
  \`bollinger value\`, \`fixedWindow.toArray\`) ≈ 8 %. One transaction (and one cursor upsert) per 30m
  step is the main cost of \`runBacktest\`. Suggestions: in backtests, commit steps in batches (e.g.
  every 1000 steps or each UTC day; resumability then restarts from the last batch, which the cursor
  already supports) and skip the cursor write of a step that changed nothing else; cache the memory
  state between steps that close no trade; avoid \`toArray\` copies in the models (read the FixedWindow
  in place).
- **cpu, ~6.5 % of a core vs a goal of 3 % (floor: a bare ws client ≈ 2.7 %).** At 300 symbols the
  bot receives ~3,600 frames/s and parses each; the floor only counts them, and already costs about
  the goal. Same fix as ingest (do not parse forming frames); also, the bot's RSS at this load is
  ~270 MB (the windows alone are ~150 MB: the rest is sockets, SQLite cache and the loader), worth a
  heap snapshot.
- **cold start** is bound by REST: 120 series × (2 kline pages + a server-time call) ≈ 520 weight for
  40 symbols, fine; at 300 symbols the warm-up needs ~4,000 weight, more than Binance's 2,400 per
  minute, so a cold start of 300 symbols takes over a minute by design. Warm starts grow about
  linearly with the symbols (see growth).
`;
