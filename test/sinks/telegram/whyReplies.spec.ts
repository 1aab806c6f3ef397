import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { deskConfigOf, DEFAULT_BACKTEST_SETTINGS } from '../../../src/backtest/runner.js';
import { LastScans } from '../../../src/app/lastScans.js';
import { restoreDesk } from '../../../src/app/restoreDesk.js';
import { whyOf } from '../../../src/app/whyQuery.js';
import { newCandleStep } from '../../../src/core/desk/candleStep.js';
import type { SymbolFeatures } from '../../../src/core/models/symbolFeatures.js';
import type { Kline } from '../../../src/domain/kline.js';
import type { Signal } from '../../../src/domain/signal.js';
import { openDatabase } from '../../../src/sinks/sqlite/db.js';
import { dailySummaryOf } from '../../../src/sinks/sqlite/dailyStats.js';
import { createRepos } from '../../../src/sinks/sqlite/repos.js';
import { renderSignalList } from '../../../src/sinks/telegram/templates/commandReplies.js';
import { renderDailySummary } from '../../../src/sinks/telegram/templates/dailySummary.js';
import { htmlToPlainText, parseTelegramHtml } from '../../../src/sinks/telegram/templates/html.js';
import { renderWhy, symbolArg, type WhySnapshot } from '../../../src/sinks/telegram/templates/whyReply.js';
import { leaks } from '../wording/identifiers.js';
import { sampleSignal } from './fixtures.js';

const LANGUAGES = ['vi', 'en'] as const;

/** The case: BTCUSDT refused at 1000 USDT and 1 % because the notional is under Binance's minimum. */
function tooSmall(overrides: Partial<Signal> = {}): Signal {
  return sampleSignal({
    status: 'blocked', quantity: 0, riskPct: 1, effectiveThreshold: 60,
    reasons: [{ code: 'size', detail: { problem: 'minNotional', notionalUsdt: 96.42, minNotional: 100 } }], ...overrides,
  });
}

function setup() {
  const repos = createRepos(openDatabase(':memory:'));
  const s = DEFAULT_BACKTEST_SETTINGS;
  const desk = restoreDesk({
    repos, config: deskConfigOf(s), startingEquity: s.startingEquity, memoryEnabled: true, logger: pino({ level: 'silent' }),
    base: { scoreThreshold: s.scoreThreshold, riskPerTradePct: s.riskPerTradePct, maxSignalsPerDay: s.maxSignalsPerDay },
  });
  return { repos, desk, lastScans: new LastScans(), baseThreshold: s.scoreThreshold };
}

/** A committed step of `signal`'s candle with `signal` as its one decision. */
function stepOf(signal: Signal) {
  const k: Kline = {
    symbol: signal.symbol, interval: '30m', openTimeMs: signal.openTimeMs, closeTimeMs: signal.endMs - 1,
    open: signal.entry, high: signal.entry, low: signal.entry, close: signal.entry, volume: 1, quoteVolume: 1, trades: 1, closed: true,
  };
  const { status: _s, quantity: _q, riskPct: _r, effectiveThreshold: _t, effectiveDailyMax: _d, reasons: _x, ...candidate } = signal;
  return { ...newCandleStep(k, {} as SymbolFeatures, true), candidates: [candidate], decisions: [signal] };
}

function clean(html: string, language: 'vi' | 'en'): string {
  expect(parseTelegramHtml(html).ok, 'valid Telegram HTML').toBe(true);
  const text = htmlToPlainText(html);
  expect(leaks(text, language), 'no program identifier a trader would read').toEqual([]);
  return text;
}

