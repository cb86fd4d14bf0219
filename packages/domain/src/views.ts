import { seatOfLabel, type EventStatus, type EventView, type RejectionReason, type ReservationStatus, type ReservationView } from '@onsale/shared';
import { availableOf, type SaleTerms, type Stock } from './reservation-rules';

/** An event with its ticket types, as stored: what `toEventView` shows. */
export interface EventRecord extends SaleTerms {
  id: string;
  name: string;
  status: EventStatus;
  startsAt: Date;
  createdAt: Date;
  /** Events with a pre-queue and its draw at `salesStartAt`. */
  preQueueOpensAt?: Date | null;
  ticketTypes: (Stock & { code: string; name: string; priceCents: number; seated: boolean })[];
}

/** A reservation with its items, as stored: what `toReservationView` shows. */
export interface ReservationRecord {
  id: string;
  eventId: string;
  customerId: string;
  status: ReservationStatus;
  reason: RejectionReason | null;
  items: { quantity: number; ticketType: { code: string } }[];
  /** The labels of the seats it holds, bought or held before its hold ended; none for general admission. */
  seatLabels?: string[] | null;
  takenSeats: string[] | null;
  expiresAt: Date | null;
  createdAt: Date;
  decidedAt: Date | null;
  updatedAt: Date;
  version: number;
}

const iso = (date: Date) => date.toISOString();

export function toEventView(event: EventRecord): EventView {
  return {
    id: event.id,
    name: event.name,
    status: event.status,
    startsAt: iso(event.startsAt),
    salesStartAt: event.salesStartAt && iso(event.salesStartAt),
    salesEndAt: event.salesEndAt && iso(event.salesEndAt),
    ...(event.preQueueOpensAt ? { preQueueOpensAt: iso(event.preQueueOpensAt) } : {}),
    holdTtlSeconds: event.holdTtlSeconds,
    maxTicketsPerCustomer: event.maxTicketsPerCustomer,
    createdAt: iso(event.createdAt),
    ticketTypes: event.ticketTypes.map((ticketType) => ({
      id: ticketType.id,
      code: ticketType.code,
      name: ticketType.name,
      priceCents: ticketType.priceCents,
      capacity: ticketType.capacity,
      available: availableOf(ticketType),
      held: ticketType.held,
      sold: ticketType.sold,
      seated: ticketType.seated,
    })),
  };
}

export function toReservationView(reservation: ReservationRecord): ReservationView {
  return {
    id: reservation.id,
    eventId: reservation.eventId,
    customerId: reservation.customerId,
    status: reservation.status,
    ...(reservation.reason ? { reason: reservation.reason } : {}),
    items: reservation.items.map((item) => ({ ticketType: item.ticketType.code, quantity: item.quantity })),
    ...(reservation.seatLabels?.length ? { seats: reservation.seatLabels.map(seatOfLabel) } : {}),
    ...(reservation.takenSeats?.length ? { takenSeats: reservation.takenSeats } : {}),
    ...(reservation.expiresAt ? { expiresAt: iso(reservation.expiresAt) } : {}),
    createdAt: iso(reservation.createdAt),
    ...(reservation.decidedAt ? { decidedAt: iso(reservation.decidedAt) } : {}),
    updatedAt: iso(reservation.updatedAt),
    version: reservation.version,
  };
}
