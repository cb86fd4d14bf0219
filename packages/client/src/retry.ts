/** How long to wait before asking again: the server's `Retry-After` (seconds or a date), else `fallbackMs`. */
export function retryAfterMs(response: Response, fallbackMs: number): number {
  const header = response.headers.get('retry-after');
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - Date.now());
}

/** The longest a poll waits on the API's word: a buyer's screen is not left a minute without news. */
export const MAX_POLL_WAIT_MS = 30_000;

/**
 * How long to wait before the next poll of a reservation: the API's `Retry-After` (about 1 s at
 * the front of the queue, up to 30 s far back), held between `minMs` (a `0` must not make a busy
 * loop) and MAX_POLL_WAIT_MS; `fallbackMs` when it sends none.
 */
export function pollWaitMs(response: Response, fallbackMs: number, minMs: number): number {
  if (!response.headers.has('retry-after')) return fallbackMs;
  return Math.min(MAX_POLL_WAIT_MS, Math.max(minMs, retryAfterMs(response, fallbackMs)));
}

/** Doubling delays from `initialMs`, capped at `maxMs`. */
export function* backoff(initialMs: number, maxMs: number): Generator<number, never> {
  for (let delay = initialMs; ; delay = Math.min(maxMs, delay * 2)) yield delay;
}

/** Resolves after `ms`; rejects with the signal's reason (its timer cleared) as soon as `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });

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
    const original = input instanceof Request && init === undefined ? input : new Request(input, init);
    const repeatable = original.method === 'GET' || original.headers.has('idempotency-key');
    if (!repeatable || attempts <= 1) return fetchImpl(original);
    // A request's body can be read once: it is read here (a small JSON document) and each attempt
    // sends it anew. Cheaper than a Request clone per attempt, whose body stream is teed.
    const body = original.body ? await original.text() : undefined;
    const send = () => fetchImpl(original.url, { method: original.method, headers: original.headers, body, signal: original.signal, redirect: original.redirect });
    for (let attempt = 1, delays = backoff(250, 5_000); ; attempt++) {
      const retryable = attempt < attempts;
      let response: Response;
      try {
        response = await send();
      } catch (error) {
        if (!retryable || (error as Error).name === 'AbortError') throw error;
        await sleep(delays.next().value, original.signal);
        continue;
      }
      if (!RETRIED_STATUSES.has(response.status) || !retryable) return response;
      await discardRefusal(response);
      await sleep(retryAfterMs(response, delays.next().value), original.signal);
    }
  };
}
