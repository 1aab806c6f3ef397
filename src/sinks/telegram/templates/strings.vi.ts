import { formatPct, formatPoints, formatRounded, formatScore, formatSignificant, formatUsdt, formatUtc, hoursInUnits } from './format.js';
import type { SizeProblem, SizeProblemKind } from '../../../domain/reason.js';
import type { Strings } from './strings.js';

/** Why sizing refused, per problem. */
const sizeProblem: { readonly [P in SizeProblemKind]: (d: Extract<SizeProblem, { problem: P }>) => string } = {
  riskAmount: (d) => `số tiền rủi ro ${formatUsdt(d.riskUsdt)} USDT không dương`,
  stopDistance: (d) => `cắt lỗ trùng giá vào (${formatSignificant(d.entry)})`,
  minQty: (d) => `khối lượng ${formatSignificant(d.quantity)} nhỏ hơn mức tối thiểu ${formatSignificant(d.minQty)} (bước ${formatSignificant(d.stepSize)})`,
  minNotional: (d) => `giá trị ${formatUsdt(d.notionalUsdt)} USDT nhỏ hơn mức tối thiểu ${formatUsdt(d.minNotional)} USDT`,
};

/** `text; why` when the rule gave facts. */
const withWhy = (text: string, why: string): string => (why === '' ? text : `${text}; ${why}`);

/** A rule's win-rate window: `20 lệnh gần nhất (tối thiểu 10 lệnh)`, the minimum said only when below the window. */
const lastTrades = (t: { readonly windowTrades: number; readonly minTrades: number }): string =>
  `${t.windowTrades === 1 ? 'lệnh gần nhất' : `${t.windowTrades} lệnh gần nhất`}${t.minTrades < t.windowTrades ? ` (tối thiểu ${t.minTrades} lệnh)` : ''}`;

/** A lock's length: `tạm dừng 12 giờ`, `tạm dừng 30 phút`, `tạm dừng 3 ngày`. */
function pauseFor(hours: number): string {
  const { unit, value } = hoursInUnits(hours);
  return `tạm dừng ${value} ${unit === 'minute' ? 'phút' : unit === 'hour' ? 'giờ' : 'ngày'}`;
}

/** Trạng thái của Binance cho một mã không còn giao dịch, bằng lời. */
const HALT_STATUS_VI: Readonly<Record<string, string>> = {
  SETTLING: 'đang tất toán', PRE_SETTLE: 'sắp tất toán', CLOSE: 'đã đóng', PENDING_TRADING: 'chưa mở giao dịch', BREAK: 'tạm ngừng giao dịch',
  PRE_DELIVERING: 'sắp giao nhận', DELIVERING: 'đang giao nhận', DELIVERED: 'đã giao nhận',
};

