import type { Logger } from 'pino';
import { parseConfig } from '../config/config.js';
import { stderrLogger } from '../logging/stderrLogger.js';
import { runUntilStopped } from '../app/lifecycle.js';
import { runCommand, type ArgValues, type CommandSpec } from '../cliArgs.js';
import { UsageError } from '../download/usageError.js';
import { botExportLine } from './botExport.js';
import { dataFolderOf } from './bundledData.js';
import { isSymbolStatus, SYMBOL_STATUSES, type StatusChange } from './market.js';
import type { SimulatorFaults } from './options.js';
import { startSimulator } from './simulator.js';

/** Ways to run the CLI inside a test: where the JSON line goes and what stops it (SIGINT/SIGTERM otherwise). */
export interface SimulatorCliDeps {
  readonly writeLine?: (line: string) => void;
  readonly writeError?: (line: string) => void;
  readonly stop?: AbortSignal;
  readonly logger?: Logger;
}

const NUMBER_FLAGS = {
  speed: 'speed', port: 'port', symbols: 'symbols', seed: 'seed',
  'push-interval-ms': 'pushIntervalMs', 'ping-interval-ms': 'pingIntervalMs', 'pong-timeout-ms': 'pongTimeoutMs',
  'max-connection-age-ms': 'maxConnectionAgeMs', 'weight-limit': 'weightLimit', 'weight-window-ms': 'weightWindowMs',
  'ban-after-429s': 'banAfter429s', 'ban-ms': 'banMs',
} as const;

const FAULT_FLAGS = {
  'drop-every-ms': 'dropEveryMs', 'stall-every-ms': 'stallEveryMs', 'stall-for-ms': 'stallForMs',
  'garbage-rate': 'garbageRate', 'duplicate-rate': 'duplicateRate', 'reorder-rate': 'reorderRate',
  'rest-429-every-ms': 'rest429EveryMs', 'rest-429-for-ms': 'rest429ForMs', 'rest-latency-ms': 'restLatencyMs', 'rest-5xx-rate': 'rest5xxRate',
} as const;

/** `--status SYMBOL=STATUS@ISO`: STATUS one of Binance's (or DELISTED: gone from exchangeInfo), at a simulated moment. */
function statusChangeOf(raw: string): StatusChange {
  const match = /^([A-Z0-9_]+)=([A-Z_]+)@(.+)$/.exec(raw);
  const atMs = match ? Date.parse(match[3] as string) : Number.NaN;
  const status = match?.[2];
  if (!match || !Number.isFinite(atMs) || (status !== 'DELISTED' && !isSymbolStatus(status))) {
    throw new UsageError('--status', `${JSON.stringify(raw)} is not SYMBOL=STATUS@ISO-time, STATUS one of ${SYMBOL_STATUSES.join(', ')}, DELISTED`);
  }
  return { symbol: match[1] as string, status: isSymbolStatus(status) ? status : null, atMs };
}

/** What a flag's number must be, in the words its error says; the rest take any number >= 0. */
const NUMBER_RULES: Readonly<Record<string, { readonly ok: (n: number) => boolean; readonly allowed: string }>> = {
  // 0 would stop the market clock: the bot would wait for ever on candles that never close.
  speed: { ok: (n) => n > 0, allowed: 'is not a number > 0' },
  port: { ok: (n) => Number.isInteger(n) && n <= 65_535, allowed: 'is not a port: allowed 0–65535 (0: any free port)' },
};

function numberOf(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const rule = NUMBER_RULES[flag] ?? { ok: () => true, allowed: 'is not a number >= 0' };
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || !rule.ok(value)) throw new UsageError(`--${flag}`, `${JSON.stringify(raw)} ${rule.allowed}`);
  return value;
}

const HELP: Record<string, string> = {
  speed: 'simulated seconds per real second (default 60)', port: 'port to listen on (default 0: any free port)',
  symbols: 'how many symbols to list (default: all in --data)', seed: 'seed of the random faults and synthetic symbols',
};

export const SIM_COMMAND: CommandSpec = {
  name: 'sim',
  synopsis: '[--data DIR] [--speed N] [--port N] [--start ISO] [options]',
  summary: 'Start the simulated Binance USD-M exchange (REST and market streams) on kline CSVs; prints its URLs as one JSON line, then an `export …` line for the bot in another terminal.',
  options: {
    data: { type: 'string', value: 'DIR', help: 'folder of SYMBOL-INTERVAL.csv candles (default the bundled examples/klines)' },
    start: { type: 'string', value: 'ISO', help: 'simulated start time (default: the first daily candle + 120 days)' },
    host: { type: 'string', value: 'HOST', help: 'interface to listen on (default 127.0.0.1)' },
    status: { type: 'string', value: 'SYMBOL=STATUS@ISO', multiple: true, help: "change a listing's status at a simulated time (repeatable)" },
    ...Object.fromEntries([...Object.keys(NUMBER_FLAGS), ...Object.keys(FAULT_FLAGS)].map((f) => [f, { type: 'string' as const, value: 'N', help: HELP[f] ?? (f in FAULT_FLAGS ? 'fault injection' : 'limit') }])),
  },
  notes: 'Runs until Ctrl-C (SIGINT) or SIGTERM, then exits 0.',
};

