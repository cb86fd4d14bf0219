import { EVENT_STATUSES, REJECTION_REASONS, RESERVATION_STATUSES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@onsale/shared';
import { relations, sql } from 'drizzle-orm';
import type { StoredSeatRequest } from '@onsale/shared';
import { WAITLIST_ENTRY_STATUSES } from '@onsale/shared';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const eventStatus = pgEnum('event_status', EVENT_STATUSES);
export const reservationStatus = pgEnum('reservation_status', RESERVATION_STATUSES);
export const rejectionReason = pgEnum('rejection_reason', REJECTION_REASONS);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    salesStartAt: timestamptz('sales_start_at'),
    salesEndAt: timestamptz('sales_end_at'),
    /** Requests from here to `salesStartAt` enter a pre-queue, put in a random order at `salesStartAt` (see `eventDraws`). */
    preQueueOpensAt: timestamptz('pre_queue_opens_at'),
    status: eventStatus('status').notNull().default('on_sale'),
    holdTtlSeconds: integer('hold_ttl_seconds').notNull().default(600),
    maxTicketsPerCustomer: integer('max_tickets_per_customer'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** The admin (token `sub`) who created the event; null for events created before it was recorded. */
    createdBy: text('created_by'),
    /** The create's Idempotency-Key, unique per admin; with the hash of its body, to tell a retry from a reused key. */
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
  },
  (t) => [
    check('events_hold_ttl_positive', sql`${t.holdTtlSeconds} > 0`),
    check('events_max_tickets_positive', sql`${t.maxTicketsPerCustomer} IS NULL OR ${t.maxTicketsPerCustomer} > 0`),
    check(
      'events_sales_window_ordered',
      sql`${t.salesStartAt} IS NULL OR ${t.salesEndAt} IS NULL OR ${t.salesEndAt} > ${t.salesStartAt}`,
    ),
    check(
      'events_pre_queue_before_sales',
      sql`${t.preQueueOpensAt} IS NULL OR (${t.salesStartAt} IS NOT NULL AND ${t.preQueueOpensAt} < ${t.salesStartAt})`,
    ),
    index('events_created_at_idx').on(t.createdAt, t.id),
    uniqueIndex('events_creator_idempotency_key_unique')
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);

/**
 * General-admission inventory of an event. Assigned seating adds sections, rows and seats that
 * reference a ticket type; the held/sold counters stay the ticket type's totals.
 */
export const ticketTypes = pgTable(
  'ticket_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    priceCents: integer('price_cents').notNull(),
    capacity: integer('capacity').notNull(),
    held: integer('held').notNull().default(0),
    sold: integer('sold').notNull().default(0),
    /** Display order within the event. */
    position: smallint('position').notNull(),
    /** Sold as assigned seats: its capacity is its seat count, and a hold takes seats. */
    seated: boolean('seated').notNull().default(false),
    /**
     * Bumped by every write that changes its counters or its seats (a decision, a release, a new
     * seat map), under the event's lock: equal versions mean the same seat state.
     */
    inventoryVersion: bigint('inventory_version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    unique('ticket_types_event_code_unique').on(t.eventId, t.code),
    check('ticket_types_price_non_negative', sql`${t.priceCents} >= 0`),
    check('ticket_types_capacity_non_negative', sql`${t.capacity} >= 0`),
    check('ticket_types_held_non_negative', sql`${t.held} >= 0`),
    check('ticket_types_sold_non_negative', sql`${t.sold} >= 0`),
    check('ticket_types_within_capacity', sql`${t.held} + ${t.sold} <= ${t.capacity}`),
  ],
);

export const reservations = pgTable(
  'reservations',
  {
    /** Chosen by the API when it accepts the request. */
    id: uuid('id').primaryKey(),
    /** Arrival order: partition writers decide queued requests in this order. */
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    /** The event's partition (`partitionFor`), so a writer finds its partition's queued requests in one index scan. */
    partition: smallint('partition').notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    status: reservationStatus('status').notNull().default('queued'),
    reason: rejectionReason('reason'),
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the request that created it, to tell a replay from a reused key. */
    requestHash: text('request_hash').notNull(),
    requestId: text('request_id'),
    expiresAt: timestamptz('expires_at'),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    /** When the deciding transaction began, when it wrote the decision, and which worker ran it. */
    decisionStartedAt: timestamptz('decision_started_at'),
    decidedAt: timestamptz('decided_at'),
    decidedBy: text('decided_by'),
    /** Seats asked for (exact labels, or best available options); null for general admission. */
    seatRequest: jsonb('seat_request').$type<StoredSeatRequest>(),
    /** A `seats_taken` rejection: the asked-for seats someone else held or bought. */
    takenSeats: text('taken_seats').array(),
    /**
     * Its place in its event's queue: 1, 2, 3… per event, taken from `event_queues` under that
     * row's lock, so the order of places is the order in which the requests commit (see
     * `event_queues`). Null only for requests recorded before places existed.
     */
    queueSeq: bigint('queue_seq', { mode: 'number' }),
    /** The tickets asked for by the event's requests with an earlier place (all ticket types). */
    ticketsBefore: bigint('tickets_before', { mode: 'number' }),
  },
  (t) => [
    // Partial: most requests carry no key, and every index entry is written again by each decision.
    uniqueIndex('reservations_customer_idempotency_key_unique')
      .on(t.customerId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    check('reservations_rejected_has_reason', sql`(${t.status} = 'rejected') = (${t.reason} IS NOT NULL)`),
    check('reservations_held_has_expiry', sql`${t.status} <> 'held' OR ${t.expiresAt} IS NOT NULL`),
    check('reservations_version_positive', sql`${t.version} > 0`),
    index('reservations_customer_created_idx').on(t.customerId, t.createdAt, t.id),
    index('reservations_live_by_customer_idx')
      .on(t.eventId, t.customerId)
      .where(sql`${t.status} IN ('held', 'confirmed')`),
    index('reservations_hold_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'held'`),
    index('reservations_queued_arrival_idx').on(t.partition, t.arrival).where(sql`${t.status} = 'queued'`),
    // The intake's cap on a customer's queued requests counts through this one: without it the
    // count went through the arrival index, every queued request of the partition per request.
    index('reservations_queued_by_customer_idx').on(t.eventId, t.customerId).where(sql`${t.status} = 'queued'`),
    // The head of an event's queue (its first undecided place), read after each decision batch;
    // unique, so no two waiting requests of an event share a place. `queue_seq IS NOT NULL` in the
    // predicate keeps it to the queries that ask for places: without it, the planner took it for the
    // per-customer count above and walked every queued request of the event (20,000 behind a rush).
    uniqueIndex('reservations_queued_place_idx')
      .on(t.eventId, t.queueSeq)
      .where(sql`${t.status} = 'queued' AND ${t.queueSeq} IS NOT NULL`),
    // Queued requests cancelled out of turn: the places behind them move up (few rows).
    index('reservations_cancelled_place_idx')
      .on(t.eventId, t.queueSeq)
      .where(sql`${t.status} = 'cancelled' AND ${t.queueSeq} IS NOT NULL`),
  ],
);

/**
 * How many places each event's queue has handed out, and the tickets they ask for. A batch of
 * requests takes its places with one upsert of this row, whose lock it holds until it commits:
 * another batch of the same event waits for that commit, so places are handed out in commit
 * order, and whoever sees a request sees every request with an earlier place.
 */
export const eventQueues = pgTable(
  'event_queues',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastTickets: bigint('last_tickets', { mode: 'number' }).notNull().default(0),
    /**
     * While the event's draw is pending: its pre-queue window. Requests recorded from `drawOpensAt`
     * take no place; the draw places them all (see `eventDraws`) and clears both.
     */
    drawOpensAt: timestamptz('draw_opens_at'),
    drawAt: timestamptz('draw_at'),
  },
  (t) => [
    check('event_queues_counts_non_negative', sql`${t.lastSeq} >= 0 AND ${t.lastTickets} >= 0`),
    check(
      'event_queues_draw_window_ordered',
      sql`(${t.drawOpensAt} IS NULL) = (${t.drawAt} IS NULL) AND (${t.drawAt} IS NULL OR ${t.drawOpensAt} < ${t.drawAt})`,
    ),
    index('event_queues_draw_due_idx').on(t.drawAt).where(sql`${t.drawAt} IS NOT NULL`),
  ],
);

export const reservationItems = pgTable(
  'reservation_items',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reservationId, t.ticketTypeId] }),
    check('reservation_items_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/**
 * Audit log: one row per state change. (reservation, version) is the key, so no transition is
 * recorded twice; no surrogate id, whose index would be written twice per request.
 */
export const reservationHistory = pgTable(
  'reservation_history',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fromStatus: reservationStatus('from_status'),
    toStatus: reservationStatus('to_status').notNull(),
    reason: rejectionReason('reason'),
    /** `customer:<id>` for the API, `worker:<id>` for partition writers. */
    actor: text('actor').notNull(),
    requestId: text('request_id'),
    at: timestamptz('at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ name: 'reservation_history_pkey', columns: [t.reservationId, t.version] })],
);

/** A block of an event's seats sold as one ticket type; `position` ranks sections (lower is better). */
export const seatSections = pgTable(
  'seat_sections',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [unique('seat_sections_event_code_unique').on(t.eventId, t.code), index('seat_sections_ticket_type_idx').on(t.ticketTypeId)],
);

/** A row of a section; `position` ranks rows within their section (lower is better). */
export const seatRows = pgTable(
  'seat_rows',
  {
    id: uuid('id').primaryKey(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => seatSections.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [unique('seat_rows_section_label_unique').on(t.sectionId, t.label)],
);

/**
 * One seat, labelled `<section>-<row>-<number>` (unique in its event). Numbers run left to right
 * and may skip (aisles); the ticket type is the section's, repeated so that a ticket type's seats
 * are one index scan.
 */
export const seats = pgTable(
  'seats',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    rowId: uuid('row_id')
      .notNull()
      .references(() => seatRows.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    label: text('label').notNull(),
    accessible: boolean('accessible').notNull().default(false),
    restrictedView: boolean('restricted_view').notNull().default(false),
  },
  (t) => [
    unique('seats_event_label_unique').on(t.eventId, t.label),
    unique('seats_row_number_unique').on(t.rowId, t.number),
    index('seats_ticket_type_idx').on(t.ticketTypeId),
    check('seats_number_positive', sql`${t.number} > 0`),
  ],
);

/**
 * The seats a reservation holds or bought. Written by the reservation writer only: inserted when
 * a request is held, released (`released_at`) when the hold or sale ends. The partial unique
 * index is the guarantee: a seat is in at most one live (unreleased) assignment, whatever the code does.
 */
export const seatAssignments = pgTable(
  'seat_assignments',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    seatId: bigint('seat_id', { mode: 'number' })
      .notNull()
      .references(() => seats.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    releasedAt: timestamptz('released_at'),
  },
  (t) => [
    primaryKey({ name: 'seat_assignments_pkey', columns: [t.reservationId, t.seatId] }),
    uniqueIndex('seat_assignments_live_seat_unique').on(t.seatId).where(sql`${t.releasedAt} IS NULL`),
    index('seat_assignments_live_by_ticket_type_idx').on(t.ticketTypeId, t.seatId).where(sql`${t.releasedAt} IS NULL`),
  ],
);

/**
 * What every process of a deployment must agree on, recorded by the first to start (one row):
 * queued requests carry the partition they were recorded under.
 */
export const deployment = pgTable(
  'deployment',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    partitionCount: smallint('partition_count').notNull(),
  },
  (t) => [
    check('deployment_single_row', sql`${t.singleton}`),
    check('deployment_partition_count_positive', sql`${t.partitionCount} > 0`),
  ],
);

export type Event = typeof events.$inferSelect;
export type TicketType = typeof ticketTypes.$inferSelect;
export type Reservation = typeof reservations.$inferSelect;
export type ReservationItem = typeof reservationItems.$inferSelect;

export const eventsRelations = relations(events, ({ many }) => ({ ticketTypes: many(ticketTypes) }));
export const ticketTypesRelations = relations(ticketTypes, ({ one }) => ({
  event: one(events, { fields: [ticketTypes.eventId], references: [events.id] }),
}));
export const reservationsRelations = relations(reservations, ({ many }) => ({ items: many(reservationItems) }));
export const reservationItemsRelations = relations(reservationItems, ({ one }) => ({
  reservation: one(reservations, { fields: [reservationItems.reservationId], references: [reservations.id] }),
  ticketType: one(ticketTypes, { fields: [reservationItems.ticketTypeId], references: [ticketTypes.id] }),
}));

/*
 * Webhooks (migration 0008): the endpoints operators register, the outbox of messages written in
 * the transaction of the decision that caused them, one delivery per (message, endpoint), and
 * every attempt at it.
 */
const WEBHOOK_TYPES_SQL = sql.raw(`ARRAY[${WEBHOOK_EVENT_TYPES.map((type) => `'${type}'`).join(',')}]::text[]`);
const WEBHOOK_SECRET_SQL = '^whsec_[A-Za-z0-9+/]+={0,2}$';

/** A receiver of webhooks: its URL, the types it wants, its signing secret(s), and whether it is disabled. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    description: text('description'),
    eventTypes: text('event_types').array().notNull().$type<WebhookEventType[]>(),
    secret: text('secret').notNull(),
    /** The secret a rotation replaced: it still signs (a second signature) until `previous_secret_expires_at`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamptz('previous_secret_expires_at'),
    /** The operator allowed loopback, link-local and private addresses for this endpoint. */
    allowPrivate: boolean('allow_private').notNull().default(false),
    disabledAt: timestamptz('disabled_at'),
    /** `operator`, or `gone` when the endpoint answered 410. */
    disabledReason: text('disabled_reason'),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('webhook_endpoints_url_http', sql`${t.url} ~ '^https?://[^/?#]+'`),
    check('webhook_endpoints_event_types_known', sql`cardinality(${t.eventTypes}) > 0 AND ${t.eventTypes} <@ ${WEBHOOK_TYPES_SQL}`),
    check(
      'webhook_endpoints_secret_format',
      sql`${t.secret} ~ '${sql.raw(WEBHOOK_SECRET_SQL)}' AND (${t.previousSecret} IS NULL OR ${t.previousSecret} ~ '${sql.raw(WEBHOOK_SECRET_SQL)}')`,
    ),
    check('webhook_endpoints_previous_secret_expires', sql`(${t.previousSecret} IS NULL) = (${t.previousSecretExpiresAt} IS NULL)`),
    check('webhook_endpoints_disabled_reason', sql`(${t.disabledAt} IS NULL) = (${t.disabledReason} IS NULL)`),
  ],
);

/**
 * The outbox: one row per webhook, written in the transaction of the decision that caused it, only
 * when an enabled endpoint subscribes to its type. A rolled-back decision leaves none. `sequence`
 * is the reservation's version after the change, so a receiver can order a reservation's webhooks.
 * A reservation's message stores no `data` (the payload is built from its columns: a thin event);
 * the relay fans a message out into its deliveries later, outside the decision (`fanned_out_at`).
 */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    /** Sent as `webhook-id`: the same on every attempt and every endpoint. */
    id: uuid('id').primaryKey(),
    type: text('type').notNull().$type<WebhookEventType>(),
    eventId: uuid('event_id').notNull(),
    reservationId: uuid('reservation_id'),
    sequence: integer('sequence'),
    /** The payload's `data`; null for a reservation's webhooks, whose `data` is built from the columns. */
    data: jsonb('data'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** When the relay created its deliveries (one per endpoint enabled and subscribed then); null until it has. */
    fannedOutAt: timestamptz('fanned_out_at'),
  },
  (t) => [
    check('webhook_messages_type_known', sql`${t.type} = ANY(${WEBHOOK_TYPES_SQL})`),
    check('webhook_messages_reservation_sequence', sql`(${t.reservationId} IS NULL) = (${t.sequence} IS NULL)`),
    check('webhook_messages_reservation_types', sql`${t.type} NOT LIKE 'reservation.%' OR ${t.reservationId} IS NOT NULL`),
    // No change of a reservation is announced twice: its message's id is derived from (reservation, type, sequence),
    // so the primary key refuses a second one (migration 0013: webhook_message_id, an index less to write per decision).
    check(
      'webhook_messages_reservation_id_derived',
      sql`${t.reservationId} IS NULL OR ${t.id} = webhook_message_id(${t.reservationId}, ${t.type}, ${t.sequence})`,
    ),
    check('webhook_messages_data', sql`${t.data} IS NOT NULL OR ${t.type} LIKE 'reservation.%'`),
    // What the relay has still to fan out, oldest first.
    index('webhook_messages_not_fanned_out_idx').on(t.createdAt).where(sql`${t.fannedOutAt} IS NULL`),
  ],
);

