import { cpus, totalmem, loadavg } from 'node:os';

/** What the figures were measured on; a figure means little without it. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly totalMemMb: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  /** 1-minute load average at the start: other work on the machine skews every figure. */
  readonly loadAvg1m: number;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 1_048_576),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    loadAvg1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
