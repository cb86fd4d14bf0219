/**
 * @onsale/db: PostgreSQL for Onsale. The schema and migrations, the reads, the writes, and the
 * decision transaction. The pure rules they apply (lifecycle, decision, seat allocator, views)
 * are @onsale/domain's.
 *
 * One way to reach the database:
 * - One connection type, `Database`: the process's pool, made once by `createDatabase` and
 *   handed to every function here. A caller never chooses between access styles, and never
 *   holds a transaction: each function that needs one opens and ends it inside.
 * - Inside, two access styles, each for one kind of statement:
 *   - postgres.js tagged templates for the statements the hot paths run: recording a request,
 *     reading a reservation, the decision transactions and what they lock and read, the
 *     worker's scans, the gauges. Each becomes a prepared statement, parsed and planned once
 *     per connection, and pipelines with the others (`pipelinedTransaction`, `Promise.all` in a
 *     transaction) so a transaction costs as few round trips as it can.
 *   - drizzle for the schema (tables, the types derived from them, migrations) and for the
 *     schema-typed reads and writes of the admin paths: events, seat maps, a customer's pages
 *     of reservations. Its relational queries save the joins and the paging written by hand;
 *     these are not per-request hot paths, so an unprepared statement costs nothing that matters.
 * - `database.sql` is there for a test's or a script's own SQL; the app never uses it.
 */

// The connection, and the deployment it serves.
export { applicationName, createDatabase, type Database } from './client';
export { claimPartitionCountAtStart, DeploymentMismatch } from './deployment';
export { freshDatabase, migrateDatabase } from './migrate';
export { isConstraintViolation, isTransientDatabaseError } from './errors';
export { InvalidCursor, type Page } from './pagination';
export type { Event, Reservation, TicketType } from './schema';

// Events and seat maps (the admin paths).
export {
  createEvent,
  createEventOnce,
  findEvent,
  listEvents,
  updateEvent,
  type EventCreation,
  type EventListFilter,
  type EventWithTicketTypes,
} from './event.repository';
export { findSeatsByLabel, replaceSeatMap, type ReplaceSeatMapOutcome } from './seat-map.repository';
export { findSeatMapVersion, readSeatMap } from './seat-map-reads';

// Recording requests (the API's intake).
export {
  acceptReservation,
  acceptReservations,
  type AcceptOptions,
  type AcceptOutcome,
  type QueuedReservationInput,
  type QueuePlaceOf,
} from './reservation-writer';

// Reads, each a named query.
export {
  findEventsQueuedInPartition,
  findEventsWithDueHolds,
  findEventsWithStaleQueued,
  findPartitionsWithQueued,
  findQueuedReservationIds,
  findReservation,
  findReservationByIdempotencyKey,
  listCustomerReservations,
  type ReservationWithItems,
} from './reservation-reads';
export { readEventSnapshot, type EventSnapshot, type SnapshotStock } from './admission-reads';
export { confirmedSales, queuedBacklog, readEventBacklog, type EventBacklog, type QueuedBacklog } from './admin-reads';
export { readEventTickets, readPoolConnections, type EventTickets } from './observability-reads';
export type { QueueProgress } from './queue-progress';

// The partition writer's transactions: the decision, and every other change of an event's inventory.
export {
  cancelReservation,
  confirmReservation,
  decideQueued,
  expireDueHolds,
  rejectAsFailed,
  type CommandResult,
  type CommandTarget,
  type DecidedBatch,
  type ExpiredBatch,
  type QueuedBatch,
  type WriterContext,
} from './reservation-transactions';
export type { EventCounters } from './event-counters';
export type { LockedStock } from './inventory';

// The waitlist: joins, leaves and reads (the API's); offers are made by the writer's release transactions.
export {
  customerLiveTickets,
  findWaitlistEntry,
  joinWaitlist,
  leaveWaitlist,
  listWaitlist,
  readWaitlistLines,
  type JoinOutcome,
  type LeaveOutcome,
  type WaitlistEntryRecord,
  type WaitlistJoin,
  type WaitlistLineCounts,
} from './waitlist.repository';
export { findDueDraws, readDraw, readDrawEntries, runDraw, type DrawOutcome, type DrawState } from './fair-draw';

// Webhooks: the outbox writer (in the decision transactions), the relay (fan-out, hand-out) and delivery side, the admin side.
export { recordWebhookEvents, type WebhookEvent } from './webhook-outbox';
export {
  countDeadDeliveries,
  fanOutMessages,
  finishAttempt,
  relayDueDeliveries,
  startAttempt,
  type AttemptOutcome,
  type DeliveryToSend,
  type DueDelivery,
  type RelayLimits,
} from './webhook-deliveries';
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookDelivery,
  findWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookDeliveryRecord,
  type WebhookEndpointChanges,
  type WebhookEndpointInput,
} from './webhook-endpoints';
export type { WebhookEndpoint } from './schema';
