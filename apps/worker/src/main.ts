import { createLogger, installCrashPolicy, loadWorkerConfig, runUntilSignalled } from '@onsale/shared';
import { startWorker } from './worker';

runUntilSignalled(async () => {
  const config = loadWorkerConfig();
  const logger = createLogger({ name: 'onsale-worker', level: config.LOG_LEVEL }).child({ workerId: config.WORKER_ID });
  installCrashPolicy(logger);
  const worker = await startWorker(config, logger);
  return { logger, close: worker.close, graceMs: config.SHUTDOWN_GRACE_MS };
});
