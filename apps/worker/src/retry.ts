import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The longest pause between attempts: once PostgreSQL is back, the partition decides again within
 * about this long (plus the pool's reconnect delay). A refused attempt costs little.
 */
const MAX_RETRY_DELAY_MS = 500;

/**
 * Retries `operation` while `isTransient` says the failure may pass, with capped exponential
 * backoff, for at most `budgetMs`. Retrying in place keeps the partition's order, which a
 * BullMQ retry (re-entering at the tail) would not.
 */
export async function retryTransient<T>(
  operation: () => Promise<T>,
  options: { isTransient: (error: unknown) => boolean; budgetMs: number; onRetry?: (error: unknown, attempt: number) => void },
): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!options.isTransient(error) || Date.now() >= deadline) throw error;
      options.onRetry?.(error, attempt);
      await sleep(Math.min(MAX_RETRY_DELAY_MS, 25 * 2 ** attempt));
    }
  }
}
