import { createLogger, installCrashPolicy, loadWorkerConfig, printConfig, runUntilSignalled } from '@onsale/shared';
import { startWorker } from './worker';

// `--print-config`: the effective configuration, where each value came from, and the figures derived from it.
if (process.argv.includes('--print-config')) process.exitCode = printConfig('worker');
else runUntilSignalled(async () => {
  const config = loadWorkerConfig();
  const logger = createLogger({ name: 'onsale-worker', level: config.LOG_LEVEL }).child({ workerId: config.WORKER_ID });
  installCrashPolicy(logger);
  const worker = await startWorker(config, logger);
  return { logger, close: worker.close, graceMs: config.SHUTDOWN_GRACE_MS };
});
