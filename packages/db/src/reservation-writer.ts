import { InvariantViolated, type RejectionReason, type ReservationStatus, type StoredSeatRequest } from '@onsale/shared';
import type { Connection, Database, TransactionSql } from './client';
import { pipelinedTransaction } from './pipelined-transaction';
import { reservationByIdempotencyKey, type ReservationWithItems } from './reservation-reads';
import { inventoryMoveOf } from '@onsale/domain';
import { recordSoldOutWebhooks } from './webhook-outbox';

/*
 * Every write of a reservation: recording a request (`acceptReservations`), and every change of
 * state after it (`applyTransitions`): decide, confirm, cancel, expire.
 */

/** One reservation's change of state, decided under its event's lock. */
export type Transition = {
  /** The reservation as read under the lock: the write is conditional on its version and status. */
  reservation: ReservationWithItems;
  /** Recorded in the history row: the request or command that caused the change. */
  requestId: string | null;
} & (
  | { to: 'held'; expiresAt: Date; /** Seated ticket types: the seats the hold takes. */ seats?: HeldSeat[] }
  | { to: 'rejected'; reason: RejectionReason; /** `seats_taken`: the asked-for seats already taken. */ takenSeats?: string[] }
  | { to: 'confirmed' | 'cancelled' | 'expired' }
);

/** A seat a hold takes. */
export interface HeldSeat {
  seatId: string;
  ticketTypeId: string;
}

/** Whether `from → to` ends a hold or sale, so its seats return to sale. */
const releasesSeats = (from: ReservationStatus, to: ReservationStatus) => {
  const move = inventoryMoveOf(from, to);
  return move.held + move.sold < 0;
};

/** Thrown when a reservation changed although its event was locked: a bug, or a writer that skipped the lock. */
export class ReservationChangedUnderLock extends InvariantViolated {}

interface CounterChange {
  ticketTypeId: string;
  held: number;
  sold: number;
}

/** The counter changes of a batch, summed per ticket type: an UPDATE … FROM applies one source row per target row. */
export function counterChangesOf(transitions: readonly Transition[]): CounterChange[] {
  const merged = new Map<string, CounterChange>();
  for (const { reservation, to } of transitions) {
    const move = inventoryMoveOf(reservation.status, to);
    for (const { ticketTypeId, quantity } of reservation.items) {
      const total = merged.get(ticketTypeId) ?? { ticketTypeId, held: 0, sold: 0 };
      merged.set(ticketTypeId, { ticketTypeId, held: total.held + move.held * quantity, sold: total.sold + move.sold * quantity });
    }
  }
  return [...merged.values()].filter((change) => change.held !== 0 || change.sold !== 0);
}

/** Only the decision (queued → held | rejected) stamps who decided and when. */
const isDecision = ({ reservation, to }: Transition) => reservation.status === 'queued' && (to === 'held' || to === 'rejected');

/** The expiry after the change: a hold's own; an expired hold keeps the time it expired at; nothing else has one. */
const expiryAfter = (transition: Transition): Date | null =>
  transition.to === 'held' ? transition.expiresAt : transition.to === 'expired' ? transition.reservation.expiresAt : null;

/**
 * Applies a batch of transitions in one statement: every reservation's new state, one history
 * row each, and the ticket types' counters. Each update is conditional on the version and status
 * read under the event lock; if any row changed underneath, the whole batch is refused (and its
 * transaction rolls back). `(reservation, version)` is the history's key, so no transition is
 * recorded twice, and the counters' CHECK constraints refuse any overselling.
 */
