import { z } from 'zod';
import { isoDateTime } from './common';
import { reservationStatus } from './reservation';
import { ticketTypeCode } from './ticket-type-code';

/**
 * A waitlist entry's life: `waiting` in join order, `offered` once the event's writer held
 * returned tickets for it, then `accepted` (the offer was confirmed), `lapsed` (it expired),
 * `declined` (it was cancelled); `left` when the customer left while waiting.
 */
export const WAITLIST_ENTRY_STATUSES = ['waiting', 'offered', 'accepted', 'lapsed', 'declined', 'left'] as const;
export const waitlistEntryStatus = z.enum(WAITLIST_ENTRY_STATUSES).meta({ id: 'WaitlistEntryStatus' });
export type WaitlistEntryStatus = z.infer<typeof waitlistEntryStatus>;

/** The statuses an entry is active in: one active entry per customer and ticket type. */
export const ACTIVE_WAITLIST_STATUSES: readonly WaitlistEntryStatus[] = ['waiting', 'offered'];

export const joinWaitlistBody = z
  .strictObject({ ticketType: ticketTypeCode, quantity: z.int().min(1).max(100) })
  .meta({ id: 'JoinWaitlistRequest' });
export type JoinWaitlistBody = z.infer<typeof joinWaitlistBody>;

export const waitlistEntryParams = z.strictObject({ eventId: z.uuid(), entryId: z.uuid() });

/** The hold an entry was offered: confirm it like any hold (`POST /v1/reservations/{id}/confirm`) before `expiresAt`. */
export const waitlistOfferView = z
  .object({
    reservationId: z.uuid(),
    quantity: z.int(),
    offeredAt: isoDateTime,
    expiresAt: isoDateTime.nullable(),
    /** The offered reservation's status: `held` while the offer stands. */
    reservationStatus,
  })
  .meta({ id: 'WaitlistOffer' });

export const waitlistEntryView = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    ticketType: ticketTypeCode,
    customerId: z.string(),
    quantity: z.int(),
    status: waitlistEntryStatus,
    /** While waiting: 1 for the next entry to be offered tickets of its type. */
    position: z.int().nullable(),
    /** How long an offer to this entry holds its tickets. */
    offerTtlSeconds: z.int(),
    joinedAt: isoDateTime,
    offer: waitlistOfferView.nullable(),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntryView = z.infer<typeof waitlistEntryView>;

export const waitlistEntryList = z
  .object({
    items: z.array(waitlistEntryView),
    /** Per ticket type: entries waiting, the tickets they ask for, and offers out (admins only; empty for customers). */
    lines: z.array(z.object({ ticketType: ticketTypeCode, waiting: z.int(), waitingTickets: z.int(), offered: z.int() })),
  })
  .meta({ id: 'WaitlistEntryList' });
export type WaitlistEntryList = z.infer<typeof waitlistEntryList>;
