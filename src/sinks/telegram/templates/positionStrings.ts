import type { Language } from './strings.js';

/** Fixed words of /open, /trades, /performance and /daily (kept apart from commandStrings: one table per feature). */
export interface PositionStrings {
  readonly openTitle: (n: string) => string;
  readonly noOpen: string;
  readonly now: string;
  readonly asOf: (time: string) => string;
  readonly noPrice: string;
  readonly unrealised: string;
  readonly age: string;
  readonly sl: string;
  readonly tp: string;
  readonly performanceTitle: (days: string) => string;
  readonly total: string;
  readonly bySymbol: string;
  readonly byModel: string;
  /** `3 lệnh` / `3 trades` */
  readonly trades: (n: string) => string;
  readonly winRate: (pct: string) => string;
  readonly dailyTitle: (n: string) => string;
  readonly wins: (n: string) => string;
  readonly equity: (usdt: string) => string;
}

const VI: PositionStrings = {
  openTitle: (n) => `Lệnh đang mở (${n})`,
  noOpen: 'Không có lệnh nào đang mở.',
  now: 'giá hiện tại',
  asOf: (time) => `lúc ${time}`,
  noPrice: 'chưa có giá mới',
  unrealised: 'Lãi/lỗ tạm tính',
  age: 'Đã mở',
  sl: 'SL',
  tp: 'TP',
  performanceTitle: (days) => `Hiệu quả ${days} ngày`,
  total: 'Tổng',
  bySymbol: 'Theo mã',
  byModel: 'Theo mô hình',
  trades: (n) => `${n} lệnh`,
  winRate: (pct) => `thắng ${pct}`,
  dailyTitle: (n) => `${n} ngày gần nhất (UTC)`,
  wins: (n) => `${n} thắng`,
  equity: (usdt) => `vốn ${usdt}`,
};

const EN: PositionStrings = {
  openTitle: (n) => `Open trades (${n})`,
  noOpen: 'No open trades.',
  now: 'now',
  asOf: (time) => `as of ${time}`,
  noPrice: 'no price yet',
  unrealised: 'Unrealised',
  age: 'Open for',
  sl: 'SL',
  tp: 'TP',
  performanceTitle: (days) => `Performance, last ${days} days`,
  total: 'Total',
  bySymbol: 'By symbol',
  byModel: 'By model',
  trades: (n) => `${n} ${n === '1' ? 'trade' : 'trades'}`,
  winRate: (pct) => `win rate ${pct}`,
  dailyTitle: (n) => `Last ${n} UTC days`,
  wins: (n) => `${n} ${n === '1' ? 'win' : 'wins'}`,
  equity: (usdt) => `equity ${usdt}`,
};

export function positionStringsFor(language: Language): PositionStrings {
  return language === 'en' ? EN : VI;
}
