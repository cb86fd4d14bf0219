import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SampleTarget } from './process-sampler';
import type { OwnedReservation, PollSummary } from './reservation-pollers';

/*
 * Pollers in a process of their own (poller-process.ts), so that they do not share the event loop
 * of the bench's load driver: real pollers are other machines. The bench sends the job over IPC,
 * asks for the counts so far ('progress') and, on 'stop', gets the summary and the process exits.
 * Its pid is a SampleTarget, so its CPU shows beside the driver's.
 */

/** What to poll: each reservation by its owner, paced by Retry-After. */
export type PollerJob = { kind: 'reservations'; reservations: readonly OwnedReservation[]; firstWithinMs: number };

export interface PollerStart {
  url: string;
  connections: number;
  job: PollerJob;
}

/** Counts so far: polls sent and their answers by HTTP status. */
export interface PollProgress {
  polls: number;
  byStatus: Record<string, number>;
  failed: number;
}

/** Bench → poller process. */
export type ToPollers = { kind: 'start'; start: PollerStart } | { kind: 'progress' } | { kind: 'stop' };

/** Poller process → bench. `finished`: every reservation seen decided. */
export type FromPollers =
  | { kind: 'started' }
  | { kind: 'progress'; progress: PollProgress }
  | { kind: 'finished' }
  | { kind: 'stopped'; summary: PollSummary };

type Reply = Exclude<FromPollers['kind'], 'finished'>;

export class ForkedPollers {
  /** The poller process, for the process sampler. */
  readonly target: SampleTarget;
  /** Resolves once every reservation was seen decided. */
  readonly finished: Promise<void>;
  private readonly waiting = new Map<Reply, { resolve(message: FromPollers): void; reject(error: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    this.target = { name: 'pollers', pids: () => (child.pid === undefined ? [] : [child.pid]) };
    let markFinished: () => void = () => undefined;
    this.finished = new Promise((resolve) => (markFinished = resolve));
    child.on('message', (raw) => {
      const message = raw as FromPollers;
      if (message.kind === 'finished') return markFinished();
      const waiter = this.waiting.get(message.kind);
      this.waiting.delete(message.kind);
      waiter?.resolve(message);
    });
    child.once('exit', (code, signal) => {
      const error = new Error(`the poller process exited (${signal ?? `code ${code}`})`);
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
  }

  /** Forks the poller process and starts `job`; resolves once its pollers are running. */
  static async start(start: PollerStart): Promise<ForkedPollers> {
    const child = fork(join(__dirname, 'poller-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pollers = new ForkedPollers(child);
    await pollers.ask({ kind: 'start', start }, 'started');
    return pollers;
  }

  async progress(): Promise<PollProgress> {
    const reply = await this.ask({ kind: 'progress' }, 'progress');
    return (reply as Extract<FromPollers, { kind: 'progress' }>).progress;
  }

  /** Stops the pollers (waiting for the polls in flight); the process exits after answering. */
  async stop(): Promise<PollSummary> {
    const reply = await this.ask({ kind: 'stop' }, 'stopped');
    return (reply as Extract<FromPollers, { kind: 'stopped' }>).summary;
  }

  /** Ends the process at once, if it still runs (after a failure). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private ask(message: ToPollers, reply: Reply): Promise<FromPollers> {
    if (this.waiting.has(reply)) throw new Error(`already waiting for the poller process's '${reply}'`);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.reject(new Error('the poller process has exited'));
    return new Promise((resolve, reject) => {
      this.waiting.set(reply, { resolve, reject });
      this.child.send(message);
    });
  }
}
