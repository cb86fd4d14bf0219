import { createLogger, installCrashPolicy, loadApiConfig, runUntilSignalled } from '@onsale/shared';
import { startApi } from './server';

runUntilSignalled(async () => {
  const config = loadApiConfig();
  const logger = createLogger({ name: 'onsale-api', level: config.LOG_LEVEL });
  installCrashPolicy(logger);
  const api = await startApi(config, logger);
  return { logger, close: api.close, graceMs: config.SHUTDOWN_GRACE_MS };
});
