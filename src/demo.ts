import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, type CliIo, type CommandSpec } from './cliArgs.js';
import { parseConfig } from './config/index.js';
import { UsageError } from './download/usageError.js';
import { consoleStyle } from './logging/logFormat.js';
import { createLogger } from './logging/logger.js';
import { runUntilStopped } from './app/lifecycle.js';
import { ignoreClosedOutput } from './app/ignoreClosedOutput.js';
import { createHttpSources } from './app/httpSources.js';
import { startApp, type App } from './app/startApp.js';
import { createHttpServer, type HttpServerHandle } from './sinks/http/index.js';
import { startSimulator, type Simulator } from './sim/simulator.js';
import { dataFolderOf } from './sim/bundledData.js';

const DAY_MS = 86_400_000;

export const DEMO_COMMAND: CommandSpec = {
  name: 'demo',
  synopsis: '[--seconds N] [--speed N] [--data DIR] [--language vi|en] [--port N | --no-dashboard] [--keep]',
  summary: 'Offline demo: the simulated exchange on the bundled candles and the bot against it, console output.',
  options: {
    seconds: { type: 'string', value: 'N', help: 'stop after N seconds of wall time (default 90)' },
    speed: { type: 'string', value: 'N', help: 'simulated seconds per real second (default 7200: 2 h of market a second)' },
    data: { type: 'string', value: 'DIR', help: 'folder of SYMBOL-INTERVAL.csv candles (default: the bundled examples/klines)' },
    language: { type: 'string', value: 'vi|en', help: 'language of the messages (default LANGUAGE, else vi)' },
    port: { type: 'string', value: 'N', help: 'port of the dashboard (default HTTP_PORT if set, else any free port)' },
    'no-dashboard': { type: 'boolean', help: 'do not serve the dashboard' },
    keep: { type: 'boolean', help: 'keep the temporary folder with the database and a chart card (PNG) per signal, and print where it is' },
  },
  notes: 'The database lives in a temporary folder, removed at the end unless --keep; chart cards are drawn there only with --keep, so a path printed still exists after the demo. Stops after --seconds or on Ctrl-C (exit 0).',
};

/** A flag's value as a finite number > 0, or a UsageError naming it. */
function positiveOf(flag: string, raw: string, what: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(flag, `${JSON.stringify(raw)} is not ${what}`);
  return value;
}

/** Where the demo serves its dashboard: `listenPort` 0 asks the OS for a free port; undefined: no dashboard. */
interface DemoOptions {
  readonly seconds: number;
  readonly speed: number;
  readonly data: string;
  readonly language: string;
  readonly listenPort: number | undefined;
  readonly keep: boolean;
}

/** `--port N`, else HTTP_PORT (0 there turns the dashboard off, as for the bot), else any free port. */
function dashboardPortOf(values: Record<string, unknown>): number | undefined {
  if (values['no-dashboard'] === true) {
    if (values.port !== undefined) throw new UsageError('--port', 'cannot be combined with --no-dashboard');
    return undefined;
  }
  const flag = values.port as string | undefined;
  if (flag !== undefined) {
    const port = Number(flag);
    if (!/^\d+$/.test(flag.trim()) || port > 65_535) throw new UsageError('--port', `${JSON.stringify(flag)} is not a port 0–65535 (0: any free port)`);
    return port;
  }
  const env = process.env.HTTP_PORT;
  if (env === undefined || env.trim() === '') return 0;
  const port = parseConfig({ HTTP_PORT: env }).HTTP_PORT; // a bad HTTP_PORT is a ConfigError (exit 1)
  return port === 0 ? undefined : port;
}

/**
 * `npm run demo`: fully offline. Starts the simulated exchange on the bundled real candles at high
 * speed and the bot against it with the console sink, so the Vietnamese signal and trade-result
 * messages show up within a minute or two, and serves the dashboard (its URL printed first);
 * stops by itself after `--seconds` (or on Ctrl-C) and removes its temporary folder unless
 * `--keep` (chart cards are drawn only then: no printed path outlives the folder). A bad flag exits 2 before anything starts.
 */
export async function runDemo(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runCommand(DEMO_COMMAND, argv, io, async (values) => {
    const seconds = positiveOf('--seconds', (values.seconds as string | undefined) ?? '90', 'a number of seconds > 0');
    const speed = positiveOf('--speed', (values.speed as string | undefined) ?? '7200', 'a number > 0');
    const flag = values.language as string | undefined;
    if (flag !== undefined && flag !== 'vi' && flag !== 'en') throw new UsageError('--language', `${JSON.stringify(flag)} is not vi or en`);
    const language = flag ?? process.env.LANGUAGE ?? 'vi'; // a bad LANGUAGE is a ConfigError of parseConfig (exit 1)
    const listenPort = dashboardPortOf(values);
    return demo({ seconds, speed, data: dataFolderOf('--data', values.data as string | undefined), language, listenPort, keep: values.keep === true });
  });
}

