import type { WebhookEventType } from '@onsale/shared';
import { asc, eq, sql } from 'drizzle-orm';
import { ormOf, type Database } from './client';
import { decodeCursor, pageOf, type Page } from './pagination';
import { webhookEndpoints, type WebhookEndpoint } from './schema';

/*
 * The admin side of webhooks: the endpoints operators register, and the deliveries to each.
 */

export interface WebhookEndpointInput {
  url: string;
  eventTypes: WebhookEventType[];
  description?: string | null;
  secret: string;
  allowPrivate: boolean;
  createdBy: string | null;
}

export async function createWebhookEndpoint(database: Database, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
  const [created] = await ormOf(database)
    .insert(webhookEndpoints)
    .values({ ...input, eventTypes: [...new Set(input.eventTypes)] })
    .returning();
  return created!;
}

export function listWebhookEndpoints(database: Database): Promise<WebhookEndpoint[]> {
  return ormOf(database).select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function findWebhookEndpoint(database: Database, id: string): Promise<WebhookEndpoint | undefined> {
  const [endpoint] = await ormOf(database).select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return endpoint;
}

export interface WebhookEndpointChanges {
  url?: string;
  eventTypes?: WebhookEventType[];
  description?: string | null;
  allowPrivate?: boolean;
  /** false: disabled by an operator; true: enabled again (whatever disabled it). */
  enabled?: boolean;
}

/** Applies the changes; undefined if there is no such endpoint. Enabling an endpoint sends what waited for it. */
export async function updateWebhookEndpoint(database: Database, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint | undefined> {
  const { enabled, eventTypes, ...rest } = changes;
  const [updated] = await ormOf(database)
    .update(webhookEndpoints)
    .set({
      ...rest,
      ...(eventTypes ? { eventTypes: [...new Set(eventTypes)] } : {}),
      ...(enabled === true ? { disabledAt: null, disabledReason: null } : {}),
      ...(enabled === false
        ? {
            disabledAt: sql`coalesce(${webhookEndpoints.disabledAt}, now())`,
            disabledReason: sql`coalesce(${webhookEndpoints.disabledReason}, 'operator')`,
          }
        : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return updated;
}

/** Deletes the endpoint with its deliveries and their attempts; false if there was none. */
export async function deleteWebhookEndpoint(database: Database, id: string): Promise<boolean> {
  const deleted = await ormOf(database).delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return deleted.length === 1;
}

/**
 * Makes `secret` the endpoint's signing secret; the one it replaces still signs (a second
 * signature) for `previousValidForSeconds`, or not at all when 0.
 */
export async function rotateWebhookSecret(
  database: Database,
  id: string,
  secret: string,
  previousValidForSeconds: number,
): Promise<WebhookEndpoint | undefined> {
  const keep = previousValidForSeconds > 0;
  const [rotated] = await ormOf(database)
    .update(webhookEndpoints)
    .set({
      secret,
      previousSecret: keep ? sql`${webhookEndpoints.secret}` : null,
      previousSecretExpiresAt: keep ? sql`now() + make_interval(secs => ${previousValidForSeconds})` : null,
      updatedAt: sql`now()`,
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return rotated;
}

/** A delivery as the admin API lists it: its message, state, and every attempt. */
export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  messageId: string;
  type: WebhookEventType;
  eventId: string;
  reservationId: string | null;
  sequence: number | null;
  state: 'pending' | 'delivered' | 'dead';
  attempts: { attempt: number; startedAt: string; latencyMs: number; statusCode: number | null; error: string | null }[];
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const deliveryColumns = (database: Database) => database.sql`
  d.id, d.endpoint_id AS "endpointId", d.message_id AS "messageId", m.type, m.event_id AS "eventId",
  m.reservation_id AS "reservationId", m.sequence, d.state,
  CASE WHEN d.state = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt",
  coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at, 'latencyMs', a.latency_ms,
                                              'statusCode', a.status_code, 'error', a.error) ORDER BY a.attempt)
            FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS attempts`;

/** The endpoint's deliveries, newest first, a page at a time (keyset on created_at, id). */
export async function listWebhookDeliveries(
  database: Database,
  endpointId: string,
  query: { state?: 'pending' | 'delivered' | 'dead'; limit: number; cursor?: string },
): Promise<Page<WebhookDeliveryRecord>> {
  const cursor = decodeCursor(query.cursor);
  const { sql: pg } = database;
  const rows = await pg<(WebhookDeliveryRecord & { cursorAt: string })[]>`
    SELECT ${deliveryColumns(database)},
      to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
    FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
    WHERE d.endpoint_id = ${endpointId}
      ${query.state ? pg`AND d.state = ${query.state}` : pg``}
      ${cursor ? pg`AND (d.created_at, d.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : pg``}
    ORDER BY d.created_at DESC, d.id DESC
    LIMIT ${query.limit + 1}`;
  return pageOf(rows.map(normalised), query.limit);
}

/** Timestamps as ISO text whatever way PostgreSQL's JSON wrote them. */
function normalised<T extends WebhookDeliveryRecord>(row: T): T {
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    ...row,
    nextAttemptAt: iso(row.nextAttemptAt),
    deliveredAt: iso(row.deliveredAt),
    createdAt: iso(row.createdAt)!,
    attempts: row.attempts.map((attempt) => ({ ...attempt, startedAt: iso(attempt.startedAt)! })),
  };
}

export async function findWebhookDelivery(database: Database, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | undefined> {
  const [row] = await database.sql<WebhookDeliveryRecord[]>`
    SELECT ${deliveryColumns(database)} FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
    WHERE d.id = ${deliveryId} AND d.endpoint_id = ${endpointId}`;
  return row && normalised(row);
}

/**
 * Sends the delivery again, now, with the same `webhook-id`, and a fresh retry schedule: a
 * delivered or dead one becomes pending; a pending one not in flight is due at once. Undefined if
 * there is no such delivery of the endpoint.
 */
export async function redeliverWebhook(database: Database, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | undefined> {
  await database.sql`
    UPDATE webhook_deliveries SET state = 'pending', schedule_step = 0, next_attempt_at = now(), delivered_at = NULL, updated_at = now()
    WHERE id = ${deliveryId} AND endpoint_id = ${endpointId} AND enqueued_at IS NULL`;
  return findWebhookDelivery(database, endpointId, deliveryId);
}
