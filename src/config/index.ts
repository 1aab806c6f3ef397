export { deprecatedSettings, parseConfig, loadConfig, type Config } from './config.js';
export { ENV, type EnvVar } from './envSpec.js';
export { renderEnvExample } from './envExample.js';
export { loadMemoryRuleSpecs } from './memoryRules.js';
export { loadSubscribers, type SubscriberSetting } from './subscribers.js';
export { lookalikeOf, unknownVariables, unknownVariableText, type UnknownVariable } from './unknownVariables.js';
export { telegramPairError } from './telegramPair.js';
export { commandConfig } from './commandConfig.js';
