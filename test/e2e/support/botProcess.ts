import { spawn, type ChildProcess } from 'node:child_process';
import { botCliArgs, REPO_ROOT } from '../../support/botCli.js';
import { waitUntil } from './poll.js';

/** The repository root: the bot runs from there, as PM2 would start it. */
export { REPO_ROOT };

/** One pino line of the bot's stdout, with the test's wall time of arrival. */
export interface LogEntry {
  readonly msg: string;
  readonly level: number;
  /** pino's `time`: ISO string of the bot's wall clock (see {@link logTimeMs}). */
  readonly time: string;
  readonly [field: string]: unknown;
}

/** How the bot process ended. */
export interface BotExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Wall time of a log entry in ms since the epoch (the test and the bot share the machine clock). */
export function logTimeMs(e: LogEntry): number {
  return Date.parse(e.time);
}

const running = new Set<BotProcess>();

/**
 * `kline-signals run` on the current sources ({@link botCliArgs}: tsx) as a child process with
 * exactly the given environment (nothing inherited but PATH and HOME, so a developer's
 * TELEGRAM_BOT_TOKEN never leaks in). Collects stdout as pino entries plus the console sink's
 * plain-text lines, and stderr as text.
 */
export class BotProcess {
  readonly logs: LogEntry[] = [];
  /** stdout lines that are not JSON: the console sink's messages. */
  readonly consoleLines: string[] = [];
  stderr = '';
  exit: BotExit | undefined;
  private readonly child: ChildProcess;
  private readonly exited: Promise<BotExit>;
  private partial = '';

  constructor(env: Readonly<Record<string, string>>) {
    this.child = spawn(process.execPath, botCliArgs(['run']), {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        running.delete(this);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Entries with this pino message, in arrival order. */
  logsWith(msg: string): LogEntry[] {
    return this.logs.filter((e) => e.msg === msg);
  }

  /** Waits for the first entry with `msg` (and matching `where`), failing early if the bot exits. */
  async waitForLog(msg: string, timeoutMs: number, where: (e: LogEntry) => boolean = () => true): Promise<LogEntry> {
    return waitUntil(`log "${msg}"`, () => {
      const found = this.logs.find((e) => e.msg === msg && where(e));
      if (!found && this.exit) throw new Error(`bot exited (${JSON.stringify(this.exit)}) before "${msg}": ${this.stderr.slice(-2000)}`);
      return found;
    }, timeoutMs);
  }

  /** SIGTERM, then waits for the exit; SIGKILL if it does not come within `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<BotExit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last resort for afterEach: SIGKILL if still running, and wait for the exit. */
  async kill(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private onStdout(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{')) {
        try {
          this.logs.push(JSON.parse(line) as LogEntry);
          continue;
        } catch {
          // not a log line: fall through to the console text
        }
      }
      this.consoleLines.push(line);
    }
  }
}

/** Kills every bot process a test started and left running (afterEach/afterAll). */
export async function killAllBots(): Promise<void> {
  await Promise.all([...running].map((bot) => bot.kill()));
}
