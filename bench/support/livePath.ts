import { asyncScheduler, merge, of, Subject, tap, type Subscription } from 'rxjs';
import { klineEndMs, type Kline } from '../../src/domain/kline.js';
import type { ModelProfile } from '../../src/domain/signal.js';
import type { CandleStep } from '../../src/core/desk/candleStep.js';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../src/backtest/runner.js';
import { eventTimeMerge } from '../../src/operators/eventTimeMerge.js';
import { parseKline, type RawFrame } from '../../src/operators/parseKline.js';
import { seriesGate } from '../../src/operators/seriesGate.js';
import { CandleWriter } from '../../src/streams/candleWriter.js';
import { openDatabase } from '../../src/sinks/sqlite/db.js';
import { createRepos, type Repos } from '../../src/sinks/sqlite/repos.js';
import { restoreDesk } from '../../src/app/restoreDesk.js';
import { StepWriter } from '../../src/sinks/stepWriter.js';
import { signalPipeline } from '../../src/operators/signalPipeline.js';
import { silentLogger } from './silentLogger.js';

export interface LivePathOptions {
  readonly symbols: readonly string[];
  /** `:memory:` or a file (WAL, as the bot opens it). */
  readonly dbPath: string;
  /** Keep Telegram messages in the outbox table, as the live bot does. */
  readonly outbox: boolean;
  readonly profile: ModelProfile;
  /** 30m candles ending after this are tracked and scanned; earlier ones only fill the windows. */
  readonly liveFromMs: number;
  /** Told about each committed step, right after its transaction. */
  readonly onStep?: (step: CandleStep, messages: number) => void;
}

/** The live candle path in one process, fed by hand: what the ingest and latency benchmarks push through. */
export interface LivePath {
  /** Closed candles as the warm-up replays them from SQLite or REST. */
  readonly history: Subject<Kline>;
  /** Raw combined-stream frames as a socket delivers them. */
  readonly frames: Subject<RawFrame>;
  readonly repos: Repos;
  counts(): { steps: number; signals: number; messages: number; badFrames: number };
  close(): void;
}

/**
 * Wires the path the bot runs between its sockets and SQLite, minus the sockets and the REST
 * backfill: parseKline → seriesGate → CandleWriter (candles table) → eventTimeMerge (every symbol
 * resuming at `liveFromMs`, so steps run in (end, symbol) order behind the watermark) →
 * signalPipeline (windows with SeriesFeatures, scan, memory gate, risk, daily limit, trades) →
 * StepWriter (one transaction per step). Everything runs synchronously inside `frames.next`.
 */
export function createLivePath(o: LivePathOptions): LivePath {
  const logger = silentLogger();
  const repos = createRepos(openDatabase(o.dbPath));
  const settings = { ...DEFAULT_BACKTEST_SETTINGS, profile: o.profile };
  const desk = restoreDesk({
    repos, config: deskConfigOf(settings), startingEquity: settings.startingEquity, memoryEnabled: true, logger,
    base: { scoreThreshold: settings.scoreThreshold, riskPerTradePct: settings.riskPerTradePct, maxSignalsPerDay: settings.maxSignalsPerDay },
  });
  const universe$ = of(new Set(o.symbols));
  const pipeline = signalPipeline({
    desk, universe$,
    isLive: (k) => klineEndMs(k) > o.liveFromMs,
  });
  const writer = new StepWriter({
    repos, desk, profile: o.profile, logger,
    outbox: o.outbox ? { repo: repos.outbox, chatId: 'bench', language: 'vi' } : null,
  });
  const candles = new CandleWriter(repos.candles);
  const history = new Subject<Kline>();
  const frames = new Subject<RawFrame>();
  let steps = 0;
  let signals = 0;
  let messages = 0;
  let badFrames = 0;
  const subscription: Subscription = merge(history, frames.pipe(parseKline({ onBadFrame: () => (badFrames += 1) })))
    .pipe(
      seriesGate({ onGap: () => undefined, logger }),
      tap((k) => candles.write(k)),
      eventTimeMerge({ universe$, liveStart: () => ({ fromMs: o.liveFromMs, resume: true }), maxWaitMs: 60_000, scheduler: asyncScheduler }),
      pipeline,
    )
    .subscribe((step) => {
      const sent = writer.write(step);
      steps += 1;
      signals += step.recorded.length;
      messages += sent;
      o.onStep?.(step, sent);
    });
  return {
    history, frames, repos,
    counts: () => ({ steps, signals, messages, badFrames }),
    close: () => {
      subscription.unsubscribe();
      repos.db.close();
    },
  };
}
