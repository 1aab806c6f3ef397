import { parseArgs } from 'node:util';
import { UsageError } from './download/usageError.js';
import { closest } from './suggest.js';

export { closest, editDistance } from './suggest.js';

/** One option of a command: its type, what it is for (shown by `--help`), and a placeholder for its value. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly help: string;
  /** Shown after the flag in the usage, e.g. `DIR` in `--data DIR`. */
  readonly value?: string;
  readonly short?: string;
  readonly multiple?: boolean;
}

/** A command's name, one-line synopsis, options and an optional paragraph after the option list. */
export interface CommandSpec {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly notes?: string;
}

export type ArgValues = Record<string, string | boolean | string[] | undefined>;

/** Where a command writes; the defaults are the process's stdout and stderr. */
export interface CliIo {
  readonly writeLine?: (line: string) => void;
  readonly writeError?: (line: string) => void;
}

/** `--help` of a command: the synopsis, what it does, every option with its help, and the notes. */
export function usageOf(spec: CommandSpec): string {
  const rows = [
    ...Object.entries(spec.options).map(([name, o]) => [`${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`, o.help]),
    ['-h, --help', 'print this help and exit'],
  ] as const;
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = [`usage: kline-signals ${spec.name} ${spec.synopsis}`.trimEnd(), '', spec.summary, '', 'options:', ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`)];
  return [...lines, ...(spec.notes ? ['', spec.notes] : [])].join('\n');
}

/** node's parse error as a one-line {@link UsageError}: the flag, the command, and the closest known flag. */
function usageErrorOf(spec: CommandSpec, err: unknown): UsageError {
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  const code = (err as { code?: string }).code;
  const flag = /'(-[^']*)'/.exec(message)?.[1] ?? /(--?[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    const guess = flag.startsWith('--') ? closest(flag.slice(2), Object.keys(spec.options)) : undefined;
    return new UsageError(flag, 'unknown option', `unknown option '${flag}' for ${spec.name}${guess ? ` (did you mean --${guess}?)` : ''}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(message)?.[1] ?? '';
    return new UsageError(arg, 'unexpected argument', `${spec.name} takes no argument '${arg}'`);
  }
  // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "Option '--data <value>' argument missing" and the like.
  const name = flag?.split(' ')[0] ?? 'arguments';
  return new UsageError(name, message.includes('argument missing') ? 'needs a value' : message, `${spec.name} ${name}: ${message.includes('argument missing') ? 'needs a value' : message}`);
}

/**
 * `--speed -5` as `--speed=-5`: node takes a value starting with a dash for a flag and calls the
 * option "ambiguous"; joined, the value reaches the command's own check, which says the allowed range.
 */
function withNegativeValues(spec: CommandSpec, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const option = arg.startsWith('--') ? spec.options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Reads a command's flags strictly (no positionals). Returns `undefined` for `--help`/`-h`, the
 * values otherwise; throws {@link UsageError} with one line for an unknown flag (naming the
 * closest known one), a stray argument or a missing value.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ArgValues | undefined {
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  try {
    return parseArgs({ args: withNegativeValues(spec, argv), options, strict: true, allowPositionals: false }).values as ArgValues;
  } catch (err) {
    throw usageErrorOf(spec, err);
  }
}

/** The one line a usage error prints on stderr before exit 2; a bare `--flag: detail` gets the command's name. */
export function usageLine(spec: CommandSpec, err: UsageError): string {
  return `kline-signals: ${err.message.startsWith('-') ? `${spec.name} ` : ''}${err.message}`;
}

/**
 * What every command runs through: `--help` prints {@link usageOf} on stdout and returns 0 before
 * anything starts; a {@link UsageError} from parsing or from `body` (a bad value) prints one line on
 * stderr and returns 2. Other errors pass on to the caller (src/cli.ts: a ConfigError exits 1).
 */
export async function runCommand(spec: CommandSpec, argv: readonly string[], io: CliIo, body: (values: ArgValues) => Promise<number>): Promise<number> {
  const writeLine = io.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const writeError = io.writeError ?? ((line: string) => void process.stderr.write(`${line}\n`));
  try {
    const values = parseCommandArgs(spec, argv);
    if (values === undefined) {
      writeLine(usageOf(spec));
      return 0;
    }
    return await body(values);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    writeError(usageLine(spec, err));
    return 2;
  }
}
