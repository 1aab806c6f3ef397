import { describe, expect, it } from 'vitest';
import { memoryTable, tradesTable } from '../../../src/backtest/report/html/tables.js';
import { memoryTimeline } from '../../../src/backtest/report/memoryTimeline.js';
import type { ReportTrade } from '../../../src/backtest/report/types.js';
import { RULE_TITLES } from '../../../src/core/memory/rule.js';
import { SEED_RULE_BOOK } from '../../../src/core/memory/ruleBook.js';
import { scopeKey } from '../../../src/core/memory/verdictKeys.js';
import { VERDICT_DETAIL_KINDS, VERDICT_TYPES, type MemoryEvent, type Verdict, type VerdictDetail } from '../../../src/domain/memory.js';
import { REASON_CODES, SIZE_PROBLEMS, normaliseReasons, type Reason, type ReasonCode, type ReasonOf, type SizeProblem } from '../../../src/domain/reason.js';
import { BREAKDOWN_KEYS, MODEL_NAMES, type ScoreBreakdown } from '../../../src/domain/signal.js';
import type { Kline } from '../../../src/domain/kline.js';
import { chartCardSvg } from '../../../src/sinks/telegram/chart/chartCard.js';
import type { ChartSpec } from '../../../src/sinks/telegram/chart/chartSpec.js';
import { renderStartup } from '../../../src/sinks/telegram/templates/lifecycleMessage.js';
import { DASHBOARD_LABELS } from '../../../src/sinks/http/dashboard/labels.js';
import { profileText, wordMemory, wordSignals, wordTrades } from '../../../src/sinks/http/worded.js';
import { stringsFor } from '../../../src/sinks/telegram/templates/common.js';
import { renderMemory, renderSignalList } from '../../../src/sinks/telegram/templates/commandReplies.js';
import { renderMemoryEvent } from '../../../src/sinks/telegram/templates/memoryMessage.js';
import { reasonDetailText, reasonText, ruleNameText } from '../../../src/sinks/telegram/templates/reasonText.js';
import { renderSignal } from '../../../src/sinks/telegram/templates/signalMessage.js';
import { exitReasonText } from '../../../src/sinks/telegram/templates/tradeMessage.js';
import { renderHaltNotice } from '../../../src/sinks/telegram/templates/haltMessage.js';
import { renderTradeResult } from '../../../src/sinks/telegram/templates/tradeMessage.js';
import { EXIT_REASON_CODES, type ExitReason } from '../../../src/domain/trade.js';
import type { Language } from '../../../src/sinks/telegram/templates/strings.js';
import { sampleSignal, sampleTrade } from '../telegram/fixtures.js';
import { leaks, PROFILE_KEYS, RULE_IDS } from './identifiers.js';

const LANGS: readonly Language[] = ['vi', 'en'];
const AT = Date.UTC(2025, 2, 4, 12, 30);
const UNTIL = AT + 12 * 3_600_000;

/** One fact of each kind, with the long decimals the rules really produce. */
const DETAILS: { readonly [K in VerdictDetail['kind']]: Extract<VerdictDetail, { kind: K }> } = {
  none: { kind: 'none' },
  lossStreak: { kind: 'lossStreak', losses: 3 },
  winRateBelow: { kind: 'winRateBelow', wins: 9, trades: 20, linePct: 55 },
  winRateAbove: { kind: 'winRateAbove', wins: 14, trades: 20, linePct: 65 },
  drawdown: { kind: 'drawdown', drawdownPct: 8.123456789, linePct: 8 },
  weakTrend: { kind: 'weakTrend', trendAtr: 0.7312345678, lineAtr: 1.2 + 0.1 },
};

const SIZE: { readonly [P in SizeProblem['problem']]: Extract<SizeProblem, { problem: P }> } = {
  riskAmount: { problem: 'riskAmount', riskUsdt: 0 },
  stopDistance: { problem: 'stopDistance', entry: 94321.2, stopLoss: 94321.2 },
  minQty: { problem: 'minQty', quantity: 0, minQty: 0.001, stepSize: 0.001 },
  minNotional: { problem: 'minNotional', notionalUsdt: 94.3212345678, minNotional: 100 },
};

