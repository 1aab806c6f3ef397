import { describe, expect, it } from 'vitest';
import type { MemoryEvent, Verdict } from '../../../src/domain/memory.js';
import type { Language } from '../../../src/sinks/telegram/templates/strings.js';
import { renderSignal } from '../../../src/sinks/telegram/templates/signalMessage.js';
import { renderTradeResult } from '../../../src/sinks/telegram/templates/tradeMessage.js';
import { renderMemoryEvent } from '../../../src/sinks/telegram/templates/memoryMessage.js';
import { renderDailySummary } from '../../../src/sinks/telegram/templates/dailySummary.js';
import { renderShutdown, renderStartup } from '../../../src/sinks/telegram/templates/lifecycleMessage.js';
import { renderHaltNotice } from '../../../src/sinks/telegram/templates/haltMessage.js';
import { renderMemory } from '../../../src/sinks/telegram/templates/commandReplies.js';
import { htmlToPlainText, parseTelegramHtml } from '../../../src/sinks/telegram/templates/html.js';
import { sampleSignal, sampleTrade } from './fixtures.js';

const LANGS: readonly Language[] = ['vi', 'en'];
const AT = Date.UTC(2025, 2, 4, 12, 30);
const ticks = { BTCUSDT: 0.1, ETHUSDT: 0.01 };

const VERDICTS: Record<string, Verdict> = {
  pause: { type: 'lock', rule: 'globalLossStreak', scope: { kind: 'global' }, startMs: AT, untilMs: AT + 12 * 3_600_000, detail: { kind: 'lossStreak', losses: 3 } },
  cooldown: { type: 'lock', rule: 'symbolLossStreak', scope: { kind: 'symbol', symbol: 'SOLUSDT' }, startMs: AT, untilMs: AT + 24 * 3_600_000, detail: { kind: 'lossStreak', losses: 2 } },
  modelOff: { type: 'lock', rule: 'reversalWinRate', scope: { kind: 'model', model: 'reversal' }, startMs: AT, untilMs: AT + 48 * 3_600_000, detail: { kind: 'winRateBelow', wins: 4, trades: 10, linePct: 45 } },
  dailyCap: { type: 'dailyCap', rule: 'drawdownDailyCap', scope: { kind: 'global' }, maxSignals: 2, detail: { kind: 'drawdown', drawdownPct: 5.4012345, linePct: 5 } },
  riskCap: { type: 'riskCap', rule: 'drawdownRiskCap', scope: { kind: 'global' }, maxRiskPct: 0.5, detail: { kind: 'drawdown', drawdownPct: 8.1, linePct: 8 } },
  threshold: { type: 'threshold', rule: 'symbolWinRate', scope: { kind: 'symbol', symbol: 'ETHUSDT' }, add: 5, detail: { kind: 'winRateBelow', wins: 1, trades: 4, linePct: 50 } },
  goodRun: { type: 'notice', rule: 'continuationWinRate', scope: { kind: 'model', model: 'continuation' }, detail: { kind: 'winRateAbove', wins: 14, trades: 20, linePct: 65 } },
};

/** Every template in both languages must be valid Telegram HTML: a bad tag would cost a 400 and a plain-text resend. */
function valid(html: string): string {
  const parsed = parseTelegramHtml(html);
  expect(parsed.ok, `Telegram must accept the markup: ${parsed.ok ? '' : parsed.error}`).toBe(true);
  return html;
}

