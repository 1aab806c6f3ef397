import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseConfig } from './config/index.js';
import { createLogger } from './logging/logger.js';
import { runUntilStopped } from './app/lifecycle.js';
import { startApp, type App } from './app/startApp.js';
import { startSimulator, type Simulator } from './sim/simulator.js';

const BUNDLED_DATA = fileURLToPath(new URL('../examples/klines', import.meta.url));
const DAY_MS = 86_400_000;

/**
 * `npm run demo`: fully offline. Starts the simulated exchange on the bundled real candles at high
 * speed and the bot against it with the console sink, so the Vietnamese signal and trade-result
 * messages show up within a minute or two; stops by itself after `--seconds` (or on Ctrl-C).
 */
export async function runDemo(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seconds: { type: 'string', default: '90' },
      speed: { type: 'string', default: '7200' },
      data: { type: 'string', default: BUNDLED_DATA },
      language: { type: 'string', default: process.env.LANGUAGE ?? 'vi' },
    },
  });
  const seconds = Number(values.seconds);
  const dir = mkdtempSync(join(tmpdir(), 'kline-signals-demo-'));
  const logger = createLogger({ level: 'warn', secrets: [] });
  const sim: Simulator = await startSimulator({ data: values.data!, speed: Number(values.speed), startTimeMs: Date.UTC(2025, 5, 1), logger });
  const config = parseConfig({
    BINANCE_REST_URL: sim.restUrl, BINANCE_WS_URL: sim.wsBaseUrl, DB_PATH: join(dir, 'demo.db'), FIXED_SYMBOLS: 'BTC,ETH,SOL',
    MAX_SYMBOLS_SUBSCRIBED: '3', HTTP_PORT: '0', LANGUAGE: values.language, LOG_LEVEL: 'warn', STALE_AFTER_SECONDS: '10',
  });
  process.stdout.write(`kline-signals demo: simulated Binance at ${sim.restUrl} from ${new Date(sim.clock.nowMs()).toISOString()} ` +
    `(${Number(values.speed) / 3600} h of market per second), database ${config.DB_PATH}, ${seconds} s\n\n`);
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
  app = startApp(config, logger, { onFatal: lifecycle.fatal, mode: 'demo' });
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