async function demo({ seconds, speed, data, language, listenPort, keep }: DemoOptions): Promise<number> {
  ignoreClosedOutput();
  const dir = mkdtempSync(join(tmpdir(), 'kline-signals-demo-'));
  try {
    return await demoIn(dir, { seconds, speed, data, language, listenPort, keep });
  } finally {
    if (keep) {
      process.stdout.write(`database and ${chartCount(dir)} kept in ${dir}\n`);
    } else {
      rmSync(dir, { recursive: true, force: true });
      process.stdout.write('temporary folder removed (--keep keeps the database and a chart card per signal)\n');
    }
  }
}

/** `3 chart cards`: the PNGs the console sink drew into the kept folder's `charts`. */
function chartCount(dir: string): string {
  const charts = join(dir, 'charts');
  const count = existsSync(charts) ? readdirSync(charts).filter((name) => name.endsWith('.png')).length : 0;
  return `${count} chart ${count === 1 ? 'card' : 'cards'}`;
}

/** The stop reason when `--seconds` ran out (sinks/telegram/templates: "the demo finished"). */
export const DEMO_FINISHED = 'demoFinished';

async function demoIn(dir: string, { seconds, speed, data, language, listenPort, keep }: DemoOptions): Promise<number> {
  const style = consoleStyle(parseConfig({ LOG_FORMAT: process.env.LOG_FORMAT }).LOG_FORMAT, process.stdout);
  const logger = createLogger({ level: 'warn', secrets: [], format: style.format });
  const sim: Simulator = await startSimulator({ data, speed, startTimeMs: Date.UTC(2025, 5, 1), logger });
  const config = parseConfig({
    BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: join(dir, 'demo.db'), FIXED_SYMBOLS: 'BTC,ETH,SOL',
    MAX_SYMBOLS_SUBSCRIBED: '3', HTTP_PORT: '0', LANGUAGE: language, LOG_LEVEL: 'warn', STALE_AFTER_SECONDS: '10',
    ...(process.env.HTTP_HOST === undefined ? {} : { HTTP_HOST: process.env.HTTP_HOST }),
  });
  let app: App | undefined;
  let http: HttpServerHandle | undefined;
  let summary = '';
  let failed = false;
  const lifecycle = runUntilStopped({
    logger,
    shutdownDeadlineMs: 9_000,
    close: async (deadlineMs, reason) => {
      await http?.close();
      if (app) summary = summarize(app);
      await app?.close(deadlineMs, reason);
      await sim.close();
    },
  });
  process.stdout.write(`kline-signals demo: simulated Binance at ${sim.restUrl} from ${new Date(sim.clock.nowMs()).toISOString()} ` +
    `(${speed / 3600} h of market per second), ${seconds} s\n`);
  try {
    app = startApp(config, logger, { onFatal: lifecycle.fatal, mode: 'demo', consoleCharts: keep, ...(style.consoleFrame ? { consoleFrame: style.consoleFrame } : {}) });
  } catch (err) {
    await sim.close(); // a SQLite module that cannot load: one line (src/cli.ts), not a demo left running
    throw err;
  }
  if (listenPort !== undefined) {
    try {
      http = await createHttpServer({
        host: config.HTTP_HOST, port: config.HTTP_PORT, listenPort, sources: createHttpSources(app, Date.now), logger, language: config.LANGUAGE,
      });
    } catch (err) {
      // Mostly a port in use: one line saying what to do, then the same orderly stop as Ctrl-C.
      const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
      process.stderr.write(`kline-signals: demo: the dashboard cannot listen on ${config.HTTP_HOST}:${listenPort} (${why}); choose another --port or --no-dashboard\n`);
      failed = true;
      process.kill(process.pid, 'SIGINT');
    }
  }
  if (http?.url) process.stdout.write(`dashboard: ${http.url}/ (open it in a browser while the demo runs)\n\n`);
  // Its own reason: the stop message said Ctrl-C when the demo simply ran out of time.
  const timer = setTimeout(() => lifecycle.stop(DEMO_FINISHED), seconds * 1000);
  const code = await lifecycle.exitCode;
  clearTimeout(timer);
  process.stdout.write(`\ndemo finished after ${Math.round((sim.clock.nowMs() - Date.UTC(2025, 5, 1)) / DAY_MS)} simulated days: ${summary}\n`);
  return failed ? 1 : code;
}

function summarize(app: App): string {
  const row = app.repos.db
    .prepare(`SELECT (SELECT COUNT(*) FROM signals WHERE status = 'sent') AS sent, (SELECT COUNT(*) FROM signals WHERE status = 'blocked') AS blocked,
                     (SELECT COUNT(*) FROM trades WHERE status = 'closed') AS closed`)
    .get() as { sent: number; blocked: number; closed: number };
  return `${row.sent} signals sent, ${row.blocked} signals blocked, ${row.closed} trades closed`;
}