/**
 * One message to one endpoint. PostgreSQL is its scheduler: `pending` with `next_attempt_at` due
 * and not `enqueued_at` is what the relay hands to the delivery queue; `enqueued_at` is set while
 * a job for it is in flight.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    state: text('state').notNull().default('pending').$type<'pending' | 'delivered' | 'dead'>(),
    attempts: integer('attempts').notNull().default(0),
    /** The place in the retry schedule; a redelivery starts it again. */
    scheduleStep: integer('schedule_step').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    enqueuedAt: timestamptz('enqueued_at'),
    deliveredAt: timestamptz('delivered_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('webhook_deliveries_message_endpoint_unique').on(t.messageId, t.endpointId),
    check('webhook_deliveries_state_known', sql`${t.state} IN ('pending','delivered','dead')`),
    check('webhook_deliveries_delivered_at', sql`(${t.state} = 'delivered') = (${t.deliveredAt} IS NOT NULL)`),
    check('webhook_deliveries_attempts_non_negative', sql`${t.attempts} >= 0 AND ${t.scheduleStep} >= 0`),
    check('webhook_deliveries_settled_not_enqueued', sql`${t.state} = 'pending' OR ${t.enqueuedAt} IS NULL`),
    // In the hand-out's order (next_attempt_at, id): a pass reads an endpoint's first few due, not its whole backlog.
    index('webhook_deliveries_due_idx')
      .on(t.endpointId, t.nextAttemptAt, t.id)
      .where(sql`${t.state} = 'pending' AND ${t.enqueuedAt} IS NULL`),
    index('webhook_deliveries_in_flight_idx')
      .on(t.endpointId, t.enqueuedAt)
      .where(sql`${t.state} = 'pending' AND ${t.enqueuedAt} IS NOT NULL`),
    index('webhook_deliveries_dead_idx').on(t.endpointId).where(sql`${t.state} = 'dead'`),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt, t.id),
  ],
);

