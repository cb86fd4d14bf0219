import { setTimeout as sleep } from 'node:timers/promises';

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
      await sleep(Math.min(2_000, 25 * 2 ** attempt));
    }
  }
}
