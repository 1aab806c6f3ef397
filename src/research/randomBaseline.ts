import type { OutcomeConfig } from '../core/outcome/outcomeConfig.js';
import { INTERVAL_MS, type Interval } from '../domain/kline.js';
import { MODEL_NAMES, type ModelName, type Side } from '../domain/signal.js';
import { bandOf, standingOf, type Band, type Standing } from './bands.js';
import { firstAfter, type IndexedSeries, type MarketIndex } from './marketIndex.js';
import { resolveRandomEntry, type EntryRule } from './randomEntry.js';
import { randomIndex, randomStream, type Random } from './sampling.js';

/** Stream id of the baselines inside a seed; each model draws from its own stream under it. */
const BASELINE_STREAM = 2;
/** Draws tried for one random trade before giving up on it (only a zero ATR or an unresolved trade redraws). */
const MAX_DRAWS = 100;

/** A closed trade of the run, as the baseline needs it. */
export interface ModelTradeFacts {
  readonly symbol: string;
  readonly interval: Interval;
  readonly model: ModelName;
  readonly side: Side;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  /** End of the signal candle: the model's ATR is read on it. */
  readonly signalTimeMs: number;
  readonly rMultiple: number;
}

/** One model's trades against random entries (see {@link randomBaselines}). */
export interface BaselineResult {
  readonly model: ModelName;
  /** The model's closed trades and their mean net R. */
  readonly trades: number;
  readonly expectancyR: number;
  /** Random trades per repetition: one twin per model trade whose signal candle and entry window were found. */
  readonly randomTrades: number;
  readonly runs: number;
  /** The mean net R of each repetition's random trades: its band and mean. */
  readonly randomExpectancyR: Band & { readonly mean: number };
  /** Where the model's expectancy falls among the repetitions; null without repetitions. */
  readonly standing: Standing | null;
}

/** A model trade's rule and where its random twins may enter. */
interface Twin {
  readonly rule: EntryRule;
  readonly series: IndexedSeries;
  readonly m30: IndexedSeries;
  /** Candle indices [lo, hi] of `series` a twin enters on. */
  readonly lo: number;
  readonly hi: number;
}

/**
 * The twin of a model trade: the same symbol, interval, side and stop and target in ATR multiples of
 * its signal candle (so the seed reversal's SMA20 target keeps its distance). It enters on candles
 * that end after `fromMs`, once the symbol is warm and the ATR exists, and early enough that the
 * data holds its expiry.
 */
export function twinOf(t: ModelTradeFacts, market: MarketIndex, expiryCandles: number): Twin | null {
  const series = market.series(t.symbol, t.interval);
  const m30 = market.series(t.symbol, '30m');
  const lastEnd = m30?.ends[m30.ends.length - 1];
  if (series === undefined || m30 === undefined || lastEnd === undefined) return null;
  const at = firstAfter(series.ends, t.signalTimeMs) - 1;
  const atr = series.atr[at];
  if (at < 0 || series.ends[at] !== t.signalTimeMs || atr === undefined || atr <= 0) return null;
  const rule: EntryRule = { model: t.model, side: t.side, stopAtr: Math.abs(t.entry - t.stopLoss) / atr, targetAtr: Math.abs(t.takeProfit - t.entry) / atr };
  let lo = firstAfter(series.ends, Math.max(market.fromMs, market.warmFromMs(t.symbol) - 1));
  while (lo < series.atr.length && series.atr[lo] === undefined) lo += 1;
  const hi = firstAfter(series.ends, lastEnd - expiryCandles * INTERVAL_MS[t.interval]) - 1;
  return lo <= hi ? { rule, series, m30, lo, hi } : null;
}

/** Net R of one random twin, or null when MAX_DRAWS candles gave none. */
function drawTwin(twin: Twin, random: Random, config: OutcomeConfig): number | null {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt += 1) {
    const i = twin.lo + randomIndex(random, twin.hi - twin.lo + 1);
    const atr = twin.series.atr[i];
    if (atr === undefined || atr <= 0) continue;
    const exit = resolveRandomEntry(twin.rule, twin.series.candles[i]!, atr, twin.m30, config);
    if (exit !== null) return exit.rMultiple;
  }
  return null;
}

/** The mean net R of one repetition: one random twin per model trade. */
function repetition(twins: readonly Twin[], random: Random, config: OutcomeConfig): number {
  let total = 0;
  let count = 0;
  for (const twin of twins) {
    const r = drawTwin(twin, random, config);
    if (r === null) continue;
    total += r;
    count += 1;
  }
  return count === 0 ? Number.NaN : total / count;
}

/**
 * A random-entry baseline per model: `runs` repetitions, each giving every closed trade of the model
 * a twin entered at a random candle of the same symbol and interval, with the same side and the same
 * stop and target in ATR multiples, resolved by the same outcome code. The side is the model's own,
 * not a coin toss, so the baseline holds the same long/short exposure: a long-biased model in a
 * rising market is measured on its timing, not credited for the market's drift. Deterministic for
 * a seed; models draw from separate streams.
 */
export function randomBaselines(trades: readonly ModelTradeFacts[], market: MarketIndex, config: OutcomeConfig, runs: number, seed: number): BaselineResult[] {
  const out: BaselineResult[] = [];
  MODEL_NAMES.forEach((model, modelIndex) => {
    const own = trades.filter((t) => t.model === model);
    if (own.length === 0) return;
    const twins = own.map((t) => twinOf(t, market, config.expiryCandles)).filter((t): t is Twin => t !== null);
    const random = randomStream(seed, BASELINE_STREAM, modelIndex);
    const expectancies: number[] = [];
    if (twins.length > 0) for (let r = 0; r < runs; r += 1) expectancies.push(repetition(twins, random, config));
    const finite = expectancies.filter(Number.isFinite);
    const expectancyR = own.reduce((sum, t) => sum + t.rMultiple, 0) / own.length;
    const mean = finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
    out.push({
      model, trades: own.length, expectancyR, randomTrades: twins.length, runs: finite.length,
      randomExpectancyR: { ...bandOf(finite), mean }, standing: standingOf(expectancyR, finite),
    });
  });
  return out;
}