export async function applyTransitions(
  tx: TransactionSql,
  transitions: readonly Transition[],
  writer: { workerId: string },
): Promise<ReservationWithItems[]> {
  if (transitions.length === 0) return [];
  const rows = transitions.map((transition) => ({
    id: transition.reservation.id,
    version: transition.reservation.version,
    from: transition.reservation.status,
    to: transition.to,
    reason: transition.to === 'rejected' ? transition.reason : null,
    takenSeats: transition.to === 'rejected' ? (transition.takenSeats ?? null) : null,
    expiresAt: expiryAfter(transition)?.toISOString() ?? null,
    decided: isDecision(transition),
    releases: releasesSeats(transition.reservation.status, transition.to),
    requestId: transition.requestId,
  }));
  const seats = transitions.flatMap((transition) =>
    transition.to === 'held' && transition.seats ? transition.seats.map((seat) => ({ id: transition.reservation.id, ...seat })) : [],
  );
  const [written] = await tx<
    { count: number; startedAt: string; at: string; seatLabels: { id: string; label: string }[] | null; webhookTypes: string[] }[]
  >`
    WITH change AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS c(id uuid, version int, "from" reservation_status, "to" reservation_status, reason rejection_reason,
             "takenSeats" text[], "expiresAt" timestamptz, decided boolean, releases boolean, "requestId" text)
    ), clock AS (
      SELECT clock_timestamp() AS at
    ), updated AS (
      UPDATE reservations r SET
        status = c."to", reason = c.reason, expires_at = c."expiresAt", version = r.version + 1, updated_at = clock.at,
        taken_seats = coalesce(c."takenSeats", r.taken_seats),
        decision_started_at = CASE WHEN c.decided THEN now() ELSE r.decision_started_at END,
        decided_at = CASE WHEN c.decided THEN clock.at ELSE r.decided_at END,
        decided_by = CASE WHEN c.decided THEN ${writer.workerId} ELSE r.decided_by END
      FROM change c, clock
      WHERE r.id = c.id AND r.version = c.version AND r.status = c."from"
      RETURNING r.id, r.event_id, r.version, c."from", c."to", c.reason, c."requestId"
    ), history AS (
      INSERT INTO reservation_history (reservation_id, version, from_status, to_status, reason, actor, request_id)
      SELECT id, version, "from", "to", reason, ${`worker:${writer.workerId}`}, "requestId" FROM updated
    ), counters AS (
      UPDATE ticket_types AS t SET held = t.held + m.held, sold = t.sold + m.sold, inventory_version = t.inventory_version + 1
      FROM jsonb_to_recordset(${JSON.stringify(counterChangesOf(transitions))}::jsonb) AS m("ticketTypeId" uuid, held int, sold int)
      WHERE t.id = m."ticketTypeId"
    ), assigned AS (
      INSERT INTO seat_assignments (reservation_id, seat_id, ticket_type_id)
      SELECT id, "seatId", "ticketTypeId"
      FROM jsonb_to_recordset(${JSON.stringify(seats)}::jsonb) AS a(id uuid, "seatId" bigint, "ticketTypeId" uuid)
      RETURNING reservation_id, seat_id
    ), released AS (
      UPDATE seat_assignments a SET released_at = clock.at
      FROM change c, clock
      WHERE c.releases AND a.reservation_id = c.id AND a.released_at IS NULL
    ), subscribed AS (
      SELECT coalesce(array_agg(DISTINCT type), '{}') AS types FROM webhook_endpoints ep, unnest(ep.event_types) type WHERE ep.disabled_at IS NULL
    ), announced AS (
      -- The webhook outbox: each change an enabled endpoint subscribes to, as a thin message (webhook-outbox.ts).
      INSERT INTO webhook_messages (id, type, event_id, reservation_id, sequence)
      SELECT webhook_message_id(u.id, 'reservation.' || u."to", u.version), 'reservation.' || u."to", u.event_id, u.id, u.version
      FROM updated u, subscribed s WHERE 'reservation.' || u."to" = ANY(s.types)
    )
    SELECT (SELECT count(*)::int FROM updated) AS count, now() AS "startedAt", clock.at AS at,
      (SELECT json_agg(json_build_object('id', assigned.reservation_id, 'label', s.label) ORDER BY s.id)
       FROM assigned JOIN seats s ON s.id = assigned.seat_id) AS "seatLabels",
      (SELECT types FROM subscribed) AS "webhookTypes"
    FROM clock`;
  if (written!.count !== rows.length) {
    throw new ReservationChangedUnderLock(`${rows.length - written!.count} of ${rows.length} reservations changed outside their event lock`);
  }
  const at = new Date(written!.at);
  const startedAt = new Date(written!.startedAt);
  const heldSeatLabels = new Map<string, string[]>();
  for (const { id, label } of written!.seatLabels ?? []) heldSeatLabels.set(id, [...(heldSeatLabels.get(id) ?? []), label]);
  const changed = transitions.map((transition, index): ReservationWithItems => {
    const { reservation } = transition;
    const decided = rows[index]!.decided;
    return {
      ...reservation,
      status: transition.to,
      reason: rows[index]!.reason,
      takenSeats: rows[index]!.takenSeats ?? reservation.takenSeats,
      expiresAt: expiryAfter(transition),
      version: reservation.version + 1,
      updatedAt: at,
      ...(heldSeatLabels.has(reservation.id) ? { seatLabels: heldSeatLabels.get(reservation.id) } : {}),
      ...(decided ? { decisionStartedAt: startedAt, decidedAt: at, decidedBy: writer.workerId } : {}),
    };
  });
  // The statement recorded the reservations' webhooks; an event they sold out is announced by one more.
  await recordSoldOutWebhooks(tx, transitions, written!.webhookTypes);
  return changed;
}

