import { ConfigError, createLogger, loadApiConfig } from '@onsale/shared';
import { startApi } from './server';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const logger = createLogger({ name: 'onsale-api', level: config.LOG_LEVEL });
  const api = await startApi(config, logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    await api.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
