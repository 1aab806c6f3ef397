import { existsSync } from 'node:fs';
import { deprecatedSettings, loadConfig, loadMemoryRuleSpecs, loadSubscribers, telegramPairError, unknownVariables, unknownVariableText, type Config } from '../config/index.js';
import type { Subscriber } from '../domain/subscriber.js';
import { ConfigError } from '../domain/errors.js';
import type { Check } from './check.js';

/** The settings as a run would read them, and what the checklist says about them; no config when one is refused. */
export interface SettingsReport {
  readonly checks: readonly Check[];
  readonly config?: Config;
  readonly subscribers: readonly Subscriber[];
  /** TELEGRAM_BOT_TOKEN without TELEGRAM_CHAT_ID, or the reverse: shown in place of the Telegram checks. */
  readonly telegramPair?: Check;
}

const FIX_VALUE = 'correct it in .env or the environment (.env.example lists every variable with its range)';

/**
 * The settings a run reads (`.env` at `envPath`, the environment winning): every value valid, the
 * memory-rules and subscribers files readable, the Telegram pair complete; warnings for variables
 * that look like ours (typos) and deprecated ones.
 */
export function checkSettings(envPath = '.env', env: Readonly<Record<string, string | undefined>> = process.env): SettingsReport {
  const warnings: Check[] = [
    ...unknownVariables(envPath, env).map((u): Check => ({ name: 'settings', status: 'warn', detail: `${unknownVariableText(u)} (in the ${u.source === '.env' ? '.env file' : 'environment'}; ignored)`, hint: `rename it to ${u.didYouMean}`, data: { ...u } })),
  ];
  const source = existsSync(envPath) ? `${envPath} and the environment` : 'the environment (no .env file)';
  let config: Config;
  let subscribers: readonly Subscriber[];
  try {
    config = loadConfig(envPath, env);
    loadMemoryRuleSpecs(config.MEMORY_RULES_FILE, config.ACCOUNT_BALANCE);
    subscribers = loadSubscribers(config.TELEGRAM_SUBSCRIBERS, config.TELEGRAM_CHAT_ID);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { checks: [{ name: 'settings', status: 'fail', detail: err.message, hint: FIX_VALUE, data: { variable: err.variable } }, ...warnings], subscribers: [] };
  }
  const deprecated: Check[] = deprecatedSettings(config).map((d): Check => ({ name: 'settings', status: 'warn', detail: `${d.variable} is deprecated and has no effect: ${d.why}`, hint: `remove ${d.variable}` }));
  if (config.TELEGRAM_BOT_TOKEN === undefined && subscribers.length > 0) {
    deprecated.push({ name: 'settings', status: 'warn', detail: 'TELEGRAM_SUBSCRIBERS is set but Telegram is not configured: the subscriber chats get nothing', hint: 'set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID, or unset TELEGRAM_SUBSCRIBERS' });
  }
  const unpaired = telegramPairError(config);
  const checks: Check[] = [
    { name: 'settings', status: 'ok', detail: `${source}: every value valid (profile ${config.MODEL_PROFILE}, language ${config.LANGUAGE})` },
    ...warnings,
    ...deprecated,
  ];
  const telegramPair: Check | undefined = unpaired && {
    name: 'Telegram', status: 'fail', detail: unpaired.message.split(': set ')[0]!,
    hint: `set ${unpaired.variable} (README, Telegram setup), or unset the other one to print messages on the console`, data: { variable: unpaired.variable },
  };
  return { checks, config, subscribers, ...(telegramPair ? { telegramPair } : {}) };
}