/** A validated request, ready to be recorded. */
export interface QueuedReservationInput {
  id: string;
  eventId: string;
  /** The event's partition, `partitionFor(eventId, PARTITION_COUNT)`. */
  partition: number;
  customerId: string;
  items: { ticketTypeId: string; quantity: number }[];
  /** Seated requests: exact seats, or best available options. */
  seatRequest?: StoredSeatRequest | null;
  idempotencyKey: string | null;
  requestHash: string;
  requestId: string;
}

/** A recorded request's place in its event's queue (see `event_queues`). */
export interface QueuePlaceOf {
  seq: number;
  /** The tickets asked for by the event's requests with an earlier place. */
  ticketsBefore: number;
}

export type AcceptOutcome =
  /**
   * `place` is null while the event's draw is pending (recorded in its pre-queue window, or after
   * `salesStartAt` but before the draw ran): the draw gives it one, `drawAt` says when.
   */
  | { kind: 'accepted'; createdAt: Date; place: QueuePlaceOf | null; drawAt?: Date }
  /** The customer already used this Idempotency-Key; the earlier reservation is returned. */
  | { kind: 'replayed'; reservation: ReservationWithItems }
  /** Not recorded: its customer already had `maxQueuedPerCustomer` undecided requests for the event. */
  | { kind: 'over_queued_limit' }
  /** Not recorded: its customer already has an entry in the event's pre-queue (one each; see `drawEntries`). */
  | { kind: 'already_in_pre_queue' };

export interface AcceptOptions {
  /**
   * The most `queued` requests one customer may have for one event, counting the batch's own;
   * requests beyond it are not recorded. Undefined: no cap.
   */
  maxQueuedPerCustomer?: number;
  /**
   * Aborted when the caller gave up: a statement still waiting for a connection is dropped and
   * never runs; one already sent is cancelled if PostgreSQL is there to hear it.
   */
  signal?: AbortSignal;
}

/**
 * Records accepted requests as `queued`, with their items and first history rows, in one
 * statement; arrival order is the order given. A request whose Idempotency-Key the customer used
 * before (earlier, or earlier in the same batch) returns that reservation instead.
 *
 * With a per-customer cap, the statement runs in a transaction that first takes a transaction
 * advisory lock per (event, customer) of the batch, in key order: concurrent batches from any
 * number of API instances then count a customer's queued requests one after another, each seeing
 * what the previous committed (a statement's snapshot is taken after the locks), so the cap is
 * exact. The count is PostgreSQL's own `status = 'queued'`: nothing to keep in step, nothing to drift.
 */
