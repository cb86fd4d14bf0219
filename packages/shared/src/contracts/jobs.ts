import { z } from 'zod';

const reservationCommand = {
  eventId: z.uuid(),
  reservationId: z.uuid(),
  /** Correlates log lines from the HTTP request into the job. */
  requestId: z.string().max(200),
};

/**
 * Everything that changes an event's inventory is one of these jobs on the event's
 * partition queue. The worker validates every payload with this schema.
 * `decide` carries no request: it tells the partition's writer that the event (and maybe others
 * of the partition) has queued requests, which it then decides in batches, in arrival order.
 */
export const partitionJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('decide'), eventId: z.uuid(), requestId: z.string().max(200) }),
  z.object({ kind: z.literal('confirm'), ...reservationCommand }),
  z.object({ kind: z.literal('cancel'), ...reservationCommand }),
  z.object({ kind: z.literal('expire'), eventId: z.uuid(), requestId: z.string().max(200) }),
]);
export type PartitionJob = z.infer<typeof partitionJob>;
export type ReservationCommand = Extract<PartitionJob, { reservationId: string }>;

/**
 * Job ids make enqueueing idempotent while a job is waiting: a replayed request or a sweep
 * that finds the same work adds nothing twice.
 */
export function jobIdFor(job: Exclude<PartitionJob, { kind: 'decide' }>): string {
  return 'reservationId' in job ? `${job.kind}-${job.reservationId}` : `${job.kind}-${job.eventId}`;
}

/** A partition's `decide` jobs are deduplicated under this id: one waits, whatever the events. */
export function decideJobId(partition: number): string {
  return `decide-p${partition}`;
}
