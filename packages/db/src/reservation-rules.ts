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

export interface QueuedRequest {
  customerId: string;
  items: readonly RequestedItem[];
}

/**
 * Decides queued requests one after another, in the order given, as if each were decided in its
 * own transaction: a hold takes its tickets from the stock the next request sees, and counts
 * towards its customer's limit. `liveTickets` maps customers to tickets they already hold or bought.
 */
export function decideInOrder<R extends QueuedRequest>(input: {
  terms: SaleTerms;
  stock: readonly Stock[];
  requests: readonly R[];
  liveTickets: ReadonlyMap<string, number>;
  now: Date;
}): { request: R; decision: ReservationDecision }[] {
  const stock = input.stock.map((line) => ({ ...line }));
  const stockById = new Map(stock.map((line) => [line.id, line]));
  const liveTickets = new Map(input.liveTickets);
  return input.requests.map((request) => {
    const decision = decideReservation({
      terms: input.terms,
      stock,
      items: request.items,
      customerLiveTickets: liveTickets.get(request.customerId) ?? 0,
      now: input.now,
    });
    if (decision.outcome === 'held') {
      for (const item of request.items) stockById.get(item.ticketTypeId)!.held += item.quantity;
      const requested = request.items.reduce((sum, item) => sum + item.quantity, 0);
      liveTickets.set(request.customerId, (liveTickets.get(request.customerId) ?? 0) + requested);
    }
    return { request, decision };
  });
}
