import { runCommand, type ArgValues, type CliIo, type CommandSpec } from './cliArgs.js';
import { checkBinance } from './doctor/binanceCheck.js';
import { checklistJson, renderChecklist, type Check } from './doctor/check.js';
import { checkDatabase } from './doctor/databaseCheck.js';
import { checkHttpPort } from './doctor/httpPortCheck.js';
import { checkSettings } from './doctor/settingsChecks.js';
import { checkTelegram } from './doctor/telegramChecks.js';

export const DOCTOR_COMMAND: CommandSpec = {
  name: 'doctor',
  synopsis: '[--json]',
  summary: 'Check what a run needs, without changing anything: the settings (environment and .env), the database (read-only; a missing one is created at first run), Binance (reachable, clock skew), Telegram (the token, the chats) and the port of the dashboard. Prints a checklist: ✔ fine, ! worth a look, ✘ broken, with how to fix it.',
  options: {
    json: { type: 'boolean', help: 'print the checks as JSON instead of the checklist' },
  },
  notes: 'Exit 0 when a run has what it needs (warnings allowed), 1 when a check fails. Each network check waits at most 5 s.',
};

/** `kline-signals doctor [--json]`: the checklist on stdout; exit 1 when a check a run needs fails. */
export async function runDoctor(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const writeLine = io.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  return runCommand(DOCTOR_COMMAND, argv, io, async (values: ArgValues) => {
    const checks = await doctor();
    writeLine(values.json === true ? checklistJson(checks) : renderChecklist(checks));
    return checks.some((c) => c.status === 'fail') ? 1 : 0;
  });
}

/** Every check, in the order a run needs them; the settings first, as nothing else can be checked without them. */
export async function doctor(): Promise<Check[]> {
  const { checks, config, subscribers, telegramPair } = checkSettings();
  if (config === undefined) return [...checks];
  const token = config.TELEGRAM_BOT_TOKEN;
  const chatId = config.TELEGRAM_CHAT_ID;
  const telegram: Promise<Check[]> =
    telegramPair !== undefined
      ? Promise.resolve([telegramPair])
      : token !== undefined && chatId !== undefined
        ? checkTelegram({ token, apiRoot: config.TELEGRAM_API_ROOT, chatId, subscribers })
        : Promise.resolve([{ name: 'Telegram', status: 'ok', detail: 'not configured: messages print on the console (README, Telegram setup)' }]);
  const [binance, telegramChecks, http] = await Promise.all([checkBinance(config.BINANCE_REST_URL), telegram, checkHttpPort(config.HTTP_HOST, config.HTTP_PORT)]);
  return [...checks, checkDatabase(config.DB_PATH, config.BINANCE_REST_URL), binance, ...telegramChecks, http];
}