describe.each(LANGS)('templates (%s)', (language) => {
  const ctx = { language, tickSizes: ticks };

  it('renders a LONG signal with levels at the tick size and its memory adjustment', () => {
    expect(valid(renderSignal(sampleSignal(), ctx))).toMatchSnapshot();
  });

  it('shows the risk the rounded size takes, with the risk aimed at when rounding cut it (regression: "1 %" for 0.58 %)', () => {
    const signal = sampleSignal({ riskPct: 1, reasons: [] });
    const riskUsdt = signal.quantity * Math.abs(signal.entry - signal.stopLoss);
    const cut = valid(renderSignal(signal, ctx, undefined, { equityUsdt: riskUsdt / 0.0058 }));
    const line = cut.split('\n').find((l) => l.startsWith(language === 'vi' ? 'Rủi ro: ' : 'Risk: '));
    expect(line, 'the risk taken, in USDT, and the target').toBe(language === 'vi'
      ? `Rủi ro: <b>0.58% vốn</b> (${riskUsdt.toFixed(2)} USDT, mục tiêu 1%)`
      : `Risk: <b>0.58% of equity</b> (${riskUsdt.toFixed(2)} USDT, target 1%)`);
    const full = valid(renderSignal(signal, ctx, undefined, { equityUsdt: riskUsdt / 0.01 }));
    expect(full, 'no target when the size took it whole').not.toContain(language === 'vi' ? 'mục tiêu' : 'target');
    expect(full).toContain(`1% ${language === 'vi' ? 'vốn' : 'of equity'}</b> (${riskUsdt.toFixed(2)} USDT)`);
  });

  it('renders a SHORT signal without tick size and without adjustments', () => {
    const text = valid(renderSignal(sampleSignal({ symbol: 'PEPEUSDT', side: 'SHORT', model: 'reversal', entry: 0.0000123456, stopLoss: 0.0000125, takeProfit: 0.0000118, quantity: 81_000_000, reasons: [] }), ctx));
    expect(text, 'a tiny price keeps its significant digits').toContain('0.0000123456');
    expect(text).toMatchSnapshot();
  });

  it('renders a late signal with how late, its candle close and the latest price, under the title', () => {
    const signal = sampleSignal();
    const closedAtMs = signal.endMs;
    const text = valid(renderSignal(signal, ctx, { lateByMs: 95 * 60_000, closedAtMs, lastPrice: 64_012.3456 }));
    const lines = text.split('\n');
    expect(lines[1], 'the notice is the second line, so a trader sees it before the levels').toMatch(/^⏱ /);
    expect(lines[1]).toContain(language === 'vi' ? 'Trễ 1 giờ 35 phút' : 'Late by 1h 35m');
    expect(lines[1], 'the candle close time, in UTC').toContain(new Date(closedAtMs).toISOString().slice(11, 16));
    expect(lines[1], 'the latest price at the tick size').toContain('64012.3');
    expect(renderSignal(signal, ctx), 'on time: no notice').not.toContain('⏱');
    expect(text).toMatchSnapshot();
  });

  it.each(['WIN', 'LOSS', 'EXPIRED'] as const)('renders a %s trade result', (outcome) => {
    const r = outcome === 'WIN' ? 1.42 : outcome === 'LOSS' ? -1.06 : -0.21;
    expect(valid(renderTradeResult(sampleTrade({ outcome, rMultiple: r, pnl: r * 10, equityAfter: 1000 + r * 10 }), { drawdownPct: outcome === 'WIN' ? 0 : 2.35 }, ctx))).toMatchSnapshot();
  });

  it('renders an EXPIRED trade whose symbol stopped trading with the reason under the title', () => {
    const trade = sampleTrade({ outcome: 'EXPIRED', rMultiple: -0.21, pnl: -2.1, equityAfter: 997.9, exitReason: { code: 'symbol_halted', detail: { symbol: 'ETHUSDT', status: 'SETTLING' } } });
    const text = valid(renderTradeResult(trade, { drawdownPct: 0.21 }, ctx));
    expect(text.split('\n')[1], 'the reason is the second line').toBe(language === 'vi'
      ? '<i>đã đóng: ETHUSDT ngừng giao dịch trên Binance (bị hủy niêm yết hoặc đang tất toán)</i>'
      : '<i>closed: ETHUSDT stopped trading on Binance (delisted or settling)</i>');
    expect(text).toMatchSnapshot();
  });

  it('renders the notice of a symbol that stopped trading: with its trade closed, without, and no longer listed', () => {
    const settling = valid(renderHaltNotice({ symbol: 'BTCUSDT', status: 'SETTLING', lastEndMs: AT, tradeClosed: true }, ctx));
    expect(settling.split('\n')[1], 'the status in words, and as Binance writes it').toContain(language === 'vi' ? 'đang tất toán (SETTLING)' : 'settling (SETTLING)');
    expect(settling).toMatchSnapshot();
    expect(valid(renderHaltNotice({ symbol: 'ETHUSDT', status: 'BREAK', lastEndMs: AT, tradeClosed: false }, ctx))).toMatchSnapshot();
    expect(valid(renderHaltNotice({ symbol: 'SOLUSDT', status: null, lastEndMs: undefined, tradeClosed: false }, ctx))).toMatchSnapshot();
    expect(renderHaltNotice({ symbol: 'XRPUSDT', status: 'NEW_STATUS', lastEndMs: undefined, tradeClosed: false }, ctx), 'a status Binance adds later is shown as is').toContain('NEW_STATUS');
  });

  it.each(Object.keys(VERDICTS))('renders the start and end of %s', (name) => {
    const verdict = VERDICTS[name] as Verdict;
    const start: MemoryEvent = { kind: 'start', atMs: AT, verdict };
    const end: MemoryEvent = { kind: 'end', atMs: AT + 3_600_000, verdict };
    expect(valid(renderMemoryEvent(start, ctx))).toMatchSnapshot();
    expect(valid(renderMemoryEvent(end, ctx))).toMatchSnapshot();
  });

  it('renders the daily summary, start-up and shutdown', () => {
    const day = Date.UTC(2025, 2, 4);
    expect(valid(renderDailySummary({ dayStartMs: day, trades: 4, wins: 3, totalR: 2.75, equity: 1027.5, signalsSent: 4, signalsBlocked: 2 }, ctx))).toMatchSnapshot();
    expect(valid(renderDailySummary({ dayStartMs: day, trades: 0, wins: 0, totalR: 0, equity: 1000, signalsSent: 0, signalsBlocked: 0 }, ctx))).toMatchSnapshot();
    expect(valid(renderStartup({ atMs: AT, mode: 'live', profile: 'seed', symbols: 40, watching: 40, memoryEnabled: true }, ctx))).toMatchSnapshot();
    expect(valid(renderShutdown({ atMs: AT, reason: 'SIGTERM', pending: 3 }, ctx))).toMatchSnapshot();
  });

  it('says the whole market, in words, when MAX_SYMBOLS_SUBSCRIBED=all', () => {
    const text = valid(renderStartup({ atMs: AT, mode: 'live', profile: 'seed', symbols: 'all', watching: 312, memoryEnabled: true }, ctx));
    expect(text).toContain(language === 'vi' ? 'toàn thị trường' : 'the whole market');
    expect(text, 'the number watched').toContain('<b>312</b>');
    expect(text, 'not the setting value').not.toMatch(/\ball\b/);
  });

  it('words the mode and why it stopped, never the signal name alone (regression: "Reason: SIGINT")', () => {
    const start = htmlToPlainText(valid(renderStartup({ atMs: AT, mode: 'demo', profile: 'seed', symbols: 3, watching: 3, memoryEnabled: true }, ctx)));
    expect(start).toContain(language === 'vi' ? 'Chế độ: demo (sàn mô phỏng)' : 'Mode: demo (simulated exchange)');
    const stops = (['SIGINT', 'SIGTERM', 'fatal', 'stop'] as const).map((reason) => htmlToPlainText(valid(renderShutdown({ atMs: AT, reason, pending: 0 }, ctx))));
    expect(stops[0]).toContain('Ctrl-C');
    for (const text of stops) expect(text, text).not.toMatch(/SIGINT|SIGTERM|fatal|: stop$/m);
    expect(new Set(stops).size, 'each reason its own words').toBe(4);
  });

  it('names the simulator and its address as the mode, not Binance (regression: "live (Binance)" against the simulator)', () => {
    const start = htmlToPlainText(valid(renderStartup({ atMs: AT, mode: 'simulated', exchangeUrl: 'http://127.0.0.1:38509', profile: 'seed', symbols: 3, watching: 3, memoryEnabled: true }, ctx)));
    expect(start).toContain(language === 'vi' ? 'Chế độ: sàn mô phỏng (http://127.0.0.1:38509)' : 'Mode: simulated exchange (http://127.0.0.1:38509)');
  });

  it('tells the number of symbols watched, and the limit when fewer are (regression: "40" while 3 were watched)', () => {
    const text = htmlToPlainText(valid(renderStartup({ atMs: AT, mode: 'live', profile: 'seed', symbols: 40, watching: 3, memoryEnabled: true }, ctx)));
    expect(text).toContain(language === 'vi' ? 'Số mã theo dõi: 3 (tối đa 40)' : 'Symbols watched: 3 (up to 40)');
  });

  it('escapes every dynamic value (symbol, symbols inside reasons)', () => {
    const hostile = sampleSignal({
      symbol: '<b>X&Y</b>',
      reasons: [{ code: 'open_trade', detail: { symbol: '<script>' } }],
    });
    const text = valid(renderSignal(hostile, ctx));
    expect(text, 'the symbol is escaped').toContain('&lt;b&gt;X&amp;Y&lt;/b&gt;');
    expect(text, 'no raw tag from data survives').not.toMatch(/<script>/);
    expect(text, 'a symbol inside a reason is escaped').toContain('&lt;script&gt;');
    const event = valid(renderMemoryEvent({ kind: 'start', atMs: AT, verdict: { ...(VERDICTS.cooldown as Verdict), scope: { kind: 'symbol', symbol: 'A<B' }, rule: 'r&d' } }, ctx));
    expect(event, 'memory data is escaped').toContain('A&lt;B');
  });
});

