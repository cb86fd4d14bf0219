import type { RejectionReason } from '@onsale/shared';
import type { Database, TransactionSql } from './client';
import type { ReservationWithItems } from './reservation-reads';
import { bestAvailable, exactSeats, SeatAvailability, type AllocatorRow } from '@onsale/domain';

/*
 * Seats in the decision transaction: the seated ticket types' free/taken state under the event
 * lock, the allocation of each request in arrival order, and what the writer records.
 */

/** A seated ticket type as the lock read it. */
export interface LockedSeatedType {
  ticketTypeId: string;
  /** `ticket_types.inventory_version` under the lock. */
  version: number;
}

/** Seat states kept between batches, per ticket type, at most this many. */
const CACHED_TICKET_TYPES = 64;

/**
 * A worker's seat states between batches. An entry is used only when the version read under the
 * lock equals the version its own commit left: every write of a ticket type's seats or counters
 * bumps the version under the same lock, so equal versions prove nobody changed the seats since.
 * An entry is taken out while a batch uses it (and mutates it) and put back only after that
 * batch committed, so a rolled-back batch leaves nothing behind and a concurrent transaction of
 * another writer in the same process can never see a half-decided state.
 */
export class SeatStateCache {
  private readonly entries = new Map<string, { version: number; availability: SeatAvailability }>();

  checkout(ticketTypeId: string, version: number): SeatAvailability | undefined {
    const entry = this.entries.get(ticketTypeId);
    this.entries.delete(ticketTypeId);
    return entry?.version === version ? entry.availability : undefined;
  }

  checkin(ticketTypeId: string, version: number, availability: SeatAvailability): void {
    this.entries.set(ticketTypeId, { version, availability });
    if (this.entries.size > CACHED_TICKET_TYPES) this.entries.delete(this.entries.keys().next().value!);
  }
}

const seatStates = new WeakMap<Database['sql'], SeatStateCache>();

/** The seat states of a database's pool: shared by the process's writers on it (an entry is only ever used by one batch at a time). */
export function seatStatesOf(database: Database): SeatStateCache {
  let cache = seatStates.get(database.sql);
  if (!cache) seatStates.set(database.sql, (cache = new SeatStateCache()));
  return cache;
}

interface SeatRowRecord {
  ticketTypeId: string;
  ids: string[];
  labels: string[];
  numbers: number[];
}

/**
 * The free/taken state of the seated ticket types, from the cache when the version proves it
 * current, else read under the lock: each type's rows in rank order (section, then row) with
 * their seats by number, and its live assignments.
 */
export async function loadSeatAvailability(
  tx: TransactionSql,
  seated: readonly LockedSeatedType[],
  cache: SeatStateCache | undefined,
): Promise<Map<string, SeatAvailability>> {
  const availability = new Map<string, SeatAvailability>();
  for (const { ticketTypeId, version } of seated) {
    const cached = cache?.checkout(ticketTypeId, version);
    if (cached) availability.set(ticketTypeId, cached);
  }
  const missing = seated.map((type) => type.ticketTypeId).filter((id) => !availability.has(id));
  if (missing.length === 0) return availability;
  const [rows, taken] = await Promise.all([
    tx<SeatRowRecord[]>`
      SELECT s.ticket_type_id AS "ticketTypeId", array_agg(s.id::text ORDER BY s.number) AS ids,
        array_agg(s.label ORDER BY s.number) AS labels, array_agg(s.number ORDER BY s.number) AS numbers
      FROM seats s JOIN seat_rows r ON r.id = s.row_id JOIN seat_sections sec ON sec.id = r.section_id
      WHERE s.ticket_type_id = ANY(${missing}::uuid[])
      GROUP BY s.ticket_type_id, sec.position, r.position
      ORDER BY sec.position, r.position`,
    tx<{ ticketTypeId: string; seatIds: string[] }[]>`
      SELECT ticket_type_id AS "ticketTypeId", array_agg(seat_id::text) AS "seatIds"
      FROM seat_assignments WHERE ticket_type_id = ANY(${missing}::uuid[]) AND released_at IS NULL
      GROUP BY ticket_type_id`,
  ]);
  for (const ticketTypeId of missing) {
    const typeRows = rows.filter((row) => row.ticketTypeId === ticketTypeId);
    const allocatorRows: AllocatorRow[] = typeRows.map((row, rank) => ({
      rank,
      seats: row.ids.map((id, index) => ({ id, label: row.labels[index]!, number: row.numbers[index]! })),
    }));
    const takenIds = taken.find((entry) => entry.ticketTypeId === ticketTypeId)?.seatIds ?? [];
    availability.set(ticketTypeId, new SeatAvailability(allocatorRows, takenIds));
  }
  return availability;
}

