import { runCommand, type CliIo, type CommandSpec } from './cliArgs.js';
import { loadConfig } from './config/index.js';
import { openDatabase, schemaVersion } from './sinks/sqlite/db.js';

export const DOCTOR_COMMAND: CommandSpec = {
  name: 'doctor',
  synopsis: '',
  summary: 'Check the configuration (environment and .env) and open the database (applying migrations); prints one JSON line.',
  options: {},
  notes: 'Exit 0 when both are fine, 1 with one line naming the problem otherwise.',
};

/**
 * `kline-signals doctor`: validates the configuration and opens the database (applying migrations),
 * prints what it found as one JSON line, and exits 0 — or throws ConfigError / the database error.
 */
export async function runDoctor(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runCommand(DOCTOR_COMMAND, argv, io, async () => doctor());
}

function doctor(): number {
  const config = loadConfig();
  const db = openDatabase(config.DB_PATH);
  try {
    const counts = Object.fromEntries(
      ['candles', 'signals', 'trades', 'outbox'].map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
    process.stdout.write(
      `${JSON.stringify({
        ok: true,
        db: config.DB_PATH,
        schemaVersion: schemaVersion(db),
        rows: counts,
        profile: config.MODEL_PROFILE,
        telegram: config.TELEGRAM_BOT_TOKEN ? 'configured' : 'console',
        language: config.LANGUAGE,
      })}\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
