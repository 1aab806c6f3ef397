/**
 * Sizes of the fault scenarios. Each scenario is one function taking its counts; the short
 * `*.spec.ts` (inside `npm test`) passes the short counts and the long `*.faults.ts`
 * (`npm run test:faults`) the full ones, both multiplied by `FAULTS_SCALE` (default 1), so a
 * reduced or extended run of either set is one variable away and nothing is copied.
 */
export function faultsScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FAULTS_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`FAULTS_SCALE=${JSON.stringify(raw)} is invalid: allowed a number > 0`);
  return scale;
}

/** `count × FAULTS_SCALE`, rounded, at least `min`: a count of faults or frames. */
export function scaled(count: number, min = 1): number {
  return Math.max(min, Math.round(count * faultsScale()));
}

/** A duration in ms scaled the same way, at least `minMs`. */
export function scaledMs(ms: number, minMs = 1_000): number {
  return Math.max(minMs, Math.round(ms * faultsScale()));
}

/** Prints the one summary line of a scenario (`faults: drops=100 missing=0 …`) and returns it. */
export function summaryLine(scenario: string, fields: Readonly<Record<string, number | string | boolean>>): string {
  const line = `${scenario}: ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  console.log(line);
  return line;
}
