import { ConfigError } from './config';
import type { Logger } from './logger';

/**
 * Runs a process's `start`, then on SIGTERM/SIGINT its `close` (once) and exits. A start-up
 * failure exits 1; a bad environment prints only the message naming the bad variables.
 */
export function runUntilSignalled(start: () => Promise<{ logger: Logger; close: () => Promise<void> }>): void {
  start()
    .then(({ logger, close }) => {
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        await close();
        logger.info('stopped');
        process.exit(0);
      };
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
    })
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    });
}

/** For a process that must not go on (e.g. its configuration disagrees with its deployment's): one line saying why, then exit 1. */
export const exitOnFatal = (logger: Logger) => (error: Error) => {
  logger.fatal({ err: error }, error.message);
  logger.flush();
  process.exit(1);
};
