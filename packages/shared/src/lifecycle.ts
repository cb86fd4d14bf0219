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
