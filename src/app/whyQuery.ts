import type { SignalDesk } from '../core/desk/signalDesk.js';
import { MODEL_NAMES, type Candidate, type ModelName } from '../domain/signal.js';
import type { Repos } from '../sinks/sqlite/repos.js';
import { latestSignalOf } from '../sinks/sqlite/signalRepo.js';
import type { WhyLimits, WhyModel, WhySnapshot } from '../sinks/telegram/templates/whyReply.js';
import type { LastScans } from './lastScans.js';

export interface WhyQueryDeps {
  readonly repos: Repos;
  readonly desk: SignalDesk;
  readonly lastScans: LastScans;
  readonly watched: () => ReadonlySet<string>;
  readonly baseThreshold: number;
}

/**
 * `/why SYMBOL` from what the bot holds: the last scan kept in memory by the pipeline, else the
 * newest stored decision of the symbol (after a restart), with the memory's limits in force now.
 */
export function whyOf(symbol: string, { repos, desk, lastScans, watched, baseThreshold }: WhyQueryDeps): WhySnapshot {
  const state = desk.memoryState;
  const limitsOf = (model: ModelName): WhyLimits => {
    const l = state.limitsFor({ symbol, model }, state.asOfMs);
    return { threshold: l.threshold, riskPct: l.riskPct, dailyMax: l.dailyMax, locks: l.locks, adjustments: l.adjustments };
  };
  const base = { symbol, baseThreshold, equityUsdt: desk.equityUsdt, models: [] as WhyModel[] };
  const scan = lastScans.get(symbol);
  if (scan !== undefined) {
    if (scan.skipped !== undefined) return { ...base, state: scan.skipped, scannedEndMs: scan.endMs };
    const models = modelsOf(scan.candidates).map((entry) => {
      const decision = scan.decisions.find((d) => d.model === entry.model && d.interval === entry.candidate?.interval);
      return { ...entry, ...(decision === undefined ? {} : { decision }), limits: limitsOf(entry.model) };
    });
    return { ...base, state: 'scanned', scannedEndMs: scan.endMs, models };
  }
  const stored = latestSignalOf(repos.db, symbol);
  if (stored !== undefined) {
    const candidate = { interval: stored.interval, side: stored.side, score: stored.score, breakdown: stored.breakdown, entry: stored.entry, stopLoss: stored.stopLoss };
    return { ...base, state: 'scanned', stored: true, scannedEndMs: stored.endMs, models: [{ model: stored.model, candidate, decision: stored, limits: limitsOf(stored.model) }] };
  }
  return { ...base, state: watched().has(symbol) ? 'notScannedYet' : 'notWatched' };
}

/** Every model of the scan: its candidates, or one entry without a candidate when it saw no setup. */
function modelsOf(candidates: readonly Candidate[]): Array<Omit<WhyModel, 'limits'>> {
  return MODEL_NAMES.flatMap((model): Array<Omit<WhyModel, 'limits'>> => {
    const mine = candidates.filter((c) => c.model === model);
    return mine.length === 0 ? [{ model, candidate: null }] : mine.map((candidate) => ({ model, candidate }));
  });
}
