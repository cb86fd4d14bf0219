import { ConfigError } from './config';
import { isConnectionCode } from './failure-policy';
import type { Logger } from './logger';

/** What closing connections may take beyond the grace period for work in flight (postgres.js's `end` waits up to 5 s). */
const CLOSE_MARGIN_MS = 5_000;

export interface StartedProcess {
  logger: Logger;
  /** Stops the process's work and lets its connections go. */
  close: () => Promise<void>;
  /** How long `close` waits for work in flight (SHUTDOWN_GRACE_MS). */
  graceMs: number;
}

/**
 * Runs a process's `start`, then on SIGTERM/SIGINT its `close` (once) and exits. A start-up
 * failure exits 1; a bad environment prints only the message naming the bad variables.
 *
 * Stopping is bounded: a `close` still waiting `CLOSE_MARGIN_MS` after the grace period (a
 * server that does not answer, a socket that never drains) is given up with exit 1, and so is the
 * stop when a second signal comes. A process that will not stop is worse than one that stops
 * uncleanly: what a stop cuts short is what a crash cuts short, and recovery already covers that.
 */
export function runUntilSignalled(start: () => Promise<StartedProcess>): void {
  start()
    .then(({ logger, close, graceMs }) => {
      let stopping = false;
      const giveUp = (why: string, fields: Record<string, unknown>) => {
        logger.error(fields, why);
        logger.flush();
        process.exit(1);
      };
      const shutdown = async (signal: string) => {
        if (stopping) return giveUp('stopped without finishing: a second signal', { signal });
        stopping = true;
        logger.info({ signal }, 'stopping');
        const limitMs = graceMs + CLOSE_MARGIN_MS;
        setTimeout(() => giveUp('stopped without finishing: close took too long', { limitMs }), limitMs).unref();
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

/** A stack frame inside one of the clients that talk to PostgreSQL and Redis. */
const DRIVER_FRAME = /[\\/]node_modules[\\/](postgres|ioredis|bullmq)[\\/]/;

/**
 * True for an error a database or Redis client let escape about one of its connections (a lost
 * socket, a write to a closed one): the client drops that connection and opens another, so the
 * process is still sound.
 */
export function isConnectionFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && isConnectionCode(code)) return true;
  const firstFrame = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return firstFrame !== undefined && DRIVER_FRAME.test(firstFrame);
}

/**
 * The process-wide policy for errors nobody caught, installed first thing by the API's and the
 * worker's main. Node's default exits on either, and the drivers let some escape when PostgreSQL
 * restarts (porsager/postgres #641, #1066, #1154): a worker would die with accepted requests
 * still to decide. So:
 * - an unhandled rejection is logged and the process goes on: a promise nobody awaited leaves no
 *   half-done work behind (every write is a transaction, every command is retried or re-swept);
 * - an uncaught exception from a client's connection handling is logged and the process goes on;
 * - any other uncaught exception leaves the process in a state nobody planned for: it is logged as
 *   fatal and the process exits 1, for its supervisor to restart it (docs/guarantees.md).
 */
export function installCrashPolicy(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection; carrying on');
  });
  process.on('uncaughtException', (error) => {
    if (isConnectionFault(error)) {
      logger.error({ err: error }, 'uncaught connection error from a database or Redis client; carrying on');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception; exiting for the supervisor to restart the process');
    logger.flush();
    process.exit(1);
  });
}
