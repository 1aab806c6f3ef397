import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import type { Kline } from '../../domain/kline.js';
import type { SymbolFilters } from '../../core/risk/symbolFilters.js';
import { runTrial, type TrialInput } from './trial.js';

/** What a worker is started with, once: the data in replay order (the CSVs are read by the parent only). */
export interface TrialWorkerData {
  readonly candles: readonly Kline[];
  /** The exchange filters per symbol (exchangeInfo.json or --filters); empty: none. */
  readonly filters: ReadonlyMap<string, SymbolFilters>;
}

export type TrialRequest = { readonly id: number; readonly input: TrialInput };
export type TrialReply = { readonly id: number; readonly outcome?: ReturnType<typeof runTrial>; readonly error?: string };

const data = workerData as TrialWorkerData;
// Trials log nothing: a search's thousands of runs would drown the one log that matters.
const logger = pino({ level: 'silent' });

parentPort?.on('message', ({ id, input }: TrialRequest) => {
  let reply: TrialReply;
  try {
    reply = { id, outcome: runTrial(data.candles, input, logger, data.filters) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
