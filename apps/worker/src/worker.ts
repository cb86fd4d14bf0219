import { applicationName, claimPartitionCountAtStart, createDatabase } from '@onsale/db';
import { createRedisConnection, EventActivityPublisher, PartitionQueues, ReservationPublisher } from '@onsale/queue';
import { exitOnFatal, worstCasePartitionStallMs, type Logger, type WorkerConfig } from '@onsale/shared';
import { createCommandHandler } from './command-handler';
import { assertHandlesEveryJobKind, COMMANDS } from './commands';
import { WorkerMetrics } from './metrics';
import { serveMetrics } from './metrics-server';
import { startPartitionWriters } from './partition-writers';
import { createPoisonGuard } from './poison-jobs';
import { noticeSetAsideCommands } from './set-aside-notice';
import { recoverAfterRedisRestarts } from './redis-recovery';
import { startSweeper } from './sweeper';
import { decisionsBehindMarker } from './webhooks/decisions-behind';
import { startWebhookDelivery } from './webhooks/webhook-delivery';

/** Starts this process's partition writers and sweeper; `close()` drains them and disconnects. */
export async function startWorker(config: WorkerConfig, logger: Logger, options: { onFatal?: (error: Error) => void } = {}) {
  assertHandlesEveryJobKind(COMMANDS);
  const poolName = applicationName('worker', config.WORKER_ID);
  const database = createDatabase(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE, applicationName: poolName });
  const stopClaiming = await claimPartitionCountAtStart(database, config.PARTITION_COUNT, options.onFatal ?? exitOnFatal(logger));
  const connection = createRedisConnection(config, `onsale-worker-${config.WORKER_ID}`);
  const queues = new PartitionQueues(connection, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT, logger });
  await queues.enforceSingleWriter();
  const stopRecovering = recoverAfterRedisRestarts(connection, { queues, database, logger });
  const metrics = config.METRICS_ENABLED
    ? new WorkerMetrics({
        database,
        poolSize: config.DB_POOL_SIZE,
        applicationName: poolName,
        postgresPing: database.ping,
        redisPing: () => connection.ping(),
      })
    : undefined;
  const metricsServer = metrics && config.METRICS_PORT !== undefined ? await serveMetrics(metrics.registry, config.METRICS_PORT, logger) : undefined;

  const publisher = new ReservationPublisher(connection, config.KEY_PREFIX);
  const noticeSetAside = noticeSetAsideCommands({ database, publisher, logger });
  const handle = createCommandHandler({
    database,
    queues,
    batchSize: config.DECISION_BATCH_SIZE,
    publisher,
    activityPublisher: new EventActivityPublisher(connection, config.KEY_PREFIX),
    logger,
    workerId: config.WORKER_ID,
    registry: COMMANDS,
    retry: config,
    onHandled: metrics?.recordHandled,
    onDecisionsBehind: decisionsBehindMarker(connection, config.KEY_PREFIX).mark,
  });
  const writers = startPartitionWriters(
    {
      connection,
      keyPrefix: config.KEY_PREFIX,
      partitionCount: config.PARTITION_COUNT,
      workerId: config.WORKER_ID,
      lockDurationMs: config.WORKER_LOCK_DURATION_MS,
      stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
      writerConcurrency: config.WRITER_CONCURRENCY,
      poison: createPoisonGuard({
        deadLetters: queues.deadLetters,
        workerId: config.WORKER_ID,
        logger,
        onDeadLettered: (letter) => {
          metrics?.recordDeadLettered(letter);
          if (letter.kind === 'decide') sweeper.requeueEverythingNext();
          noticeSetAside(letter).catch((error: unknown) => logger.warn({ err: error, deadLetterId: letter.id }, 'telling the waiting caller of a dead letter failed'));
        },
      }),
    },
    handle,
    logger,
  );
  const sweeper = startSweeper(
    database,
    queues,
    { intervalMs: config.SWEEP_INTERVAL_MS, requeueAfterMs: config.REQUEUE_AFTER_MS },
    logger,
  );
  // Webhooks: their own queue and workers, apart from the partition writers (docs/webhooks.md).
  const webhooks = startWebhookDelivery({ database, connection, logger, registry: metrics?.registry }, config);
  // The failure policy's bound, derived from the configuration (docs/guarantees.md#poison-jobs).
  logger.info({ partitions: config.PARTITION_COUNT, worstCasePartitionStallMs: worstCasePartitionStallMs(config) }, 'worker started');

  return {
    /** Where GET /metrics answers; undefined when METRICS_PORT is unset or metrics are off. */
    metricsPort: metricsServer?.port,
    /**
     * Graceful (SIGTERM): no new jobs; the batches in flight commit and publish within
     * SHUTDOWN_GRACE_MS, and each partition is handed back as its job completes, so a standby
     * takes it at once. A batch still running after that is left to lock expiry (a kill -9).
     */
    close: async () => {
      stopClaiming();
      stopRecovering();
      await metricsServer?.close();
      await sweeper.stop();
      // Alongside the partition writers, within the same grace: an endpoint's answer never delays a hand-over.
      const webhooksClosed = webhooks.close(config.SHUTDOWN_GRACE_MS);
      const finished = await writers.close(config.SHUTDOWN_GRACE_MS);
      await webhooksClosed;
      if (finished) await queues.close();
      else logger.warn({ graceMs: config.SHUTDOWN_GRACE_MS }, 'jobs still running at shutdown: left to lock expiry');
      connection.disconnect();
      await database.close();
    },
  };
}
