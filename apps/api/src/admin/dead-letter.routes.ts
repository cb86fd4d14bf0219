import { commandIdOf, partitionJob, type PartitionQueues } from '@onsale/queue';
import { deadLetterIdParams, deadLetterPage, deadLetterQuery, NotFound, redriveView, StateConflict, type DeadLetterView } from '@onsale/shared';
import type { RouteTable } from '../http/route';

const tags = ['admin'];
const unauthorized = { 401: { description: 'No valid token' }, 403: { description: 'Not an admin' } };

/**
 * Puts a dead letter's job back on its partition, at the tail, and removes the letter. The job
 * must match today's job contract: one that does not would only be set aside again.
 */
async function redrive(queues: PartitionQueues, letter: DeadLetterView): Promise<string> {
  const job = partitionJob.safeParse(letter.payload);
  if (!job.success) {
    const errors = job.error.issues.map((issue) => ({ path: ['payload', ...issue.path.map(String)].join('.'), message: issue.message }));
    throw new StateConflict(`Dead letter ${letter.id} does not match the job contract; it would fail again.`, { errors });
  }
  if (job.data.partition >= queues.all().length) {
    throw new StateConflict(`Dead letter ${letter.id} names partition ${job.data.partition}; this deployment has ${queues.all().length}.`);
  }
  // Enqueued before the letter goes: a crash in between leaves a letter whose job already ran, which a redrive repeats harmlessly.
  await queues.enqueue(job.data);
  await queues.deadLetters.remove(letter.id);
  return commandIdOf(job.data);
}

/** What operators do with jobs that failed every attempt: read them, put them back, or discard them. */
export function addDeadLetterRoutes(routes: RouteTable, queues: PartitionQueues): void {
  const found = async (id: string) => {
    const letter = await queues.deadLetters.get(id);
    if (!letter) throw new NotFound(`No dead letter ${id}.`);
    return letter;
  };

  routes.add({
    method: 'get',
    path: '/v1/admin/dead-letters',
    operationId: 'listDeadLetters',
    summary: 'Partition jobs set aside after their last attempt failed, oldest first',
    tags,
    access: 'admin',
    query: deadLetterQuery,
    responses: {
      200: { description: 'A page of dead letters', schema: deadLetterPage },
      400: { description: 'Invalid limit or cursor' },
      ...unauthorized,
    },
    handle: async ({ query }) => {
      const offset = Number(query.cursor ?? 0);
      const { items, total } = await queues.deadLetters.list(offset, query.limit);
      const nextCursor = offset + query.limit < total ? String(offset + query.limit) : null;
      return { status: 200, body: { items, nextCursor, total } };
    },
  });

  routes.add({
    method: 'post',
    path: '/v1/admin/dead-letters/:id/redrive',
    operationId: 'redriveDeadLetter',
    summary: "Puts a dead letter's job back at the tail of its partition, and removes the letter",
    tags,
    access: 'admin',
    params: deadLetterIdParams,
    responses: {
      200: { description: 'Enqueued again; the letter is gone', schema: redriveView },
      400: { description: 'Invalid id' },
      ...unauthorized,
      404: { description: 'No such dead letter' },
      409: { description: 'Its payload does not match the job contract (it would fail again), or names a partition this deployment lacks' },
    },
    handle: async ({ params, log }) => {
      const deadLetter = await found(params.id);
      const commandId = await redrive(queues, deadLetter);
      log.info({ deadLetterId: deadLetter.id, commandId, jobRequestId: deadLetter.requestId, partition: deadLetter.partition }, 'dead letter redriven');
      return { status: 200, body: { deadLetter, commandId } };
    },
  });

  routes.add({
    method: 'delete',
    path: '/v1/admin/dead-letters/:id',
    operationId: 'deleteDeadLetter',
    summary: 'Discards a dead letter without running its job',
    tags,
    access: 'admin',
    params: deadLetterIdParams,
    responses: {
      204: { description: 'Discarded' },
      400: { description: 'Invalid id' },
      ...unauthorized,
      404: { description: 'No such dead letter' },
    },
    handle: async ({ params, log }) => {
      const deadLetter = await found(params.id);
      await queues.deadLetters.remove(deadLetter.id);
      log.info({ deadLetterId: deadLetter.id, kind: deadLetter.kind, jobRequestId: deadLetter.requestId }, 'dead letter discarded');
      return { status: 204 };
    },
  });
}
