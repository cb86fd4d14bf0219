import {
  cancelReservation,
  confirmReservation,
  decideQueued,
  expireDueHolds,
  runDraw,
  type CommandResult,
  type CommandTarget,
  type EventCounters,
  type ReservationWithItems,
  type Database,
  type WriterContext,
} from '@onsale/db';
import { JOB_KINDS, type JobKind, type JobOf, type PartitionJob } from '@onsale/queue';
import type { Logger } from '@onsale/shared';
import { decideIsolatingFailures } from './decide-isolating-failures';

export interface CommandDeps {
  database: Database;
  /** The most reservations one transaction decides or expires. */
  batchSize: number;
  logger: Logger;
}

export interface Handled {
  /** Reservations to publish: the ones changed, or the one a reservation command targets. */
  reservations: ReservationWithItems[];
  /** The counters of the events the command changed, as its commit left them. */
  counters: EventCounters[];
  /** What the command's log line reports. */
  outcome: Record<string, unknown>;
  /** Added after the results are published: the rest of a backlog, when the batch was full. */
  next?: PartitionJob;
}

type Handler<K extends JobKind> = (job: JobOf<K>, writer: WriterContext, deps: CommandDeps) => Promise<Handled>;
export type CommandRegistry = { readonly [K in JobKind]: Handler<K> };

/** Decides the partition's oldest queued requests, every event of it at once; a refused batch is narrowed down. */
async function decide(job: JobOf<'decide'>, writer: WriterContext, deps: CommandDeps): Promise<Handled> {
  const batch = { partition: job.partition, limit: deps.batchSize };
  const { decided, counters, more, offered = [] } = await decideQueued(deps.database, batch, writer).catch((error: unknown) =>
    decideIsolatingFailures(batch, writer, deps, error),
  );
  const held = decided.filter((reservation) => reservation.status === 'held').length;
  const outcome = { decided: decided.length, held, rejected: decided.length - held, ...(offered.length > 0 ? { offered: offered.length } : {}) };
  return { reservations: [...decided, ...offered], counters, outcome, next: more ? job : undefined };
}

/** Releases the event's holds past their expiry, a bounded batch per transaction. */
async function expire(job: JobOf<'expire'>, writer: WriterContext, deps: CommandDeps): Promise<Handled> {
  const { expired, counters, more, offered } = await expireDueHolds(deps.database, job.eventId, deps.batchSize, writer);
  return { reservations: [...expired, ...offered], counters, outcome: { changed: expired.length, offered: offered.length }, next: more ? job : undefined };
}

/**
 * Runs the event's fair draw if it is due and has not run. A fresh draw placed the pre-queue and
 * the late arrivals: the partition's decisions follow, in draw order.
 */
async function draw(job: JobOf<'draw'>, writer: WriterContext, deps: CommandDeps): Promise<Handled> {
  const outcome = await runDraw(deps.database, job.eventId);
  if (outcome.kind !== 'drawn') return { reservations: [], counters: [], outcome: { eventId: job.eventId, draw: outcome.kind } };
  const { fresh, entries, placed, counters } = outcome;
  return {
    reservations: [],
    counters,
    outcome: { eventId: job.eventId, draw: fresh ? 'drawn' : 'drawn_before', entries, placed },
    next: fresh && placed > 0 ? { kind: 'decide', partition: job.partition, requestId: job.requestId } : undefined,
  };
}

const reservationCommand =
  (run: (database: Database, target: CommandTarget, writer: WriterContext) => Promise<CommandResult>) =>
  async (job: CommandTarget, writer: WriterContext, deps: CommandDeps): Promise<Handled> => {
    const { reservation, changed, counters, offered = [] } = await run(deps.database, job, writer);
    return {
      reservations: reservation ? [reservation, ...offered] : [],
      counters: counters ?? [],
      outcome: {
        changed: changed ? 1 : 0,
        reservationId: job.reservationId,
        status: reservation?.status,
        reason: reservation?.reason ?? undefined,
        ...(offered.length > 0 ? { offered: offered.length } : {}),
      },
    };
  };

/** Every partition command and its handler: a job kind without one does not compile. */
export const COMMANDS: CommandRegistry = {
  decide,
  confirm: reservationCommand(confirmReservation),
  cancel: reservationCommand(cancelReservation),
  expire,
  draw,
};

/** Start-up check: the registry handles exactly the job kinds the contract defines, each with a function. */
export function assertHandlesEveryJobKind(registry: Record<string, unknown>): void {
  const missing = JOB_KINDS.filter((kind) => typeof registry[kind] !== 'function');
  const unknown = Object.keys(registry).filter((kind) => !(JOB_KINDS as readonly string[]).includes(kind));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`partition command registry: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`);
  }
}

/** Runs a job's handler, typed by its kind. */
export function runCommand(registry: CommandRegistry, job: PartitionJob, writer: WriterContext, deps: CommandDeps): Promise<Handled> {
  const handler = registry[job.kind] as Handler<typeof job.kind>;
  return handler(job as never, writer, deps);
}
