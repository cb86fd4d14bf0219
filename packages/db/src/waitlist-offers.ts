import { randomUUID } from 'node:crypto';
import { availableOf, inventoryMoveOf, isWithinSalesWindow, toReservationView } from '@onsale/domain';
import { InvariantViolated } from '@onsale/shared';
import type { TransactionSql } from './client';
import type { LockedInventory } from './inventory';
import { selectReservations, type ReservationWithItems } from './reservation-reads';
import { applyTransitions, counterChangesOf, type Transition } from './reservation-writer';
import { BatchSeatAllocator, loadSeatAvailability } from './seat-decisions';
import { recordWebhookEvents } from './webhook-outbox';

/*
 * The waitlist's side of the event's writer: in the transaction that releases tickets (an expiry,
 * a cancel, a hold found expired at confirm), the tickets are held for the waitlist's next
 * entries before the commit, so nobody else can take them in between. Only the partition writer
 * calls this, with the event's inventory locked.
 *
 * A decision batch settles its events too (`settleWaitlistAfterDecisions`), for tickets left free
 * once the requests ahead of the waitlist are decided.
 *
 * Rules (docs/guarantees.md#waitlist):
 * - Entries are served in join order per ticket type, first fit: an entry asking for more tickets
 *   than are free keeps its place and the next entry that fits is offered.
 * - Per-customer limits hold: an entry is trimmed to what its customer may still hold
 *   (`maxTicketsPerCustomer` minus the tickets they hold or bought); one that fits nothing keeps
 *   its place and is skipped.
 * - Queued requests first by arrival: an entry is offered only if it joined before the event's
 *   oldest undecided request arrived; returned tickets the waitlist may not take stay on sale for
 *   that request and the ones behind it.
 * - Seated types: the best available seats for the entry's quantity (the returned ones among them).
 */

/** What a writer needs to make offers: its id for the history rows, and the command's request id. */
export interface OfferWriter {
  workerId: string;
  requestId: string | null;
}

export interface WaitlistSettlement {
  /** The offered holds, as written. */
  offered: ReservationWithItems[];
  /** Their transitions (queued → held), for the counters after the commit. */
  transitions: Transition[];
}

const NOTHING: WaitlistSettlement = { offered: [], transitions: [] };

/** The most waiting entries one settlement reads: a generous multiple of the tickets it can offer. */
const candidatesFor = (tickets: number) => Math.min(10_000, Math.max(1_000, tickets * 20));

type EndedOffer = { id: string; status: 'accepted' | 'lapsed' | 'declined' };

const ENDED_AS = { confirmed: 'accepted', expired: 'lapsed', cancelled: 'declined' } as const;

/** Offers are recorded with this request hash prefix (`waitlist:<entry id>`), which tells them from requests. */
const OFFER_HASH_PREFIX = 'waitlist:';

/** The offers whose holds these transitions end: confirmed, expired or cancelled offer holds. */
function endedHolds(transitions: readonly Transition[]): EndedOffer[] {
  return transitions.flatMap(({ reservation, to }) =>
    reservation.status === 'held' && reservation.requestHash.startsWith(OFFER_HASH_PREFIX) && (to === 'confirmed' || to === 'expired' || to === 'cancelled')
      ? [{ id: reservation.id, status: ENDED_AS[to] }]
      : [],
  );
}

/** Whether a transition gives tickets back (an expiry, a cancel of a hold or a sale). */
const releasesTickets = (transitions: readonly Transition[]) =>
  transitions.some(({ reservation, to }) => {
    const move = inventoryMoveOf(reservation.status, to);
    return move.held + move.sold < 0;
  });

/**
 * After `applied` was written for the event, in the same transaction: closes the waitlist entries
 * whose offered holds it ended, and offers the event's free tickets to the entries next in line.
 */
