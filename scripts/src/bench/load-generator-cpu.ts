import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { SampleTarget } from './process-sampler';

/*
 * Whether the load generator had room: the bench process itself (the load driver) as a
 * SampleTarget, and the whole machine's idle CPU (/proc/stat) and load average over a window.
 * A driver near 100 % of its one core, or a machine with no idle CPU, caps what it can offer.
 */

/** This process: the bench and its load driver, on one event loop. */
export const DRIVER_TARGET: SampleTarget = { name: 'driver', pids: () => [process.pid] };

export interface MachineCpu {
  /** Idle (with iowait) share of all cores over the window, %. */
  idlePercent: number;
  cores: number;
  /** 1-minute load average at the window's end. */
  loadAverage: number;
}

/** The first line of /proc/stat: the ticks of all cores, as [idle (idle + iowait), total]. */
export function cpuTicks(procStat: string): { idle: number; total: number } {
  const fields = procStat.split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user and nice).
  return { idle: fields[3]! + fields[4]!, total: fields.reduce((sum, n) => sum + n, 0) };
}

export function idlePercent(before: { idle: number; total: number }, after: { idle: number; total: number }): number {
  const total = after.total - before.total;
  return total > 0 ? (100 * (after.idle - before.idle)) / total : 0;
}

const readTicks = () => cpuTicks(readFileSync('/proc/stat', 'utf8'));

/** Starts a window; `stop()` gives the machine's idle CPU over it and the load average at its end. */
export function watchMachineCpu(): { stop(): MachineCpu } {
  const before = readTicks();
  return {
    stop: () => ({ idlePercent: idlePercent(before, readTicks()), cores: availableParallelism(), loadAverage: loadavg()[0]! }),
  };
}