/**
 * `kline-signals sim`: starts the simulated exchange from flags (`--data DIR --speed N --port N
 * --symbols N --start ISO --seed N`, the limits, the fault flags such as `--drop-every-ms`, and
 * `--status SYMBOL=STATUS@ISO` (repeatable) to change a listing's status at a simulated time),
 * prints `{"restUrl","wsBaseUrl","startTimeMs","speed","symbols"}` as one JSON line, then the
 * `export BINANCE_REST_URL=… BINANCE_WS_URL=… FIXED_SYMBOLS=…` line of {@link botExportLine}, and runs until
 * SIGINT/SIGTERM (or `deps.stop`), then resolves 0 (the exit code). A bad flag prints one line and
 * resolves 2 before anything starts.
 */
export async function runSimulatorCli(argv: string[], deps: SimulatorCliDeps = {}): Promise<number> {
  return runCommand(SIM_COMMAND, argv, deps, (values) => simulate(values, deps));
}

/** Logs on stderr (stdout holds the URL lines); a bad LOG_LEVEL or LOG_FORMAT throws a ConfigError (exit 1, one line). */
function loggerOf(env: Readonly<Record<string, string | undefined>>): Logger {
  const { LOG_LEVEL, LOG_FORMAT } = parseConfig({ LOG_LEVEL: env.LOG_LEVEL, LOG_FORMAT: env.LOG_FORMAT });
  return stderrLogger(LOG_LEVEL, LOG_FORMAT);
}

async function simulate(values: ArgValues, deps: SimulatorCliDeps): Promise<number> {
  const { status = [], ...flags } = values as Record<string, string | undefined> & { status?: string[] };
  const statusChanges = status.map(statusChangeOf);
  const raw = flags as Record<string, string | undefined>;
  const numbers = Object.fromEntries(Object.entries(NUMBER_FLAGS).map(([flag, key]) => [key, numberOf(flag, raw[flag])]));
  const faults: SimulatorFaults = Object.fromEntries(Object.entries(FAULT_FLAGS).map(([flag, key]) => [key, numberOf(flag, raw[flag])]));
  const startTimeMs = raw.start === undefined ? undefined : Date.parse(raw.start);
  if (startTimeMs !== undefined && !Number.isFinite(startTimeMs)) throw new UsageError('--start', `${JSON.stringify(raw.start)} is not an ISO date-time`);
  const logger = deps.logger ?? loggerOf(process.env);
  const data = dataFolderOf('--data', raw.data);
  const sim = await startSimulator({ ...numbers, data, host: raw.host, startTimeMs, faults, statusChanges, logger });
  // The bot's own stop rules, in place before the URLs are out (a script may send SIGINT as soon as
  // it reads them): Ctrl-C reaches `npm run sim` and the simulator alike and npm forwards its copy,
  // so a repeat of the signal within a second is the same request (a listener removed after the
  // first let the second kill the process: exit 130); a later one exits 1 at once.
  const stopped = deps.stop ? undefined : runUntilStopped({ logger, shutdownDeadlineMs: 5_000, close: () => sim.close() }).exitCode;
  const write = deps.writeLine ?? ((line: string) => process.stdout.write(`${line}\n`));
  write(JSON.stringify({ restUrl: sim.restUrl, wsBaseUrl: sim.wsBaseUrl, startTimeMs: sim.clock.startTimeMs, speed: sim.clock.speed, symbols: sim.market.symbols.length }));
  write(botExportLine({ restUrl: sim.restUrl, wsBaseUrl: sim.wsBaseUrl, listings: sim.market.listingsAt(sim.clock.nowMs()), dataSymbols: sim.market.dataSymbols }));
  if (deps.stop) {
    const stop = deps.stop;
    await new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener('abort', () => resolve(), { once: true })));
    await sim.close();
    return 0;
  }
  const code = await stopped!;
  // A second Ctrl-C or the deadline resolves 1 while close() may still wait on a client: exit now.
  if (code !== 0) process.exit(code);
  return code;
}