export async function settleWaitlist(
  tx: TransactionSql,
  input: {
    eventId: string;
    locked: LockedInventory;
    applied: readonly Transition[];
    writer: OfferWriter;
    /** A decision batch that left tickets free (settleWaitlistAfterDecisions): settle though nothing was released. */
    afterDecisions?: boolean;
  },
): Promise<WaitlistSettlement> {
  const ended = endedHolds(input.applied);
  // A confirm of a hold that was no offer frees nothing and ends no offer: no statement at all.
  if (ended.length === 0 && !input.afterDecisions && !releasesTickets(input.applied)) return NOTHING;
  const waitingTypes = await closeEndedOffers(tx, input.eventId, ended);
  if (waitingTypes.length === 0) return NOTHING;
  if (!offersAllowed(input.locked)) return NOTHING;
  const free = freeAfter(input.locked, input.applied);
  const offerable = waitingTypes.filter((id) => (free.get(id) ?? 0) > 0);
  if (offerable.length === 0) return NOTHING;
  const tickets = offerable.reduce((sum, id) => sum + free.get(id)!, 0);
  const candidates = await waitingCandidates(tx, input.eventId, offerable, candidatesFor(tickets));
  const chosen = await chooseOffers(tx, input.locked, candidates, free);
  if (chosen.length === 0) return NOTHING;
  return writeOffers(tx, input.eventId, input.locked.now, chosen, input.writer);
}

/** Offers are made only while the event is on sale, within its sales window. */
function offersAllowed({ terms, now }: LockedInventory): boolean {
  return terms.status === 'on_sale' && isWithinSalesWindow(terms, now);
}

/**
 * After a decision batch, in its transaction: the batch's events that still have free tickets and
 * entries waiting are settled (one statement finds them, run only while some event of the batch
 * has tickets left; a sold-out rush costs nothing). This is how tickets left to the queue (see the rules) reach the waitlist once the
 * requests ahead of an entry are decided without taking them all.
 */
