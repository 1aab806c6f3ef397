import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * The `chromium` executable on PATH (Debian's package, which `.ci/run` installs when missing), or
 * undefined: browser tests then skip with {@link CHROMIUM_MISSING} instead of failing on a
 * developer machine without root.
 */
export function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Why a browser test was skipped; shown in the test title. */
export const CHROMIUM_MISSING = 'skipped: no `chromium` on PATH (Debian package `chromium`; .ci/run installs it)';

/** A headless Chromium we started: its DevTools HTTP root and a `close()` that leaves nothing behind. */
export interface RunningChromium {
  /** `http://127.0.0.1:PORT`: `/json/new`, `/json/version`. */
  readonly httpUrl: string;
  /** Kills the browser's whole process group and removes its temp profile; safe to call twice. */
  close(): Promise<void>;
}

const DEVTOOLS_LINE = /DevTools listening on (ws:\/\/[^\s]+)/;

function flags(profileDir: string): string[] {
  return [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars',
    `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank',
  ];
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the group holds the zygote, GPU and renderer children too
  } catch {
    // already gone
  }
}

/**
 * Spawns `chromium` headless with a fresh temp profile and DevTools on a free port, and resolves
 * once stderr says where DevTools listens. Rejects (after cleaning up) if that line does not come
 * within `timeoutMs` or the browser exits first.
 */
export async function launchChromium(executable: string, timeoutMs = 20_000): Promise<RunningChromium> {
  const profileDir = mkdtempSync(join(tmpdir(), 'ks-chromium-'));
  const child = spawn(executable, flags(profileDir), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    killGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      killGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const wsUrl = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      let found = false;
      const timer = setTimeout(() => reject(new Error(`no DevTools line from chromium in ${timeoutMs} ms: ${stderr.slice(-1000)}`)), timeoutMs);
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        if (found) return; // keep draining so a chatty browser never blocks on a full pipe
        stderr += chunk;
        const match = DEVTOOLS_LINE.exec(stderr);
        if (match?.[1]) {
          found = true;
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`chromium exited (${code ?? signal}) before DevTools listened: ${stderr.slice(-1000)}`));
      });
    });
    const { host } = new URL(wsUrl);
    return { httpUrl: `http://${host}`, close };
  } catch (err) {
    await close();
    throw err;
  }
}
