import { randomBytes } from 'node:crypto';
import { commitmentOf, drawEntryOf, drawOrder } from '@onsale/domain';
import { dateOrNull, type Database, type OrmTransaction } from './client';
import type { EventCounters } from './event-counters';
import { lockInventories } from './inventory';
import { readQueueProgress } from './queue-progress';
import { eventDraws, eventQueues } from './schema';

/*
 * The fair draw of an event's pre-queue (`event_draws`, `draw_entries`; the method in
 * @onsale/domain's fair-draw.ts). The seed is drawn when the event is created with a pre-queue and
 * kept here, its commitment published at once; at `salesStartAt` the event's partition writer runs
 * the draw: one transaction, under the inventory lock every writer takes, that ranks every entry,
 * places the entries still queued in rank order and then the requests that arrived after
 * `salesStartAt` in arrival order, and reveals the seed. A draw that ran is never run again (its
 * `drawn_at`), so a redelivered job, a restarted worker or a second sweep changes nothing.
 *
 * Placing a request gives it its queue place (`queue_seq`, `tickets_before`, as the recording does
 * for an event without a draw) and its turn: the event's waiting requests' `arrival` values, the
 * order partition writers decide in, are dealt out again in draw order. The same values, so the
 * event keeps its turn among the partition's other events.
 */

/** What `createEvent` stores for an event with a pre-queue: a fresh seed and its commitment. */
function newDrawSeed(): { seed: string; commitment: string } {
  const seed = randomBytes(32).toString('hex');
  return { seed, commitment: commitmentOf(seed) };
}

/** Sets up an event's draw in its creating transaction: the seed and the queue's draw window. */
export async function openDraw(tx: OrmTransaction, event: { id: string; preQueueOpensAt: Date; salesStartAt: Date }): Promise<void> {
  await tx.insert(eventDraws).values({ eventId: event.id, ...newDrawSeed() });
  await tx.insert(eventQueues).values({ eventId: event.id, drawOpensAt: event.preQueueOpensAt, drawAt: event.salesStartAt });
}

export type DrawOutcome =
  /** The event has no pre-queue (or does not exist). */
  | { kind: 'no_draw' }
  /** Too early: `salesStartAt` has not come by the database clock. */
  | { kind: 'not_due'; drawAt: Date }
  | {
      kind: 'drawn';
      /** False when it had run already: nothing was changed. */
      fresh: boolean;
      drawnAt: Date;
      /** Entries ranked (every pre-queue entry, withdrawn ones too), and requests placed (entries still queued, then late arrivals). */
      entries: number;
      placed: number;
      /** The event's counters and queue progress after the draw (fresh draws only). */
      counters: EventCounters[];
    };

interface Waiting {
  id: string;
  arrival: string;
  tickets: number;
  entered: boolean;
}

/** Runs the event's draw if it is due and has not run; see the module comment. */
export function runDraw({ sql }: Database, eventId: string): Promise<DrawOutcome> {
  return sql.begin(async (tx) => {
    const locked = await lockInventories(tx, [eventId]);
    // After the inventory lock, as every writer; the queue row's lock waits for batches being
    // recorded, and the statements after it see what they committed.
    const [draw] = await tx<{ seed: string; drawnAt: string | null; entries: number | null; drawAt: string | null; due: boolean }[]>`
      SELECT d.seed, d.drawn_at AS "drawnAt", d.entries, q.draw_at AS "drawAt", coalesce(q.draw_at <= clock_timestamp(), true) AS due
      FROM event_draws d JOIN event_queues q ON q.event_id = d.event_id
      WHERE d.event_id = ${eventId}
      FOR UPDATE OF d, q`;
    if (!draw || !locked.has(eventId)) return { kind: 'no_draw' };
    if (draw.drawnAt) {
      return { kind: 'drawn', fresh: false, drawnAt: new Date(draw.drawnAt), entries: draw.entries!, placed: 0, counters: [] };
    }
    if (!draw.due) return { kind: 'not_due', drawAt: new Date(draw.drawAt!) };

    const [entries, waiting] = await Promise.all([
      tx<{ id: string }[]>`SELECT reservation_id AS id FROM draw_entries WHERE event_id = ${eventId}`,
      tx<Waiting[]>`
        SELECT r.id, r.arrival::text AS arrival, (d.reservation_id IS NOT NULL) AS entered,
          (SELECT coalesce(sum(i.quantity), 0)::int FROM reservation_items i WHERE i.reservation_id = r.id) AS tickets
        FROM reservations r LEFT JOIN draw_entries d ON d.reservation_id = r.id
        WHERE r.event_id = ${eventId} AND r.status = 'queued' AND r.queue_seq IS NULL
        ORDER BY r.arrival`,
    ]);
    const ranked = drawOrder(draw.seed, entries.map((entry) => entry.id));
    const byId = new Map(waiting.map((request) => [request.id, request]));
    const placedInOrder = [
      ...ranked.flatMap(({ id }) => {
        const request = byId.get(id);
        return request?.entered ? [request] : [];
      }),
      ...waiting.filter((request) => !request.entered),
    ];
    const turns = waiting.map((request) => request.arrival).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    const [queue] = await tx<{ lastSeq: number; lastTickets: number }[]>`
      SELECT last_seq::float8 AS "lastSeq", last_tickets::float8 AS "lastTickets" FROM event_queues WHERE event_id = ${eventId}`;
    let ticketsBefore = queue!.lastTickets;
    const places = placedInOrder.map((request, index) => {
      const place = { id: request.id, seq: queue!.lastSeq + index + 1, ticketsBefore, arrival: turns[index]! };
      ticketsBefore += request.tickets;
      return place;
    });
    const ranks = ranked.map(({ id, rank }, index) => ({ id, rank, position: index + 1 }));
    const [written] = await tx<{ drawnAt: string }[]>`
      WITH ranked AS (
        UPDATE draw_entries d SET rank = x.rank, position = x.position
        FROM jsonb_to_recordset(${JSON.stringify(ranks)}::jsonb) AS x(id uuid, rank text, position int)
        WHERE d.reservation_id = x.id
      ), placed AS (
        UPDATE reservations r SET queue_seq = p.seq, tickets_before = p."ticketsBefore", arrival = p.arrival
        FROM jsonb_to_recordset(${JSON.stringify(places)}::jsonb) AS p(id uuid, seq bigint, "ticketsBefore" bigint, arrival bigint)
        WHERE r.id = p.id AND r.status = 'queued' AND r.queue_seq IS NULL
      ), queue AS (
        UPDATE event_queues SET last_seq = ${queue!.lastSeq + places.length}, last_tickets = ${ticketsBefore},
          draw_opens_at = NULL, draw_at = NULL
        WHERE event_id = ${eventId}
      )
      UPDATE event_draws SET drawn_at = clock_timestamp(), entries = ${ranks.length}
      WHERE event_id = ${eventId}
      RETURNING drawn_at AS "drawnAt"`;
    const [progress] = await readQueueProgress(tx, [eventId]);
    const { stock } = locked.get(eventId)!;
    const counters: EventCounters[] = [
      { eventId, ticketTypes: stock.map((line) => ({ ...line })), ...(progress ? { queue: progressWithoutId(progress) } : {}) },
    ];
    return { kind: 'drawn', fresh: true, drawnAt: new Date(written!.drawnAt), entries: ranks.length, placed: places.length, counters };
  }) as Promise<DrawOutcome>;
}

