import type { ModelProfile } from '../../domain/signal.js';
import type { RunFigures } from './objective.js';
import type { ParamDef, ParamValues } from './paramSpace.js';

/** One search's figures over a period. */
export interface PeriodFigures extends RunFigures {
  readonly totalR: number;
  readonly returnPct: number;
}

/** One window of one variant: what the search chose on train and how it did on test. */
export interface WindowResult {
  readonly index: number;
  readonly trainFrom: string;
  readonly trainTo: string;
  readonly testFrom: string;
  readonly testTo: string;
  readonly trials: number;
  /** The chosen trial (0 = the configuration as given). */
  readonly chosenTrial: number;
  /** false: no trial met the objective's constraints; the best expectancy with a trade was taken. */
  readonly feasible: boolean;
  readonly chosen: ParamValues;
  readonly inSample: PeriodFigures;
  readonly outOfSample: PeriodFigures;
  /** The configuration as given, unchanged, on the same test period: what tuning is measured against. */
  readonly outOfSampleAsGiven: PeriodFigures;
  /** outOfSample.expectancyR / inSample.expectancyR; null when the in-sample expectancy is not above 0. */
  readonly efficiency: number | null;
}

export interface StitchedPoint {
  readonly atMs: number;
  readonly equity: number;
}

/** The test periods one after another, each compounding on the last one's final equity. */
export interface StitchedResult {
  readonly trades: number;
  readonly expectancyR: number | null;
  readonly totalR: number;
  readonly returnPct: number;
  readonly maxDrawdownPct: number;
  readonly equity: readonly StitchedPoint[];
}

export interface VariantResult {
  readonly label: string;
  readonly profile: ModelProfile;
  readonly memory: boolean;
  readonly space: readonly ParamDef[];
  readonly windows: readonly WindowResult[];
  readonly stitched: StitchedResult;
  /** The same, running the configuration as given on every test period. */
  readonly stitchedAsGiven: StitchedResult;
  /** Stitched out-of-sample expectancy / pooled in-sample expectancy of the chosen trials; null when the latter is not above 0. */
  readonly efficiency: number | null;
  /** The most recent window's choice. */
  readonly recommended: ParamValues;
}

export interface WalkForwardReport {
  readonly kind: 'walkforward';
  readonly dataDir: string;
  readonly symbols: readonly string[];
  readonly dataFrom: string;
  readonly dataTo: string;
  readonly settings: {
    readonly train: string;
    readonly test: string;
    readonly step: string;
    readonly search: string;
    readonly trials: number;
    readonly seed: number;
    readonly minTrades: number;
    readonly maxDrawdownPct: number;
    readonly warmUpDays: number;
    /** The exchangeInfo file the trials sized with; null: no exchange filters were applied. */
    readonly exchangeFilters: string | null;
  };
  readonly definitions: Readonly<Record<string, string>>;
  readonly variants: readonly VariantResult[];
  /** The variant whose recommendation the .env fragment holds: the best stitched out-of-sample expectancy within the drawdown limit. */
  readonly recommendedVariant: string | null;
}
