import { readFileSync } from 'node:fs';
import { arrayOf, closedObject, integer, invalid, matching, number, oneOf, optional, refine, valid, validator, type Checked, type Validator } from '../core/validate/index.js';
import { ConfigError } from '../domain/errors.js';
import { INTERVALS } from '../domain/kline.js';
import { MODEL_NAMES } from '../domain/signal.js';
import type { Subscriber } from '../domain/subscriber.js';

const VARIABLE = 'TELEGRAM_SUBSCRIBERS';
const CHAT = /^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/;

/** TELEGRAM_SUBSCRIBERS as written: chats inline (`-1001234:vi,@mychannel:en`), or the path of a JSON file. */
export type SubscriberSetting =
  | { readonly kind: 'list'; readonly subscribers: readonly Subscriber[] }
  | { readonly kind: 'file'; readonly path: string };

export const SUBSCRIBERS_ALLOWED = 'unset, comma-separated chat:language (chat an integer id or @channel, optionally /topic; language vi or en), or the path of a .json file';

const INLINE_ITEM = /^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})(?:\/(\d{1,10}))?:(vi|en)$/;

/** The env text: a `.json` path is kept for {@link loadSubscribers}; anything else must be the inline list. */
export const subscriberSetting: Validator<SubscriberSetting> = validator((input): Checked<SubscriberSetting> => {
  if (typeof input !== 'string') return invalid(SUBSCRIBERS_ALLOWED);
  if (/\.json$/i.test(input)) return valid({ kind: 'file', path: input });
  const subscribers: Subscriber[] = [];
  for (const part of input.split(',').map((p) => p.trim())) {
    const m = INLINE_ITEM.exec(part);
    if (m === null) return invalid(SUBSCRIBERS_ALLOWED);
    subscribers.push({ chat: m[1]!, ...(m[2] === undefined ? {} : { thread: Number(m[2]) }), language: m[3] as 'vi' | 'en' });
  }
  return valid({ kind: 'list', subscribers });
});

const hour = integer(0, 23);
const entrySchema = closedObject({
  chat: matching(CHAT),
  thread: optional(integer(1, 2 ** 31 - 1)),
  language: oneOf(['vi', 'en']),
  symbols: optional(refine(arrayOf(matching(/^[A-Z0-9]{2,20}$/)), { test: (s) => s.length > 0, allowed: 'at least one symbol' })),
  intervals: optional(refine(arrayOf(oneOf(INTERVALS)), { test: (s) => s.length > 0, allowed: 'at least one interval' })),
  models: optional(refine(arrayOf(oneOf(MODEL_NAMES)), { test: (s) => s.length > 0, allowed: 'at least one model' })),
  minScore: optional(number(0, 100)),
  quietHoursUtc: optional(refine(arrayOf(hour), { test: (h) => h.length === 2, allowed: '[startHour, endHour], hours 0–23' })),
});

const ALLOWED: Record<string, string> = {
  chat: 'an integer chat id or @channelname, as a string',
  thread: 'a forum topic id (integer ≥ 1)',
  language: 'vi or en',
  symbols: 'a non-empty array of symbols such as "BTCUSDT"',
  intervals: `a non-empty array of ${INTERVALS.join(', ')}`,
  models: `a non-empty array of ${MODEL_NAMES.join(', ')}`,
  minScore: 'a number 0–100',
  quietHoursUtc: '[startHour, endHour], hours 0–23 UTC',
};

function subscriberOf(entry: unknown, index: number): Subscriber {
  const checked = entrySchema.check(entry);
  if (checked.ok) {
    const { quietHoursUtc, ...rest } = checked.value;
    return { ...rest, ...(quietHoursUtc === undefined ? {} : { quietHoursUtc: [quietHoursUtc[0]!, quietHoursUtc[1]!] as const }) };
  }
  const { problem } = checked;
  const field = problem.path[0] === undefined ? undefined : String(problem.path[0]);
  const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  if (field === undefined) {
    const what = problem.unknownKeys === undefined ? 'entry' : problem.unknownKeys.join(', ');
    throw new ConfigError(`${VARIABLE} subscriber ${index + 1} ${what}`, undefined, `an object of ${Object.keys(ALLOWED).join(', ')}`);
  }
  const value = record[field];
  throw new ConfigError(`${VARIABLE} subscriber ${index + 1} ${field}`, value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value), ALLOWED[field] ?? problem.allowed);
}

/**
 * The subscriber chats of the setting: the inline list as it is, or the JSON file's array of
 * `{ chat, thread?, language, symbols?, intervals?, models?, minScore?, quietHoursUtc? }`. A chat
 * (and topic) may appear once and may not be the admin chat. Anything wrong is a ConfigError naming
 * the subscriber (its number) and the field, so the bot exits 1 before connecting.
 */
export function loadSubscribers(setting: SubscriberSetting | undefined, adminChat: string | undefined): readonly Subscriber[] {
  if (setting === undefined) return [];
  let subscribers: readonly Subscriber[];
  if (setting.kind === 'list') subscribers = setting.subscribers;
  else {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(setting.path, 'utf8')) as unknown;
    } catch (error) {
      throw new ConfigError(VARIABLE, setting.path, `a readable JSON file (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
    if (!Array.isArray(raw)) throw new ConfigError(VARIABLE, setting.path, 'a JSON array of { chat, language, … }');
    subscribers = raw.map(subscriberOf);
  }
  const seen = new Set<string>();
  subscribers.forEach((s, index) => {
    const id = `${s.chat}/${s.thread ?? ''}`;
    if (s.chat === adminChat && s.thread === undefined) throw new ConfigError(`${VARIABLE} subscriber ${index + 1} chat`, s.chat, 'a chat other than TELEGRAM_CHAT_ID (the admin chat gets everything already)');
    if (seen.has(id)) throw new ConfigError(`${VARIABLE} subscriber ${index + 1} chat`, s.chat, 'each chat (and topic) once');
    seen.add(id);
  });
  return subscribers;
}
