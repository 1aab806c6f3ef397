import type { BacktestFilters } from './exchangeFilters.js';

/**
 * The console line a run without exchange filters prints (the CLI prints it bold on a terminal), so nobody reads
 * its sizes as live ones; undefined when the filters were applied to every symbol. A partial
 * file names the symbols it left out.
 */
export function filtersNotice(filters: BacktestFilters): string | undefined {
  if (filters.source === undefined) {
    const why = filters.missingReason === 'disabled' ? '--no-filters' : 'no exchangeInfo.json beside the data and no --filters FILE';
    return `warning: no exchange filters were applied (${why}): sizes are not rounded to the lot step or tick and no minimum is checked, so some trades could not be placed live.`;
  }
  if (filters.unfiltered.length > 0) {
    return `Exchange filters from ${filters.source} do not describe ${filters.unfiltered.join(', ')}: those symbols were sized without filters.`;
  }
  return undefined;
}

/** A console line in bold where the reader sees it on a terminal, plain where it is piped to a file. */
export function boldOnTerminal(line: string, isTerminal: boolean): string {
  return isTerminal ? `\u001b[1m${line}\u001b[0m` : line;
}
