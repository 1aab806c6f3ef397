import type { DashboardLanguage } from './dashboard/labels.js';
import type { HealthReason } from './health.js';

const WORDS: Readonly<Record<DashboardLanguage, Readonly<Record<HealthReason['code'], string>>>> = {
  vi: {
    shard_stale: 'mất kết nối tới Binance (không có dữ liệu nến mới)',
    shard_silent: 'chưa kết nối được tới Binance (chưa nhận được nến nào)',
    db_down: 'cơ sở dữ liệu không phản hồi',
  },
  en: {
    shard_stale: 'Binance cannot be reached (no new candle data)',
    shard_silent: 'Binance not reached yet (no candle received)',
    db_down: 'the database does not answer',
  },
};

/**
 * Why `/health` fails, in the dashboard's language: one line per kind of problem (three silent
 * shards are one Binance outage to a trader), in the order they were found.
 */
export function healthProblems(reasons: readonly HealthReason[], language: DashboardLanguage): string[] {
  return [...new Set(reasons.map((r) => WORDS[language][r.code]))];
}
