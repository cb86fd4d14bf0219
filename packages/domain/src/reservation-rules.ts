import type { EventStatus, RejectionReason, ReservationStatus } from '@onsale/shared';

/** What an event's sale allows: a request is decided against these and its stock. */
export interface SaleTerms {
  status: EventStatus;
  salesStartAt: Date | null;
  salesEndAt: Date | null;
  holdTtlSeconds: number;
  maxTicketsPerCustomer: number | null;
}

/** A ticket type's counters. */
export interface Stock {
  id: string;
  capacity: number;
  held: number;
  sold: number;
}

export interface RequestedItem {
  ticketTypeId: string;
  quantity: number;
}

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
  /**
   * Seated ticket types: takes the seats of a request that would be held, or returns why it
   * cannot have them (then it is rejected with that reason). Per-customer limits count seats as tickets.
   */
  allocateSeats?: (request: R) => RejectionReason | undefined;
  /** Seated ticket types: a more precise reason than `sold_out`, if any (exact seats: which are taken). Takes nothing. */
  explainSoldOut?: (request: R) => RejectionReason | undefined;
}): { request: R; decision: ReservationDecision }[] {
  const stock = input.stock.map((line) => ({ ...line }));
  const stockById = new Map(stock.map((line) => [line.id, line]));
  const liveTickets = new Map(input.liveTickets);
  return input.requests.map((request) => {
    const counted = decideReservation({
      terms: input.terms,
      stock,
      items: request.items,
      customerLiveTickets: liveTickets.get(request.customerId) ?? 0,
      now: input.now,
    });
    const seatRefusal =
      counted.outcome === 'held'
        ? input.allocateSeats?.(request)
        : counted.reason === 'sold_out'
          ? input.explainSoldOut?.(request)
          : undefined;
    const decision: ReservationDecision = seatRefusal ? { outcome: 'rejected', reason: seatRefusal } : counted;
    if (decision.outcome === 'held') {
      for (const item of request.items) stockById.get(item.ticketTypeId)!.held += item.quantity;
      const requested = request.items.reduce((sum, item) => sum + item.quantity, 0);
      liveTickets.set(request.customerId, (liveTickets.get(request.customerId) ?? 0) + requested);
    }
    return { request, decision };
  });
}

/** How a transition moves each of a reservation's items between the held and sold counters, per unit. */
export interface InventoryMove {
  held: -1 | 0 | 1;
  sold: -1 | 0 | 1;
}

const STAYS: InventoryMove = { held: 0, sold: 0 };

/**
 * The reservation lifecycle: every allowed transition and what it does to the inventory. A
 * transition not listed here is refused by the writer.
 */
const LIFECYCLE: Partial<Record<ReservationStatus, Partial<Record<ReservationStatus, InventoryMove>>>> = {
  queued: { held: { held: 1, sold: 0 }, rejected: STAYS, cancelled: STAYS },
  held: { confirmed: { held: -1, sold: 1 }, cancelled: { held: -1, sold: 0 }, expired: { held: -1, sold: 0 } },
  confirmed: { cancelled: { held: 0, sold: -1 } },
};

/** The inventory move of `from → to`; throws for a transition the lifecycle does not allow. */
export function inventoryMoveOf(from: ReservationStatus, to: ReservationStatus): InventoryMove {
  const move = LIFECYCLE[from]?.[to];
  if (!move) throw new Error(`a reservation cannot go from ${from} to ${to}`);
  return move;
}

/** Statuses a reservation can leave by `to` (e.g. what cancelling can release). */
export function statusesThatReach(to: ReservationStatus): ReservationStatus[] {
  return (Object.keys(LIFECYCLE) as ReservationStatus[]).filter((from) => LIFECYCLE[from]?.[to] !== undefined);
}
