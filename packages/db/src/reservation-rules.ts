import type { RejectionReason } from '@onsale/shared';
import type { Event, ReservationItem, TicketType } from './schema';

export type SaleTerms = Pick<Event, 'status' | 'salesStartAt' | 'salesEndAt' | 'holdTtlSeconds' | 'maxTicketsPerCustomer'>;
export type Stock = Pick<TicketType, 'id' | 'capacity' | 'held' | 'sold'>;
export type RequestedItem = Pick<ReservationItem, 'ticketTypeId' | 'quantity'>;

export type ReservationDecision =
  | { outcome: 'held'; expiresAt: Date }
  | { outcome: 'rejected'; reason: RejectionReason };

export function availableOf(stock: Stock): number {
  return stock.capacity - stock.held - stock.sold;
}

export function isWithinSalesWindow(terms: SaleTerms, now: Date): boolean {
  if (terms.salesStartAt && now < terms.salesStartAt) return false;
  if (terms.salesEndAt && now >= terms.salesEndAt) return false;
  return true;
}

/**
 * Decides one queued request against the event's locked inventory: every item or none.
 * The caller has the event's ticket types locked, so `stock` cannot change underneath.
 */
export function decideReservation(input: {
  terms: SaleTerms;
  stock: readonly Stock[];
  items: readonly RequestedItem[];
  /** Tickets the customer already holds or bought for this event. */
  customerLiveTickets: number;
  now: Date;
}): ReservationDecision {
  const { terms, stock, items, customerLiveTickets, now } = input;
  if (terms.status !== 'on_sale') return { outcome: 'rejected', reason: 'event_not_on_sale' };
  if (!isWithinSalesWindow(terms, now)) return { outcome: 'rejected', reason: 'sales_closed' };

  const stockById = new Map(stock.map((line) => [line.id, line]));
  if (items.some((item) => !stockById.has(item.ticketTypeId))) {
    return { outcome: 'rejected', reason: 'unknown_ticket_type' };
  }
  const requested = items.reduce((sum, item) => sum + item.quantity, 0);
  if (terms.maxTicketsPerCustomer !== null && customerLiveTickets + requested > terms.maxTicketsPerCustomer) {
    return { outcome: 'rejected', reason: 'limit_exceeded' };
  }
  if (items.some((item) => availableOf(stockById.get(item.ticketTypeId)!) < item.quantity)) {
    return { outcome: 'rejected', reason: 'sold_out' };
  }
  return { outcome: 'held', expiresAt: new Date(now.getTime() + terms.holdTtlSeconds * 1000) };
}
