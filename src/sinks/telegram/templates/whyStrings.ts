import type { Language } from './strings.js';

/**
 * Fixed words of `/why`, of the blocked candidates in the daily summary, of the warning about
 * symbols too small to trade at the configured risk and of the unknown-command hint. Kept apart
 * from the main tables so these replies stay one module. Function arguments are plain text
 * (escaped by the templates).
 */
export interface WhyStrings {
  readonly title: (symbol: string) => string;
  readonly notWatched: (symbol: string) => string;
  readonly notScannedYet: string;
  readonly notWarm: string;
  readonly openTrade: string;
  readonly lastScan: (at: string) => string;
  readonly noSetup: string;
  readonly belowBase: (threshold: string) => string;
  readonly score: (score: string) => string;
  readonly threshold: (effective: string, base: string) => string;
  readonly raisedBy: string;
  readonly locks: string;
  readonly caps: string;
  readonly none: string;
  readonly riskAndMax: (riskPct: string, dailyMax: string) => string;
  readonly size: (quantity: string, notional: string, riskPct: string) => string;
  readonly noSize: string;
  readonly sent: string;
  readonly blockedBecause: string;
  readonly storedOnly: string;
  readonly usage: string;
  readonly blockedTitle: string;
  readonly times: (n: string) => string;
  readonly more: (n: string) => string;
  readonly unknownCommand: (commands: string) => string;
  readonly tooSmallTitle: string;
  readonly tooSmallNewTitle: string;
  readonly tooSmallHow: (risk: string, balance: string) => string;
  readonly tooSmallLine: (p: { symbol: string; interval: string; stopPct: string; notional: string; minNotional: string; qty: string; minQty: string }) => string;
  readonly tooSmallFix: (balance: string, riskPct: string) => string;
  readonly tooSmallRiskTooHigh: (balance: string) => string;
}

const VI: WhyStrings = {
  title: (symbol) => `Vì sao ${symbol}?`,
  notWatched: (symbol) => `${symbol} không nằm trong danh sách mã đang theo dõi, nên chưa được quét.`,
  notScannedYet: 'Chưa quét: đang chờ nến 30m đóng đầu tiên sau khi khởi động.',
  notWarm: 'Chưa đủ dữ liệu (đang khởi động): cần đủ nến đóng ở mọi khung trước khi chấm điểm.',
  openTrade: 'Không quét: mã này đang có lệnh mở (mỗi mã một lệnh).',
  lastScan: (at) => `Lần quét cuối: nến đóng lúc ${at}`,
  noSetup: 'không có thiết lập',
  belowBase: (threshold) => `dưới ngưỡng ${threshold}, không ghi lại`,
  score: (score) => `điểm ${score}`,
  threshold: (effective, base) => `Ngưỡng điểm: ${effective} (mặc định ${base})`,
  raisedBy: 'Nâng bởi',
  locks: 'Khóa đang áp dụng',
  caps: 'Giới hạn đang áp dụng',
  none: 'không có',
  riskAndMax: (riskPct, dailyMax) => `Rủi ro mỗi lệnh ${riskPct}%, tối đa ${dailyMax} tín hiệu/ngày`,
  size: (quantity, notional, riskPct) => `Khối lượng: ${quantity} (${notional} USDT, rủi ro ${riskPct}% vốn)`,
  noSize: 'Khối lượng: không tính được',
  sent: 'Đã gửi.',
  blockedBecause: 'Bị chặn vì',
  storedOnly: 'Quyết định gần nhất đã lưu (từ trước khi khởi động lại):',
  usage: 'Cách dùng: /why BTC hoặc /why BTCUSDT',
  blockedTitle: 'Tín hiệu bị chặn theo mã',
  times: (n) => `${n} lần`,
  more: (n) => `… và ${n} nhóm khác`,
  unknownCommand: (commands) => `Không có lệnh này. Các lệnh: ${commands}`,
  tooSmallTitle: 'Một số mã không thể vào lệnh với mức rủi ro hiện tại',
  tooSmallNewTitle: 'Mã mới không thể vào lệnh với mức rủi ro hiện tại',
  tooSmallHow: (risk, balance) =>
    `Với vốn ${balance} USDT và rủi ro ${risk}% mỗi lệnh, một lệnh có điểm dừng điển hình (trung vị khoảng cách dừng theo ATR của 100 nến gần nhất ở khung của mã) nhỏ hơn mức tối thiểu của sàn:`,
  tooSmallLine: (p) => `${p.symbol} ${p.interval}: cắt lỗ cách ~${p.stopPct}% → ${p.qty} (tối thiểu ${p.minQty}), ${p.notional} USDT (tối thiểu ${p.minNotional} USDT)`,
  tooSmallFix: (balance, riskPct) => `cần vốn (ACCOUNT_BALANCE) ≥ ${balance} USDT hoặc rủi ro mỗi lệnh (RISK_PER_TRADE) ≥ ${riskPct}%`,
  tooSmallRiskTooHigh: (balance) => `cần vốn (ACCOUNT_BALANCE) ≥ ${balance} USDT (rủi ro mỗi lệnh tối đa 5% vẫn không đủ)`,
};