/** A reason of every code; typed by code, so a new code does not compile until it has a sample here. */
const REASONS: { readonly [C in ReasonCode]: ReasonOf<C> } = {
  pause: { code: 'pause', detail: { untilMs: UNTIL, why: DETAILS.lossStreak }, rule: 'globalLossStreak' },
  symbol_cooldown: { code: 'symbol_cooldown', detail: { symbol: 'SOLUSDT', untilMs: UNTIL, why: DETAILS.lossStreak }, rule: 'symbolLossStreak' },
  model_disabled: { code: 'model_disabled', detail: { model: 'reversal', untilMs: UNTIL, why: DETAILS.winRateBelow }, rule: 'reversalWinRate' },
  model_off: { code: 'model_off', detail: { model: 'reversal' } },
  threshold_raised: { code: 'threshold_raised', detail: { add: 5, why: DETAILS.winRateBelow }, rule: 'symbolWinRate' },
  risk_cap: { code: 'risk_cap', detail: { maxRiskPct: 0.5, why: DETAILS.drawdown }, rule: 'drawdownRiskCap' },
  daily_cap: { code: 'daily_cap', detail: { maxSignals: 2, why: DETAILS.drawdown }, rule: 'drawdownDailyCap' },
  threshold: { code: 'threshold', detail: { score: 76.27742, threshold: 80 } },
  size: { code: 'size', detail: SIZE.minNotional },
  daily_limit: { code: 'daily_limit', detail: { sentToday: 2, max: 2 } },
  open_trade: { code: 'open_trade', detail: { symbol: 'BTCUSDT' } },
};
const ALL_REASONS: Reason[] = [...REASON_CODES.map((c) => REASONS[c] as Reason), ...SIZE_PROBLEMS.map((p): Reason => ({ code: 'size', detail: SIZE[p] }))];

/** An exit reason of every code; typed by code, so a new code does not compile until it has a sample here. */
const EXIT_REASONS: { readonly [C in ExitReason['code']]: Extract<ExitReason, { code: C }> } = {
  symbol_halted: { code: 'symbol_halted', detail: { symbol: 'SOLUSDT', status: 'PENDING_TRADING' } },
  catch_up_skipped: { code: 'catch_up_skipped', detail: { stoppedAtMs: Date.UTC(2025, 5, 19, 10, 30), resumedAtMs: Date.UTC(2025, 11, 21, 8, 0) } },
};
/** Binance's statuses of a symbol that does not trade (PROTOCOLS.md B2, plus BREAK), and none (no longer listed). */
const HALT_STATUSES = ['PENDING_TRADING', 'PRE_DELIVERING', 'DELIVERING', 'DELIVERED', 'PRE_SETTLE', 'SETTLING', 'CLOSE', 'BREAK', null] as const;

/** Every breakdown key with points a seed model really gives (long decimals). */
const BREAKDOWN: ScoreBreakdown = Object.fromEntries(BREAKDOWN_KEYS.map((k, i) => [k, i + 0.27742]));

/** A verdict of every type for every rule, with every kind of facts: more than the rules give, never less. */
function allVerdicts(): Verdict[] {
  const out: Verdict[] = [];
  for (const rule of RULE_IDS) {
    for (const detail of Object.values(DETAILS)) {
      for (const type of VERDICT_TYPES) {
        const base = { rule, detail };
        switch (type) {
          case 'lock':
            out.push({ ...base, type, scope: { kind: 'symbol', symbol: 'SOLUSDT' }, startMs: AT, untilMs: UNTIL });
            out.push({ ...base, type, scope: { kind: 'model', model: 'reversal' }, startMs: AT, untilMs: UNTIL });
            out.push({ ...base, type, scope: { kind: 'global' }, startMs: AT, untilMs: UNTIL });
            break;
          case 'threshold':
            out.push({ ...base, type, scope: { kind: 'global' }, add: 5 });
            break;
          case 'riskCap':
            out.push({ ...base, type, scope: { kind: 'global' }, maxRiskPct: 0.5 });
            break;
          case 'dailyCap':
            out.push({ ...base, type, scope: { kind: 'global' }, maxSignals: 2 });
            break;
          case 'notice':
            out.push({ ...base, type, scope: { kind: 'model', model: 'continuation' } });
            break;
        }
      }
    }
  }
  return out;
}