export async function settleWaitlistAfterDecisions(
  tx: TransactionSql,
  locked: ReadonlyMap<string, LockedInventory>,
  applied: readonly Transition[],
  writer: OfferWriter,
): Promise<WaitlistSettlement> {
  // A decision ends no offer: an event that may not offer now has nothing to settle.
  const withFree = [...locked]
    .filter(([, inventory]) => offersAllowed(inventory) && [...freeAfter(inventory, applied).values()].some((free) => free > 0))
    .map(([eventId]) => eventId);
  if (withFree.length === 0) return NOTHING;
  const waiting = await tx<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM waitlist_lines WHERE event_id = ANY(${withFree}::uuid[]) AND waiting > 0 ORDER BY 1`;
  const settled: WaitlistSettlement = { offered: [], transitions: [] };
  for (const { eventId } of waiting) {
    const ofEvent = applied.filter(({ reservation }) => reservation.eventId === eventId);
    const { offered, transitions } = await settleWaitlist(tx, { eventId, locked: locked.get(eventId)!, applied: ofEvent, writer, afterDecisions: true });
    settled.offered.push(...offered);
    settled.transitions.push(...transitions);
  }
  return settled;
}

/**
 * Closes the ended offers' entries (and their lines' `offered` counts) in one statement; answers
 * the event's ticket types with entries waiting, their lines locked. Every waitlist writer locks a
 * line before its entries (a join, a leave, and the writer here), so none waits for another in a
 * cycle; a join or leave of these types waits for this commit.
 */
async function closeEndedOffers(tx: TransactionSql, eventId: string, ended: readonly EndedOffer[]): Promise<string[]> {
  const [row] = await tx<{ waitingTypes: string[] | null }[]>`
    WITH ended AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(ended)}::jsonb) AS e(id uuid, status waitlist_entry_status)
    ), closed AS (
      UPDATE waitlist_entries w SET status = ended.status, closed_at = clock_timestamp()
      FROM ended WHERE w.offer_reservation_id = ended.id AND w.status = 'offered'
      RETURNING w.ticket_type_id
    ), counted AS (
      UPDATE waitlist_lines l SET offered = l.offered - c.n
      FROM (SELECT ticket_type_id, count(*)::int AS n FROM closed GROUP BY ticket_type_id) c
      WHERE l.ticket_type_id = c.ticket_type_id
    )
    SELECT array_agg(ticket_type_id::text) AS "waitingTypes" FROM (
      SELECT ticket_type_id FROM waitlist_lines WHERE event_id = ${eventId} AND waiting > 0 ORDER BY ticket_type_id FOR UPDATE
    ) waiting`;
  return row?.waitingTypes ?? [];
}

/** Free tickets per ticket type once `applied` is written: the locked counters plus what it moved. */
function freeAfter(locked: LockedInventory, applied: readonly Transition[]): Map<string, number> {
  const changes = new Map(counterChangesOf(applied).map((change) => [change.ticketTypeId, change]));
  return new Map(
    locked.stock.map((line) => {
      const change = changes.get(line.id);
      return [line.id, availableOf({ ...line, held: line.held + (change?.held ?? 0), sold: line.sold + (change?.sold ?? 0) })];
    }),
  );
}

interface Candidate {
  id: string;
  ticketTypeId: string;
  code: string;
  customerId: string;
  quantity: number;
  offerTtlSeconds: number;
  /** Tickets the customer holds or bought for the event. */
  liveTickets: number;
}

/**
 * The entries waiting for these types that joined before the event's oldest undecided request,
 * in join order. Their lines are locked (closeEndedOffers), and a leave locks the line before
 * the entry: none of them changes before this transaction commits.
 */
function waitingCandidates(tx: TransactionSql, eventId: string, ticketTypeIds: readonly string[], limit: number) {
  return tx<Candidate[]>`
    WITH head AS (
      SELECT r.arrival FROM reservations r
      WHERE r.event_id = ${eventId} AND r.status = 'queued' AND r.queue_seq IS NOT NULL
      ORDER BY r.queue_seq LIMIT 1
    )
    SELECT w.id, w.ticket_type_id AS "ticketTypeId", t.code, w.customer_id AS "customerId", w.quantity,
      w.offer_ttl_seconds AS "offerTtlSeconds",
      (SELECT coalesce(sum(li.quantity), 0)::int
       FROM reservations l JOIN reservation_items li ON li.reservation_id = l.id
       WHERE l.event_id = w.event_id AND l.customer_id = w.customer_id AND l.status IN ('held', 'confirmed')) AS "liveTickets"
    FROM waitlist_entries w JOIN ticket_types t ON t.id = w.ticket_type_id
    WHERE w.ticket_type_id = ANY(${ticketTypeIds as string[]}::uuid[]) AND w.status = 'waiting'
      AND w.arrival < coalesce((SELECT arrival FROM head), 9223372036854775807)
    ORDER BY w.ticket_type_id, w.seq
    LIMIT ${limit}`;
}

interface ChosenOffer {
  entry: Candidate;
  reservationId: string;
  quantity: number;
  seats?: { seatId: string; ticketTypeId: string }[];
}

/** Walks the candidates in join order and takes what each may have (see the rules above). */
async function chooseOffers(
  tx: TransactionSql,
  locked: LockedInventory,
  candidates: readonly Candidate[],
  free: Map<string, number>,
): Promise<ChosenOffer[]> {
  const seatedIds = new Set(candidates.map((entry) => entry.ticketTypeId));
  const seated = locked.seated.filter((type) => seatedIds.has(type.ticketTypeId));
  // Read under the lock after this transaction's releases: the returned seats are free in it.
  const seats = seated.length > 0 ? new BatchSeatAllocator(await loadSeatAvailability(tx, seated, undefined)) : undefined;
  const isSeated = new Set(seated.map((type) => type.ticketTypeId));
  const limit = locked.terms.maxTicketsPerCustomer;
  const offeredTo = new Map<string, number>();
  const chosen: ChosenOffer[] = [];
  for (const entry of candidates) {
    const left = free.get(entry.ticketTypeId) ?? 0;
    if (left === 0) continue;
    const already = entry.liveTickets + (offeredTo.get(entry.customerId) ?? 0);
    const quantity = limit === null ? entry.quantity : Math.min(entry.quantity, limit - already);
    if (quantity <= 0 || quantity > left) continue;
    const reservationId = randomUUID();
    let offerSeats: ChosenOffer['seats'];
    if (seats && isSeated.has(entry.ticketTypeId)) {
      const request = { id: reservationId, seatRequest: null, items: [{ ticketTypeId: entry.ticketTypeId, quantity }] };
      if (seats.allocate(request as unknown as ReservationWithItems)) continue;
      offerSeats = seats.assignments.filter((seat) => seat.reservationId === reservationId).map(({ seatId, ticketTypeId }) => ({ seatId, ticketTypeId }));
    }
    free.set(entry.ticketTypeId, left - quantity);
    offeredTo.set(entry.customerId, (offeredTo.get(entry.customerId) ?? 0) + quantity);
    chosen.push({ entry, reservationId, quantity, ...(offerSeats ? { seats: offerSeats } : {}) });
  }
  return chosen;
}

/**
 * Records each offer as a reservation of its customer (recorded and held in this transaction, so
 * nobody ever sees it queued: no place in the event's queue), holds it through the one writer of
 * every transition, and marks the entries offered.
 */
async function writeOffers(
  tx: TransactionSql,
  eventId: string,
  now: Date,
  chosen: readonly ChosenOffer[],
  writer: OfferWriter,
): Promise<WaitlistSettlement> {
  const rows = chosen.map(({ entry, reservationId, quantity }) => ({
    id: reservationId,
    entryId: entry.id,
    customerId: entry.customerId,
    ticketTypeId: entry.ticketTypeId,
    quantity,
  }));
  await tx`
    WITH offer AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS o(id uuid, "entryId" uuid, "customerId" text, "ticketTypeId" uuid, quantity int)
    ), inserted AS (
      INSERT INTO reservations (id, event_id, partition, customer_id, request_hash, request_id)
      SELECT o.id, ${eventId}, (SELECT partition FROM reservations WHERE event_id = ${eventId} LIMIT 1), o."customerId",
        ${OFFER_HASH_PREFIX}::text || o."entryId"::text, ${writer.requestId}
      FROM offer o
      RETURNING id
    ), items AS (
      INSERT INTO reservation_items (reservation_id, ticket_type_id, quantity)
      SELECT o.id, o."ticketTypeId", o.quantity FROM offer o JOIN inserted USING (id)
    )
    INSERT INTO reservation_history (reservation_id, version, to_status, actor, request_id)
    SELECT o.id, 1, 'queued', 'waitlist:' || o."entryId", ${writer.requestId} FROM offer o JOIN inserted USING (id)`;
  const recorded = new Map(
    (await selectReservations(tx, tx`r.id = ANY(${rows.map((row) => row.id)}::uuid[])`)).map((reservation) => [reservation.id, reservation]),
  );
  const transitions: Transition[] = chosen.map(({ entry, reservationId, seats }) => ({
    reservation: recorded.get(reservationId)!,
    requestId: writer.requestId,
    to: 'held',
    expiresAt: new Date(now.getTime() + entry.offerTtlSeconds * 1000),
    ...(seats ? { seats } : {}),
  }));
  const offered = await applyTransitions(tx, transitions, writer);
  await markOffered(tx, rows, offered);
  // `waitlist.offered`, in the same transaction: announced only if the offer commits.
  await recordWebhookEvents(
    tx,
    offered.map((reservation, index) => ({
      type: 'waitlist.offered',
      eventId,
      reservationId: reservation.id,
      sequence: reservation.version,
      data: { entryId: chosen[index]!.entry.id, ticketType: chosen[index]!.entry.code, reservation: toReservationView(reservation) },
    })),
  );
  return { offered, transitions };
}

/** The entries become `offered` and their lines' counters move, in one statement. */
async function markOffered(tx: TransactionSql, rows: readonly { id: string; entryId: string; quantity: number }[], offered: readonly ReservationWithItems[]) {
  const [written] = await tx<{ count: number }[]>`
    WITH offer AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS o(id uuid, "entryId" uuid, quantity int)
    ), marked AS (
      UPDATE waitlist_entries w SET status = 'offered', offer_reservation_id = o.id, offered_quantity = o.quantity, offered_at = ${offered[0]!.updatedAt.toISOString()}::timestamptz
      FROM offer o WHERE w.id = o."entryId" AND w.status = 'waiting'
      RETURNING w.ticket_type_id, w.quantity
    ), counted AS (
      UPDATE waitlist_lines l SET waiting = l.waiting - m.n, waiting_tickets = l.waiting_tickets - m.tickets, offered = l.offered + m.n
      FROM (SELECT ticket_type_id, count(*)::int AS n, sum(quantity)::int AS tickets FROM marked GROUP BY ticket_type_id) m
      WHERE l.ticket_type_id = m.ticket_type_id
    )
    SELECT count(*)::int AS count FROM marked`;
  if (written!.count !== rows.length) throw new InvariantViolated(`${rows.length - written!.count} waitlist entries changed while locked`);
}
