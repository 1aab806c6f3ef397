/**
 * Child-process entry of the restart test: `node --import tsx runScenarioChild.ts <profile> <dbPath>`
 * replays the restart scenario into `dbPath`. The test SIGKILLs it halfway through.
 */
import { pino } from 'pino';
import { runBacktest } from '../../../src/backtest/runner.js';
import type { ModelProfile } from '../../../src/domain/signal.js';
import { exampleReplay } from './exampleCandles.js';
import { restartScenario } from './restartScenario.js';

const [profile, dbPath] = process.argv.slice(2) as [ModelProfile, string];
const scenario = restartScenario(profile);
const candles = exampleReplay(scenario.symbols, scenario.untilMs);
process.stdout.write('replaying\n');
const result = runBacktest({ candles, dbPath, settings: scenario.settings, fromMs: scenario.fromMs, logger: pino({ level: 'silent' }) });
process.stdout.write(`${JSON.stringify(result)}\n`);