describe.each(LANGS)('every code, rule, verdict and score part has words (%s)', (language) => {
  const s = stringsFor(language);

  it('labels and details every reason code', () => {
    for (const code of REASON_CODES) {
      expect(s.reasonLabel[code]?.trim(), `label of ${code}`).toBeTruthy();
      expect(typeof s.reasonDetail[code], `detail template of ${code}`).toBe('function');
      expect(reasonDetailText(REASONS[code] as Reason, s).trim(), `worded detail of ${code}`).toBeTruthy();
    }
    for (const p of SIZE_PROBLEMS) expect(reasonDetailText({ code: 'size', detail: SIZE[p] }, s).trim(), `size problem ${p}`).toBeTruthy();
  });

  it('names every rule title the kinds give, and every seed rule and the manual pause by its title', () => {
    for (const title of RULE_TITLES) expect(s.ruleTitle[title]?.trim(), `title ${title}`).toBeTruthy();
    for (const rule of RULE_IDS) expect(ruleNameText(rule, s, SEED_RULE_BOOK), `name of ${rule}`).not.toBe(s.unnamedRule);
  });

  it('words every verdict type and every kind of facts', () => {
    for (const type of VERDICT_TYPES) expect(s.verdictType[type]?.trim(), `verdict type ${type}`).toBeTruthy();
    for (const kind of VERDICT_DETAIL_KINDS) {
      expect(typeof s.verdictDetail[kind], `facts ${kind}`).toBe('function');
      if (kind !== 'none') expect(s.verdictDetail[kind](DETAILS[kind] as never).trim(), `worded facts ${kind}`).toBeTruthy();
    }
  });

  it('words every exit reason and every status Binance gives a symbol that stopped trading', () => {
    for (const code of EXIT_REASON_CODES) expect(exitReasonText(s, EXIT_REASONS[code]).trim(), `exit reason ${code}`).toBeTruthy();
    for (const status of HALT_STATUSES) {
      const worded = s.halt.status(status);
      expect(worded.trim(), `status ${status}`).toBeTruthy();
      if (status !== null) expect(worded, `${status} has words, not only its code`).not.toBe(status);
    }
  });

  it('labels every breakdown key of both profiles', () => {
    for (const key of BREAKDOWN_KEYS) expect(s.breakdownLabel[key]?.trim(), `label of ${key}`).toBeTruthy();
  });
});