/** The seats a held request took, per seat. */
export interface SeatAssignment {
  reservationId: string;
  seatId: string;
  ticketTypeId: string;
}

type SeatChoice = { ok: true; seats: { ticketTypeId: string; seatIds: string[] }[] } | { ok: false; reason: RejectionReason; takenLabels?: string[] };

/**
 * Allocates seats to one event's requests of a batch, in the order they are asked: each request
 * that would be held gets its seats taken at once, so the next request sees them gone. Requests
 * for general-admission ticket types only need no seats.
 */
export class BatchSeatAllocator {
  readonly assignments: SeatAssignment[] = [];
  /** `seats_taken` rejections: the labels that were taken, by reservation id. */
  readonly takenLabels = new Map<string, string[]>();
  constructor(private readonly availability: ReadonlyMap<string, SeatAvailability>) {}

  /** Takes the request's seats, or says why it cannot have them (nothing is taken then). */
  allocate(request: ReservationWithItems): RejectionReason | undefined {
    const choice = this.choose(request);
    if (!choice.ok) {
      if (choice.takenLabels) this.takenLabels.set(request.id, choice.takenLabels);
      return choice.reason;
    }
    for (const { ticketTypeId, seatIds } of choice.seats) {
      this.availability.get(ticketTypeId)!.take(seatIds);
      for (const seatId of seatIds) this.assignments.push({ reservationId: request.id, seatId, ticketTypeId });
    }
    return undefined;
  }

  /** For a request the counters found sold out: `seats_taken` (recording which) when it asked for exact seats. Takes nothing. */
  explainSoldOut(request: ReservationWithItems): RejectionReason | undefined {
    if (request.seatRequest?.kind !== 'exact') return undefined;
    const choice = this.chooseExact(request.seatRequest.labels);
    if (choice.ok || !choice.takenLabels) return undefined;
    this.takenLabels.set(request.id, choice.takenLabels);
    return choice.reason;
  }

  private choose(request: ReservationWithItems): SeatChoice {
    const seatRequest = request.seatRequest;
    if (seatRequest?.kind === 'exact') return this.chooseExact(seatRequest.labels);
    const seats: { ticketTypeId: string; seatIds: string[] }[] = [];
    for (const item of request.items) {
      const availability = this.availability.get(item.ticketTypeId);
      if (!availability) continue;
      const together = seatRequest?.together.includes(item.ticketTypeId) ?? false;
      const allocation = bestAvailable(availability, item.quantity, { together, allowSplit: seatRequest?.allowSplit ?? false });
      if (!allocation.ok) return { ok: false, reason: allocation.reason };
      seats.push({ ticketTypeId: item.ticketTypeId, seatIds: allocation.seatIds });
    }
    return { ok: true, seats };
  }

  private chooseExact(labelsByType: Record<string, string[]>): SeatChoice {
    const seats: { ticketTypeId: string; seatIds: string[] }[] = [];
    const taken: string[] = [];
    for (const [ticketTypeId, labels] of Object.entries(labelsByType)) {
      const availability = this.availability.get(ticketTypeId);
      if (!availability) return { ok: false, reason: 'unknown_seats' };
      const allocation = exactSeats(availability, labels);
      if (!allocation.ok && allocation.reason === 'unknown_seats') return { ok: false, reason: 'unknown_seats' };
      if (!allocation.ok) taken.push(...allocation.takenLabels);
      else seats.push({ ticketTypeId, seatIds: allocation.seatIds });
    }
    return taken.length > 0 ? { ok: false, reason: 'seats_taken', takenLabels: taken } : { ok: true, seats };
  }
}
