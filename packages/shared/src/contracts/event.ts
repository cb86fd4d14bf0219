import { z } from 'zod';
import { isoDateTime, paginationQuery, storableText } from './common';
import { expandSeatMap, seatCountsByTicketType, seatMapSpec, type SeatMapSpec } from './seat-map';
import { ticketTypeCode } from './ticket-type-code';

export { ticketTypeCode };

export const EVENT_STATUSES = ['on_sale', 'paused', 'cancelled'] as const;
export const eventStatus = z.enum(EVENT_STATUSES).meta({ id: 'EventStatus' });
export type EventStatus = z.infer<typeof eventStatus>;

/**
 * The event lifecycle: the status changes a PATCH may make (as LIFECYCLE does for reservations in
 * packages/db's reservation-rules.ts). Sales pause and resume; cancelling is final: buyers were
 * told the event is off. Setting the status an event already has changes nothing and is allowed;
 * any other move is refused (409).
 */
export const EVENT_STATUS_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  on_sale: ['paused', 'cancelled'],
  paused: ['on_sale', 'cancelled'],
  cancelled: [],
};

export const canChangeEventStatus = (from: EventStatus, to: EventStatus): boolean =>
  from === to || EVENT_STATUS_TRANSITIONS[from].includes(to);

/** The statuses an event may be in to become `to`: the `WHERE status IN (…)` of a race-free update. */
export const eventStatusesBecoming = (to: EventStatus): EventStatus[] => EVENT_STATUSES.filter((from) => canChangeEventStatus(from, to));

export const createTicketTypeBody = z.strictObject({
  code: ticketTypeCode,
  name: storableText(1, 200),
  priceCents: z.int().min(0).max(100_000_000),
  capacity: z.int().min(0).max(10_000_000),
});

