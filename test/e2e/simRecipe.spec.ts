import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { botCliArgs, REPO_ROOT } from '../support/botCli.js';
import { BotProcess, killAllBots, type LogEntry } from './support/botProcess.js';
import { waitUntil } from './support/poll.js';

/** The simulator as `npm run sim` starts it, and the two lines it printed on stdout. */
interface RunningSim {
  readonly child: ChildProcess;
  readonly json: { restUrl: string; wsBaseUrl: string };
  /** The `export …` line's assignments. */
  readonly exported: Record<string, string>;
}

async function startSim(args: readonly string[]): Promise<RunningSim> {
  const child = spawn(process.execPath, botCliArgs(['sim', ...args]), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const lines = await waitUntil('the JSON line and the export line', () => {
    const complete = out.split('\n').slice(0, -1);
    return complete.length >= 2 && complete;
  }, 20_000);
  const exportLine = lines[1]!;
  expect(exportLine, 'a line a shell takes as it is').toMatch(/^export( [A-Z_]+=\S+)+$/);
  const exported = Object.fromEntries(exportLine.replace(/^export /, '').split(' ').map((kv) => kv.split('=', 2) as [string, string]));
  return { child, json: JSON.parse(lines[0]!) as RunningSim['json'], exported };
}

/** The bot with the export line's settings, a temp database, no dashboard. */
function startBot(exported: Record<string, string>, dir: string, overrides: Record<string, string> = {}): BotProcess {
  return new BotProcess({ ...exported, DB_PATH: join(dir, 'bot.db'), HTTP_PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...overrides });
}

const symbolWarnings = (logs: readonly LogEntry[]) => logs.filter((e) => e.level >= 40 && typeof e.symbol === 'string');

let sim: RunningSim;
let dir: string;
beforeAll(async () => {
  sim = await startSim(['--speed', '7200']);
});
afterAll(() => {
  sim?.child.kill('SIGINT');
});
afterEach(async () => {
  await killAllBots();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the two-terminal recipe: npm run sim, then npm start with its export line (issue 15 item 5)', () => {
  it('prints an export line with its own URLs and the symbols of its data', () => {
    expect(sim.exported, 'the variables the bot reads, pointing at this simulator').toEqual({
      BINANCE_REST_URL: sim.json.restUrl, BINANCE_WS_URL: sim.json.wsBaseUrl, FIXED_SYMBOLS: 'BTC,ETH,SOL', DB_PATH: './data/sim.db',
    });
  });

  it('a bot started with it gets candles and signals, with no error and no symbol warning', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ks-recipe-'));
    const bot = startBot(sim.exported, dir);
    const warm = await bot.waitForLog('warm-up done', 30_000);
    expect(warm.symbols, 'the three symbols of the data').toBe(3);
    await bot.waitForLog('signal sent', 60_000);
    expect(bot.logs.filter((e) => e.level >= 50), 'no error line').toEqual([]);
    expect(symbolWarnings(bot.logs).filter((e) => e.component === 'marketData'), 'no symbol left out').toEqual([]);
  }, 100_000);

  it('regression: a fixed symbol the exchange does not list (the default BNB on the bundled data) is one warning naming it, no error', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ks-recipe-'));
    const bot = startBot(sim.exported, dir, { FIXED_SYMBOLS: 'BTC,ETH,BNB' });
    const warm = await bot.waitForLog('warm-up done', 30_000);
    expect(warm.symbols, 'BTC and ETH fixed, SOL through the rotation').toBe(3);
    const bnb = bot.logs.filter((e) => JSON.stringify(e).includes('BNBUSDT'));
    expect(bnb.map((e) => [e.level, e.msg, e.symbol, e.setting]), 'one warning, naming the symbol and the setting').toEqual([
      [40, 'fixed symbol not listed by the exchange, not watching it', 'BNBUSDT', 'FIXED_SYMBOLS'],
    ]);
    expect(bot.logs.filter((e) => e.level >= 50), 'no error line').toEqual([]);
  }, 80_000);
});
