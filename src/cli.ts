#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { closest } from './suggest.js';
import { ConfigError, SqliteModuleError } from './domain/errors.js';
import { redactSecrets } from './logging/redact.js';

const USAGE = `usage: kline-signals <command> [options]

commands:
  run          watch Binance USD-M futures and send signals (the default of npm start)
  sim          start the simulated Binance exchange (--data DIR --speed N --port N ...)
  demo         offline demo: the simulator on the bundled candles and the bot against it
  backtest     replay kline CSVs through the live pipeline and write a report
  walkforward  tune parameters on rolling train windows and test them on the following data
  download     page REST klines into CSV files
  doctor       check the configuration and the database, then exit

options:
  -h, --help     print this help (or a command's: kline-signals <command> --help)
  -V, --version  print the version

exit codes: 0 done or stopped cleanly, 1 bad configuration or fatal error, 2 bad command line`;

const COMMANDS = ['run', 'sim', 'demo', 'backtest', 'walkforward', 'download', 'doctor'] as const;

/** Names a new user tries for a command, and the command they mean: a hint, not an alias. */
const SYNONYMS: ReadonlyMap<string, (typeof COMMANDS)[number]> = new Map([['start', 'run']]);

/** package.json beside src/ and dist/ alike: the version whichever of the two runs. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/**
 * V8 settings of the long-running bot, set before it allocates anything. Without them a warm-up's
 * replayed candles (900,000 at the whole market) grew the old space to 150 MB that the live bot,
 * allocating almost only short-lived frames, never collected again (280 MB RSS at 600 symbols).
 * `--optimize-for-size` keeps the young generation and the heap's growth small; alone, it ran a
 * compacting collection every ~15 s (≈ 0.5 s of GC a minute); a 50 % growth step between
 * collections leaves ≈ 0.2 s a minute at 136 MB RSS (bench footprint, issue 13). The backtest and
 * the other commands keep V8's defaults: they want speed.
 */
const LIVE_V8_FLAGS = ['--optimize-for-size', '--heap-growing-percent=50'];

/** Exit codes (README, Operations): 0 clean stop, 1 bad configuration or fatal error, 2 usage. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      for (const flag of LIVE_V8_FLAGS) setFlagsFromString(flag);
      return (await import('./main.js')).runBot(rest);
    case 'sim':
      return (await import('./sim/cli.js')).runSimulatorCli([...rest]);
    case 'demo':
      return (await import('./demo.js')).runDemo(rest);
    case 'backtest':
      return (await import('./backtest/cli.js')).runBacktestCli(rest);
    case 'walkforward':
      return (await import('./research/walkforward/cli.js')).runWalkForwardCli(rest);
    case 'download':
      return (await import('./download/cli.js')).runDownloadCli(rest);
    case 'doctor':
      return (await import('./doctor.js')).runDoctor(rest);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case '--version':
    case '-V':
      process.stdout.write(`${version()}\n`);
      return 0;
    default: {
      const guess = SYNONYMS.get(command) ?? closest(command, COMMANDS);
      const what = command.startsWith('-') ? 'option' : 'command';
      process.stderr.write(`kline-signals: unknown ${what} '${command}'${guess ? ` (did you mean ${guess}?)` : ''}; see kline-signals --help\n`);
      return 2;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`config error: ${err.message}\n`);
    } else if (err instanceof SqliteModuleError) {
      process.stderr.write(`kline-signals: ${err.message}\n`);
    } else {
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`fatal: ${redactSecrets(text, [process.env.TELEGRAM_BOT_TOKEN ?? ''])}\n`);
    }
    process.exitCode = 1;
  },
);
