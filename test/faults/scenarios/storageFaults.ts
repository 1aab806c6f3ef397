import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase } from '../../../src/sinks/sqlite/db.js';
import { createRandom } from '../../../src/sim/random.js';
import { botEnv } from '../../e2e/support/botEnv.js';
import { BotProcess, killAllBots } from '../../e2e/support/botProcess.js';
import { startFixture } from '../../e2e/support/fixture.js';
import { waitUntil } from '../../e2e/support/poll.js';
import { mountTmpfs, remountReadOnly, setImmutable, unmount } from '../support/mounts.js';
import { summaryLine } from '../support/scale.js';

/** How many bad environment values to try (the storage cases always run). */
export interface StorageFaultsSize {
  readonly envCases: number;
}

/** Bad values, each refused at start with exit 1 and the variable named. */
const BAD_ENV: ReadonlyArray<readonly [string, string]> = [
  ['RISK_PER_TRADE', '9'], ['MAX_SYMBOLS_SUBSCRIBED', '1001'], ['HTTP_PORT', 'abc'], ['BINANCE_WS_URL', 'http://example.com'],
  ['LANGUAGE', 'fr'], ['SCORE_THRESHOLD', 'NaN'], ['WS_MAX_STREAMS_PER_CONN', '0'], ['TELEGRAM_BOT_TOKEN', 'not-a-token'],
];
/** What a clear storage error line says. */
const STORAGE_ERROR = /database|disk|read-?only|unable to open|SQLITE_|EROFS|EACCES|EPERM|EISDIR|directory/i;

interface Outcome { readonly name: string; readonly code: number | null | 'skipped'; readonly line: string; readonly stack?: boolean }

/** The fatal line the bot left: stderr, or the message of its error/fatal log. */
function errorLine(bot: BotProcess): string {
  const logged = bot.logs.filter((e) => e.level >= 50).map((e) => `${e.msg}: ${(e.err as { message?: string } | undefined)?.message ?? ''}`);
  return [bot.stderr.trim().split('\n')[0] ?? '', ...logged].filter((l) => l.length > 0).join(' | ').slice(0, 300);
}

async function runUntilExit(env: Record<string, string>, timeoutMs: number): Promise<BotProcess> {
  const bot = new BotProcess(env);
  await waitUntil('the bot to exit', () => bot.exit !== undefined, timeoutMs, 100).catch(() => undefined);
  return bot;
}

/**
 * Storage faults and bad configuration against the real bot: a corrupted database file, a file
 * that is a directory, a read-only file (`chattr +i`: chmod does not stop root), a read-only
 * directory (a tmpfs remounted ro), a full disk (a tiny tmpfs), and bad env values. Each must end
 * in exit 1 with a clear error line, never a bot that runs on without storing. A case the machine
 * cannot set up (no root, no chattr) is skipped with a message.
 */
export async function storageFaultsScenario({ envCases }: StorageFaultsSize): Promise<string> {
  const fx = await startFixture({ speed: 1800, seed: 51 });
  const mounts: string[] = [];
  const immutable: string[] = [];
  try {
    const env = (dbPath: string): Record<string, string> => ({ ...botEnv({ sim: fx.sim, dir: fx.dir, httpPort: 0 }), DB_PATH: dbPath, HTTP_PORT: '0' });
    const cases: Array<Promise<Outcome>> = [];
    const run = async (name: string, dbPath: string | undefined, why?: string): Promise<Outcome> => {
      if (dbPath === undefined) {
        console.log(`faults storage: ${name} skipped: ${why}`);
        return { name, code: 'skipped', line: why ?? '' };
      }
      const bot = await runUntilExit(env(dbPath), 60_000);
      return { name, code: bot.exit?.code ?? null, line: errorLine(bot), stack: /\n\s+at /.test(bot.stderr) };
    };

    const corrupt = join(fx.dir, 'corrupt.db');
    const random = createRandom(51);
    writeFileSync(corrupt, Uint8Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256)));
    cases.push(run('corrupted', corrupt));

    const isDir = join(fx.dir, 'dir.db');
    mkdirSync(isDir);
    cases.push(run('directory', isDir));

    const frozen = join(fx.dir, 'frozen', 'bot.db');
    mkdirSync(join(fx.dir, 'frozen'));
    openDatabase(frozen).close();
    const canFreeze = setImmutable(frozen, true);
    if (canFreeze) immutable.push(frozen);
    cases.push(run('readOnlyFile', canFreeze ? frozen : undefined, 'chattr +i not available'));

    const roDir = join(fx.dir, 'ro');
    let roReady = mountTmpfs(roDir, '4m');
    if (roReady) {
      mounts.push(roDir);
      openDatabase(join(roDir, 'bot.db')).close();
      roReady = remountReadOnly(roDir);
    }
    cases.push(run('readOnlyDir', roReady ? join(roDir, 'bot.db') : undefined, 'mount -t tmpfs / remount,ro not permitted'));

    const full = join(fx.dir, 'full');
    const fullReady = mountTmpfs(full, '192k');
    if (fullReady) mounts.push(full);
    cases.push(run('diskFull', fullReady ? join(full, 'bot.db') : undefined, 'mount -t tmpfs not permitted'));

    const envOutcomes = BAD_ENV.slice(0, envCases).map(async ([name, value]): Promise<Outcome> => {
      const bot = await runUntilExit({ ...env(join(fx.dir, `env-${name}.db`)), [name]: value }, 30_000);
      return { name: `env:${name}`, code: bot.exit?.code ?? null, line: bot.stderr.trim() };
    });
    const storage = await Promise.all(cases);
    const bad = await Promise.all(envOutcomes);
    for (const o of [...storage, ...bad]) console.log(`faults storage: ${o.name} exit=${o.code} ${o.line}`);
    const ran = storage.filter((o) => o.code !== 'skipped');
    const line = summaryLine('faults storage', {
      cases: ran.length, skipped: storage.length - ran.length, exit1: ran.filter((o) => o.code === 1).length,
      envCases: bad.length, envExit1: bad.filter((o) => o.code === 1).length,
    });

    for (const o of ran) {
      expect(o.code, `${o.name}: exit 1, never a bot running on without storage (${o.line})`).toBe(1);
      expect(o.line, `${o.name}: a clear error line`).toMatch(STORAGE_ERROR);
      expect(o.stack, `${o.name}: no stack trace on stderr where one line does`).toBe(false);
    }
    for (const [i, o] of bad.entries()) {
      expect(o.code, `${o.name}: a bad value exits 1`).toBe(1);
      expect(o.line, `${o.name}: the error names the variable`).toContain(BAD_ENV[i]![0]);
    }
    expect(ran.length, 'the corrupted file and the directory cases run everywhere').toBeGreaterThanOrEqual(2);
    return line;
  } finally {
    await killAllBots();
    for (const p of immutable) setImmutable(p, false);
    for (const m of mounts) unmount(m);
    await fx.cleanup();
  }
}
