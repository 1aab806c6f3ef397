import { runCommand, type CliIo, type CommandSpec } from './cliArgs.js';
import { deprecatedSettings, loadConfig, telegramPairError, unknownVariables } from './config/index.js';
import { checkBotToken } from './app/checkBotToken.js';
import { consoleStyle } from './logging/logFormat.js';
import { createLogger, type Logger } from './logging/logger.js';
import { linesWritten } from './logging/stdoutDestination.js';
import { runUntilStopped } from './app/lifecycle.js';
import { ignoreClosedOutput } from './app/ignoreClosedOutput.js';
import { checkRunFiles, startApp, type App } from './app/startApp.js';
import { createHttpSources } from './app/httpSources.js';
import { claimHttpPort } from './app/claimHttpPort.js';
import { createHttpServer, type HttpServerHandle } from './sinks/http/index.js';

/** How long an exit waits for the log lines still buffered. */
const FLUSH_TIMEOUT_MS = 2_000;

/** Shutdown must end well inside PM2's kill timeout (ecosystem.config.cjs: 15 s). */
const SHUTDOWN_DEADLINE_MS = 9_000;

export const RUN_COMMAND: CommandSpec = {
  name: 'run',
  synopsis: '',
  summary: 'Watch Binance USD-M perpetual futures and send signals (what npm start runs). Settings come from the environment and .env (README, Operations).',
  options: {},
  notes: 'Runs until Ctrl-C (SIGINT) or SIGTERM: exit 0 after a clean stop, 1 on a bad setting, a fatal error or a second stop signal.',
};

/**
 * `kline-signals run`: validates the environment (a bad value throws ConfigError before anything
 * connects), then runs the bot until SIGTERM/SIGINT and returns the exit code.
 */
export async function runBot(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runCommand(RUN_COMMAND, argv, io, bot);
}

async function bot(): Promise<number> {
  ignoreClosedOutput();
  const config = loadConfig();
  const style = consoleStyle(config.LOG_FORMAT, process.stdout);
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: config.TELEGRAM_BOT_TOKEN ? [config.TELEGRAM_BOT_TOKEN] : [], format: style.format });
  const unpaired = telegramPairError(config);
  if (unpaired !== undefined) throw unpaired;
  checkRunFiles(config);
  await claimHttpPort(config.HTTP_HOST, config.HTTP_PORT);
  for (const setting of deprecatedSettings(config)) logger.warn(setting, 'deprecated setting has no effect, remove it');
  for (const unknown of unknownVariables()) logger.warn({ component: 'config', ...unknown }, 'not a known variable, ignored (a typo of didYouMean?)');
  let app: App | undefined;
  let http: HttpServerHandle | undefined;
  const lifecycle = runUntilStopped({
    logger,
    shutdownDeadlineMs: SHUTDOWN_DEADLINE_MS,
    close: async (drainDeadlineMs, reason) => {
      await http?.close();
      await app?.close(drainDeadlineMs, reason);
    },
  });
  // The stop signals are handled from here on: Ctrl-C while getMe is still waiting is a clean stop.
  const stoppedEarly = await Promise.race([checkBotToken(config, logger).then(() => undefined), lifecycle.exitCode]);
  if (stoppedEarly !== undefined) {
    // getMe may still be waiting on the network: it must not hold the exit.
    await flushLogs(logger);
    process.exit(stoppedEarly);
  }
  app = startApp(config, logger, { onFatal: lifecycle.fatal, ...(style.consoleFrame ? { consoleFrame: style.consoleFrame } : {}) });
  try {
    http = await createHttpServer({
      host: config.HTTP_HOST, port: config.HTTP_PORT, sources: createHttpSources(app, Date.now), logger, language: config.LANGUAGE,
    });
    logger.info(
      { profile: config.MODEL_PROFILE, db: config.DB_PATH, rest: config.BINANCE_REST_URL, ws: config.BINANCE_WS_URL, telegram: config.TELEGRAM_BOT_TOKEN ? 'on' : 'console' },
      'kline-signals started',
    );
  } catch (err) {
    // Taken between claimHttpPort and here: stopping, so not "started".
    lifecycle.fatal(err);
  }
  const code = await lifecycle.exitCode;
  await flushLogs(logger);
  // A second signal or the shutdown deadline resolves exit 1 while close() may still be draining:
  // exit now instead of waiting for it (SQLite in WAL mode is safe to leave mid-way).
  if (code !== 0) process.exit(code);
  return code;
}

/**
 * Every queued log line written, but not waited on for ever: a log destination that cannot drain
 * must not keep a stopping bot alive.
 */
async function flushLogs(logger: Logger): Promise<void> {
  let giveUp: NodeJS.Timeout | undefined;
  await Promise.race([linesWritten(logger), new Promise<void>((resolve) => (giveUp = setTimeout(resolve, FLUSH_TIMEOUT_MS)))]);
  clearTimeout(giveUp);
}