export function acceptReservations(
  database: Database,
  inputs: readonly QueuedReservationInput[],
  options: AcceptOptions = {},
): Promise<AcceptOutcome[]> {
  return recordRequests(database.sql, inputs, options);
}

/** acceptReservations on a pool or, in a savepoint of it, an open transaction. */
export async function recordRequests(
  sql: Connection,
  inputs: readonly QueuedReservationInput[],
  options: AcceptOptions = {},
): Promise<AcceptOutcome[]> {
  const cap = options.maxQueuedPerCustomer;
  const input = JSON.stringify(inputs.map((item, ord) => ({ ...item, ord })));
  const rows =
    cap === undefined
      ? await cancelledOnAbort(insertQueued(sql, input, undefined), options.signal)
      : await lockedInsert(sql, input, cap, options.signal);
  const recorded = new Map(rows.map((row) => [row.id, row]));
  return Promise.all(
    inputs.map(async (item): Promise<AcceptOutcome> => {
      const row = recorded.get(item.id);
      if (!row) return { kind: 'replayed', reservation: await earlierRequest(sql, item) };
      if (row.outcome !== 'accepted') return { kind: row.outcome };
      return { kind: 'accepted', createdAt: new Date(row.createdAt!), place: row.place, ...(row.drawAt ? { drawAt: new Date(row.drawAt) } : {}) };
    }),
  );
}

/**
 * The capped insert, behind advisory locks on the batch's (event, customer) pairs: a batch
 * recorded by another API process at the same time waits for them, and the insert, a statement
 * of its own, runs only once they are held, so its snapshot sees what any batch that held them
 * before committed. One round trip: the locks and the insert are sent together (and, in a
 * transaction of their own, with its BEGIN and COMMIT).
 */
async function lockedInsert(sql: Connection, input: string, cap: number, signal: AbortSignal | undefined) {
  signal?.throwIfAborted();
  const statements = (client: Connection) => [lockCustomers(client, input), cancelledOnAbort(insertQueued(client, input, cap), signal)] as const;
  if ('savepoint' in sql) {
    // Already in a transaction: in a savepoint of it, so that a refused batch undoes only itself.
    const [, inserted] = (await sql.savepoint((tx) => Promise.all(statements(tx).map((statement) => statement.execute())))) as unknown as [
      unknown,
      Awaited<ReturnType<typeof insertQueued>>,
    ];
    return inserted;
  }
  const [, inserted] = await pipelinedTransaction(sql, (connection) => [...statements(connection)]);
  return inserted;
}

const lockCustomers = (sql: Connection, input: string) => sql`
  SELECT pg_advisory_xact_lock(key) FROM (
    SELECT DISTINCT hashtextextended(i."eventId" || ':' || i."customerId", 0) AS key
    FROM jsonb_to_recordset(${input}::jsonb) AS i("eventId" text, "customerId" text)
  ) keys ORDER BY key`;

/** `statement`, cancelled in PostgreSQL once `signal` aborts (the intake's deadline passed). */
function cancelledOnAbort<T extends { cancel(): unknown }>(statement: T, signal: AbortSignal | undefined): T {
  signal?.throwIfAborted();
  signal?.addEventListener('abort', () => void Promise.resolve(statement.cancel()).catch(() => undefined), { once: true });
  return statement;
}

