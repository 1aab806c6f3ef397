import type { Interval } from '../../domain/kline.js';
import type { StoredReason } from '../../domain/reason.js';
import type { ModelName, ModelProfile, ScoreBreakdown, Side } from '../../domain/signal.js';
import type { Outcome } from '../../domain/trade.js';
import type { Db } from '../../sinks/sqlite/db.js';
import type { ExchangeFiltersInput, ExchangeFiltersSection } from './exchangeFiltersSection.js';
import type { UniverseInput, UniverseSection } from './universeSection.js';
import type { MarketInput } from './marketContext.js';
import type { ReportMarket, ReportMetrics } from './metricsTypes.js';
import type { RobustnessReport } from '../../research/robustness.js';

/** Version of the report.json layout (docs/backtest-report.md). Bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 2;

/** What the backtest runner knows about its own run, beside the database it filled. */
export interface RunInfo {
  /** Wall-clock start and end of the run: the only inputs that land in `report.runtime`. */
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  /** The effective configuration; keys are sorted and secrets redacted in the report. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly dataDir: string;
  readonly symbols: readonly string[];
  /** Replayed event-time range, UTC ms: candles with end in [fromMs, toMs]. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly profile: ModelProfile;
  readonly memory: boolean;
  /** Closed candles replayed, all symbols and intervals. */
  readonly candles: number;
  /** ACCOUNT_BALANCE, USDT: the first point of the equity curve. */
  readonly startingEquity: number;
  /** The exchange filters the sizing used; undefined: none. */
  readonly exchangeFilters?: ExchangeFiltersInput;
  /** With `--rotate`: how the point-in-time pool measured volume. */
  readonly universe?: UniverseInput;
}

/** `db` is the backtest's own SQLite file, opened read-only by the caller. */
export interface ReportInput {
  readonly db: Db;
  readonly run: RunInfo;
  /** The replayed candles: buy and hold, price lines and warm-up in `market` (empty without). */
  readonly market?: MarketInput;
}

/** Headline figures of a run. R figures are net of fees; null where a ratio has no denominator. */
export interface ReportSummary {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly expired: number;
  readonly openTrades: number;
  readonly winRatePct: number | null;
  readonly expectancyR: number | null;
  readonly profitFactor: number | null;
  readonly totalR: number;
  readonly totalPnl: number;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly returnPct: number;
  readonly maxDrawdownPct: number;
  readonly longestLosingStreak: number;
  readonly avgHoldingMs: number | null;
  readonly sentSignals: number;
  readonly signalsPerDay: number | null;
  readonly blockedCandidates: number;
}

/** The figures shared by the summary and every group table, over closed trades in memory order. */
export interface TradeStats {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRatePct: number | null;
  readonly totalR: number;
  readonly expectancyR: number | null;
  /** Gross win R / |gross loss R|; null when nothing was lost. */
  readonly profitFactor: number | null;
  readonly pnl: number;
}

/** One row of a per-symbol / per-model / per-exit / per-month table. */
export interface GroupRow extends TradeStats {
  readonly key: string;
}

export interface ReportTables {
  readonly bySymbol: readonly GroupRow[];
  readonly byModel: readonly GroupRow[];
  readonly byExit: readonly GroupRow[];
  /** Keyed `YYYY-MM`, UTC month of the exit time. */
  readonly byMonth: readonly GroupRow[];
}

/** A signal a memory activation blocked (status blocked) or shrank (sent with that rule's reason). */
export interface AffectedSignal {
  readonly signalId: number;
  readonly symbol: string;
  readonly interval: Interval;
  readonly model: ModelName;
  readonly endMs: number;
  readonly status: 'sent' | 'blocked';
  readonly codes: readonly string[];
}

/** One span during which a memory rule held a verdict in one scope (a start event to its end). */
export interface MemoryActivation {
  readonly rule: string;
  /** Verdict type: lock, threshold, riskCap, dailyCap or notice. */
  readonly type: string;
  /** `global`, `symbol:BTCUSDT` or `model:reversal`. */
  readonly scope: string;
  readonly startMs: number;
  /** null: still active when the run ended. */
  readonly endMs: number | null;
  /** The rule's facts at the start, worded in English (the report's language). */
  readonly reason: string;
  /** The verdict as stored with the start event, keys sorted. */
  readonly verdict: unknown;
  readonly blocked: number;
  readonly shrunk: number;
  readonly signals: readonly AffectedSignal[];
}

/** A paper trade joined with its signal. Exit fields are null while the trade is open. */
export interface ReportTrade {
  readonly tradeId: number;
  readonly signalId: number;
  readonly symbol: string;
  readonly model: ModelName;
  readonly side: Side;
  readonly interval: Interval;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly threshold: number;
  readonly signalTimeMs: number;
  readonly entry: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  readonly quantity: number;
  readonly riskPct: number;
  readonly status: 'open' | 'closed';
  readonly exitTimeMs: number | null;
  readonly exitPrice: number | null;
  readonly outcome: Outcome | null;
  readonly rMultiple: number | null;
  readonly pnl: number | null;
  readonly equityAfter: number | null;
  readonly holdingMs: number | null;
  readonly reasons: readonly StoredReason[];
}

export interface EquityPoint {
  readonly atMs: number;
  readonly equity: number;
  /** null for the starting point. */
  readonly tradeId: number | null;
}

export interface DrawdownPoint {
  readonly atMs: number;
  /** (peak − equity) / peak × 100, peak including the starting balance. */
  readonly drawdownPct: number;
}

/** Wall-clock facts: the only part of a report allowed to differ between two runs on the same data. */
export interface ReportRuntime {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallMs: number;
}

/** The run as described in the report (everything of {@link RunInfo} but the wall clock). */
export interface ReportRun {
  readonly profile: ModelProfile;
  readonly memory: boolean;
  readonly symbols: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly candles: number;
  readonly dataDir: string;
  readonly startingEquity: number;
  readonly config: Readonly<Record<string, unknown>>;
}

/** report.json: one backtest run (docs/backtest-report.md). */
export interface BacktestReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly kind: 'backtest';
  readonly runtime: ReportRuntime;
  readonly run: ReportRun;
  /** Whether sizing used the exchange's filters (as live), and the candidates they blocked. */
  readonly exchangeFilters: ExchangeFiltersSection;
  /** With `--rotate`: the point-in-time pool; null without. */
  readonly universe: UniverseSection | null;
  readonly summary: ReportSummary;
  readonly metrics: ReportMetrics;
  readonly market: ReportMarket;
  readonly tables: ReportTables;
  readonly memory: readonly MemoryActivation[];
  readonly trades: readonly ReportTrade[];
  readonly equity: readonly EquityPoint[];
  readonly drawdown: readonly DrawdownPoint[];
  /** Trade-order Monte Carlo and random-entry baseline (src/research); absent when both are off. */
  readonly robustness?: RobustnessReport;
}

/** One run inside a comparison: what it was, its summary and its equity curve. */
export interface ComparedRun {
  readonly label: string;
  readonly run: Omit<ReportRun, 'config'>;
  readonly summary: ReportSummary;
  readonly metrics: ReportMetrics;
  readonly equity: readonly EquityPoint[];
  /** Whether the run sized with exchange filters, and the report's sentence about it. */
  readonly exchangeFilters: Pick<ExchangeFiltersSection, 'applied' | 'note'>;
  /** The report's robustness section, when it has one. */
  readonly robustness?: RobustnessReport;
}

/** Several runs side by side (memory on vs off, seed vs confluence). */
export interface ComparisonReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly kind: 'comparison';
  readonly runs: readonly ComparedRun[];
}
