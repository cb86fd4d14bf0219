import { readdirSync, readFileSync } from 'node:fs';

/*
 * CPU and RSS of the processes under test, read from /proc every ~250 ms. A target may be a
 * group of processes (PostgreSQL: the postmaster and its children), summed; shared memory
 * (PostgreSQL's shared buffers, in every backend's RSS) is counted once, not once per process.
 */

const SAMPLE_INTERVAL_MS = 250;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface SampleTarget {
  name: string;
  /** The pids making up this target right now. */
  pids(): number[];
}

export interface ResourceSample {
  /** Milliseconds since sampling started. */
  t: number;
  cpuPercent: number;
  rssMb: number;
}

export interface ResourceSummary {
  name: string;
  /** CPU time used over the run, from the tick totals (not integrated from the sampled percentages). */
  cpuSeconds: number;
  cpuAveragePercent: number;
  cpuPeakPercent: number;
  rssMaxMb: number;
  rssLastMb: number;
  samples: ResourceSample[];
}

interface ProcessReading {
  cpuTicks: number;
  /** When the process started, in clock ticks since boot. */
  startTicks: number;
  rssKb: number;
  /** The part of the RSS that is shared memory (RssShmem). */
  shmemKb: number;
}

function readProcess(pid: number): ProcessReading | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields are counted after its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const startTicks = Number(fields[19]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { cpuTicks, startTicks, rssKb: field('VmRSS'), shmemKb: field('RssShmem') };
  } catch {
    return undefined; // exited
  }
}

/** The parent pid of `pid`, from /proc/<pid>/status. */
export function parentOf(pid: number): number | undefined {
  try {
    return Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/** A process's command line as `ps` shows it (PostgreSQL backends rewrite theirs to name their database). */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

/**
 * The direct children of `pid` that `include` accepts, found by scanning /proc (cached:
 * PostgreSQL's backends come and go slowly).
 */
export function childrenOf(pid: number, include: (child: number) => boolean = () => true, refreshMs = 2_000): () => number[] {
  let cached: number[] = [];
  let readAt = -Infinity;
  return () => {
    if (performance.now() - readAt < refreshMs) return cached;
    readAt = performance.now();
    cached = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((child) => parentOf(child) === pid && include(child));
    return cached;
  };
}

/** Clock ticks since boot, now. */
const ticksSinceBoot = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * CLOCK_TICKS_PER_SECOND;

export class ProcessSampler {
  private readonly samples = new Map<string, ResourceSample[]>();
  private readonly previousTicks = new Map<string, Map<number, number>>();
  private readonly usedTicks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private startedAtTicks = 0;
  private lastAt = 0;

  constructor(private readonly targets: SampleTarget[]) {}

  start(): void {
    this.startedAt = performance.now();
    this.startedAtTicks = ticksSinceBoot();
    this.lastAt = this.startedAt;
    for (const target of this.targets) this.track(target);
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
  }

  /** Adds a target while sampling runs (workers started late, in the drain scenario). */
  add(target: SampleTarget): void {
    this.targets.push(target);
    this.track(target);
  }

  stop(): ResourceSummary[] {
    clearInterval(this.timer);
    this.sample();
    return this.targets.map((target) =>
      summarise(target.name, this.samples.get(target.name)!, this.usedTicks.get(target.name)! / CLOCK_TICKS_PER_SECOND),
    );
  }

  private track(target: SampleTarget): void {
    this.samples.set(target.name, []);
    this.previousTicks.set(target.name, this.readTicks(target).ticks);
    this.usedTicks.set(target.name, 0);
  }

  /**
   * Each process's CPU ticks, and those it used before it was first seen that fall within the
   * sampling: all of them if it started after sampling did (a PostgreSQL backend found by a later
   * scan of the postmaster's children), none otherwise.
   */
  private readTicks(target: SampleTarget, seen?: Map<number, number>): { ticks: Map<number, number>; unseenTicks: number; rssKb: number } {
    const ticks = new Map<number, number>();
    let unseenTicks = 0;
    let privateKb = 0;
    let sharedKb = 0;
    for (const pid of target.pids()) {
      const reading = readProcess(pid);
      if (!reading) continue;
      ticks.set(pid, reading.cpuTicks);
      if (seen && !seen.has(pid) && reading.startTicks >= this.startedAtTicks) unseenTicks += reading.cpuTicks;
      privateKb += reading.rssKb - reading.shmemKb;
      sharedKb = Math.max(sharedKb, reading.shmemKb);
    }
    return { ticks, unseenTicks, rssKb: privateKb + sharedKb };
  }

  private sample(): void {
    const now = performance.now();
    const elapsedSeconds = (now - this.lastAt) / 1000;
    this.lastAt = now;
    if (elapsedSeconds <= 0) return;
    for (const target of this.targets) {
      const previous = this.previousTicks.get(target.name)!;
      const { ticks, unseenTicks, rssKb } = this.readTicks(target, previous);
      // Per process, so that a process that exits or appears does not count as negative or as CPU used before sampling.
      let usedTicks = unseenTicks;
      for (const [pid, current] of ticks) usedTicks += current - (previous.get(pid) ?? current);
      this.previousTicks.set(target.name, ticks);
      this.usedTicks.set(target.name, this.usedTicks.get(target.name)! + usedTicks);
      this.samples.get(target.name)!.push({
        t: Math.round(now - this.startedAt),
        cpuPercent: (100 * usedTicks) / CLOCK_TICKS_PER_SECOND / elapsedSeconds,
        rssMb: rssKb / 1024,
      });
    }
  }
}

export function summarise(name: string, samples: ResourceSample[], cpuSeconds: number): ResourceSummary {
  const cpu = samples.map((sample) => sample.cpuPercent);
  const rss = samples.map((sample) => sample.rssMb);
  return {
    name,
    cpuSeconds,
    cpuAveragePercent: cpu.length ? cpu.reduce((a, b) => a + b, 0) / cpu.length : 0,
    cpuPeakPercent: cpu.length ? Math.max(...cpu) : 0,
    rssMaxMb: rss.length ? Math.max(...rss) : 0,
    rssLastMb: rss.at(-1) ?? 0,
    samples,
  };
}