/**
 * The recording statement. Rows come back for every request recorded (with its time) and every
 * request over the cap (without); a request missing from them was a replay.
 *
 * The requests recorded take the next places of their events' queues (`event_queues`), in the
 * order given; the insert reads the places the upsert returned, so it runs only once that row
 * is locked, and arrival order agrees with place order.
 *
 * While an event's draw is pending (`event_queues.draw_opens_at` passed, the draw not run), its
 * requests take no place: the draw places them. Those recorded before `draw_at` (its
 * `salesStartAt`) are its pre-queue entries, one per customer (`draw_entries`): a second is
 * refused. The draw window is read from the locked row, so a batch recorded after the draw
 * committed sees it cleared and takes places behind the draw's.
 *
 * The two lookups of earlier rows (a replayed key, a second pre-queue entry) end in `OFFSET 0`,
 * which keeps PostgreSQL from turning them into a hash of the whole table: the statement is
 * prepared, and a plan made while the tables were nearly empty (a fresh deployment's first
 * on-sale) hashed every reservation on each batch, ten times the CPU per request by 60,000 rows.
 * With it, each is an index probe per request whatever the tables' statistics.
 */
function insertQueued(sql: Connection, input: string, cap: number | undefined) {
  return sql<
    { id: string; outcome: 'accepted' | 'over_queued_limit' | 'already_in_pre_queue'; createdAt: string | null; place: QueuePlaceOf | null; drawAt: string | null }[]
  >`
    WITH input AS (
      SELECT i.*, (SELECT coalesce(sum((item->>'quantity')::int), 0) FROM jsonb_array_elements(i.items) item) AS tickets
      FROM jsonb_to_recordset(${input}::jsonb)
        AS i(id uuid, "eventId" uuid, partition smallint, "customerId" text, "idempotencyKey" text,
             "requestHash" text, "requestId" text, items jsonb, "seatRequest" jsonb, ord int)
    ), fresh AS (
      -- Not a replay of a key the customer used before, or earlier in the batch.
      SELECT i.* FROM input i
      WHERE i."idempotencyKey" IS NULL OR (
        NOT EXISTS (SELECT 1 FROM reservations r WHERE r.customer_id = i."customerId" AND r.idempotency_key = i."idempotencyKey" OFFSET 0)
        AND NOT EXISTS (SELECT 1 FROM input e WHERE e."customerId" = i."customerId" AND e."idempotencyKey" = i."idempotencyKey" AND e.ord < i.ord)
      )
    ), over_limit AS (
      ${cap === undefined ? sql`SELECT NULL::uuid AS id WHERE false` : overQueuedLimit(sql, cap)}
    ), queued AS (
      SELECT f.*,
        row_number() OVER (PARTITION BY f."eventId" ORDER BY f.ord) AS rank,
        sum(f.tickets) OVER (PARTITION BY f."eventId" ORDER BY f.ord) - f.tickets AS "ticketsEarlier"
      FROM fresh f WHERE f.id NOT IN (SELECT id FROM over_limit)
    ), wanted AS (
      SELECT "eventId", count(*) AS places, sum(tickets) AS tickets FROM queued GROUP BY "eventId"
    ), claimed AS (
      INSERT INTO event_queues AS q (event_id, last_seq, last_tickets)
      SELECT "eventId", places, tickets FROM wanted ORDER BY "eventId"
      ON CONFLICT (event_id) DO UPDATE SET
        last_seq = q.last_seq + CASE WHEN q.draw_opens_at <= now() THEN 0 ELSE excluded.last_seq END,
        last_tickets = q.last_tickets + CASE WHEN q.draw_opens_at <= now() THEN 0 ELSE excluded.last_tickets END
      RETURNING event_id, last_seq, last_tickets, draw_at,
        coalesce(draw_opens_at <= now(), false) AS unplaced, coalesce(draw_opens_at <= now() AND now() < draw_at, false) AS entering
    ), refused AS (
      -- A second pre-queue entry of the customer (recorded before, or earlier in the batch).
      SELECT queued.id FROM queued JOIN claimed c ON c.event_id = queued."eventId"
      WHERE c.entering AND (
        EXISTS (SELECT 1 FROM draw_entries d WHERE d.event_id = queued."eventId" AND d.customer_id = queued."customerId" OFFSET 0)
        OR EXISTS (SELECT 1 FROM queued e WHERE e."eventId" = queued."eventId" AND e."customerId" = queued."customerId" AND e.ord < queued.ord)
      )
    ), inserted AS (
      INSERT INTO reservations (id, event_id, partition, customer_id, idempotency_key, request_hash, request_id, seat_request, queue_seq, tickets_before)
      SELECT queued.id, queued."eventId", queued.partition, queued."customerId", queued."idempotencyKey", queued."requestHash",
        queued."requestId", queued."seatRequest",
        CASE WHEN c.unplaced THEN NULL ELSE c.last_seq - w.places + queued.rank END,
        CASE WHEN c.unplaced THEN NULL ELSE c.last_tickets - w.tickets + queued."ticketsEarlier" END
      FROM queued JOIN claimed c ON c.event_id = queued."eventId" JOIN wanted w ON w."eventId" = queued."eventId"
      WHERE queued.id NOT IN (SELECT id FROM refused)
      ORDER BY queued.ord
      -- The same key recorded by a batch that committed after this statement began: a replay after all.
      ON CONFLICT (customer_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id, event_id, customer_id, created_at, queue_seq, tickets_before
    ), entries AS (
      INSERT INTO draw_entries (reservation_id, event_id, customer_id)
      SELECT inserted.id, inserted.event_id, inserted.customer_id
      FROM inserted JOIN claimed c ON c.event_id = inserted.event_id WHERE c.entering
    ), items AS (
      INSERT INTO reservation_items (reservation_id, ticket_type_id, quantity)
      SELECT input.id, item."ticketTypeId", item.quantity
      FROM inserted JOIN input USING (id), jsonb_to_recordset(input.items) AS item("ticketTypeId" uuid, quantity int)
    ), history AS (
      INSERT INTO reservation_history (reservation_id, version, to_status, actor, request_id)
      SELECT input.id, 1, 'queued', 'customer:' || input."customerId", input."requestId" FROM inserted JOIN input USING (id)
    )
    SELECT inserted.id, 'accepted' AS outcome, created_at AS "createdAt",
      CASE WHEN queue_seq IS NULL THEN NULL ELSE json_build_object('seq', queue_seq, 'ticketsBefore', tickets_before) END AS place,
      CASE WHEN c.unplaced THEN c.draw_at END AS "drawAt"
    FROM inserted JOIN claimed c ON c.event_id = inserted.event_id
    UNION ALL
    SELECT id, 'over_queued_limit', NULL, NULL, NULL FROM over_limit
    UNION ALL
    SELECT id, 'already_in_pre_queue', NULL, NULL, NULL FROM refused`;
}

