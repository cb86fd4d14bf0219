import { ConfigError, createLogger, loadMigrationConfig } from '@onsale/shared';
import { migrateDatabase } from './migrate';

async function main(): Promise<void> {
  const config = loadMigrationConfig();
  const logger = createLogger({ name: 'onsale-migrate', level: config.LOG_LEVEL });
  await migrateDatabase(config.DATABASE_URL);
  logger.info('database migrated');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
