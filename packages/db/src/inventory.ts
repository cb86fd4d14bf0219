import { dateOrNull, type TransactionSql } from './client';
import type { SaleTerms, Stock } from '@onsale/domain';
import type { Event } from './schema';
import type { LockedSeatedType } from './seat-decisions';

/** A ticket type's counters under the lock, with its `inventory_version`. */
export type LockedStock = Stock & { inventoryVersion: number };

export interface LockedInventory {
  stock: LockedStock[];
  terms: SaleTerms;
  /** The ticket types sold as assigned seats, with their inventory versions. */
  seated: LockedSeatedType[];
  /** The database clock when the lock was taken: the one clock every decision uses. */
  now: Date;
}

/**
 * Locks every ticket type of the events, in id order, and reads each event's sale terms. Every
 * transaction that changes an event's inventory starts here, so they serialise on the event and,
 * all locking in the same order, cannot deadlock one another. Events that do not exist are
 * missing from the result.
 *
 * `FOR NO KEY UPDATE` is PostgreSQL's `FOR UPDATE` for a writer that changes no key (held and
 * sold are not keys): it excludes every other inventory transaction exactly as `FOR UPDATE`
 * would, but not the `FOR KEY SHARE` lock that the foreign-key check of a request being recorded
 * takes on its ticket type. With `FOR UPDATE`, recording a rush queued behind every decision.
 */
type LockedRow = Stock &
  Pick<Event, 'status' | 'holdTtlSeconds' | 'maxTicketsPerCustomer'> & {
    eventId: string;
    seated: boolean;
    inventoryVersion: string;
    salesStartAt: string | null;
    salesEndAt: string | null;
    now: string;
  };

export async function lockInventories(tx: TransactionSql, eventIds: readonly string[]): Promise<Map<string, LockedInventory>> {
  const rows = await tx<LockedRow[]>`
    SELECT t.event_id AS "eventId", t.id, t.capacity, t.held, t.sold, t.seated, t.inventory_version AS "inventoryVersion",
      e.status, e.sales_start_at AS "salesStartAt", e.sales_end_at AS "salesEndAt",
      e.hold_ttl_seconds AS "holdTtlSeconds", e.max_tickets_per_customer AS "maxTicketsPerCustomer",
      clock_timestamp() AS now
    FROM ticket_types t JOIN events e ON e.id = t.event_id
    WHERE t.event_id = ANY(${eventIds as string[]}::uuid[])
    ORDER BY t.id
    FOR NO KEY UPDATE OF t`;
  const locked = new Map<string, LockedInventory>();
  for (const row of rows) {
    const inventory = locked.get(row.eventId) ?? lockedInventoryOf(row);
    inventory.stock.push({ id: row.id, capacity: row.capacity, held: row.held, sold: row.sold, inventoryVersion: Number(row.inventoryVersion) });
    if (row.seated) inventory.seated.push({ ticketTypeId: row.id, version: Number(row.inventoryVersion) });
    locked.set(row.eventId, inventory);
  }
  return locked;
}

function lockedInventoryOf(row: LockedRow): LockedInventory {
  return {
    stock: [],
    seated: [],
    terms: {
      status: row.status,
      salesStartAt: dateOrNull(row.salesStartAt),
      salesEndAt: dateOrNull(row.salesEndAt),
      holdTtlSeconds: row.holdTtlSeconds,
      maxTicketsPerCustomer: row.maxTicketsPerCustomer,
    },
    now: new Date(row.now),
  };
}
