import { createLogger, installCrashPolicy, loadApiConfig, printConfig, runUntilSignalled } from '@onsale/shared';
import { startApi } from './server';

// `--print-config`: the effective configuration, where each value came from, and the figures derived from it.
if (process.argv.includes('--print-config')) process.exitCode = printConfig('api');
else runUntilSignalled(async () => {
  const config = loadApiConfig();
  const logger = createLogger({ name: 'onsale-api', level: config.LOG_LEVEL });
  installCrashPolicy(logger);
  const api = await startApi(config, logger);
  return { logger, close: api.close, graceMs: config.SHUTDOWN_GRACE_MS };
});
