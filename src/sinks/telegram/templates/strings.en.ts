import { formatPct, formatPoints, formatRounded, formatScore, formatSignificant, formatUsdt, formatUtc, hoursInUnits } from './format.js';
import type { SizeProblem, SizeProblemKind } from '../../../domain/reason.js';
import type { Strings } from './strings.js';

/** Why sizing refused, per problem. */
const sizeProblem: { readonly [P in SizeProblemKind]: (d: Extract<SizeProblem, { problem: P }>) => string } = {
  riskAmount: (d) => `risk amount ${formatUsdt(d.riskUsdt)} USDT is not positive`,
  stopDistance: (d) => `stop loss equals the entry (${formatSignificant(d.entry)})`,
  minQty: (d) => `quantity ${formatSignificant(d.quantity)} below the minimum ${formatSignificant(d.minQty)} (step ${formatSignificant(d.stepSize)})`,
  minNotional: (d) => `notional ${formatUsdt(d.notionalUsdt)} USDT below the minimum ${formatUsdt(d.minNotional)} USDT`,
};

/** `text; why` when the rule gave facts. */
const withWhy = (text: string, why: string): string => (why === '' ? text : `${text}; ${why}`);

/** `1 loss`, `3 losses`. */
const count = (n: number, one: string, many: string): string => `${formatRounded(n)} ${n === 1 ? one : many}`;

/** A rule's win-rate window: `the last 20 trades (min. 10 trades)`, the minimum said only when below the window. */
const lastTrades = (t: { readonly windowTrades: number; readonly minTrades: number }): string =>
  `${t.windowTrades === 1 ? 'the last trade' : `the last ${t.windowTrades} trades`}${t.minTrades < t.windowTrades ? ` (min. ${count(t.minTrades, 'trade', 'trades')})` : ''}`;

/** A lock's length: `pause 12 h`, `pause 30 min`, `pause 3 days`. */
function pauseFor(hours: number): string {
  const { unit, value } = hoursInUnits(hours);
  return `pause ${value} ${unit === 'minute' ? 'min' : unit === 'hour' ? 'h' : 'days'}`;
}

/** Binance's statuses of a symbol that does not trade, in words. */
const HALT_STATUS_EN: Readonly<Record<string, string>> = {
  SETTLING: 'settling', PRE_SETTLE: 'about to settle', CLOSE: 'closed', PENDING_TRADING: 'not trading yet', BREAK: 'trading halted',
  PRE_DELIVERING: 'about to be delivered', DELIVERING: 'being delivered', DELIVERED: 'delivered',
};