/** Every attempt at a delivery: when, how long, and what the endpoint answered (or why there was no answer). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [
    primaryKey({ name: 'webhook_attempts_pkey', columns: [t.deliveryId, t.attempt] }),
    check('webhook_attempts_attempt_positive', sql`${t.attempt} > 0`),
    check('webhook_attempts_latency_non_negative', sql`${t.latencyMs} >= 0`),
    check('webhook_attempts_outcome', sql`${t.statusCode} IS NOT NULL OR ${t.error} IS NOT NULL`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// ---- Waitlist (packages/db/src/waitlist-*.ts) ----

export const waitlistEntryStatus = pgEnum('waitlist_entry_status', WAITLIST_ENTRY_STATUSES);

/**
 * A ticket type's waitlist: the places it has handed out (`last_seq`, taken under this row's lock,
 * so join order is commit order) and how many entries wait and hold offers. Every write of an
 * entry's status moves these in the same statement; the waitlist tests check them against the rows.
 */
export const waitlistLines = pgTable(
  'waitlist_lines',
  {
    ticketTypeId: uuid('ticket_type_id')
      .primaryKey()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    /** Entries waiting, and the tickets they ask for. */
    waiting: integer('waiting').notNull().default(0),
    waitingTickets: integer('waiting_tickets').notNull().default(0),
    /** Entries holding an offer (a live hold). */
    offered: integer('offered').notNull().default(0),
  },
  (t) => [
    index('waitlist_lines_event_idx').on(t.eventId),
    check(
      'waitlist_lines_counts_non_negative',
      sql`${t.lastSeq} >= 0 AND ${t.waiting} >= 0 AND ${t.waitingTickets} >= ${t.waiting} AND ${t.offered} >= 0`,
    ),
  ],
);

