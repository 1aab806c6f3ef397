import type { SymbolFilters } from '../../core/risk/symbolFilters.js';
import type { Interval } from '../../domain/kline.js';
import { normaliseReasons, type ReasonCode, type SizeProblem, type StoredReason } from '../../domain/reason.js';
import type { ModelName, Side } from '../../domain/signal.js';
import { EN } from '../../sinks/telegram/templates/strings.en.js';
import type { Db } from '../../sinks/sqlite/db.js';
import { round } from './numbers.js';

/** What the runner knows about the filters it sized with (see backtest/exchangeFilters.ts). */
export interface ExchangeFiltersInput {
  /** The exchangeInfo file; undefined when none was applied. */
  readonly source: string | undefined;
  /** Why none were applied: `--no-filters`, or no exchangeInfo.json beside the data. */
  readonly missingReason: 'disabled' | 'no-file' | undefined;
  readonly bySymbol: ReadonlyMap<string, SymbolFilters>;
  /** Symbols of the run the file did not describe (sized without filters). */
  readonly unfiltered: readonly string[];
}

/** A candidate the sizing refused (reason `size`): what live would not have been able to order. */
export interface BlockedBySizeRow {
  readonly signalId: number;
  readonly symbol: string;
  readonly interval: Interval;
  readonly model: ModelName;
  readonly side: Side;
  readonly endMs: number;
  readonly score: number;
  readonly entry: number;
  readonly stopLoss: number;
  /** The sizing refusal in words, e.g. "quantity 0.0008 below the minimum 0.001 (step 0.001)". */
  readonly reason: string;
  /**
   * Other reasons that blocked it too, in words (empty: the size alone blocked it, so without the
   * filters it would have been sent). Memory adjustments (a raised threshold, a risk cap) do not block.
   */
  readonly alsoBlockedBy: readonly string[];
}

/** report.json `exchangeFilters`: whether sizing matched live, and what it refused. */
export interface ExchangeFiltersSection {
  /** false: quantities are the unrounded formula and no minimum was checked (not what live trades). */
  readonly applied: boolean;
  /** The exchangeInfo file, or null. */
  readonly source: string | null;
  /** One sentence for a reader: which filters applied, or prominently that none did and why. */
  readonly note: string;
  /** tickSize, stepSize, minQty, minNotional per symbol of the run that the file describes. */
  readonly bySymbol: Readonly<Record<string, SymbolFilters>>;
  /** Symbols of the run sized without filters (the file did not describe them). */
  readonly unfiltered: readonly string[];
  /** Candidates blocked by the size filters, in event order. */
  readonly blockedBySize: readonly BlockedBySizeRow[];
}

function noteOf(input: ExchangeFiltersInput | undefined): string {
  if (input === undefined || input.source === undefined) {
    const reason = input?.missingReason;
    const why = reason === 'disabled' ? ' (--no-filters was given)' : reason === 'no-file' ? ' (the data folder has no exchangeInfo.json and no --filters file was given)' : '';
    return `No exchange filters were applied${why}: quantities are not rounded to the lot step, prices not to the tick, and no minimum quantity or notional was checked, so some trades here could not be placed live.`;
  }
  const partial = input.unfiltered.length === 0 ? '' : `; ${input.unfiltered.join(', ')} not described there, sized without filters`;
  return `Exchange filters from ${input.source} applied as live: quantities rounded down to the lot step, prices to the tick, candidates below the minimum quantity or notional blocked${partial}.`;
}

/** Reason codes that change a sent signal without blocking it. */
const ADJUSTMENTS: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['threshold_raised', 'risk_cap', 'daily_cap']);

function readBlockedBySize(db: Db): BlockedBySizeRow[] {
  const rows = db
    .prepare(`SELECT id, symbol, interval, model, side, end_time AS endMs, score, entry, stop_loss AS stopLoss, reasons FROM signals WHERE status = 'blocked' ORDER BY end_time, id`)
    .all() as Array<Omit<BlockedBySizeRow, 'signalId' | 'reason' | 'alsoBlockedBy'> & { id: number; reasons: string }>;
  const out: BlockedBySizeRow[] = [];
  for (const { id, reasons: text, ...r } of rows) {
    const reasons: readonly StoredReason[] = normaliseReasons(text);
    const size = reasons.find((x) => x.code === 'size');
    if (size === undefined) continue;
    out.push({
      signalId: id, ...r, score: round(r.score), entry: round(r.entry), stopLoss: round(r.stopLoss),
      reason: size.detail === undefined ? EN.reasonLabel.size : EN.reasonDetail.size({ ...(size.detail as SizeProblem), whyText: '', untilText: '', modelText: '' }),
      alsoBlockedBy: [...new Set(reasons.filter((x) => x.code !== 'size' && !ADJUSTMENTS.has(x.code)).map((x) => EN.reasonLabel[x.code]))],
    });
  }
  return out;
}

/** The `exchangeFilters` section of a report from the run's database and its filters. */
export function exchangeFiltersSection(db: Db, input: ExchangeFiltersInput | undefined, symbols: readonly string[]): ExchangeFiltersSection {
  const applied = input?.source !== undefined;
  const bySymbol: Record<string, SymbolFilters> = {};
  for (const s of [...symbols].sort()) {
    const f = input?.bySymbol.get(s);
    if (f !== undefined) bySymbol[s] = f;
  }
  return {
    applied,
    source: input?.source ?? null,
    note: noteOf(input),
    bySymbol,
    unfiltered: applied ? [...(input?.unfiltered ?? [])].sort() : [...symbols].sort(),
    blockedBySize: readBlockedBySize(db),
  };
}
