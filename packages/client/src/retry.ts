/** How long to wait before asking again: the server's `Retry-After` (seconds or a date), else `fallbackMs`. */
export function retryAfterMs(response: Response, fallbackMs: number): number {
  const header = response.headers.get('retry-after');
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - Date.now());
}

/** Doubling delays from `initialMs`, capped at `maxMs`. */
export function* backoff(initialMs: number, maxMs: number): Generator<number, never> {
  for (let delay = initialMs; ; delay = Math.min(maxMs, delay * 2)) yield delay;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads a refusal's body (a small problem document) to its end, so that its connection is free
 * again. Not `body.cancel()`: an undici body's cancel can wait forever (a demo buyer hung on one
 * after a 503).
 */
export const discardRefusal = (response: Response): Promise<void> =>
  response.arrayBuffer().then(
    () => undefined,
    () => undefined,
  );

const RETRIED_STATUSES = new Set([429, 503]);

/**
 * A fetch that, when the API asks to come back later (429, 503), waits as `Retry-After` says and
 * asks again, up to `attempts` times; a request whose connection failed (refused, reset: the API
 * restarting, or its listen queue overflowing in a rush) is sent again after a backoff. Only for
 * requests that are safe to repeat: reads, and writes that carry an `Idempotency-Key`.
 */
export function fetchHonouringRetryAfter(fetchImpl: typeof fetch, attempts: number): typeof fetch {
  return async (input, init) => {
    // A request's body can be sent once: each attempt sends a clone of the untouched original.
    const original = new Request(input, init);
    const repeatable = original.method === 'GET' || original.headers.has('idempotency-key');
    for (let attempt = 1, delays = backoff(250, 5_000); ; attempt++) {
      const retryable = repeatable && attempt < attempts;
      let response: Response;
      try {
        response = await fetchImpl(retryable ? original.clone() : original);
      } catch (error) {
        if (!retryable || (error as Error).name === 'AbortError') throw error;
        await sleep(delays.next().value);
        continue;
      }
      if (!RETRIED_STATUSES.has(response.status) || !retryable) return response;
      await discardRefusal(response);
      await sleep(retryAfterMs(response, delays.next().value));
    }
  };
}
