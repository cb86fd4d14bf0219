import { startApi } from '@onsale/api';
import { createLogger, loadApiConfig, runUntilSignalled } from '@onsale/shared';
import { z } from 'zod';
import { IngressCeilingIntake, QueueCeilingIntake, SyncLockIntake } from './intakes';

/*
 * The API process of the benchmark's other designs: Onsale's app, with the intake named by
 * BENCH_VARIANT in place of the queued one.
 */

const variant = z.enum(['sync-lock', 'ingress-ceiling', 'queue-ceiling']).parse(process.env.BENCH_VARIANT);

runUntilSignalled(async () => {
  const config = loadApiConfig();
  const logger = createLogger({ name: `onsale-bench-${variant}`, level: config.LOG_LEVEL });
  const api = await startApi(config, logger, {
    createIntake: ({ database, redis }) => {
      switch (variant) {
        case 'sync-lock':
          return new SyncLockIntake(database.sql);
        case 'ingress-ceiling':
          return new IngressCeilingIntake();
        case 'queue-ceiling':
          return new QueueCeilingIntake(redis, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT });
      }
    },
  });
  return { logger, close: api.close };
});
