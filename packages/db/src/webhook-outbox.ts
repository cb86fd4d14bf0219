import { inventoryMoveOf } from '@onsale/domain';
import { webhookEventType, type WebhookEventType } from '@onsale/shared';
import type { Connection } from './client';
import type { Transition } from './reservation-writer';

/*
 * The webhook outbox's writer. A webhook is recorded in the transaction of the decision that
 * causes it (the caller's transaction handle), so a rolled-back decision announces nothing and a
 * committed one is never lost. The decision writes the message alone, and a reservation's without
 * a payload of its own (a thin event: the delivery builds it from the columns); the relay fans it
 * out into deliveries later, in its own transaction (`fanOutMessages`), so a subscribed endpoint
 * adds one small row per decision to the writer's transaction and nothing more. The reservations'
 * own messages are written by the statement that applies their transitions (`applyTransitions`),
 * from the rows it updated; this module writes the others (an event sold out, a waitlist offer).
 */

/** The webhooks about one reservation: their `data` is thin, built from the message's columns. */
type ReservationWebhookType = Extract<WebhookEventType, `reservation.${string}`>;

/** A webhook to record: what happened, to which event (and reservation), and for anything but a reservation's, its payload's `data`. */
export type WebhookEvent =
  | {
      type: ReservationWebhookType;
      eventId: string;
      /** The reservation it is about; its webhooks are ordered by `sequence`. */
      reservationId: string;
      /** The reservation's version after the change. */
      sequence: number;
    }
  | {
      type: Exclude<WebhookEventType, ReservationWebhookType>;
      eventId: string;
      /** With the reservation it is about, its version after the change (a CHECK wants both or neither). */
      reservationId?: string;
      sequence?: number;
      data: unknown;
    };

export interface RecordOptions {
  /**
   * Events whose availability this transaction reduced: each that now has nothing left to sell
   * gets an `event.sold_out` (read after the transaction's own writes).
   */
  soldOutCandidates?: readonly string[];
}

/**
 * Records `events` (and any `event.sold_out`) in the outbox, in one statement; a webhook no
 * enabled endpoint subscribes to is not written. Endpoints are read in the statement itself: one
 * registered or disabled by a transaction that committed before it is seen. Which endpoints get a
 * message is settled later, when the relay fans it out. Returns the number of messages recorded.
 */
export async function recordWebhookEvents(sql: Connection, events: readonly WebhookEvent[], options: RecordOptions = {}): Promise<number> {
  const soldOut = options.soldOutCandidates ?? [];
  if (events.length === 0 && soldOut.length === 0) return 0;
  const input = events.map((event) => ({ ...event, type: webhookEventType.parse(event.type) }));
  const [recorded] = await sql<{ count: number }[]>`
    WITH given AS (
      SELECT e.type, e."eventId", e."reservationId", e.data, e.sequence
      FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        AS e(type text, "eventId" uuid, "reservationId" uuid, sequence int, data jsonb)
      UNION ALL
      SELECT 'event.sold_out', t.event_id, NULL, jsonb_build_object(
          'eventId', t.event_id,
          'ticketTypes', jsonb_agg(jsonb_build_object('ticketType', t.code, 'capacity', t.capacity, 'held', t.held, 'sold', t.sold) ORDER BY t.position)),
        NULL
      FROM ticket_types t WHERE t.event_id = ANY(${soldOut as string[]}::uuid[])
      GROUP BY t.event_id HAVING bool_and(t.held + t.sold >= t.capacity)
    ), recorded AS (
      INSERT INTO webhook_messages (id, type, event_id, reservation_id, sequence, data)
      SELECT CASE WHEN g."reservationId" IS NULL THEN gen_random_uuid() ELSE webhook_message_id(g."reservationId", g.type, g.sequence) END,
        g.type, g."eventId", g."reservationId", g.sequence, g.data
      FROM given g
      WHERE EXISTS (SELECT 1 FROM webhook_endpoints ep WHERE ep.disabled_at IS NULL AND g.type = ANY(ep.event_types))
      RETURNING 1
    )
    SELECT count(*)::int AS count FROM recorded`;
  return recorded!.count;
}

/** The events whose tickets the transitions took (more held or sold than released): only these can have just sold out. */
function eventsWithLessAvailable(transitions: readonly Transition[]): string[] {
  const taken = new Map<string, number>();
  for (const { reservation, to } of transitions) {
    const move = inventoryMoveOf(reservation.status, to);
    const tickets = reservation.items.reduce((sum, item) => sum + item.quantity, 0);
    taken.set(reservation.eventId, (taken.get(reservation.eventId) ?? 0) + (move.held + move.sold) * tickets);
  }
  return [...taken].filter(([, tickets]) => tickets > 0).map(([eventId]) => eventId);
}

/**
 * The outbox hook of `applyTransitions`, whose statement records each changed reservation's
 * webhook itself (from the rows it updated, with no payload to send over): given the types
 * enabled endpoints subscribe to (read by that statement), records an `event.sold_out` for each
 * event the batch has just sold out, or does nothing when no endpoint wants one.
 */
export async function recordSoldOutWebhooks(tx: Connection, transitions: readonly Transition[], subscribed: readonly string[]): Promise<void> {
  if (!subscribed.includes('event.sold_out')) return;
  const soldOutCandidates = eventsWithLessAvailable(transitions);
  if (soldOutCandidates.length > 0) await recordWebhookEvents(tx, [], { soldOutCandidates });
}
