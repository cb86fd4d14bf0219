import { z } from 'zod';
import { isoDateTime, storableText } from './common';

export const EVENT_STATUSES = ['on_sale', 'paused', 'cancelled'] as const;
export const eventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof eventStatus>;

export const ticketTypeCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32');

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

export const createEventBody = z
  .strictObject({
    name: storableText(1, 200),
    startsAt: isoDateTime,
    salesStartAt: isoDateTime.optional(),
    salesEndAt: isoDateTime.optional(),
    holdTtlSeconds: z.int().min(10).max(86_400).default(600),
    maxTicketsPerCustomer: z.int().min(1).max(1_000).optional(),
    ticketTypes: z.array(createTicketTypeBody).min(1).max(50),
  })
  .superRefine((event, ctx) => {
    checkSalesWindow(event, ctx);
    const seen = new Set<string>();
    event.ticketTypes.forEach((ticketType, index) => {
      if (seen.has(ticketType.code)) {
        ctx.addIssue({ code: 'custom', path: ['ticketTypes', index, 'code'], message: 'duplicate code' });
      }
      seen.add(ticketType.code);
    });
  });
export type CreateEventBody = z.infer<typeof createEventBody>;

export const updateEventBody = z
  .strictObject({
    status: eventStatus.optional(),
    salesStartAt: isoDateTime.nullable().optional(),
    salesEndAt: isoDateTime.nullable().optional(),
  })
  .superRefine(checkSalesWindow);
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
});

export const eventView = z.object({
  id: z.uuid(),
  name: z.string(),
  status: eventStatus,
  startsAt: isoDateTime,
  salesStartAt: isoDateTime.nullable(),
  salesEndAt: isoDateTime.nullable(),
  holdTtlSeconds: z.int(),
  maxTicketsPerCustomer: z.int().nullable(),
  createdAt: isoDateTime,
  ticketTypes: z.array(ticketTypeView),
});
export type EventView = z.infer<typeof eventView>;

export const eventIdParams = z.strictObject({ eventId: z.uuid() });