describe.each(LANGS)('no program identifier reaches a trader (%s)', (language) => {
  const s = stringsFor(language);
  const ctx = { language, tickSizes: { BTCUSDT: 0.1 } };
  const clean = (text: string, what: string) => expect(leaks(text, language), `${what}:\n${text}`).toEqual([]);
  const verdicts = allVerdicts();

  it('in signal messages with every reason and every score part', () => {
    clean(renderSignal(sampleSignal({ score: 76.27742, effectiveThreshold: 80, breakdown: BREAKDOWN, reasons: ALL_REASONS }), ctx), 'signal');
    for (const r of ALL_REASONS) clean(reasonText(r, s, SEED_RULE_BOOK), `reason ${r.code}`);
  });

  it('in trade results closed by an exit reason and in the notices of symbols that stopped trading', () => {
    for (const code of EXIT_REASON_CODES) clean(renderTradeResult(sampleTrade({ outcome: 'EXPIRED', exitReason: EXIT_REASONS[code] }), { drawdownPct: 1.234567 }, ctx), `trade ${code}`);
    for (const status of HALT_STATUSES) {
      for (const tradeClosed of [true, false]) clean(renderHaltNotice({ symbol: 'SOLUSDT', status, lastEndMs: AT, tradeClosed }, ctx), `notice ${status}`);
    }
  });

  it('in memory messages and /memory for every rule, verdict type and facts', () => {
    for (const verdict of verdicts) {
      for (const kind of ['start', 'end'] as const) clean(renderMemoryEvent({ kind, atMs: AT, verdict }, ctx), `${kind} of ${verdict.rule} ${verdict.type}`);
    }
    clean(renderMemory(verdicts, ctx), '/memory');
  });

  it('in /signals, including blocked rows stored before reasons were typed', () => {
    const old = normaliseReasons(JSON.stringify([{ code: 'memory_riskCap', detail: 'drawdown 8.12 % is above 8 %', rule: 'drawdownRiskCap' }, { code: 'pause', detail: 'paused' }]));
    const rows = [
      { ...sampleSignal(), status: 'blocked' as const, reasons: ALL_REASONS },
      { ...sampleSignal(), status: 'blocked' as const, reasons: old },
    ];
    clean(renderSignalList(rows, ctx), '/signals');
  });

  it('in the dashboard labels and the worded API rows: reasons, sides, models, outcomes, scopes and the profile', () => {
    clean(Object.values(DASHBOARD_LABELS[language]).join('\n'), 'dashboard labels');
    const view = { ...sampleSignal(), id: 1, status: 'blocked' as const, threshold: 80, reasons: ALL_REASONS };
    for (const side of ['LONG', 'SHORT'] as const) {
      for (const model of MODEL_NAMES) {
        for (const row of wordSignals([{ ...view, side, model }], language)) clean([...row.reasonTexts, row.sideText, row.modelText].join('\n'), 'dashboard signal');
      }
    }
    for (const outcome of ['WIN', 'LOSS', 'EXPIRED'] as const) {
      for (const t of wordTrades([sampleTrade({ outcome })], language)) clean([t.sideText, t.modelText, t.outcomeText].join('\n'), `dashboard ${outcome} trade`);
    }
    for (const profile of PROFILE_KEYS) clean(profileText(profile, language), `profile ${profile}`);
    expect(profileText('seed', language), 'a name, not the setting value').not.toMatch(/^seed$/i);
    const events: MemoryEvent[] = verdicts.map((verdict) => ({ kind: 'start', atMs: AT, verdict }));
    const memory = wordMemory({ active: verdicts, events }, language);
    for (const v of [...memory.active, ...memory.events.map((e) => e.verdict)]) clean(Object.values(v.text).join('\n'), `dashboard ${v.rule}`);
  });

  it('in the start-up message, for every profile (regression: "Bộ mô hình: seed")', () => {
    for (const profile of PROFILE_KEYS) clean(renderStartup({ atMs: AT, mode: 'live', profile, symbols: 40, watching: 3, memoryEnabled: true }, ctx), `start-up ${profile}`);
  });

  it('on the chart card, for every side and model (regression: "SHORT · score 80.2", "continuation")', () => {
    const candles = Array.from({ length: 60 }, (_, i) => ({
      openTimeMs: AT + i * 1_800_000, closeTimeMs: AT + (i + 1) * 1_800_000 - 1, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i, volume: 1,
    })) as unknown as Kline[];
    const last = candles[candles.length - 1]!;
    for (const side of ['LONG', 'SHORT'] as const) {
      for (const model of MODEL_NAMES) {
        const spec: ChartSpec = {
          symbol: 'ETHUSDT', interval: '30m', lastOpenTimeMs: last.openTimeMs, atMs: last.closeTimeMs + 1, indicators: model === 'reversal' ? 'bollinger' : 'sma', language,
          signal: { model, side, score: 80.2, entry: 160, stopLoss: 155, takeProfit: 170 },
        };
        const texts = [...chartCardSvg(spec, candles).svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('\n');
        clean(texts, `card ${side} ${model}`);
        if (language === 'en') expect(texts, 'the model by its name').not.toMatch(new RegExp(`\\b${model}\\b`));
      }
    }
  });
});

describe('the backtest report (English) names rules, reasons and score parts in words', () => {
  it('has no program identifier in its memory and trades tables', () => {
    const verdicts = allVerdicts();
    const events = verdicts.map((v, i) => ({ id: i, atMs: AT + i, kind: 'start' as const, rule: v.rule, type: v.type, scope: scopeKey(v.scope), reason: '', verdict: v }));
    const table = memoryTable(memoryTimeline(events, []), SEED_RULE_BOOK);
    const trade = {
      tradeId: 1, signalId: 1, symbol: 'BTCUSDT', model: 'continuation', side: 'LONG', interval: '30m', score: 76.27742, breakdown: BREAKDOWN,
      threshold: 80, signalTimeMs: AT, entry: 100, stopLoss: 95, takeProfit: 110, quantity: 1, riskPct: 1, status: 'open', exitTimeMs: null,
      exitPrice: null, outcome: null, rMultiple: null, pnl: null, equityAfter: null, holdingMs: null, reasons: ALL_REASONS,
    } satisfies ReportTrade;
    const text = `${table}\n${tradesTable([trade], SEED_RULE_BOOK)}`.replace(/<[^>]+>/g, ' ');
    expect(leaks(text, 'en'), text).toEqual([]);
  });
});
