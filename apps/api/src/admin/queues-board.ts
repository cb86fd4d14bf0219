import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { PartitionQueues } from '@onsale/queue';
import { Forbidden } from '@onsale/shared';
import type { RequestHandler } from 'express';

/**
 * bull-board operations that would undo Onsale's guarantees: a partition's global concurrency of
 * 1 is what makes it single-writer, a job added by hand is not a command Onsale issued, and
 * obliterating a queue drops the commands waiting in it. Retrying, removing and cleaning jobs and
 * pausing a queue stay available.
 */
const REFUSED_OPERATION = /^\/api\/queues\/[^/]+\/(concurrency|rate-limit|obliterate|add)(\/|$)|\/update-data$/;

const refuseUnsafeOperations: RequestHandler = (req, _res, next) => {
  if (req.method !== 'GET' && REFUSED_OPERATION.test(req.path)) {
    throw new Forbidden('This queue operation would break the partitions\u2019 single-writer order; Onsale refuses it.');
  }
  next();
};

/** bull-board over every partition queue, to be mounted at `basePath`. */
export function queuesBoard(queues: PartitionQueues, basePath: string): RequestHandler[] {
  const serverAdapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: queues.all().map((queue) => new BullMQAdapter(queue, { displayName: queue.name })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Onsale queues' } },
  });
  return [refuseUnsafeOperations, serverAdapter.getRouter() as RequestHandler];
}
