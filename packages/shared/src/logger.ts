import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Lines go to stdout in 4 KiB writes rather than one write per line: under a rush the API logs
 * thousands of lines a second, and a system call per line is a large share of its CPU
 * (docs/benchmarks.md#measurements-behind-the-code). A quiet process would hold its last lines
 * back until 4 KiB more came, so what is buffered is also written at least every FLUSH_EVERY_MS;
 * pino writes what is left when the process exits (`process.exit` included).
 */
const BUFFERED_BYTES = 4_096;
export const FLUSH_EVERY_MS = 1_000;

export function createLogger(options: { name: string; level: string }): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFERED_BYTES });
  // `destroyed`, `_len` (what it holds back): SonicBoom's, untyped. Nothing buffered, nothing to write.
  const state = destination as unknown as { destroyed: boolean; _len?: number };
  const flushing = setInterval(() => {
    if (!state.destroyed && state._len !== 0) destination.flush();
  }, FLUSH_EVERY_MS).unref();
  destination.on('close', () => clearInterval(flushing));
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { service: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
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