/** English (LANGUAGE=en). */
export const EN: Strings = {
  language: 'en',
  side: { LONG: 'LONG', SHORT: 'SHORT' },
  signalTitle: (side) => `${side} signal`,
  model: { continuation: 'Continuation', reversal: 'Reversal' },
  profile: { seed: 'Per-timeframe basic', confluence: 'Multi-timeframe confluence' },
  interval: 'Interval',
  score: 'Score',
  threshold: 'threshold',
  breakdown: 'Breakdown',
  points: (signed) => `${signed} points`,
  entry: 'Entry',
  stopLoss: 'Stop loss',
  takeProfit: 'Take profit',
  riskReward: 'Risk/reward',
  quantity: 'Quantity',
  notional: 'Notional',
  risk: 'Risk',
  ofEquity: 'of equity',
  riskTarget: (pct) => `target ${pct}`,
  adjustments: 'Memory adjustments',
  late: (duration) => `Late by ${duration}`,
  candleClosed: 'candle closed',
  lastPrice: 'last price',
  reasonLabel: {
    pause: 'All signals paused',
    symbol_cooldown: 'Symbol cooling down',
    model_disabled: 'Model disabled',
    model_off: 'Model switched off in config',
    threshold_raised: 'Score threshold raised',
    risk_cap: 'Risk per trade capped',
    daily_cap: 'Daily signal cap lowered',
    threshold: 'Score below threshold',
    size: 'No valid position size',
    daily_limit: 'Daily signal limit reached',
    open_trade: 'Symbol already signalled on this candle',
  },
  reasonDetail: {
    pause: (d) => withWhy(`until ${d.untilText}`, d.whyText),
    symbol_cooldown: (d) => withWhy(`${d.symbol} until ${d.untilText}`, d.whyText),
    model_disabled: (d) => withWhy(`${d.modelText} off until ${d.untilText}`, d.whyText),
    model_off: (d) => `${d.modelText} is off`,
    threshold_raised: (d) => withWhy(`+${formatSignificant(d.add)} points`, d.whyText),
    risk_cap: (d) => withWhy(`at most ${formatPct(d.maxRiskPct)}% of equity per trade`, d.whyText),
    daily_cap: (d) => withWhy(`at most ${d.maxSignals} signals per day`, d.whyText),
    threshold: (d) => `score ${formatScore(d.score)} below ${formatPoints(d.threshold)}`,
    size: (d) => sizeProblem[d.problem](d as never),
    daily_limit: (d) => `${d.sentToday} sent this UTC day, at most ${d.max}`,
    open_trade: (d) => `a ${d.symbol} signal was sent on this candle`,
  },
  verdictDetail: {
    none: () => '',
    lossStreak: (d) => `${d.losses} losses in a row`,
    winRateBelow: (d) => `won ${d.wins} of the last ${d.trades} trades, below ${formatPct(d.linePct)}%`,
    winRateAbove: (d) => `won ${d.wins} of the last ${d.trades} trades, above ${formatPct(d.linePct)}%`,
    drawdown: (d) => `equity ${formatPct(d.drawdownPct)}% below its peak, over ${formatPct(d.linePct)}%`,
    weakTrend: (d) => `weak 1D trend: close ${formatRounded(d.trendAtr)} ATR from its SMA50, under ${formatRounded(d.lineAtr)}`,
  },
  verdictType: { lock: 'lock', threshold: 'threshold raise', riskCap: 'risk cap', dailyCap: 'daily signal cap', notice: 'notice' },
  ruleTitle: {
    lowWinRateGlobal: 'Low overall win rate',
    lowWinRateSymbol: 'Low symbol win rate',
    lowWinRateModel: 'Low model win rate',
    lossStreakGlobal: 'Losing streak',
    lossStreakSymbol: 'Symbol losing streak',
    lossStreakModel: 'Model losing streak',
    drawdownDailyCap: 'Drawdown: fewer signals',
    drawdownRiskCap: 'Drawdown: lower risk',
    goodRunGlobal: 'Good overall run',
    goodRunSymbol: 'Symbol on a good run',
    goodRunModel: 'Model on a good run',
    weakTrendSymbol: 'Symbol in a choppy market',
    manualPause: 'Paused by the operator',
  },
  ruleTerms: {
    thresholdRaise: (t, scope) =>
      `Win-rate threshold (${scope}): win rate below ${formatPct(t.belowWinRatePct)}% in ${lastTrades(t)} → score threshold +${formatRounded(t.thresholdAdd)}`,
    lossStreakLock: (t, scope) => `Loss streak lock (${scope}): ${count(t.minLosses, 'loss', 'losses')} → ${pauseFor(t.lockHours)}`,
    drawdownDailyCap: (t, scope) =>
      `Drawdown cap (${scope}): drawdown over ${formatPct(t.aboveDrawdownPct)}% → ${t.maxSignalsPerDay === 0 ? 'no new signals' : `at most ${count(t.maxSignalsPerDay, 'signal', 'signals')} a day`}`,
    drawdownRiskCap: (t, scope) => `Drawdown cap (${scope}): drawdown over ${formatPct(t.aboveDrawdownPct)}% → risk at most ${formatPct(t.maxRiskPct)}% per trade`,
    winRateLock: (t, scope) => `Win-rate lock (${scope}): win rate below ${formatPct(t.belowWinRatePct)}% in ${lastTrades(t)} → ${pauseFor(t.lockHours)}`,
    winRateNotice: (t, scope) => `Good-run notice (${scope}): win rate above ${formatPct(t.aboveWinRatePct)}% in ${lastTrades(t)} → notice only`,
    chopThreshold: (t, scope) =>
      `Chop threshold (${scope}): 1D close within ${formatRounded(t.belowTrendAtr)} ATR of its SMA50 → score threshold +${formatRounded(t.thresholdAdd)}`,
  },
  ruleScope: { global: 'overall', symbol: 'per symbol', model: (model) => `${model} model` },
  unnamedRule: 'Memory rule',
  breakdownLabel: {
    daily: '1D trend',
    slope: 'slope of the 4H SMA20',
    pullback: '30m pullback to SMA20',
    volume: 'volume over its 30m average',
    breakout: '30m break of the last candle',
    trigger: 'back inside the Bollinger band',
    depth: 'depth beyond the band',
    percentB4h: '4H %B',
    base: 'base score',
    momentum: '19-bar move',
  },
  outcome: { WIN: 'WIN', LOSS: 'LOSS', EXPIRED: 'EXPIRED' },
  exitReason: {
    symbol_halted: (d) => `closed: ${d.symbol} stopped trading on Binance (delisted or settling)`,
    catch_up_skipped: (d) => `closed: the bot was stopped from ${formatUtc(d.stoppedAtMs)} to ${formatUtc(d.resumedAtMs)}, too long to replay, so the trade was closed at the last price seen before the stop`,
  },
  halt: {
    title: (symbol) => `${symbol} stopped trading on Binance`,
    status: (status) => (status === null ? 'no longer listed' : HALT_STATUS_EN[status] === undefined ? status : `${HALT_STATUS_EN[status]} (${status})`),
    statusLabel: 'Status',
    leftUniverse: 'No longer watched; it is back when it trades again.',
    tradeClosed: 'Its open trade was closed at the last price (EXPIRED, see the trade result).',
    lastCandle: 'Last 30m candle closed',
  },
  catchUp: {
    longStopTitle: 'The bot was stopped for a long time',
    stoppedFor: (duration, since) => `Stopped for ${duration}, since ${since}.`,
    notReplayed: (until, days) => `The candles before ${until} were not replayed (a restart catches up at most ${days} ${days === 1 ? 'day' : 'days'}): no signals or results for that time.`,
    tradesClosed: (n) => (n === 0 ? 'No trade was open.' : `${n} open ${n === 1 ? 'trade was' : 'trades were'} closed as expired at the last price before the stop.`),
    doneTitle: 'Caught up after the restart',
    span: (from, through) => `Candles replayed from ${from} to ${through}.`,
    daysCaughtUp: (n) => `Days caught up: ${n} (their daily summaries were recorded, not sent).`,
    signalsRecorded: (n) => `Signals recorded but not sent, their trade already over: ${n}.`,
    tradesClosedInSpan: (n) => `Trades closed in that time: ${n}.`,
    quietNote: 'Everything is in the history: /signals, /trades, /daily.',
  },
  exit: 'Exit',
  result: 'Result',
  heldFor: 'Held for',
  signalAt: 'Entered at',
  pnl: 'PnL',
  equity: 'Equity',
  drawdown: 'Drawdown',
  durationUnits: { day: 'd', hour: 'h', minute: 'm' },
  rule: 'Rule',
  scope: 'Scope',
  scopeGlobal: 'global',
  scopeModel: (model) => `model ${model}`,
  at: 'At',
  until: 'Until',
  memory: {
    pauseStart: 'All signals paused',
    pauseEnd: 'Signals resumed',
    cooldownStart: (symbol) => `${symbol} cooling down`,
    cooldownEnd: (symbol) => `${symbol} cooldown over`,
    modelOff: (model) => `${model} model disabled`,
    modelOn: (model) => `${model} model restored`,
    dailyCapOn: (max) => `Drawdown rule on: at most ${max} signals per day`,
    riskCapOn: (pct) => `Drawdown rule on: risk capped at ${pct}% per trade`,
    drawdownOff: 'Drawdown rule off',
    thresholdOn: (add, scope) => `Score threshold ${add} (${scope})`,
    thresholdOff: (scope) => `Score threshold back to normal (${scope})`,
    goodRunStart: (model) => `${model} model on a good run`,
    goodRunEnd: (model) => `${model} model good run over`,
    detail: 'Detail',
  },
  daily: {
    title: (day) => `Daily summary ${day}`,
    trades: 'Trades closed',
    wins: 'Wins',
    winRate: 'Win rate',
    totalR: 'Total R',
    signalsSent: 'Signals sent',
    signalsBlocked: 'Signals blocked',
  },
  lifecycle: {
    started: 'kline-signals started',
    stopped: 'kline-signals stopped',
    mode: 'Mode',
    profile: 'Model profile',
    symbols: 'Symbols watched',
    wholeMarket: 'the whole market (every USDT perpetual trading)',
    upTo: 'up to',
    memory: 'Adaptive memory',
    on: 'on',
    off: 'off',
    reason: 'Reason',
    pending: 'Messages still queued',
    modes: { live: 'live (Binance)', demo: 'demo (simulated exchange)' },
    simulatedMode: (address) => `simulated exchange (${address})`,
    stopReasons: {
      SIGINT: 'stopped from the terminal (Ctrl-C)',
      SIGTERM: 'stop requested by the system (PM2, systemd or a deploy)',
      fatal: 'an error stopped it (see the log)',
      demoFinished: 'the demo finished',
    },
    stopReasonOther: 'stop requested',
    movedTitle: 'This group was upgraded to a supergroup',
    movedSubscriberTitle: 'A subscriber group was upgraded to a supergroup',
    movedOldId: 'Old chat id',
    movedNewId: 'New chat id',
    movedFollowing: 'Messages now go to the new id, the waiting ones included. The bot remembers the move, but a new database would not.',
    movedFixAdmin: (fromChat, toChat) => `To do: set TELEGRAM_CHAT_ID to ${toChat} (instead of ${fromChat}) in the bot's settings.`,
    movedFixSubscriber: (fromChat, toChat) => `To do: in TELEGRAM_SUBSCRIBERS, replace ${fromChat} with ${toChat}.`,
  },
};