/**
 * The batch's new requests that would take their customer past `cap` queued requests for the
 * event: the customer's queued requests already recorded (found through the customer index)
 * plus the batch's own, in arrival order.
 */
function overQueuedLimit(sql: Connection, cap: number) {
  return sql`
    SELECT ranked.id FROM (
      SELECT f.id, f."eventId", f."customerId",
        row_number() OVER (PARTITION BY f."eventId", f."customerId" ORDER BY f.ord) AS rank
      FROM fresh f
    ) ranked
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS queued FROM reservations r
      WHERE r.customer_id = ranked."customerId" AND r.event_id = ranked."eventId" AND r.status = 'queued'
    ) already
    WHERE already.queued + ranked.rank > ${cap}`;
}

async function earlierRequest(sql: Connection, input: QueuedReservationInput): Promise<ReservationWithItems> {
  const existing = await reservationByIdempotencyKey(sql, input.customerId, input.idempotencyKey!);
  if (!existing) throw new InvariantViolated('idempotency conflict without a reservation');
  return existing;
}

/** Records one accepted request; see acceptReservations. */
export async function acceptReservation(database: Database, input: QueuedReservationInput, options: AcceptOptions = {}): Promise<AcceptOutcome> {
  const [outcome] = await acceptReservations(database, [input], options);
  return outcome!;
}
