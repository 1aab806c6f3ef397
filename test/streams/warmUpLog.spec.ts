import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { VirtualTimeScheduler } from 'rxjs';
import { warmUpLog } from '../../src/streams/warmUpLog.js';
import { INTERVALS } from '../../src/domain/kline.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('warmUpLog', () => {
  it('says how far a long warm-up is every 10 s and when it is done, and only its end for a short one', async () => {
    const { log, lines } = capture();
    const scheduler = new VirtualTimeScheduler();
    let clock = 0;
    scheduler.now = () => clock;
    const rest = { stats: () => ({ weightUsed: 1_200, weightLimit: 2_400, weightSentTotal: 5_400 }) as ReturnType<Parameters<typeof warmUpLog>[1]['stats']> };
    const take = warmUpLog(log, rest, scheduler);
    const symbols = ['AUSDT', 'BUSDT', 'CUSDT'];
    for (const symbol of symbols) for (const interval of INTERVALS) take({ kind: 'begin', symbol, interval });
    let i = 0;
    for (const symbol of symbols) {
      for (const interval of INTERVALS) {
        clock += 2_500;
        i += 1;
        take({ kind: 'settled', symbol, interval, fromOpenTimeMs: 0, throughOpenTimeMs: 0 });
        if (i === 4) expect(lines.at(-1), 'at 10 s, the first progress line').toMatchObject({ msg: 'warming up', symbolsReady: 1, symbols: 3, seriesDone: 4, series: 9, secondsLeft: 13, restWeightThisMinute: 1_200, restWeightLimit: 2_400 });
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l.msg), 'one progress line at 10 s and one at 20 s, then done').toEqual(['warming up', 'warming up', 'warm-up done']);
    expect(lines.at(-1)).toMatchObject({ symbols: 3, series: 9, seconds: 22.5, restWeightTotal: 5_400 });

    lines.length = 0;
    take({ kind: 'begin', symbol: 'DUSDT', interval: '30m' });
    clock += 1_000;
    take({ kind: 'settled', symbol: 'DUSDT', interval: '30m', fromOpenTimeMs: 0, throughOpenTimeMs: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l.msg), 'a rotation joining one symbol: its end only').toEqual(['warm-up done']);
  });
});
