import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { runBacktestCli } from '../../../src/backtest/cli.js';
import { loadBacktestFilters } from '../../../src/backtest/exchangeFilters.js';
import { settingsFromConfig } from '../../../src/backtest/cliSettings.js';
import type { BacktestReport } from '../../../src/backtest/report/index.js';
import { parseConfig } from '../../../src/config/index.js';
import { applyParams } from '../../../src/research/walkforward/paramSpace.js';
import { runTrial } from '../../../src/research/walkforward/trial.js';
import { dataSpan } from '../../../src/research/walkforward/walkForward.js';
import { EXAMPLES_DIR, exampleDataUntil } from './exampleData.js';

const scratch = mkdtempSync(join(tmpdir(), 'ks-walkforward-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FROM = '2025-04-01T00:00:00.000Z';
const TO = '2025-06-01T00:00:00.000Z';

async function plainBacktest(env: Record<string, string>, out: string): Promise<BacktestReport> {
  const code = await runBacktestCli(['--data', EXAMPLES_DIR, '--symbols', 'BTCUSDT,ETHUSDT', '--from', FROM, '--to', TO, '--profile', 'seed', '--out', out], {
    env: { LOG_LEVEL: 'silent', ...env }, logger: pino({ level: 'silent' }), writeLine: () => undefined, writeError: () => undefined,
  });
  expect(code).toBe(0);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as BacktestReport;
}

describe('a walk-forward trial', () => {
  it('equals `backtest --from --to` with the same settings: score threshold and tuned memory rules from the environment, exchange filters from the data', async () => {
    const tuned = { scoreThreshold: 80, 'memory.globalLossStreak.minLosses': 2, 'memory.globalLossStreak.lockHours': 24, 'memory.drawdownDailyCap.aboveDrawdownPct': 3 };
    const base = settingsFromConfig(parseConfig({}), 'seed', true);
    const settings = applyParams(base, tuned);
    const rulesFile = join(scratch, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify(settings.memoryRules));
    const report = await plainBacktest({ SCORE_THRESHOLD: '80', MEMORY_RULES_FILE: rulesFile }, join(scratch, 'plain'));

    // The whole example data up to the end of the data: the trial cuts it at TO itself.
    const { candles } = dataSpan(exampleDataUntil(['BTCUSDT', 'ETHUSDT'], Date.UTC(2025, 8, 1)));
    // examples/klines has an exchangeInfo.json: the plain backtest sizes with its filters, so does the trial.
    const filters = loadBacktestFilters({ dataDir: EXAMPLES_DIR, file: undefined, disabled: false, symbols: ['BTCUSDT', 'ETHUSDT'] });
    expect(filters.source, 'the example data brings its filters').toBeDefined();
    const trial = runTrial(candles, {
      settings, fromMs: Date.parse(FROM), toMs: Date.parse(TO), dbPath: join(scratch, 'trial.db'), keepEquity: true,
    }, pino({ level: 'silent' }), filters.bySymbol);
    expect(report.summary.trades, 'the period trades, so the comparison means something').toBeGreaterThan(3);
    expect(trial.summary).toEqual(report.summary);
    expect(trial.equity).toEqual(report.equity);
  });

  it('varies what it tunes: another ATR stop changes the run', () => {
    const base = settingsFromConfig(parseConfig({}), 'seed', false);
    const { candles } = dataSpan(exampleDataUntil(['BTCUSDT'], Date.UTC(2025, 6, 1)));
    const run = (stopAtr: number) =>
      runTrial(candles, {
        settings: applyParams(base, { 'model.seedContinuation.stopAtr': stopAtr, 'model.seedReversal.stopAtr': stopAtr }), fromMs: Date.parse(FROM), toMs: Date.parse(TO),
        dbPath: join(scratch, `stop-${stopAtr}.db`), keepEquity: true,
      }, pino({ level: 'silent' }));
    expect(run(1).summary).not.toEqual(run(3).summary);
  });
});
