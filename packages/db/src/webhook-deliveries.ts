import type { WebhookEventType } from '@onsale/shared';
import type { Connection, Database } from './client';

/*
 * The delivery side of the webhook outbox. The relay first fans the messages decisions committed
 * out into deliveries (`fanOutMessages`), one per endpoint enabled and subscribed to the type at
 * that moment. Then PostgreSQL schedules: a `pending` delivery whose
 * `next_attempt_at` is due and that has no `enqueued_at` is handed to the delivery queue by the
 * relay (`claimDueDeliveries`), which marks it `enqueued_at`; the delivery worker records each
 * attempt and the next due time (`finishAttempt`), clearing `enqueued_at` again. A job lost with
 * Redis leaves its delivery enqueued until the lease runs out; then the relay hands it out again.
 */

/** A delivery handed to the queue: its job is `(id, attempt)`, the attempt about to be made (counted from 0). */
export interface DueDelivery {
  id: string;
  attempt: number;
}

/**
 * Fans out up to `batch` of the messages not yet fanned out, oldest first, in one transaction:
 * creates a delivery for each endpoint enabled and subscribed to the message's type now, due at
 * once, and marks the message fanned out. Relays running at once share the work (a message
 * another pass holds is skipped), and a delivery exists once per (message, endpoint) whatever
 * happens (the unique constraint). Returns the number of messages fanned out.
 */
export async function fanOutMessages({ sql }: Database, batch: number): Promise<number> {
  const [fannedOut] = await sql<{ messages: number }[]>`
    WITH waiting AS (
      SELECT m.id, m.type, m.created_at FROM webhook_messages m
      WHERE m.fanned_out_at IS NULL
      ORDER BY m.created_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    ), marked AS (
      UPDATE webhook_messages m SET fanned_out_at = now() FROM waiting w WHERE m.id = w.id
    ), deliveries AS (
      -- Due from the message's commit on, so that the deliveries go out roughly in the order decided.
      INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
      SELECT w.id, ep.id, w.created_at FROM waiting w JOIN webhook_endpoints ep ON ep.disabled_at IS NULL AND w.type = ANY(ep.event_types)
      ON CONFLICT ON CONSTRAINT webhook_deliveries_message_endpoint_unique DO NOTHING
    )
    SELECT count(*)::int AS messages FROM waiting`;
  return fannedOut!.messages;
}

export interface RelayLimits {
  /** Deliveries in flight (enqueued, not finished) per endpoint at most. */
  perEndpoint: number;
  /** Deliveries handed out by one pass at most. */
  batch: number;
  /** An enqueued delivery not finished after this long is handed out again (its job was lost). */
  leaseMs: number;
}

/**
 * One relay pass, in one transaction: takes back the deliveries whose lease ran out, picks the due
 * deliveries of enabled endpoints (no endpoint above `perEndpoint` in flight), lets `enqueue` put
 * them on the queue and only then marks them enqueued. If `enqueue` throws (Redis is away), the
 * transaction rolls back and they stay due. One relay runs at a time across the deployment (a
 * transaction advisory lock; a pass that does not get it does nothing), so the per-endpoint limit
 * is exact. Returns the deliveries handed out.
 */
