import { from, lastValueFrom, toArray } from 'rxjs';
import { expect } from 'vitest';
import { parseKline, parseKlineFrame } from '../../../src/operators/parseKline.js';
import { botEnv } from '../../e2e/support/botEnv.js';
import { BotProcess, killAllBots } from '../../e2e/support/botProcess.js';
import { startFixture } from '../../e2e/support/fixture.js';
import { freePort } from '../../e2e/support/freePort.js';
import { getText, metricValue } from '../../e2e/support/httpProbe.js';
import { waitFor } from '../../e2e/ops/support/waitFor.js';
import { fuzzFrames, type FuzzFrame, type FuzzOutcome } from '../support/fuzzFrames.js';
import { FuzzRelay } from '../support/fuzzRelay.js';
import { summaryLine } from '../support/scale.js';

/** How many fuzzed frames parseKline meets (full: 10 000); every `botShareEvery`-th bad one also goes to the bot. */
export interface FuzzSize {
  readonly frames: number;
  readonly botShareEvery: number;
}

const SEED = 0x5eed;
const BAD_KINDS = ['json', 'shape', 'number', 'interval', 'stream_mismatch', 'binary'] as const;

const count = (frames: readonly FuzzFrame[], outcome: FuzzOutcome): number => frames.filter((f) => f.expect === outcome).length;

/** What parseKlineFrame made of a frame, as a FuzzOutcome, or the error it threw. */
function outcomeOf(frame: FuzzFrame): { outcome: FuzzOutcome | 'threw'; kline?: unknown } {
  try {
    const parsed = parseKlineFrame(frame.data);
    if (parsed === null) return { outcome: 'control' };
    if ('bad' in parsed) return { outcome: parsed.bad as FuzzOutcome };
    return { outcome: 'good', kline: parsed };
  } catch {
    return { outcome: 'threw' };
  }
}

/**
 * Seeded fuzzed frames through parseKline: no throw, each bad frame counted under the kind it was
 * built as, each good frame parsed to exactly the candle it carries (the operator: each closed one). Then a share of the bad ones
 * goes to the real bot between real frames (through {@link FuzzRelay}): it stays up, keeps its
 * shard, and /metrics `kline_signals_ws_bad_frames_total` counts each of them by kind.
 */
export async function fuzzFramesScenario({ frames: total, botShareEvery }: FuzzSize): Promise<string> {
  const frames = [...fuzzFrames(total, SEED)];
  const wrong: Array<{ family: string; expected: FuzzOutcome; got: string }> = [];
  for (const f of frames) {
    const { outcome, kline } = outcomeOf(f);
    if (outcome !== f.expect || (outcome === 'good' && JSON.stringify(kline) !== JSON.stringify(f.kline))) wrong.push({ family: f.family, expected: f.expect, got: outcome });
  }
  const reported = new Map<string, number>();
  const parsed = await lastValueFrom(from(frames.map((f) => f.data)).pipe(
    parseKline({ onBadFrame: (kind) => reported.set(kind, (reported.get(kind) ?? 0) + 1) }), toArray()));

  const share = frames.filter((f, i) => i % botShareEvery === 0 && f.expect !== 'good' && f.expect !== 'control');
  const bot = await sendToBot(share);
  const byKind = Object.fromEntries(BAD_KINDS.map((k) => [k, count(frames, k)]));
  const line = summaryLine('faults fuzz', {
    frames: total, good: count(frames, 'good'), control: count(frames, 'control'), ...byKind,
    throws: wrong.filter((w) => w.got === 'threw').length, misjudged: wrong.length, parsed: parsed.length,
    botFrames: share.length, botCounted: bot.counted, botAlive: bot.alive, botReconnects: bot.reconnects,
  });

  expect(wrong.filter((w) => w.got === 'threw'), 'parseKlineFrame never throws').toEqual([]);
  expect(wrong.slice(0, 10), 'every frame judged as built (kind, or the exact candle)').toEqual([]);
  expect(Object.fromEntries(reported), 'parseKline reports every bad frame by kind').toEqual(Object.fromEntries(Object.entries(byKind).filter(([, n]) => n > 0)));
  // The operator passes closed candles only (forming updates are dropped unparsed: no stage reads them).
  expect(parsed, 'parseKline emits every good closed frame, in order, as built').toEqual(frames.filter((f) => f.expect === 'good' && f.kline?.closed).map((f) => f.kline));
  expect(new Set(frames.map((f) => f.expect)).size, 'the fuzz covers every outcome').toBe(BAD_KINDS.length + 2);
  expect(bot.alive, 'the bot stays up').toBe(true);
  expect(bot.reconnects, 'bad frames never cost the shard its connection').toBe(0);
  expect(bot.byKind, 'the bot counts every bad frame by kind in /metrics').toEqual(bot.expectedByKind);
  return line;
}

interface BotShare { alive: boolean; reconnects: number; counted: number; byKind: Record<string, number>; expectedByKind: Record<string, number> }

async function sendToBot(share: readonly FuzzFrame[]): Promise<BotShare> {
  const fx = await startFixture({ speed: 600, seed: 41 });
  const relay = await FuzzRelay.start(fx.sim.wsBaseUrl.replace(/\/market$/, ''));
  try {
    const httpPort = await freePort();
    const bot = new BotProcess({ ...botEnv({ sim: fx.sim, dir: fx.dir, httpPort }), BINANCE_WS_URL: relay.wsBaseUrl, STALE_AFTER_SECONDS: '60' });
    await bot.waitForLog('shard open', 30_000);
    const reconnectsBefore = bot.logsWith('shard reconnecting').length;
    for (let i = 0; i < share.length; i += 100) relay.inject(share.slice(i, i + 100).map((f) => f.data));
    const expectedByKind = Object.fromEntries(BAD_KINDS.map((k) => [k, count(share, k)]).filter(([, n]) => (n as number) > 0));
    const read = async (): Promise<Record<string, number>> => {
      const text = (await getText(httpPort, '/metrics')).body;
      return Object.fromEntries(BAD_KINDS.map((k) => [k, metricValue(text, 'kline_signals_ws_bad_frames_total', `kind="${k}"`) ?? 0]).filter(([, n]) => (n as number) > 0));
    };
    let byKind: Record<string, number> = {};
    await waitFor('the bot to count the injected frames', async () => {
      byKind = await read();
      return JSON.stringify(byKind) === JSON.stringify(expectedByKind) || bot.exit !== undefined;
    }, 20_000, 200).catch(() => undefined);
    byKind = await read().catch(() => byKind);
    const alive = bot.exit === undefined;
    return {
      alive, reconnects: bot.logsWith('shard reconnecting').length - reconnectsBefore,
      counted: Object.values(byKind).reduce((n, v) => n + v, 0), byKind, expectedByKind,
    };
  } finally {
    await killAllBots();
    await relay.close();
    await fx.cleanup();
  }
}
