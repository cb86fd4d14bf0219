import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHAOS_JWT_SECRET } from './cluster-under-test';
import { tokenFor } from '../../support/tokens';

export interface RushOptions {
  baseUrl: string;
  eventId: string;
  /** Distinct requests (each its own customer and Idempotency-Key), one GA ticket each. */
  requests: number;
  /** First attempts are spread evenly over this long, so a fault can land mid-rush. */
  spreadMs: number;
  /** At most this many requests in flight at once. */
  concurrency?: number;
  /** A request still failing (503, network error) this long after its first attempt is given up. */
  giveUpAfterMs?: number;
  /** One attempt with no answer by then counts as a hang and is retried. */
  attemptTimeoutMs?: number;
  /** Told of every answer, as it arrives (e.g. to time the first 202 after a fault). */
  onAttempt?: (attempt: RushAttempt) => void;
  /**
   * The last `requests` are not sent before `until` settles (then at once if overdue): so that
   * something still comes after a fault that a slow machine took long to inject.
   */
  holdBackLast?: { requests: number; until: Promise<unknown> };
}

/** One HTTP attempt: its answer (or `network`/`timeout`) and how long it took. */
export interface RushAttempt {
  status: number | 'network' | 'timeout';
  /** When it was sent (`Date.now()`). */
  sentAt: number;
  latencyMs: number;
  retryAfter: string | null;
}

/** A request that got a 202: what the verifier polls. */
export interface AcceptedRequest {
  id: string;
  customer: string;
  idempotencyKey: string;
}

export interface RushResult {
  accepted: AcceptedRequest[];
  attempts: RushAttempt[];
  /** Final answer per request: status → how many. */
  finalStatuses: Record<string, number>;
  /** Requests that never got a final answer within `giveUpAfterMs`. */
  gaveUp: number;
  /** The most requests in flight at once. */
  maxInFlight: number;
  startedAt: number;
  endedAt: number;
}

const RETRYABLE = (status: RushAttempt['status']) => status === 503 || status === 'network' || status === 'timeout';

/**
 * A rush of reservation requests as a well-behaved client makes them: each with an
 * Idempotency-Key, retried with the same key after a 503 (honouring Retry-After, with jitter) or
 * a network error, so every request ends with one final answer. Records every 202'd id and the
 * status and latency of every answer.
 */
export async function rush(options: RushOptions): Promise<RushResult> {
  const concurrency = options.concurrency ?? 200;
  const giveUpAfterMs = options.giveUpAfterMs ?? 300_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  const accepted: AcceptedRequest[] = [];
  const attempts: RushAttempt[] = [];
  const finalStatuses: Record<string, number> = {};
  let gaveUp = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let next = 0;
  const startedAt = Date.now();

  const attempt = async (customer: string, idempotencyKey: string): Promise<{ attempt: RushAttempt; id?: string }> => {
    const sentAt = Date.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const response = await fetch(`${options.baseUrl}/v1/events/${options.eventId}/reservations`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${tokenFor(customer, 'customer', CHAOS_JWT_SECRET)}`,
          'Idempotency-Key': idempotencyKey,
        },
        body: JSON.stringify({ items: [{ ticketType: 'GA', quantity: 1 }] }),
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
      const body = (await response.json().catch(() => undefined)) as { id?: string } | undefined;
      const result = { status: response.status, sentAt, latencyMs: Date.now() - sentAt, retryAfter: response.headers.get('retry-after') };
      return { attempt: result, id: response.status === 202 ? body?.id : undefined };
    } catch (error) {
      const status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      return { attempt: { status, sentAt, latencyMs: Date.now() - sentAt, retryAfter: null } };
    } finally {
      inFlight--;
    }
  };

  const request = async (index: number) => {
    const customer = `chaos-${index}-${randomUUID()}`;
    const idempotencyKey = randomUUID();
    const firstAt = Date.now();
    for (;;) {
      const { attempt: answer, id } = await attempt(customer, idempotencyKey);
      attempts.push(answer);
      options.onAttempt?.(answer);
      if (!RETRYABLE(answer.status)) {
        finalStatuses[answer.status] = (finalStatuses[answer.status] ?? 0) + 1;
        if (id) accepted.push({ id, customer, idempotencyKey });
        return;
      }
      if (Date.now() - firstAt > giveUpAfterMs) {
        gaveUp++;
        return;
      }
      const retryAfterMs = answer.retryAfter ? Number(answer.retryAfter) * 1_000 : 250;
      await sleep(retryAfterMs * (0.25 + Math.random() * 0.75));
    }
  };

  const runner = async () => {
    for (let index = next++; index < options.requests; index = next++) {
      const due = startedAt + (index * options.spreadMs) / options.requests;
      if (due > Date.now()) await sleep(due - Date.now());
      if (options.holdBackLast && index >= options.requests - options.holdBackLast.requests) await options.holdBackLast.until;
      await request(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.requests) }, runner));
  return { accepted, attempts, finalStatuses, gaveUp, maxInFlight, startedAt, endedAt: Date.now() };
}