describe('/why', () => {
  it('reads BTC and btcusdt as BTCUSDT', () => {
    expect([symbolArg('BTC'), symbolArg(' btcusdt '), symbolArg(''), symbolArg('<b>')]).toEqual(['BTCUSDT', 'BTCUSDT', undefined, undefined]);
  });

  it('names the reason of the last blocked candidate, with its score parts, threshold, locks, caps and size, in both languages', () => {
    const { repos, desk, lastScans, baseThreshold } = setup();
    lastScans.record(stepOf(tooSmall()), false);
    const snap = whyOf('BTCUSDT', { repos, desk, lastScans, watched: () => new Set(['BTCUSDT']), baseThreshold });
    const en = clean(renderWhy(snap, { language: 'en' }), 'en');
    expect(en, 'the blocking reason in words').toContain('Blocked because: No valid position size: notional 96.42 USDT below the minimum 100.00 USDT');
    expect(en, 'the score parts in words, with their points').toContain('1D trend: +25 points');
    expect(en, 'the reversal model saw nothing').toMatch(/Reversal: no setup/);
    const vi = clean(renderWhy(snap, { language: 'vi' }), 'vi');
    expect(vi).toMatch(/Bị chặn vì: /);
    expect({ en, vi }).toMatchSnapshot();
    const sized = { ...snap, models: snap.models.map((m) => (m.decision ? { ...m, decision: { ...m.decision, status: 'sent' as const, quantity: 0.002 } } : m)) };
    expect(clean(renderWhy(sized, { language: 'vi' }), 'vi'), 'regression: the size in its asset').toMatch(/Khối lượng: 0\.002 BTC \(/);
  });

  it('names the locks in force by the names the rest of the product uses', () => {
    const { repos, desk, lastScans, baseThreshold } = setup();
    const signal = tooSmall();
    desk.memory.setManualPause(signal.endMs + 3_600_000, signal.endMs - 1);
    desk.refreshMemory(signal.endMs);
    lastScans.record(stepOf(signal), false);
    const snap = whyOf('BTCUSDT', { repos, desk, lastScans, watched: () => new Set(['BTCUSDT']), baseThreshold });
    const en = clean(renderWhy(snap, { language: 'en' }), 'en');
    expect(en).toContain('Locks in force: All signals paused (Paused by the operator): until 2025-01-11 11:30 UTC');
    expect(clean(renderWhy(snap, { language: 'vi' }), 'vi')).toContain('Khóa đang áp dụng: ');
  });

  it('after a restart answers from the stored decision; says when a symbol is not watched or not scanned yet', () => {
    const { repos, desk, lastScans, baseThreshold } = setup();
    repos.signals.insert(tooSmall(), 'confluence');
    const stored = whyOf('BTCUSDT', { repos, desk, lastScans, watched: () => new Set(['BTCUSDT']), baseThreshold });
    expect(htmlToPlainText(renderWhy(stored, { language: 'en' }))).toContain('Last stored decision');
    const texts: Record<string, string> = {};
    for (const language of LANGUAGES) {
      for (const [name, snap] of [
        ['notWatched', whyOf('DOGEUSDT', { repos, desk, lastScans, watched: () => new Set(), baseThreshold })],
        ['notScannedYet', whyOf('DOGEUSDT', { repos, desk, lastScans, watched: () => new Set(['DOGEUSDT']), baseThreshold })],
        ['notWarm', { ...stored, state: 'notWarm', models: [] } satisfies WhySnapshot],
        ['stored', stored],
      ] as const) texts[`${language} ${name}`] = clean(renderWhy(snap, { language }), language);
    }
    expect(texts).toMatchSnapshot();
  });
});

describe('blocked candidates in words', () => {
  it('/signals gives each blocked candidate its reason, as the dashboard words it', () => {
    const rows = [tooSmall(), sampleSignal()];
    const texts = LANGUAGES.map((language) => clean(renderSignalList(rows, { language }), language));
    expect(texts[1], 'en').toContain('blocked: No valid position size: notional 96.42 USDT below the minimum 100.00 USDT');
    expect(texts).toMatchSnapshot();
  });

  it('the daily summary lists the day\'s blocked candidates grouped, with the latest one\'s reason', () => {
    const { repos } = setup();
    const first = tooSmall();
    for (let i = 0; i < 7; i++) repos.signals.insert(tooSmall({ openTimeMs: first.openTimeMs + i * 1_800_000, endMs: first.endMs + i * 1_800_000 }), 'confluence');
    const dayStartMs = Math.floor(first.endMs / 86_400_000) * 86_400_000;
    const summary = dailySummaryOf(repos.db, dayStartMs, 1000);
    expect(summary.blocked, 'one group of seven').toMatchObject([{ symbol: 'BTCUSDT', interval: '30m', count: 7 }]);
    const texts = LANGUAGES.map((language) => clean(renderDailySummary(summary, { language }), language));
    expect(texts[1]).toContain('BTCUSDT 30m 7×: No valid position size');
    expect(texts).toMatchSnapshot();
  });
});
