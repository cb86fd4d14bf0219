import cors from 'cors';
import type { RequestHandler } from 'express';

/** What a storefront's script sends: its bearer token, a JSON body, an idempotency key, a revalidation. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'X-Request-Id'];

/** What its script may read of an answer: where the reservation is, when to poll again, its limits. */
const EXPOSED_HEADERS = ['Location', 'ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed', 'X-Request-Id'];

/**
 * Cross-origin access for the pages of `origins` (CORS_ORIGINS); none when the list is empty.
 * The `cors` package (expressjs's own, 2.8) rather than our own headers: the preflight's rules
 * (Vary, the 204, echoing one allowed origin out of a list) are easy to get subtly wrong.
 * Bearer tokens, not cookies: no credentials are allowed.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