describe('Vietnamese wording', () => {
  it('uses the natural trading terms', () => {
    const ctx = { language: 'vi' as const, tickSizes: ticks };
    const long = renderSignal(sampleSignal(), ctx);
    const short = renderSignal(sampleSignal({ side: 'SHORT' }), ctx);
    for (const word of ['Tín hiệu MUA', 'Cắt lỗ', 'Chốt lời', 'Điểm vào']) expect(long, `signal says "${word}"`).toContain(word);
    expect(short, 'a short is BÁN').toContain('Tín hiệu BÁN');
    const words = (['WIN', 'LOSS', 'EXPIRED'] as const).map((outcome) => renderTradeResult(sampleTrade({ outcome }), { drawdownPct: 0 }, ctx));
    expect(words.map((w) => /Thắng|Thua|Hết hạn/.exec(w)?.[0]), 'outcomes are Thắng/Thua/Hết hạn').toEqual(['Thắng', 'Thua', 'Hết hạn']);
  });
});

describe.each(LANGS)('what a trader reviewing the Vietnamese channel found (%s), regression', (language) => {
  const ctx = { language, tickSizes: ticks };
  const text = (html: string) => htmlToPlainText(valid(html));
  // The seed profile's ETHUSDT short of the README's demo: a whole-number part and a fractional one.
  const seed = sampleSignal({ symbol: 'ETHUSDT', interval: '4h', side: 'SHORT', score: 84, breakdown: { base: 70, momentum: 14 }, quantity: 0.099, reasons: [] });

  it('gives the score with one decimal, the points of each part explicitly, and the quantity in its asset', () => {
    const signal = text(renderSignal(seed, ctx));
    expect(signal, 'a whole score still has its decimal, as the dashboard and the chart card show it').toContain(language === 'vi' ? 'Điểm: 84.0 (ngưỡng 80)' : 'Score: 84.0 (threshold 80)');
    expect(signal, 'each part says it adds points').toContain(language === 'vi' ? 'điểm cơ sở: +70 điểm · đà 19 nến: +14 điểm' : 'base score: +70 points · 19-bar move: +14 points');
    expect(signal, 'the quantity names its asset').toContain(language === 'vi' ? 'Khối lượng: 0.099 ETH' : 'Quantity: 0.099 ETH');
    expect(signal, 'risk/reward without a doubled colon').toMatch(language === 'vi' ? /^Rủi ro\/lợi nhuận: 1 : \d\.\d\d$/m : /^Risk\/reward: 1 : \d\.\d\d$/m);
    expect(signal, 'no "R:R:"').not.toMatch(/R:R|:reward:/);
  });

  it('/memory with no verdict says none is in force, not that no rule applies (the rules are on)', () => {
    expect(text(renderMemory([], ctx))).toContain(language === 'vi' ? 'Hiện chưa quy tắc nào có hiệu lực' : 'No rule is in force now');
  });

  it('says when a trade was entered in plain words', () => {
    expect(text(renderTradeResult(sampleTrade(), { drawdownPct: 0 }, ctx))).toMatch(language === 'vi' ? /^Vào lệnh lúc: 2025-/m : /^Entered at: 2025-/m);
  });

  it.each(['seed', 'confluence'] as const)('names the %s profile by its name for people, never its setting value', (profile) => {
    const start = text(renderStartup({ atMs: AT, mode: 'live', profile, symbols: 40, watching: 40, memoryEnabled: true }, ctx));
    const line = /^(?:Bộ mô hình|Model profile): (.+)$/m.exec(start)?.[1];
    expect(line, 'the profile line').toBeDefined();
    expect(line, 'not the setting value').not.toMatch(new RegExp(`^${profile}$`, 'i'));
    if (language === 'vi') expect(line, 'no English key in Vietnamese').not.toMatch(/seed|confluence/i);
    expect(start, 'the memory by the one name it has everywhere').toContain(language === 'vi' ? 'Bộ nhớ thích ứng: bật' : 'Adaptive memory: on');
  });
});