const progressWithoutId = ({ eventId: _eventId, ...queue }: Awaited<ReturnType<typeof readQueueProgress>>[number]) => queue;

/**
 * Events whose draw has not run and is due within `withinMs` (0: due now), each with how long
 * until it is due by the database clock (0 once due): the sweeper's list.
 */
export async function findDueDraws({ sql }: Database, withinMs = 0, limit = 1000): Promise<{ eventId: string; dueInMs: number }[]> {
  return sql<{ eventId: string; dueInMs: number }[]>`
    SELECT event_id AS "eventId", greatest(0, extract(epoch FROM draw_at - clock_timestamp()) * 1000)::float8 AS "dueInMs"
    FROM event_queues
    WHERE draw_at IS NOT NULL AND draw_at <= clock_timestamp() + ${withinMs} * interval '1 millisecond'
    ORDER BY draw_at LIMIT ${limit}`;
}

/** The public state of an event's draw; the seed only once it ran. */
export interface DrawState {
  eventId: string;
  commitment: string;
  preQueueOpensAt: Date;
  drawAt: Date;
  drawnAt: Date | null;
  seed: string | null;
  /** Entries in the pre-queue so far (before the draw), or ranked by it. */
  entries: number;
}

export async function readDraw({ sql }: Database, eventId: string): Promise<DrawState | undefined> {
  const [row] = await sql<{ eventId: string; commitment: string; preQueueOpensAt: string; drawAt: string; drawnAt: string | null; seed: string; entries: number }[]>`
    SELECT d.event_id AS "eventId", d.commitment, e.pre_queue_opens_at AS "preQueueOpensAt", e.sales_start_at AS "drawAt",
      d.drawn_at AS "drawnAt", d.seed,
      coalesce(d.entries, (SELECT count(*)::int FROM draw_entries x WHERE x.event_id = d.event_id)) AS entries
    FROM event_draws d JOIN events e ON e.id = d.event_id
    WHERE d.event_id = ${eventId}`;
  if (!row) return undefined;
  return {
    ...row,
    preQueueOpensAt: new Date(row.preQueueOpensAt),
    drawAt: new Date(row.drawAt),
    drawnAt: dateOrNull(row.drawnAt),
    seed: row.drawnAt ? row.seed : null,
  };
}

/** A page of a drawn event's entries in draw order: each published as its entry hash, with its rank. */
export async function readDrawEntries(
  { sql }: Database,
  eventId: string,
  page: { afterPosition: number; limit: number },
): Promise<{ position: number; entry: string; rank: string }[]> {
  const rows = await sql<{ id: string; position: number; rank: string }[]>`
    SELECT reservation_id AS id, position, rank FROM draw_entries
    WHERE event_id = ${eventId} AND position > ${page.afterPosition}
    ORDER BY position LIMIT ${page.limit}`;
  return rows.map(({ id, position, rank }) => ({ position, entry: drawEntryOf(id), rank }));
}
