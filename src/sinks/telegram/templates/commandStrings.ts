import type { Language } from './strings.js';

/** Names of the bot commands, in the order /help and setMyCommands list them. */
export const COMMAND_NAMES = ['status', 'open', 'signals', 'trades', 'performance', 'daily', 'stats', 'memory', 'why', 'pause', 'resume', 'chart', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Fixed words of the command replies; function arguments are escaped HTML. */
export interface CommandStrings {
  /** One line per command for /help and the Telegram command menu (≤ 256 chars, plain text). */
  readonly describe: Readonly<Record<CommandName, string>>;
  readonly helpTitle: string;
  readonly statusTitle: string;
  readonly since: string;
  readonly symbols: string;
  readonly openTrades: string;
  readonly signalsToday: string;
  readonly paused: string;
  readonly notPaused: string;
  readonly pausedIndefinitely: string;
  readonly outbox: string;
  readonly heldChats: string;
  readonly none: string;
  readonly signalsTitle: (n: string) => string;
  readonly noSignals: string;
  readonly sent: string;
  readonly blocked: string;
  readonly tradesTitle: (n: string) => string;
  readonly noTrades: string;
  readonly statsTitle: (days: string) => string;
  readonly memoryTitle: string;
  readonly noRules: string;
  readonly lockUntil: (until: string) => string;
  readonly thresholdAdd: (add: string) => string;
  readonly riskCap: (pct: string) => string;
  readonly dailyCap: (max: string) => string;
  readonly notice: string;
  readonly pausedUntil: (until: string) => string;
  readonly pausedUntilResume: string;
  readonly resumed: string;
  /** /chart: how to ask, the caption's title, and the answer for a series with no stored candle. */
  readonly chartUsage: string;
  readonly chartTitle: (series: string) => string;
  readonly chartLastSignal: string;
  readonly chartNoData: (series: string) => string;
}

const VI: CommandStrings = {
  describe: {
    status: 'Trạng thái bot, vốn và hàng đợi',
    signals: 'Các tín hiệu gần nhất: /signals [số lượng]',
    open: 'Các lệnh đang mở với giá hiện tại, lãi/lỗ tạm tính, khoảng cách tới SL/TP',
    trades: 'Các lệnh đã đóng gần nhất: /trades [số lượng]',
    performance: 'Hiệu quả theo mã và mô hình: /performance [số ngày]',
    daily: 'Kết quả từng ngày UTC: /daily [số ngày]',
    stats: 'Thống kê theo ngày: /stats [số ngày]',
    memory: 'Các quy tắc bộ nhớ đang áp dụng',
    why: 'Vì sao một mã có hoặc không có tín hiệu: /why BTC',
    pause: 'Tạm dừng gửi tín hiệu: /pause [số giờ]',
    resume: 'Tiếp tục gửi tín hiệu',
    chart: 'Biểu đồ nến: /chart MÃ [1d|4h|30m]',
    help: 'Danh sách lệnh',
  },
  helpTitle: 'Các lệnh',
  statusTitle: 'Trạng thái',
  since: 'Hoạt động từ',
  symbols: 'Số mã theo dõi',
  openTrades: 'Lệnh đang mở',
  signalsToday: 'Tín hiệu hôm nay',
  paused: 'Tạm dừng',
  notPaused: 'không',
  pausedIndefinitely: 'đến khi /resume',
  outbox: 'Tin nhắn chờ gửi',
  heldChats: 'Chat bị chặn',
  none: 'không có',
  signalsTitle: (n) => `${n} tín hiệu gần nhất`,
  noSignals: 'Chưa có tín hiệu nào.',
  sent: 'đã gửi',
  blocked: 'bị chặn',
  tradesTitle: (n) => `${n} lệnh đóng gần nhất`,
  noTrades: 'Chưa có lệnh nào đóng.',
  statsTitle: (days) => `Thống kê ${days} ngày`,
  memoryTitle: 'Bộ nhớ thích ứng',
  noRules: 'Hiện chưa quy tắc nào có hiệu lực: không có khóa hay điều chỉnh nào.',
  lockUntil: (until) => `khóa đến ${until}`,
  thresholdAdd: (add) => `ngưỡng điểm ${add}`,
  riskCap: (pct) => `rủi ro tối đa ${pct}%`,
  dailyCap: (max) => `tối đa ${max} tín hiệu/ngày`,
  notice: 'ghi nhận, không thay đổi',
  pausedUntil: (until) => `Đã tạm dừng gửi tín hiệu đến ${until}.`,
  pausedUntilResume: 'Đã tạm dừng gửi tín hiệu cho đến khi /resume.',
  resumed: 'Đã tiếp tục gửi tín hiệu.',
  chartUsage: 'Cách dùng: /chart MÃ [1d|4h|30m], ví dụ /chart BTCUSDT 4h',
  chartTitle: (series) => `Biểu đồ ${series}`,
  chartLastSignal: 'Tín hiệu gần nhất',
  chartNoData: (series) => `Chưa có nến nào của ${series}.`,
};

const EN: CommandStrings = {
  describe: {
    status: 'Bot status, equity and queue',
    signals: 'Latest signals: /signals [count]',
    open: 'Open trades with the latest price, unrealised R and USDT, distance to SL/TP',
    trades: 'Latest closed trades: /trades [count]',
    performance: 'Results per symbol and model: /performance [days]',
    daily: 'Results per UTC day: /daily [days]',
    stats: 'Statistics over days: /stats [days]',
    memory: 'Memory rules in effect',
    why: 'Why a symbol signalled or not: /why BTC',
    pause: 'Pause signals: /pause [hours]',
    resume: 'Resume signals',
    chart: 'Candle chart: /chart SYMBOL [1d|4h|30m]',
    help: 'List of commands',
  },
  helpTitle: 'Commands',
  statusTitle: 'Status',
  since: 'Running since',
  symbols: 'Symbols watched',
  openTrades: 'Open trades',
  signalsToday: 'Signals today',
  paused: 'Paused',
  notPaused: 'no',
  pausedIndefinitely: 'until /resume',
  outbox: 'Messages queued',
  heldChats: 'Held chats',
  none: 'none',
  signalsTitle: (n) => `Latest ${n} signals`,
  noSignals: 'No signals yet.',
  sent: 'sent',
  blocked: 'blocked',
  tradesTitle: (n) => `Latest ${n} closed trades`,
  noTrades: 'No closed trades yet.',
  statsTitle: (days) => `Statistics, last ${days} days`,
  memoryTitle: 'Adaptive memory',
  noRules: 'No rule is in force now: no lock, no adjustment.',
  lockUntil: (until) => `locked until ${until}`,
  thresholdAdd: (add) => `score threshold ${add}`,
  riskCap: (pct) => `risk capped at ${pct}%`,
  dailyCap: (max) => `at most ${max} signals per day`,
  notice: 'noted, no change',
  pausedUntil: (until) => `Signals paused until ${until}.`,
  pausedUntilResume: 'Signals paused until /resume.',
  resumed: 'Signals resumed.',
  chartUsage: 'Usage: /chart SYMBOL [1d|4h|30m], e.g. /chart BTCUSDT 4h',
  chartTitle: (series) => `Chart ${series}`,
  chartLastSignal: 'Latest signal',
  chartNoData: (series) => `No candles stored for ${series} yet.`,
};

export function commandStringsFor(language: Language): CommandStrings {
  return language === 'en' ? EN : VI;
}
