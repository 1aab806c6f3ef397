import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, type CliIo, type CommandSpec } from './cliArgs.js';
import { parseConfig } from './config/index.js';
import { UsageError } from './download/usageError.js';
import { consoleStyle } from './logging/logFormat.js';
import { createLogger } from './logging/logger.js';
import { runUntilStopped } from './app/lifecycle.js';
import { startApp, type App } from './app/startApp.js';
import { startSimulator, type Simulator } from './sim/simulator.js';

const BUNDLED_DATA = fileURLToPath(new URL('../examples/klines', import.meta.url));
const DAY_MS = 86_400_000;

export const DEMO_COMMAND: CommandSpec = {
  name: 'demo',
  synopsis: '[--seconds N] [--speed N] [--data DIR] [--language vi|en]',
  summary: 'Offline demo: the simulated exchange on the bundled candles and the bot against it, console output.',
  options: {
    seconds: { type: 'string', value: 'N', help: 'stop after N seconds of wall time (default 90)' },
    speed: { type: 'string', value: 'N', help: 'simulated seconds per real second (default 7200: 2 h of market a second)' },
    data: { type: 'string', value: 'DIR', help: 'folder of SYMBOL-INTERVAL.csv candles (default: the bundled examples/klines)' },
    language: { type: 'string', value: 'vi|en', help: 'language of the messages (default LANGUAGE, else vi)' },
  },
};

/** A flag's value as a finite number > 0, or a UsageError naming it. */
function positiveOf(flag: string, raw: string, what: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(flag, `${JSON.stringify(raw)} is not ${what}`);
  return value;
}

/**
 * `npm run demo`: fully offline. Starts the simulated exchange on the bundled real candles at high
 * speed and the bot against it with the console sink, so the Vietnamese signal and trade-result
 * messages show up within a minute or two; stops by itself after `--seconds` (or on Ctrl-C).
 * A bad flag exits 2 before anything starts.
 */
export async function runDemo(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runCommand(DEMO_COMMAND, argv, io, async (values) => {
    const seconds = positiveOf('--seconds', (values.seconds as string | undefined) ?? '90', 'a number of seconds > 0');
    const speed = positiveOf('--speed', (values.speed as string | undefined) ?? '7200', 'a number > 0');
    const flag = values.language as string | undefined;
    if (flag !== undefined && flag !== 'vi' && flag !== 'en') throw new UsageError('--language', `${JSON.stringify(flag)} is not vi or en`);
    const language = flag ?? process.env.LANGUAGE ?? 'vi'; // a bad LANGUAGE is a ConfigError of parseConfig (exit 1)
    return demo(seconds, speed, (values.data as string | undefined) ?? BUNDLED_DATA, language);
  });
}

async function demo(seconds: number, speed: number, data: string, language: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'kline-signals-demo-'));
  const style = consoleStyle(parseConfig({ LOG_FORMAT: process.env.LOG_FORMAT }).LOG_FORMAT, process.stdout);
  const logger = createLogger({ level: 'warn', secrets: [], format: style.format });
  const sim: Simulator = await startSimulator({ data, speed, startTimeMs: Date.UTC(2025, 5, 1), logger });
  const config = parseConfig({
    BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: join(dir, 'demo.db'), FIXED_SYMBOLS: 'BTC,ETH,SOL',
    MAX_SYMBOLS_SUBSCRIBED: '3', HTTP_PORT: '0', LANGUAGE: language, LOG_LEVEL: 'warn', STALE_AFTER_SECONDS: '10',
  });
  process.stdout.write(`kline-signals demo: simulated Binance at ${sim.restUrl} from ${new Date(sim.clock.nowMs()).toISOString()} ` +
    `(${speed / 3600} h of market per second), database ${config.DB_PATH}, ${seconds} s\n\n`);
  let app: App | undefined;
  let summary = '';
  const lifecycle = runUntilStopped({
    logger,
    shutdownDeadlineMs: 9_000,
    close: async (deadlineMs, reason) => {
      if (app) summary = summarize(app);
      await app?.close(deadlineMs, reason);
      await sim.close();
    },
  });
  app = startApp(config, logger, { onFatal: lifecycle.fatal, mode: 'demo', ...(style.consoleFrame ? { consoleFrame: style.consoleFrame } : {}) });
  const timer = setTimeout(() => process.kill(process.pid, 'SIGINT'), seconds * 1000);
  const code = await lifecycle.exitCode;
  clearTimeout(timer);
  process.stdout.write(`\ndemo finished after ${Math.round((sim.clock.nowMs() - Date.UTC(2025, 5, 1)) / DAY_MS)} simulated days: ${summary}; data kept in ${dir}\n`);
  return code;
}

function summarize(app: App): string {
  const row = app.repos.db
    .prepare(`SELECT (SELECT COUNT(*) FROM signals WHERE status = 'sent') AS sent, (SELECT COUNT(*) FROM signals WHERE status = 'blocked') AS blocked,
                     (SELECT COUNT(*) FROM trades WHERE status = 'closed') AS closed`)
    .get() as { sent: number; blocked: number; closed: number };
  return `${row.sent} signals sent, ${row.blocked} candidates blocked, ${row.closed} trades closed`;
}