const EN: WhyStrings = {
  title: (symbol) => `Why ${symbol}?`,
  notWatched: (symbol) => `${symbol} is not among the watched symbols, so it is not scanned.`,
  notScannedYet: 'Not scanned yet: waiting for the first closed 30m candle since start.',
  notWarm: 'Not warm yet (starting up): every interval needs its closed candles before scoring.',
  openTrade: 'Not scanned: the symbol has an open trade (one trade per symbol).',
  lastScan: (at) => `Last scan: candle closed ${at}`,
  noSetup: 'no setup',
  belowBase: (threshold) => `below ${threshold}, not recorded`,
  score: (score) => `score ${score}`,
  threshold: (effective, base) => `Score threshold: ${effective} (configured ${base})`,
  raisedBy: 'Raised by',
  locks: 'Locks in force',
  caps: 'Caps in force',
  none: 'none',
  riskAndMax: (riskPct, dailyMax) => `Risk per trade ${riskPct}%, at most ${dailyMax} signals per day`,
  size: (quantity, notional, riskPct) => `Size: ${quantity} (${notional} USDT, risking ${riskPct}% of equity)`,
  noSize: 'Size: none possible',
  sent: 'Sent.',
  blockedBecause: 'Blocked because',
  storedOnly: 'Last stored decision (from before the restart):',
  usage: 'Usage: /why BTC or /why BTCUSDT',
  blockedTitle: 'Blocked signals by symbol',
  times: (n) => `${n}×`,
  more: (n) => `… and ${n} more groups`,
  unknownCommand: (commands) => `Unknown command. Commands: ${commands}`,
  tooSmallTitle: 'Some symbols cannot be traded at the configured risk',
  tooSmallNewTitle: 'New symbols that cannot be traded at the configured risk',
  tooSmallHow: (risk, balance) =>
    `At ${balance} USDT and ${risk}% risk per trade, a trade with a typical stop (the median ATR-based stop distance of the last 100 candles of the symbol's interval) is below the exchange minimum:`,
  tooSmallLine: (p) => `${p.symbol} ${p.interval}: stop ~${p.stopPct}% → ${p.qty} (min ${p.minQty}), ${p.notional} USDT (min ${p.minNotional} USDT)`,
  tooSmallFix: (balance, riskPct) => `needs a balance (ACCOUNT_BALANCE) ≥ ${balance} USDT or risk per trade (RISK_PER_TRADE) ≥ ${riskPct}%`,
  tooSmallRiskTooHigh: (balance) => `needs a balance (ACCOUNT_BALANCE) ≥ ${balance} USDT (even the highest risk per trade, 5%, is not enough)`,
};

export function whyStringsFor(language: Language): WhyStrings {
  return language === 'en' ? EN : VI;
}