/**
 * A customer waiting for tickets of a sold-out type. `waiting` until the event's writer offers it
 * returned tickets (a hold, `offer_reservation_id`), then `offered` until that hold is confirmed
 * (`accepted`), expires (`lapsed`) or is cancelled (`declined`); `left` when the customer left
 * while waiting. One active (waiting or offered) entry per customer and ticket type.
 */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => waitlistLines.ticketTypeId, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** Join order within the ticket type's line (1, 2, 3…). */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** A number from the reservations' arrival sequence: where the join falls among queued requests. */
    arrival: bigint('arrival', { mode: 'number' }).notNull(),
    status: waitlistEntryStatus('status').notNull().default('waiting'),
    /** How long an offer to this entry holds its tickets: the setting when the customer joined. */
    offerTtlSeconds: integer('offer_ttl_seconds').notNull(),
    offerReservationId: uuid('offer_reservation_id').references(() => reservations.id, { onDelete: 'cascade' }),
    /** The tickets offered: the quantity, trimmed to the customer's per-event limit. */
    offeredQuantity: integer('offered_quantity'),
    offeredAt: timestamptz('offered_at'),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
    closedAt: timestamptz('closed_at'),
    requestId: text('request_id'),
  },
  (t) => [
    uniqueIndex('waitlist_entries_active_unique')
      .on(t.eventId, t.customerId, t.ticketTypeId)
      .where(sql`${t.status} IN ('waiting', 'offered')`),
    uniqueIndex('waitlist_entries_line_seq_unique').on(t.ticketTypeId, t.seq),
    index('waitlist_entries_waiting_idx').on(t.ticketTypeId, t.seq).where(sql`${t.status} = 'waiting'`),
    uniqueIndex('waitlist_entries_offer_unique').on(t.offerReservationId).where(sql`${t.offerReservationId} IS NOT NULL`),
    index('waitlist_entries_customer_idx').on(t.customerId, t.eventId),
    check('waitlist_entries_quantity_positive', sql`${t.quantity} > 0`),
    check('waitlist_entries_offer_ttl_positive', sql`${t.offerTtlSeconds} > 0`),
    check(
      'waitlist_entries_offered_quantity_within',
      sql`${t.offeredQuantity} IS NULL OR (${t.offeredQuantity} > 0 AND ${t.offeredQuantity} <= ${t.quantity})`,
    ),
    check(
      'waitlist_entries_offer_matches_status',
      sql`(${t.offerReservationId} IS NOT NULL) = (${t.status} IN ('offered', 'accepted', 'lapsed', 'declined') AND ${t.offeredQuantity} IS NOT NULL)`,
    ),
    check('waitlist_entries_closed_matches_status', sql`(${t.closedAt} IS NULL) = (${t.status} IN ('waiting', 'offered'))`),
  ],
);