function checkSalesWindow(
  value: { salesStartAt?: string | null; salesEndAt?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (value.salesStartAt && value.salesEndAt && Date.parse(value.salesEndAt) <= Date.parse(value.salesStartAt)) {
    ctx.addIssue({ code: 'custom', path: ['salesEndAt'], message: 'must be after salesStartAt' });
  }
}

function checkPreQueue(value: { preQueueOpensAt?: string; salesStartAt?: string }, ctx: z.RefinementCtx): void {
  if (value.preQueueOpensAt === undefined) return;
  if (value.salesStartAt === undefined) {
    ctx.addIssue({ code: 'custom', path: ['preQueueOpensAt'], message: 'needs salesStartAt: the draw runs then' });
  } else if (Date.parse(value.preQueueOpensAt) >= Date.parse(value.salesStartAt)) {
    ctx.addIssue({ code: 'custom', path: ['preQueueOpensAt'], message: 'must be before salesStartAt' });
  }
}

export const createEventBody = z
  .strictObject({
    name: storableText(1, 200),
    startsAt: isoDateTime,
    salesStartAt: isoDateTime.optional(),
    salesEndAt: isoDateTime.optional(),
    /**
     * Opens a pre-queue: requests from then until salesStartAt are put in a random order at
     * salesStartAt, by a draw anyone can check (GET /v1/events/{eventId}/draw). Needs salesStartAt.
     */
    preQueueOpensAt: isoDateTime.optional(),
    holdTtlSeconds: z.int().min(10).max(86_400).default(600),
    maxTicketsPerCustomer: z.int().min(1).max(1_000).optional(),
    ticketTypes: z.array(createTicketTypeBody).min(1).max(50),
    /** Assigned seating: the sections of the seated ticket types; each one's capacity must equal its seat count. */
    seatMap: seatMapSpec.optional(),
  })
  .superRefine((event, ctx) => {
    checkSalesWindow(event, ctx);
    checkPreQueue(event, ctx);
    const seen = new Set<string>();
    event.ticketTypes.forEach((ticketType, index) => {
      if (seen.has(ticketType.code)) {
        ctx.addIssue({ code: 'custom', path: ['ticketTypes', index, 'code'], message: 'duplicate code' });
      }
      seen.add(ticketType.code);
    });
    if (event.seatMap) {
      for (const issue of seatMapIssues(event.seatMap, event.ticketTypes)) ctx.addIssue({ code: 'custom', ...issue });
    }
  });
// Not a named schema: a named one is generated from the parsed (output) side, where the defaulted
// holdTtlSeconds is required, and clients would have to send what the API defaults.
export type CreateEventBody = z.infer<typeof createEventBody>;

/**
 * What makes a seat map wrong for an event's ticket types, at paths of a body holding `seatMap`
 * and `ticketTypes`: the map's own problems (duplicate labels), sections of unknown ticket types,
 * and seated ticket types whose capacity is not their seat count (when `capacity` is given).
 */
export function seatMapIssues(
  seatMap: SeatMapSpec,
  ticketTypes: readonly { code: string; capacity?: number }[],
): { path: (string | number)[]; message: string }[] {
  const { sections, issues } = expandSeatMap(seatMap);
  const found = issues.map((issue) => ({ path: ['seatMap', ...issue.path], message: issue.message }));
  const known = new Set(ticketTypes.map((ticketType) => ticketType.code));
  seatMap.sections.forEach((section, index) => {
    if (!known.has(section.ticketType)) {
      found.push({ path: ['seatMap', 'sections', index, 'ticketType'], message: `no ticket type ${section.ticketType}` });
    }
  });
  const counts = seatCountsByTicketType(sections);
  ticketTypes.forEach((ticketType, index) => {
    const seatCount = counts.get(ticketType.code);
    if (seatCount !== undefined && ticketType.capacity !== undefined && ticketType.capacity !== seatCount) {
      found.push({ path: ['ticketTypes', index, 'capacity'], message: `must equal its ${seatCount} seats in seatMap` });
    }
  });
  return found;
}

/** `PUT /v1/events/:eventId/seat-map`: the event's new map; seated ticket types take their new seat counts as capacity. */
export const replaceSeatMapBody = z.strictObject({ seatMap: seatMapSpec }).meta({ id: 'ReplaceSeatMapRequest' });
export type ReplaceSeatMapBody = z.infer<typeof replaceSeatMapBody>;

export const updateEventBody = z
  .strictObject({
    status: eventStatus.optional(),
    salesStartAt: isoDateTime.nullable().optional(),
    salesEndAt: isoDateTime.nullable().optional(),
  })
  .superRefine(checkSalesWindow)
  .meta({ id: 'UpdateEventRequest' });
export type UpdateEventBody = z.infer<typeof updateEventBody>;

export const ticketTypeView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  priceCents: z.int(),
  capacity: z.int(),
  available: z.int(),
  held: z.int(),
  sold: z.int(),
  /** Sold as assigned seats (see GET /v1/events/{eventId}/seats). */
  seated: z.boolean(),
}).meta({ id: 'TicketType' });

export const eventView = z.object({
  id: z.uuid(),
  name: z.string(),
  status: eventStatus,
  startsAt: isoDateTime,
  salesStartAt: isoDateTime.nullable(),
  salesEndAt: isoDateTime.nullable(),
  /** When its pre-queue opens (events with a fair draw at salesStartAt only). */
  preQueueOpensAt: isoDateTime.optional(),
  holdTtlSeconds: z.int(),
  maxTicketsPerCustomer: z.int().nullable(),
  createdAt: isoDateTime,
  ticketTypes: z.array(ticketTypeView),
}).meta({ id: 'Event' });
export type EventView = z.infer<typeof eventView>;

export const eventIdParams = z.strictObject({ eventId: z.uuid() });

/**
 * `GET /v1/events`: a page, of the events with this status and starting in [startsFrom,
 * startsBefore) when given; the cursor of a page goes with the filters it was listed with.
 */
export const eventListQuery = paginationQuery
  .extend({
    status: eventStatus.optional().meta({ description: 'Only events with this status' }),
    startsFrom: isoDateTime.optional().meta({ description: 'Only events starting at or after this time' }),
    startsBefore: isoDateTime.optional().meta({ description: 'Only events starting before this time' }),
  })
  .superRefine((query, ctx) => {
    if (query.startsFrom && query.startsBefore && Date.parse(query.startsBefore) <= Date.parse(query.startsFrom)) {
      ctx.addIssue({ code: 'custom', path: ['startsBefore'], message: 'must be after startsFrom' });
    }
  });
export type EventListQuery = z.infer<typeof eventListQuery>;