export async function relayDueDeliveries(
  { sql }: Database,
  limits: RelayLimits,
  enqueue: (due: readonly DueDelivery[]) => Promise<void>,
): Promise<DueDelivery[]> {
  return (await sql.begin(async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended('onsale:webhook-relay', 0)) AS locked`;
    if (!lock!.locked) return [];
    await tx`
      UPDATE webhook_deliveries SET enqueued_at = NULL, updated_at = now()
      WHERE state = 'pending' AND enqueued_at < now() - make_interval(secs => ${limits.leaseMs / 1000})`;
    const due = await tx<DueDelivery[]>`
      SELECT d.id, d.attempts AS attempt
      FROM webhook_endpoints ep
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM webhook_deliveries f
        WHERE f.endpoint_id = ep.id AND f.state = 'pending' AND f.enqueued_at IS NOT NULL
      ) in_flight
      CROSS JOIN LATERAL (
        SELECT d.id, d.attempts, d.next_attempt_at FROM webhook_deliveries d
        WHERE d.endpoint_id = ep.id AND d.state = 'pending' AND d.enqueued_at IS NULL AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at, d.id
        LIMIT greatest(${limits.perEndpoint} - in_flight.n, 0)
        -- Locked until the pass commits: a job that starts before that waits for it (startAttempt).
        FOR UPDATE SKIP LOCKED
      ) d
      WHERE ep.disabled_at IS NULL
      ORDER BY d.next_attempt_at
      LIMIT ${limits.batch}`;
    if (due.length === 0) return [];
    await enqueue(due);
    await tx`UPDATE webhook_deliveries SET enqueued_at = now(), updated_at = now() WHERE id = ANY(${due.map((d) => d.id)}::uuid[])`;
    return due;
  })) as DueDelivery[];
}

/** What an attempt sends, read when it starts. */
export interface DeliveryToSend {
  id: string;
  attempt: number;
  messageId: string;
  type: WebhookEventType;
  eventId: string;
  /** The reservation it announces a change of; null for an event's webhooks. */
  reservationId: string | null;
  /** The reservation's version after the change it announces; null for an event's webhooks. */
  sequence: number | null;
  /** When the message was recorded: the payload's `timestamp`. */
  createdAt: Date;
  /** The stored `data`; null for a reservation's webhooks (thin: built from the columns). */
  data: unknown;
  url: string;
  allowPrivate: boolean;
  /** The endpoint's secrets that sign: the current one, and the one a rotation replaced until it expires. */
  secrets: string[];
  /** The place in the retry schedule this attempt is at. */
  scheduleStep: number;
}

/**
 * The delivery a job `(id, attempt)` is for, if that attempt is still the one to make: pending,
 * enqueued, not attempted since. A job started before the relay committed its enqueue waits for
 * that commit (the relay holds the row locked until then). An endpoint disabled since gives the
 * delivery back (not enqueued), to be sent if it is enabled again.
 */
export async function startAttempt(sql: Connection, job: DueDelivery): Promise<DeliveryToSend | undefined> {
  const [row] = await sql<(Omit<DeliveryToSend, 'createdAt'> & { createdAt: string; disabled: boolean })[]>`
    WITH current AS (
      -- Found by its key alone and locked, so that a relay pass still holding it is waited for and
      -- its commit seen (a condition on enqueued_at could find the row through a partial index
      -- that the row is not yet in, and miss it); the conditions are checked on what the lock returns.
      SELECT d.id, d.attempts, d.message_id, d.endpoint_id, d.schedule_step, d.state, d.enqueued_at
      FROM webhook_deliveries d WHERE d.id = ${job.id} FOR NO KEY UPDATE
    )
    SELECT c.id, c.attempts AS attempt, m.id AS "messageId", m.type, m.event_id AS "eventId", m.reservation_id AS "reservationId", m.sequence, m.created_at AS "createdAt", m.data,
      ep.url, ep.allow_private AS "allowPrivate", c.schedule_step AS "scheduleStep",
      array_remove(ARRAY[ep.secret, CASE WHEN ep.previous_secret_expires_at > now() THEN ep.previous_secret END], NULL) AS secrets,
      ep.disabled_at IS NOT NULL AS disabled
    FROM current c JOIN webhook_messages m ON m.id = c.message_id JOIN webhook_endpoints ep ON ep.id = c.endpoint_id
    WHERE c.attempts = ${job.attempt} AND c.state = 'pending' AND c.enqueued_at IS NOT NULL`;
  if (!row) return undefined;
  if (row.disabled) {
    await sql`UPDATE webhook_deliveries SET enqueued_at = NULL, updated_at = now() WHERE id = ${job.id} AND attempts = ${job.attempt}`;
    return undefined;
  }
  const { disabled: _disabled, ...delivery } = row;
  return { ...delivery, createdAt: new Date(row.createdAt) };
}

/** How an attempt went, and what follows from it. */
export interface AttemptOutcome {
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  /** delivered (a 2xx), retry at `nextAttemptAt`, dead (the schedule ran out, or the endpoint is gone). */
  next: { state: 'delivered' } | { state: 'retry'; nextAttemptAt: Date } | { state: 'dead' };
  /** The endpoint answered 410 Gone: it is disabled. */
  disableEndpoint: boolean;
}

/**
 * Records attempt `job.attempt + 1` of the delivery and what follows: delivered, due again, or
 * dead; and disables the endpoint on a 410. Conditional on no other attempt having been recorded
 * since the job started; returns whether it was recorded.
 */
export async function finishAttempt(sql: Connection, job: DueDelivery, outcome: AttemptOutcome): Promise<boolean> {
  const { next } = outcome;
  const [row] = await sql<{ recorded: number }[]>`
    WITH updated AS (
      UPDATE webhook_deliveries SET
        attempts = attempts + 1,
        schedule_step = schedule_step + 1,
        state = ${next.state === 'retry' ? 'pending' : next.state},
        next_attempt_at = ${next.state === 'retry' ? next.nextAttemptAt.toISOString() : outcome.startedAt.toISOString()}::timestamptz,
        delivered_at = ${next.state === 'delivered' ? new Date(outcome.startedAt.getTime() + outcome.latencyMs).toISOString() : null}::timestamptz,
        enqueued_at = NULL,
        last_status = ${outcome.statusCode},
        last_error = ${outcome.error},
        updated_at = now()
      WHERE id = ${job.id} AND attempts = ${job.attempt} AND state = 'pending'
      RETURNING id, endpoint_id
    ), attempt AS (
      INSERT INTO webhook_attempts (delivery_id, attempt, started_at, latency_ms, status_code, error)
      SELECT id, ${job.attempt + 1}, ${outcome.startedAt.toISOString()}::timestamptz, ${Math.max(0, Math.round(outcome.latencyMs))},
        ${outcome.statusCode}, ${outcome.error}
      FROM updated
    ), gone AS (
      UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = 'gone', updated_at = now()
      WHERE ${outcome.disableEndpoint} AND id = (SELECT endpoint_id FROM updated) AND disabled_at IS NULL
    )
    SELECT count(*)::int AS recorded FROM updated`;
  return row!.recorded === 1;
}

/** Dead deliveries (every attempt failed, or the endpoint was gone), by endpoint: for the metrics. */
export async function countDeadDeliveries({ sql }: Database): Promise<{ endpointId: string; dead: number }[]> {
  return sql<{ endpointId: string; dead: number }[]>`
    SELECT endpoint_id AS "endpointId", count(*)::int AS dead FROM webhook_deliveries WHERE state = 'dead' GROUP BY endpoint_id`;
}