/** Vietnamese, the default: the wording a Vietnamese futures trader expects in a signal channel. */
export const VI: Strings = {
  language: 'vi',
  side: { LONG: 'MUA', SHORT: 'BÁN' },
  signalTitle: (side) => `Tín hiệu ${side}`,
  model: { continuation: 'Xu hướng tiếp diễn', reversal: 'Đảo chiều' },
  profile: { seed: 'Cơ bản theo từng khung', confluence: 'Hợp lưu đa khung' },
  interval: 'Khung',
  score: 'Điểm',
  threshold: 'ngưỡng',
  breakdown: 'Chi tiết điểm',
  points: (signed) => `${signed} điểm`,
  entry: 'Điểm vào',
  stopLoss: 'Cắt lỗ',
  takeProfit: 'Chốt lời',
  riskReward: 'Rủi ro/lợi nhuận',
  quantity: 'Khối lượng',
  notional: 'Giá trị vị thế',
  risk: 'Rủi ro',
  ofEquity: 'vốn',
  riskTarget: (pct) => `mục tiêu ${pct}`,
  adjustments: 'Điều chỉnh từ bộ nhớ',
  late: (duration) => `Trễ ${duration}`,
  candleClosed: 'nến đóng lúc',
  lastPrice: 'giá gần nhất',
  reasonLabel: {
    pause: 'Đang tạm dừng toàn bộ',
    symbol_cooldown: 'Mã đang trong thời gian nghỉ',
    model_disabled: 'Mô hình đang tạm tắt',
    model_off: 'Mô hình bị tắt trong cấu hình',
    threshold_raised: 'Nâng ngưỡng điểm',
    risk_cap: 'Giảm rủi ro mỗi lệnh',
    daily_cap: 'Giảm số tín hiệu tối đa trong ngày',
    threshold: 'Điểm dưới ngưỡng',
    size: 'Không đặt được khối lượng hợp lệ',
    daily_limit: 'Chạm giới hạn tín hiệu trong ngày',
    open_trade: 'Mã đã có tín hiệu trên nến này',
  },
  reasonDetail: {
    pause: (d) => withWhy(`đến ${d.untilText}`, d.whyText),
    symbol_cooldown: (d) => withWhy(`${d.symbol} nghỉ đến ${d.untilText}`, d.whyText),
    model_disabled: (d) => withWhy(`${d.modelText} tắt đến ${d.untilText}`, d.whyText),
    model_off: (d) => `${d.modelText} đang tắt`,
    threshold_raised: (d) => withWhy(`+${formatSignificant(d.add)} điểm`, d.whyText),
    risk_cap: (d) => withWhy(`tối đa ${formatPct(d.maxRiskPct)}% vốn mỗi lệnh`, d.whyText),
    daily_cap: (d) => withWhy(`tối đa ${d.maxSignals} tín hiệu/ngày`, d.whyText),
    threshold: (d) => `điểm ${formatScore(d.score)} thấp hơn ngưỡng ${formatPoints(d.threshold)}`,
    size: (d) => sizeProblem[d.problem](d as never),
    daily_limit: (d) => `đã gửi ${d.sentToday} tín hiệu hôm nay (UTC), tối đa ${d.max}`,
    open_trade: (d) => `đã gửi một tín hiệu ${d.symbol} trên nến này`,
  },
  verdictDetail: {
    none: () => '',
    lossStreak: (d) => `${d.losses} lệnh thua liên tiếp`,
    winRateBelow: (d) => `thắng ${d.wins}/${d.trades} lệnh gần nhất, dưới ${formatPct(d.linePct)}%`,
    winRateAbove: (d) => `thắng ${d.wins}/${d.trades} lệnh gần nhất, trên ${formatPct(d.linePct)}%`,
    drawdown: (d) => `vốn giảm ${formatPct(d.drawdownPct)}% so với đỉnh, quá ${formatPct(d.linePct)}%`,
    weakTrend: (d) => `xu hướng 1D yếu: giá đóng cửa cách SMA50 ${formatRounded(d.trendAtr)} ATR, dưới ${formatRounded(d.lineAtr)}`,
  },
  verdictType: { lock: 'khóa', threshold: 'nâng ngưỡng điểm', riskCap: 'giới hạn rủi ro', dailyCap: 'giới hạn tín hiệu/ngày', notice: 'ghi nhận' },
  ruleTitle: {
    lowWinRateGlobal: 'Tỷ lệ thắng chung thấp',
    lowWinRateSymbol: 'Tỷ lệ thắng của mã thấp',
    lowWinRateModel: 'Tỷ lệ thắng của mô hình thấp',
    lossStreakGlobal: 'Chuỗi thua liên tiếp',
    lossStreakSymbol: 'Chuỗi thua của mã',
    lossStreakModel: 'Chuỗi thua của mô hình',
    drawdownDailyCap: 'Sụt giảm vốn: ít tín hiệu hơn',
    drawdownRiskCap: 'Sụt giảm vốn: giảm rủi ro',
    goodRunGlobal: 'Chuỗi thắng tốt',
    goodRunSymbol: 'Mã thắng tốt',
    goodRunModel: 'Mô hình thắng tốt',
    weakTrendSymbol: 'Mã đang đi ngang',
    manualPause: 'Tạm dừng thủ công',
  },
  ruleTerms: {
    thresholdRaise: (t, scope) =>
      `Nâng ngưỡng theo tỷ lệ thắng (${scope}): tỷ lệ thắng dưới ${formatPct(t.belowWinRatePct)}% trong ${lastTrades(t)} → ngưỡng điểm +${formatRounded(t.thresholdAdd)}`,
    lossStreakLock: (t, scope) =>
      `Khóa khi thua liên tiếp (${scope}): ${t.minLosses === 1 ? 'thua 1 lệnh' : `thua ${t.minLosses} lệnh liên tiếp`} → ${pauseFor(t.lockHours)}`,
    drawdownDailyCap: (t, scope) =>
      `Giới hạn khi sụt giảm vốn (${scope}): vốn giảm quá ${formatPct(t.aboveDrawdownPct)}% so với đỉnh → ${t.maxSignalsPerDay === 0 ? 'ngừng tín hiệu mới' : `tối đa ${t.maxSignalsPerDay} tín hiệu/ngày`}`,
    drawdownRiskCap: (t, scope) =>
      `Giới hạn khi sụt giảm vốn (${scope}): vốn giảm quá ${formatPct(t.aboveDrawdownPct)}% so với đỉnh → rủi ro tối đa ${formatPct(t.maxRiskPct)}% mỗi lệnh`,
    winRateLock: (t, scope) => `Khóa theo tỷ lệ thắng (${scope}): tỷ lệ thắng dưới ${formatPct(t.belowWinRatePct)}% trong ${lastTrades(t)} → ${pauseFor(t.lockHours)}`,
    winRateNotice: (t, scope) => `Báo chuỗi thắng tốt (${scope}): tỷ lệ thắng trên ${formatPct(t.aboveWinRatePct)}% trong ${lastTrades(t)} → chỉ thông báo`,
    chopThreshold: (t, scope) =>
      `Nâng ngưỡng khi thị trường đi ngang (${scope}): giá đóng cửa 1D cách SMA50 dưới ${formatRounded(t.belowTrendAtr)} ATR → ngưỡng điểm +${formatRounded(t.thresholdAdd)}`,
  },
  ruleScope: { global: 'toàn bộ', symbol: 'theo từng mã', model: (model) => `mô hình ${model}` },
  unnamedRule: 'Quy tắc bộ nhớ',
  breakdownLabel: {
    daily: 'xu hướng 1D',
    slope: 'độ dốc 4H',
    pullback: 'hồi về SMA20 30m',
    volume: 'khối lượng 30m',
    breakout: 'vượt nến trước 30m',
    trigger: 'quay lại dải Bollinger',
    depth: 'độ sâu ngoài dải',
    percentB4h: '%B 4H',
    base: 'điểm cơ sở',
    momentum: 'đà 19 nến',
  },
  outcome: { WIN: 'Thắng', LOSS: 'Thua', EXPIRED: 'Hết hạn' },
  exitReason: {
    symbol_halted: (d) => `đã đóng: ${d.symbol} ngừng giao dịch trên Binance (bị hủy niêm yết hoặc đang tất toán)`,
    catch_up_skipped: (d) => `đã đóng: bot bị dừng từ ${formatUtc(d.stoppedAtMs)} đến ${formatUtc(d.resumedAtMs)}, quá lâu để xử lý bù từng nến, nên lệnh được đóng theo giá cuối cùng trước khi dừng`,
  },
  halt: {
    title: (symbol) => `${symbol} đã ngừng giao dịch trên Binance`,
    status: (status) => (status === null ? 'không còn niêm yết' : HALT_STATUS_VI[status] === undefined ? status : `${HALT_STATUS_VI[status]} (${status})`),
    statusLabel: 'Trạng thái',
    leftUniverse: 'Đã ngừng theo dõi mã này; khi mã giao dịch trở lại, bot sẽ theo dõi lại.',
    tradeClosed: 'Lệnh đang mở đã được đóng theo giá cuối cùng (Hết hạn, xem kết quả lệnh).',
    lastCandle: 'Nến 30m cuối cùng đóng lúc',
  },
  catchUp: {
    longStopTitle: 'Bot đã dừng trong thời gian dài',
    stoppedFor: (duration, since) => `Đã dừng ${duration}, từ ${since}.`,
    notReplayed: (until, days) => `Bot không xử lý bù các nến trước ${until} (khi khởi động lại, bot chỉ xử lý bù tối đa ${days} ngày): khoảng thời gian đó không có tín hiệu hay kết quả nào.`,
    tradesClosed: (n) => (n === 0 ? 'Không có lệnh nào đang mở.' : `${n} lệnh đang mở đã được đóng ở trạng thái hết hạn, theo giá cuối cùng trước khi dừng.`),
    doneTitle: 'Đã xử lý bù xong sau khi khởi động lại',
    span: (from, through) => `Đã xử lý bù các nến từ ${from} đến ${through}.`,
    daysCaughtUp: (n) => `Số ngày đã xử lý bù: ${n} (báo cáo tổng kết của các ngày này được lưu lại, không gửi).`,
    signalsRecorded: (n) => `Tín hiệu được lưu nhưng không gửi vì lệnh đã kết thúc: ${n}.`,
    tradesClosedInSpan: (n) => `Số lệnh đã đóng trong khoảng đó: ${n}.`,
    quietNote: 'Mọi thứ đều có trong lịch sử: /signals, /trades, /daily.',
  },
  exit: 'Giá thoát',
  result: 'Kết quả',
  heldFor: 'Thời gian giữ lệnh',
  signalAt: 'Vào lệnh lúc',
  pnl: 'Lãi/lỗ',
  equity: 'Vốn',
  drawdown: 'Sụt giảm vốn',
  durationUnits: { day: ' ngày', hour: ' giờ', minute: ' phút' },
  rule: 'Quy tắc',
  scope: 'Phạm vi',
  scopeGlobal: 'toàn bộ',
  scopeModel: (model) => `mô hình ${model}`,
  at: 'Lúc',
  until: 'Đến',
  memory: {
    pauseStart: 'Tạm dừng mọi tín hiệu',
    pauseEnd: 'Tiếp tục gửi tín hiệu',
    cooldownStart: (symbol) => `${symbol} tạm nghỉ`,
    cooldownEnd: (symbol) => `${symbol} hết thời gian nghỉ`,
    modelOff: (model) => `Tạm tắt mô hình ${model}`,
    modelOn: (model) => `Bật lại mô hình ${model}`,
    dailyCapOn: (max) => `Bật quy tắc sụt giảm vốn: tối đa ${max} tín hiệu/ngày`,
    riskCapOn: (pct) => `Bật quy tắc sụt giảm vốn: rủi ro tối đa ${pct}% mỗi lệnh`,
    drawdownOff: 'Tắt quy tắc sụt giảm vốn',
    thresholdOn: (add, scope) => `Nâng ngưỡng điểm ${add} (${scope})`,
    thresholdOff: (scope) => `Ngưỡng điểm trở lại bình thường (${scope})`,
    goodRunStart: (model) => `Mô hình ${model} đang có chuỗi thắng tốt`,
    goodRunEnd: (model) => `Mô hình ${model} đã hết chuỗi thắng tốt`,
    detail: 'Chi tiết',
  },
  daily: {
    title: (day) => `Tổng kết ngày ${day}`,
    trades: 'Số lệnh đã đóng',
    wins: 'Số lệnh thắng',
    winRate: 'Tỷ lệ thắng',
    totalR: 'Tổng R',
    signalsSent: 'Tín hiệu đã gửi',
    signalsBlocked: 'Tín hiệu bị chặn',
  },
  lifecycle: {
    started: 'kline-signals đã khởi động',
    stopped: 'kline-signals đã dừng',
    mode: 'Chế độ',
    profile: 'Bộ mô hình',
    symbols: 'Số mã theo dõi',
    wholeMarket: 'toàn thị trường (mọi hợp đồng vĩnh cửu USDT đang giao dịch)',
    upTo: 'tối đa',
    memory: 'Bộ nhớ thích ứng',
    on: 'bật',
    off: 'tắt',
    reason: 'Lý do',
    pending: 'Tin nhắn còn chờ gửi',
    modes: { live: 'trực tiếp (Binance)', demo: 'demo (sàn mô phỏng)' },
    simulatedMode: (address) => `sàn mô phỏng (${address})`,
    stopReasons: {
      SIGINT: 'dừng từ cửa sổ lệnh (Ctrl-C)',
      SIGTERM: 'hệ thống yêu cầu dừng (PM2, systemd hoặc triển khai)',
      fatal: 'một lỗi đã dừng bot (xem nhật ký)',
      demoFinished: 'bản chạy thử đã kết thúc',
    },
    stopReasonOther: 'có yêu cầu dừng',
    movedTitle: 'Nhóm này đã được nâng cấp thành siêu nhóm',
    movedSubscriberTitle: 'Một nhóm người theo dõi đã được nâng cấp thành siêu nhóm',
    movedOldId: 'Mã nhóm cũ',
    movedNewId: 'Mã nhóm mới',
    movedFollowing: 'Từ nay tin nhắn được gửi tới mã mới, kể cả các tin đang chờ. Bot đã ghi nhớ việc chuyển này, nhưng một cơ sở dữ liệu mới thì không.',
    movedFixAdmin: (fromChat, toChat) => `Cần làm: trong cấu hình của bot, đặt TELEGRAM_CHAT_ID thành ${toChat} (thay cho ${fromChat}).`,
    movedFixSubscriber: (fromChat, toChat) => `Cần làm: trong TELEGRAM_SUBSCRIBERS, thay ${fromChat} bằng ${toChat}.`,
  },
};
