import type { QueuePlaceOf, ReservationWithItems } from '@onsale/db';
import { toReservationView } from '@onsale/domain';
import type { ReservationView } from '@onsale/shared';

/** A reservation as this process last learnt it, with what its polls need besides. */
export interface CachedReservation {
  view: ReservationView;
  /** Its place in its event's queue; null for a request recorded before places existed. */
  place: QueuePlaceOf | null;
  /** The `EventState.epoch` it was learnt under: a later epoch means changes may have been missed. */
  epoch: number;
  /** When it was learnt (ms since the epoch). */
  readAtMs: number;
  /** The latest ETA this process told for it (ms since the epoch), kept so that ETAs only go down while the rate holds. */
  toldEtaMs?: number;
}

/** How long a dropped reservation's version is remembered, so that a read that began before the drop cannot put back the older state. */
const DROPPED_FOR_MS = 10_000;

/**
 * Reservations served to polls from memory, at most `maxEntries` (the oldest learnt dropped
 * first). An entry only ever moves to a newer version; a reservation that changed is dropped
 * (`drop`) and read again from PostgreSQL by its next poll.
 */
export class ReservationCache {
  private readonly entries = new Map<string, CachedReservation>();
  private readonly dropped = new Map<string, { version: number; untilMs: number }>();

  constructor(private readonly maxEntries = 100_000) {}

  get(id: string): CachedReservation | undefined {
    return this.entries.get(id);
  }

  /** Keeps `entry` unless a newer version of the reservation is known. */
  set(entry: CachedReservation): void {
    const { id, version } = entry.view;
    const known = this.entries.get(id);
    if (known && known.view.version > version) return;
    const drop = this.dropped.get(id);
    if (drop && drop.untilMs > Date.now() && drop.version > version) return;
    this.entries.delete(id);
    this.entries.set(id, known && known.view.version === version ? { ...entry, toldEtaMs: known.toldEtaMs } : entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets the reservation: it is at `version` now, and no older state of it may be kept again. */
  drop(id: string, version: number): void {
    const known = this.entries.get(id);
    if (known && known.view.version >= version) return;
    this.entries.delete(id);
    const now = Date.now();
    this.dropped.set(id, { version, untilMs: now + DROPPED_FOR_MS });
    if (this.dropped.size > this.maxEntries) {
      for (const [key, drop] of this.dropped) if (drop.untilMs <= now) this.dropped.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A cache entry for a reservation read from PostgreSQL. */
export function cachedOf(reservation: ReservationWithItems, epoch: number): CachedReservation {
  const place = reservation.queueSeq !== null && reservation.ticketsBefore !== null ? { seq: reservation.queueSeq, ticketsBefore: reservation.ticketsBefore } : null;
  return { view: toReservationView(reservation), place, epoch, readAtMs: Date.now() };
}
