import { DataError } from '../../domain/errors.js';
import { klineEndMs, type Interval, type Kline } from '../../domain/kline.js';
import { WilderAtr } from '../indicators/atr.js';
import { Bollinger, type BollingerValue } from '../indicators/bollinger.js';
import { FixedWindow } from '../indicators/fixedWindow.js';
import { Sma } from '../indicators/sma.js';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './featureConfig.js';

/**
 * Everything the models read about one (symbol, interval) series, updated in O(1) per closed
 * candle: the indicators (over every candle ever fed, not just the 500 a window keeps) and the
 * short histories the rules look back into. Models are then pure O(1) functions of three of these.
 */
export class SeriesFeatures {
  private closedCount = 0;
  private newest: Kline | undefined;
  private beforeNewest: Kline | undefined;
  private readonly fastSma: Sma;
  private readonly slowSma: Sma;
  private readonly volumeSmaIndicator: Sma;
  private readonly bollinger: Bollinger;
  private readonly atrIndicator: WilderAtr;
  private bandsBeforeNewest: BollingerValue | undefined;
  private readonly fastSmaValues: FixedWindow<number | undefined>;
  private readonly lows: FixedWindow<number>;
  private readonly highs: FixedWindow<number>;
  private readonly closes: FixedWindow<number>;

  constructor(
    readonly symbol: string,
    readonly interval: Interval,
    readonly config: FeatureConfig = DEFAULT_FEATURE_CONFIG,
  ) {
    this.fastSma = new Sma(config.fastSmaPeriod);
    this.slowSma = new Sma(config.slowSmaPeriod);
    this.volumeSmaIndicator = new Sma(config.volumeSmaPeriod);
    this.bollinger = new Bollinger(config.bollingerPeriod, config.bollingerK);
    this.atrIndicator = new WilderAtr(config.atrPeriod, config.atrFirstTrueRange);
    this.fastSmaValues = new FixedWindow(config.fastSmaHistory + 1);
    this.lows = new FixedWindow(config.swingCandles);
    this.highs = new FixedWindow(config.swingCandles);
    this.closes = new FixedWindow(config.closeHistory);
  }

  /**
   * Feeds one closed candle of this series, newer than the last one.
   * @throws DataError (`forming`, `series`, `order`) for a forming, foreign or out-of-order candle; state is unchanged.
   */
  add(k: Kline): void {
    if (!k.closed) throw new DataError('forming', `forming candle ${k.symbol}@${k.interval} ${k.openTimeMs}`);
    if (k.symbol !== this.symbol || k.interval !== this.interval) {
      throw new DataError('series', `candle ${k.symbol}@${k.interval} fed to ${this.symbol}@${this.interval}`);
    }
    if (this.newest !== undefined && k.openTimeMs <= this.newest.openTimeMs) {
      throw new DataError('order', `candle ${k.openTimeMs} not after ${this.newest.openTimeMs} on ${this.symbol}@${this.interval}`);
    }
    this.bandsBeforeNewest = this.bollinger.value;
    this.fastSma.add(k.close);
    this.slowSma.add(k.close);
    this.volumeSmaIndicator.add(k.volume);
    this.bollinger.add(k.close);
    this.atrIndicator.add(k);
    this.fastSmaValues.push(this.fastSma.value);
    this.lows.push(k.low);
    this.highs.push(k.high);
    this.closes.push(k.close);
    this.beforeNewest = this.newest;
    this.newest = k;
    this.closedCount += 1;
  }

  /** Closed candles fed so far. */
  get count(): number {
    return this.closedCount;
  }

  /** True once at least `minCandles` closed candles were fed (MODELS.md: 51 for a warm symbol). */
  isWarm(minCandles: number): boolean {
    return this.closedCount >= minCandles;
  }

  /** The newest closed candle. */
  get last(): Kline | undefined {
    return this.newest;
  }

  /** The closed candle before the newest ("the previous 30m high/close"). */
  get previous(): Kline | undefined {
    return this.beforeNewest;
  }

  /** Event time (close time + 1) of the newest candle. */
  get lastEndMs(): number | undefined {
    return this.newest === undefined ? undefined : klineEndMs(this.newest);
  }

  /** SMA of the last `fastSmaPeriod` closes, the newest included. */
  get smaFast(): number | undefined {
    return this.fastSma.value;
  }

  get smaSlow(): number | undefined {
    return this.slowSma.value;
  }

  get volumeSma(): number | undefined {
    return this.volumeSmaIndicator.value;
  }

  get atr(): number | undefined {
    return this.atrIndicator.value;
  }

  /** Bollinger band of the window ending at the newest close. */
  get bands(): BollingerValue | undefined {
    return this.bollinger.value;
  }

  /** Bollinger band of the window ending at the previous close (reading 4: its own band). */
  get previousBands(): BollingerValue | undefined {
    return this.bandsBeforeNewest;
  }

  /** The fast SMA as it was `back` candles before the newest (0 = now), up to `fastSmaHistory`. */
  smaFastBack(back: number): number | undefined {
    return this.fastSmaValues.fromNewest(back);
  }

  /** The close `back` candles before the newest (0 = newest), up to `closeHistory − 1`. */
  closeBack(back: number): number | undefined {
    return this.closes.fromNewest(back);
  }

  /** Lows of the last `swingCandles` candles, oldest first, the newest included. */
  recentLows(): number[] {
    return oldestFirst(this.lows);
  }

  /** Highs of the last `swingCandles` candles, oldest first, the newest included. */
  recentHighs(): number[] {
    return oldestFirst(this.highs);
  }
}

/** A window's values oldest first, copied once (FixedWindow.toArray copies three times). */
function oldestFirst(window: FixedWindow<number>): number[] {
  const n = window.length;
  const out = new Array<number>(n);
  for (let back = 0; back < n; back += 1) out[n - 1 - back] = window.fromNewest(back) as number;
  return out;
}
