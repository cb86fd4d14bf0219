import { asc, eq, sql } from 'drizzle-orm';
import type { Transaction } from './client';
import { ticketTypes, type TicketType } from './schema';

/**
 * Locks every ticket type of the event, in id order. Every transaction that changes an event's
 * inventory starts here, so they serialise on the event and cannot deadlock one another.
 */
export async function lockEventInventory(tx: Transaction, eventId: string): Promise<TicketType[]> {
  return tx
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(asc(ticketTypes.id))
    .for('update');
}

export interface CounterChange {
  ticketTypeId: string;
  held: number;
  sold: number;
}

/** Applies held/sold deltas, merged per ticket type, in one statement; the CHECK constraints reject any overselling. */
export async function changeCounters(tx: Transaction, changes: readonly CounterChange[]): Promise<void> {
  const merged = new Map<string, CounterChange>();
  for (const change of changes) {
    const total = merged.get(change.ticketTypeId) ?? { ticketTypeId: change.ticketTypeId, held: 0, sold: 0 };
    merged.set(change.ticketTypeId, { ...total, held: total.held + change.held, sold: total.sold + change.sold });
  }
  if (merged.size === 0) return;
  await tx.execute(sql`
    UPDATE ticket_types AS t
    SET held = t.held + c.held, sold = t.sold + c.sold
    FROM jsonb_to_recordset(${JSON.stringify([...merged.values()])}::jsonb) AS c("ticketTypeId" uuid, held int, sold int)
    WHERE t.id = c."ticketTypeId"`);
}

/** The counter changes that move a reservation's items by `held` and `sold` units each. */
export function countersFor(
  items: readonly { ticketTypeId: string; quantity: number }[],
  delta: { held: -1 | 0 | 1; sold: -1 | 0 | 1 },
): CounterChange[] {
  return items.map((item) => ({
    ticketTypeId: item.ticketTypeId,
    held: delta.held * item.quantity,
    sold: delta.sold * item.quantity,
  }));
}
