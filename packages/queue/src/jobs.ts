import { z } from 'zod';

/** Fields every job carries: its partition, and the request id that correlates log lines from HTTP into the job. */
const jobBase = {
  partition: z.int().min(0).max(1023),
  requestId: z.string().max(200),
};

const reservationCommand = { ...jobBase, eventId: z.uuid(), reservationId: z.uuid() };

/**
 * Everything that changes an event's inventory is one of these jobs on the event's
 * partition queue. The worker validates every payload with this schema.
 * `decide` names no request: it tells the partition's writer that it has queued requests, which
 * it then decides in batches, in arrival order. `expire` releases an event's holds past their expiry.
 * `draw` runs an event's fair draw once its salesStartAt has come (the pre-queue put in a random
 * order; nothing if it ran already).
 */
export const partitionJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('decide'), ...jobBase }),
  z.object({ kind: z.literal('confirm'), ...reservationCommand }),
  z.object({ kind: z.literal('cancel'), ...reservationCommand }),
  z.object({ kind: z.literal('expire'), ...jobBase, eventId: z.uuid() }),
  z.object({ kind: z.literal('draw'), ...jobBase, eventId: z.uuid() }),
]);
export type PartitionJob = z.infer<typeof partitionJob>;
export type JobKind = PartitionJob['kind'];
export type JobOf<K extends JobKind> = Extract<PartitionJob, { kind: K }>;
export type ReservationCommand = JobOf<'confirm' | 'cancel'>;

/** Every job kind, read from the schema: the worker checks at start-up that it handles each. */
export const JOB_KINDS: readonly JobKind[] = partitionJob.options.map((option) => option.shape.kind.value);

/**
 * The id a command is enqueued and its results published under. It makes enqueueing idempotent:
 * a replayed request or a sweep that finds the same work adds nothing twice. A partition's
 * `decide` jobs share one id whatever the events; an event's `expire` jobs share one.
 */
export function commandIdOf(job: PartitionJob): string {
  switch (job.kind) {
    case 'decide':
      return `decide-p${job.partition}`;
    case 'expire':
      return `expire-${job.eventId}`;
    case 'draw':
      return `draw-${job.eventId}`;
    case 'confirm':
    case 'cancel':
      return `${job.kind}-${job.reservationId}`;
  }
}

/** Jobs that say "there is work here" rather than naming one change: one waits, and one more may follow an active one. */
export const isWorkNotice = (job: PartitionJob): job is JobOf<'decide' | 'expire' | 'draw'> =>
  job.kind === 'decide' || job.kind === 'expire' || job.kind === 'draw';