export type WaitlistEntry = typeof waitlistEntries.$inferSelect;

/**
 * An event's fair draw (events with a pre-queue): the secret seed and its published commitment
 * (SHA-256 of the seed's 32 bytes, checked here), and when the draw ran. The seed is revealed only
 * once `drawnAt` is set; `entries` is how many pre-queue entries it ranked.
 */
export const eventDraws = pgTable(
  'event_draws',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    seed: text('seed').notNull(),
    commitment: text('commitment').notNull(),
    drawnAt: timestamptz('drawn_at'),
    entries: integer('entries'),
  },
  (t) => [
    check('event_draws_seed_hex', sql`${t.seed} ~ '^[0-9a-f]{64}$'`),
    check('event_draws_commitment_of_seed', sql`${t.commitment} = encode(sha256(decode(${t.seed}, 'hex')), 'hex')`),
    check('event_draws_drawn_has_entries', sql`(${t.drawnAt} IS NULL) = (${t.entries} IS NULL)`),
  ],
);

/**
 * A request recorded in an event's pre-queue: one per customer and event (a second is refused),
 * ranked by the draw (`rank`, the keyed hash; `position`, 1… in draw order).
 */
export const drawEntries = pgTable(
  'draw_entries',
  {
    reservationId: uuid('reservation_id')
      .primaryKey()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    rank: text('rank'),
    position: integer('position'),
  },
  (t) => [
    unique('draw_entries_one_per_customer').on(t.eventId, t.customerId),
    unique('draw_entries_event_position_unique').on(t.eventId, t.position),
    check('draw_entries_ranked_together', sql`(${t.rank} IS NULL) = (${t.position} IS NULL)`),
    check('draw_entries_position_positive', sql`${t.position} IS NULL OR ${t.position} > 0`),
  ],
);
