/** How a readable line is drawn. */
export interface PrettyLineOptions {
  /** ANSI colours (on a terminal). */
  readonly colors: boolean;
  /** An error's stack on the lines below (LOG_LEVEL=debug or trace); otherwise only its message. */
  readonly stacks: boolean;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLORS: Readonly<Record<number, string>> = { 10: '90', 20: '90', 30: '36', 40: '33', 50: '31', 60: '31;1' };

/** Fields every line has, or that the line shows in its own place. */
// `detail`: facts for machines beside a message that already says them (OutageLog).
const SHOWN_APART: ReadonlySet<string> = new Set(['level', 'time', 'pid', 'hostname', 'component', 'msg', 'err', 'detail']);

/** A field longer than this is cut with an ellipsis: a line stays a line. */
const MAX_VALUE_CHARS = 60;
/** Wide enough for every component name but telegramCommands. */
const COMPONENT_WIDTH = 12;

function paint(text: string, code: string, colors: boolean): string {
  return colors ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function cut(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? cut(value) : JSON.stringify(cut(value));
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return cut(value.join(','));
  return cut(JSON.stringify(value) ?? String(value));
}

/** `12:50:01` from pino's ISO time (UTC), or from epoch milliseconds. */
function clockTime(time: unknown): string {
  const iso = typeof time === 'number' ? new Date(time).toISOString() : typeof time === 'string' ? time : '';
  return /^\d{4}-\d\d-\d\dT(\d\d:\d\d:\d\d)/.exec(iso)?.[1] ?? '--:--:--';
}

function errorText(err: unknown, stacks: boolean): string | undefined {
  if (err === null || typeof err !== 'object') return err === undefined ? undefined : String(err);
  const { message, stack } = err as { message?: unknown; stack?: unknown };
  if (stacks && typeof stack === 'string') return stack;
  return typeof message === 'string' ? message : JSON.stringify(err);
}

/**
 * One pino record as a person reads it: `12:50:01 WARN  binance      message  key=value …`. Time is
 * UTC (as every time the bot shows); pid and hostname are left out; an error shows its message,
 * its stack only when `stacks`; long field values are cut.
 */
export function prettyLine(record: Readonly<Record<string, unknown>>, { colors, stacks }: PrettyLineOptions): string {
  const level = typeof record.level === 'number' ? record.level : 30;
  const levelText = paint((LEVEL_NAMES[level] ?? String(level)).padEnd(5), LEVEL_COLORS[level] ?? '0', colors);
  const component = paint((typeof record.component === 'string' ? record.component : '').padEnd(COMPONENT_WIDTH), '2', colors);
  const message = typeof record.msg === 'string' ? record.msg : '';
  const fields = Object.entries(record)
    .filter(([key, value]) => !SHOWN_APART.has(key) && value !== undefined)
    .map(([key, value]) => `${paint(key, '2', colors)}=${valueText(value)}`);
  const err = errorText(record.err, stacks);
  const head = [paint(clockTime(record.time), '2', colors), levelText, component, level >= 40 ? paint(message, '1', colors) : message].join(' ');
  const tail = [...(err === undefined || err.includes('\n') ? [] : [paint(`(${err})`, '2', colors)]), ...fields].join(' ');
  const line = tail === '' ? head : `${head}  ${tail}`;
  return err !== undefined && err.includes('\n') ? `${line}\n${err.replace(/^/gm, '    ')}` : line;
}
