// Child process of the `memory` benchmark: `node --expose-gc --import tsx bench/children/memoryWindows.ts SYMBOLS`.
// Prints one JSON line: RSS before and after feeding SYMBOLS × 3 intervals × 500 closed candles through
// candleWindow with SeriesFeatures sidecars (what the windows keep of them: the indicator state).
import { of, Subject } from 'rxjs';
import { INTERVALS, type Kline } from '../../src/domain/kline.js';
import { SeriesFeatures } from '../../src/core/features/seriesFeatures.js';
import { candleWindow } from '../../src/operators/candleWindow.js';
import { Market } from '../../src/sim/market.js';

const CANDLES = 500;
const symbolCount = Number(process.argv[2] ?? '300');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = () => {
  gc();
  gc();
};

settle();
const before = process.memoryUsage();
const candles = new Subject<Kline>();
const symbols: string[] = [];
let updates = 0;
{
  const market = new Market(new Map(), symbolCount);
  for (const s of market.symbols.slice(0, symbolCount)) symbols.push(s.symbol);
  const subscription = candles
    .pipe(candleWindow<SeriesFeatures>({ universe$: of(new Set(symbols)), createSidecar: (sym, i) => new SeriesFeatures(sym, i) }))
    .subscribe(() => (updates += 1));
  for (const symbol of symbols) {
    for (const interval of INTERVALS) {
      const series = market.seriesOf(symbol, interval)!;
      for (let i = series.length - CANDLES; i < series.length; i += 1) {
        const c = series.candle(i);
        candles.next({ symbol, interval, openTimeMs: c.openTimeMs, closeTimeMs: c.closeTimeMs, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, quoteVolume: c.quoteVolume, trades: c.trades, closed: true });
      }
    }
  }
  (globalThis as { held?: unknown }).held = subscription;
}
settle();
const after = process.memoryUsage();
const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
process.stdout.write(`${JSON.stringify({
  symbols: symbols.length, series: symbols.length * 3, candlesHeld: updates,
  baselineRssMb: mb(before.rss), rssMb: mb(after.rss), deltaRssMb: mb(after.rss - before.rss),
  baselineHeapUsedMb: mb(before.heapUsed), heapUsedMb: mb(after.heapUsed), arrayBuffersMb: mb(after.arrayBuffers),
})}\n`);
