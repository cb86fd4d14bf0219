import type { SqlClient, Sql, TransactionSql } from './client';
import { countersFor, lockInventories, mergeCounterChanges } from './inventory';
import { decideInOrder, type ReservationDecision } from './reservation-rules';
import { findReservation, selectReservationsWithLiveTickets, type ReservationWithItems } from './reservation.repository';
import type { CommandResult, CommandTarget, WriterContext } from './reservation-commands';

/*
 * Deciding queued requests in batches: one transaction locks the inventory of the events once,
 * decides every selected request in arrival order, and writes all outcomes, history rows and
 * counters in one statement. A commit per batch rather than per request is what lets a
 * partition's writer keep pace with a rush, whether on one event or spread over many.
 */

/** Which queued requests a batch decides. */
export type QueuedSelection =
  /** The oldest of these events' requests (all of one partition), in arrival order, at most `limit`. */
  | { partition: number; eventIds: readonly string[]; limit: number }
  /** These requests of one event, whatever came before them (deciding inline, as the sync-lock design does). */
  | { eventId: string; reservationIds: readonly string[] };

export interface DecidedBatch {
  decided: ReservationWithItems[];
  /** The batch was full: more requests may be waiting. */
  more: boolean;
}

/** Decides queued requests, in arrival order, in one transaction. */
export function decideQueuedReservations(sql: Sql, selection: QueuedSelection, writer: WriterContext): Promise<DecidedBatch> {
  const eventIds = 'eventIds' in selection ? selection.eventIds : [selection.eventId];
  if (eventIds.length === 0) return Promise.resolve({ decided: [], more: false });
  return sql.begin(async (tx) => {
    // Sent together, run in order: the batch is read under the lock, one round trip for both.
    const [locked, queued] = await Promise.all([lockInventories(tx, eventIds), selectQueued(tx, selection)]);
    if (queued.length === 0) return { decided: [], more: false };
    const outcomes = [];
    for (const [eventId, { requests, liveTickets }] of groupByEvent(queued)) {
      const { terms, stock, now } = locked.get(eventId)!;
      outcomes.push(...decideInOrder({ terms, stock, now, requests, liveTickets }));
    }
    const decided = await writeDecisions(tx, outcomes, writer);
    return { decided, more: 'limit' in selection && queued.length === selection.limit };
  }) as Promise<DecidedBatch>;
}

type QueuedRequest = Awaited<ReturnType<typeof selectQueued>>[number];

/**
 * Requests grouped by event, each group keeping arrival order, with the tickets each of its
 * customers held or bought before the batch.
 */
function groupByEvent(queued: readonly QueuedRequest[]) {
  const groups = new Map<string, { requests: ReservationWithItems[]; liveTickets: Map<string, number> }>();
  for (const { reservation, liveTickets } of queued) {
    let group = groups.get(reservation.eventId);
    if (!group) groups.set(reservation.eventId, (group = { requests: [], liveTickets: new Map() }));
    group.requests.push(reservation);
    group.liveTickets.set(reservation.customerId, liveTickets);
  }
  return groups;
}

/** The events of the partition's next `limit` queued requests: what its next batch will lock. */
export async function findEventsQueuedInPartition(sql: SqlClient, partition: number, limit: number): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM (
      SELECT event_id FROM reservations WHERE partition = ${partition} AND status = 'queued' ORDER BY arrival LIMIT ${limit}
    ) AS next`;
  return rows.map((row) => row.eventId);
}

/** Decides one queued request inline; an unknown or already decided one changes nothing. */
export async function decideQueuedReservation(sql: Sql, target: CommandTarget, writer: WriterContext): Promise<CommandResult> {
  const { decided } = await decideQueuedReservations(
    sql,
    { eventId: target.eventId, reservationIds: [target.reservationId] },
    writer,
  );
  if (decided[0]) return { reservation: decided[0], changed: true };
  const reservation = await findReservation(sql, target.reservationId);
  if (reservation && reservation.eventId !== target.eventId) {
    throw new Error(`reservation ${target.reservationId} is not for event ${target.eventId}`);
  }
  return { reservation, changed: false };
}

function selectQueued(tx: TransactionSql, selection: QueuedSelection) {
  return 'eventIds' in selection
    ? selectReservationsWithLiveTickets(
        tx,
        tx`r.partition = ${selection.partition} AND r.status = 'queued' AND r.event_id = ANY(${selection.eventIds as string[]}::uuid[])`,
        tx`ORDER BY r.arrival LIMIT ${selection.limit}`,
      )
    : selectReservationsWithLiveTickets(
        tx,
        tx`r.event_id = ${selection.eventId} AND r.status = 'queued' AND r.id = ANY(${selection.reservationIds as string[]}::uuid[])`,
        tx`ORDER BY r.arrival`,
      );
}

/**
 * Writes a batch's outcomes in one statement. Each update is conditional on the version read
 * under the lock, so a batch that finds any request changed underneath writes nothing.
 */
async function writeDecisions(
  tx: TransactionSql,
  outcomes: readonly { request: ReservationWithItems; decision: ReservationDecision }[],
  writer: WriterContext,
): Promise<ReservationWithItems[]> {
  const rows = outcomes.map(({ request, decision }) => ({
    id: request.id,
    version: request.version,
    status: decision.outcome,
    reason: decision.outcome === 'rejected' ? decision.reason : null,
    expiresAt: decision.outcome === 'held' ? decision.expiresAt.toISOString() : null,
  }));
  const counters = mergeCounterChanges(
    outcomes
      .filter(({ decision }) => decision.outcome === 'held')
      .flatMap(({ request }) => countersFor(request.items, { held: 1, sold: 0 })),
  );
  const [written] = await tx<{ count: number; startedAt: string; decidedAt: string }[]>`
    WITH decision AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS d(id uuid, version int, status reservation_status, reason rejection_reason, "expiresAt" timestamptz)
    ), clock AS (
      SELECT clock_timestamp() AS at
    ), updated AS (
      UPDATE reservations r SET
        status = d.status, reason = d.reason, expires_at = d."expiresAt", version = r.version + 1,
        updated_at = clock.at, decision_started_at = now(), decided_at = clock.at, decided_by = ${writer.workerId}
      FROM decision d, clock
      WHERE r.id = d.id AND r.version = d.version
      RETURNING r.id, r.version, r.status, r.reason, r.request_id
    ), history AS (
      INSERT INTO reservation_history (reservation_id, version, from_status, to_status, reason, actor, request_id)
      SELECT id, version, 'queued', status, reason, ${`worker:${writer.workerId}`}, request_id FROM updated
    ), counters AS (
      UPDATE ticket_types AS t SET held = t.held + c.held, sold = t.sold + c.sold
      FROM jsonb_to_recordset(${JSON.stringify(counters)}::jsonb) AS c("ticketTypeId" uuid, held int, sold int)
      WHERE t.id = c."ticketTypeId"
    )
    SELECT (SELECT count(*)::int FROM updated) AS count, now() AS "startedAt", clock.at AS "decidedAt" FROM clock`;
  if (written!.count !== rows.length) throw new Error('queued reservations changed outside their event lock');
  const decidedAt = new Date(written!.decidedAt);
  const startedAt = new Date(written!.startedAt);
  return outcomes.map(({ request, decision }) => ({
    ...request,
    status: decision.outcome,
    reason: decision.outcome === 'rejected' ? decision.reason : null,
    expiresAt: decision.outcome === 'held' ? decision.expiresAt : null,
    version: request.version + 1,
    updatedAt: decidedAt,
    decisionStartedAt: startedAt,
    decidedAt,
    decidedBy: writer.workerId,
  }));
}
