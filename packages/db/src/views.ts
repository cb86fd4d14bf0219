import { seatOfLabel, type EventView, type ReservationView } from '@onsale/shared';
import type { EventWithTicketTypes } from './event.repository';
import type { ReservationWithItems } from './reservation-reads';
import { availableOf } from './reservation-rules';

const iso = (date: Date) => date.toISOString();

export function toEventView(event: EventWithTicketTypes): EventView {
  return {
    id: event.id,
    name: event.name,
    status: event.status,
    startsAt: iso(event.startsAt),
    salesStartAt: event.salesStartAt && iso(event.salesStartAt),
    salesEndAt: event.salesEndAt && iso(event.salesEndAt),
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

export function toReservationView(reservation: ReservationWithItems): ReservationView {
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
