import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Lines go to stdout in 4 KiB writes rather than one write per line: under a rush the API logs
 * thousands of lines a second, and a system call per line is a large share of its CPU
 * (docs/benchmarks.md#measurements-behind-the-code). pino flushes what is buffered when the
 * process exits.
 */
const BUFFERED_BYTES = 4_096;

export function createLogger(options: { name: string; level: string }): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { service: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: 1, sync: false, minLength: BUFFERED_BYTES }),
  );
}

/**
 * A listener for the `error` events of many emitters sharing one connection (the partition
 * queues, the partition workers): while Redis is away each of them reports every reconnect
 * attempt, so the same error is logged once per `windowMs` with how many times it came.
 */
export function logRepeatedErrors(logger: Logger, message: string, windowMs = 5_000): (error: Error) => void {
  const lastLogged = new Map<string, { at: number; repeats: number }>();
  return (error) => {
    const now = Date.now();
    const seen = lastLogged.get(error.message);
    if (seen && now - seen.at < windowMs) {
      seen.repeats += 1;
      return;
    }
    logger.error({ err: error, repeatsSinceLastLine: seen?.repeats ?? 0 }, message);
    // Errors that came once and not again are forgotten, so the map stays small.
    for (const [key, entry] of lastLogged) if (entry.repeats === 0 && now - entry.at >= windowMs) lastLogged.delete(key);
    lastLogged.set(error.message, { at: now, repeats: 0 });
  };
}
