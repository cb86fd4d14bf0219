import { randomUUID } from 'node:crypto';
import {
  customerLiveTickets,
  findEvent,
  findWaitlistEntry,
  joinWaitlist,
  leaveWaitlist,
  listWaitlist,
  readWaitlistLines,
  type Database,
  type WaitlistEntryRecord,
} from '@onsale/db';
import { availableOf } from '@onsale/domain';
import {
  eventIdParams,
  joinWaitlistBody,
  NotFound,
  StateConflict,
  UnprocessableRequest,
  waitlistEntryList,
  waitlistEntryParams,
  waitlistEntryView,
  type Principal,
  type WaitlistEntryView,
} from '@onsale/shared';
import { z } from 'zod';
import type { EventStates } from '../event-state/event-states';
import type { RouteTable } from '../http/route';
import type { ReservationService } from '../reservations/reservation.service';

const tags = ['waitlist'];
const locationOf = (entry: { eventId: string; id: string }) => `/v1/events/${entry.eventId}/waitlist/${entry.id}`;

function toWaitlistEntryView(entry: WaitlistEntryRecord): WaitlistEntryView {
  return {
    id: entry.id,
    eventId: entry.eventId,
    ticketType: entry.ticketType,
    customerId: entry.customerId,
    quantity: entry.quantity,
    status: entry.status,
    position: entry.position,
    offerTtlSeconds: entry.offerTtlSeconds,
    joinedAt: entry.joinedAt.toISOString(),
    offer: entry.offer && {
      reservationId: entry.offer.reservationId,
      quantity: entry.offer.quantity,
      offeredAt: entry.offer.offeredAt.toISOString(),
      expiresAt: entry.offer.expiresAt?.toISOString() ?? null,
      reservationStatus: entry.offer.reservationStatus,
    },
  };
}

export interface WaitlistDeps {
  database: Database;
  states: EventStates;
  /** Declining an offer is cancelling its hold, through the reservation commands. */
  reservations: ReservationService;
  /** How long an offer holds its tickets (WAITLIST_OFFER_TTL_SECONDS), recorded with each entry as it joins. */
  offerTtlSeconds: number;
}

/** The entry, if the caller may see it (its customer, or an admin); someone else's is answered like a missing one. */
async function visibleEntry(deps: WaitlistDeps, principal: Principal, eventId: string, entryId: string): Promise<WaitlistEntryRecord> {
  const entry = await findWaitlistEntry(deps.database, eventId, entryId);
  if (!entry || (entry.customerId !== principal.sub && principal.role !== 'admin')) throw new NotFound(`No waitlist entry ${entryId}.`);
  return entry;
}

/**
 * Joining is for tickets that cannot be had by asking now: fewer are left than the entry asks
 * for, or the queue's outlook for a request recorded now is `likely_sold_out`.
 */
async function checkJoinable(deps: WaitlistDeps, event: NonNullable<Awaited<ReturnType<typeof findEvent>>>, customerId: string, code: string, quantity: number) {
  const type = event.ticketTypes.find((candidate) => candidate.code === code);
  if (!type) throw new UnprocessableRequest(`The event has no ticket type ${code}.`, [{ path: 'body.ticketType', message: 'unknown ticket type' }]);
  if (event.status !== 'on_sale') throw new StateConflict(`The event is ${event.status}: its waitlist is closed.`, { reason: 'event_not_on_sale' });
  if (event.salesEndAt && event.salesEndAt.getTime() <= Date.now()) throw new StateConflict('Sales have ended: the waitlist is closed.', { reason: 'sales_closed' });
  if (event.maxTicketsPerCustomer !== null && quantity > event.maxTicketsPerCustomer) {
    throw new UnprocessableRequest(`At most ${event.maxTicketsPerCustomer} tickets per customer for this event.`, [
      { path: 'body.quantity', message: `at most ${event.maxTicketsPerCustomer}` },
    ]);
  }
  if (event.maxTicketsPerCustomer !== null) {
    // A customer at the limit could never be offered anything: told now, not left waiting.
    const live = await customerLiveTickets(deps.database, event.id, customerId);
    if (live >= event.maxTicketsPerCustomer) {
      throw new StateConflict(`You already hold or bought ${live} tickets for this event, the most one customer may have.`, {
        reason: 'limit_reached',
        tickets: live,
      });
    }
  }
  const available = availableOf(type);
  if (available < quantity) return type;
  const state = await deps.states.get(event.id).catch(() => undefined);
  if (state?.outlookAtTail([{ ticketType: code, quantity }]) === 'likely_sold_out') return type;
  throw new StateConflict(`${available} ${code} tickets are still on sale and the queue is not likely to sell out: request them instead.`, {
    reason: 'not_sold_out',
    available,
  });
}

export function addWaitlistRoutes(routes: RouteTable, deps: WaitlistDeps): void {
  routes.add({
    method: 'post',
    path: '/v1/events/:eventId/waitlist',
    operationId: 'joinWaitlist',
    summary: 'Join the waitlist of a sold-out ticket type (or one the queue will likely sell out); one active entry per customer and ticket type',
    tags,
    access: 'customer',
    params: eventIdParams,
    body: joinWaitlistBody,
    responses: {
      201: { description: 'Joined: the entry, waiting, with its position', schema: waitlistEntryView, headers: { Location: 'The entry, to poll' } },
      200: { description: 'The customer already has an active entry for this ticket type with this quantity: that entry', schema: waitlistEntryView, headers: { Location: 'The entry, to poll' } },
      400: { description: 'Invalid body' },
      401: { description: 'No valid token' },
      404: { description: 'No such event' },
      409: {
        description:
          '`reason` not_sold_out: tickets are still on sale and the queue is not likely to sell out; already_waiting: an active entry for another quantity; limit_reached: the customer already holds or bought `maxTicketsPerCustomer` tickets (an entry is otherwise trimmed to what they may still have when offered); event_not_on_sale, sales_closed',
      },
      422: { description: 'Unknown ticket type, or more tickets than one customer may have' },
    },
    handle: async ({ params, body, principal, requestId, log }) => {
      const event = await findEvent(deps.database, params.eventId);
      if (!event) throw new NotFound(`No event ${params.eventId}.`);
      const type = await checkJoinable(deps, event, principal.sub, body.ticketType, body.quantity);
      const outcome = await joinWaitlist(deps.database, {
        id: randomUUID(),
        eventId: event.id,
        ticketTypeId: type.id,
        customerId: principal.sub,
        quantity: body.quantity,
        offerTtlSeconds: deps.offerTtlSeconds,
        requestId,
      });
      const view = toWaitlistEntryView(outcome.entry);
      if (outcome.kind === 'joined') {
        log.info({ eventId: event.id, entryId: view.id, ticketType: view.ticketType, quantity: view.quantity, position: view.position }, 'joined waitlist');
        return { status: 201, body: view, headers: { Location: locationOf(view) } };
      }
      if (outcome.entry.quantity !== body.quantity) {
        throw new StateConflict(`You are already on this waitlist for ${outcome.entry.quantity} tickets; leave it to join for another number.`, {
          reason: 'already_waiting',
          entryId: view.id,
        });
      }
      return { status: 200, body: view, headers: { Location: locationOf(view) } };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/waitlist',
    operationId: 'listWaitlist',
    summary: "The event's waitlist entries: a customer's own; an admin's, everyone's with each line's counters",
    tags,
    access: 'customer',
    params: eventIdParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1_000).default(100) }),
    responses: {
      200: { description: 'Entries in join order per ticket type (at most `limit`)', schema: waitlistEntryList },
      400: { description: 'Invalid id or limit' },
      401: { description: 'No valid token' },
      404: { description: 'No such event' },
    },
    handle: async ({ params, query, principal }) => {
      const event = await findEvent(deps.database, params.eventId);
      if (!event) throw new NotFound(`No event ${params.eventId}.`);
      const admin = principal.role === 'admin';
      const [entries, lines] = await Promise.all([
        listWaitlist(deps.database, event.id, { limit: query.limit, ...(admin ? {} : { customerId: principal.sub }) }),
        admin ? readWaitlistLines(deps.database, event.id) : Promise.resolve([]),
      ]);
      return {
        status: 200,
        body: {
          items: entries.map(toWaitlistEntryView),
          lines: lines.map(({ ticketType, waiting, waitingTickets, offered }) => ({ ticketType, waiting, waitingTickets, offered })),
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/waitlist/:entryId',
    operationId: 'getWaitlistEntry',
    summary: 'A waitlist entry: its position while waiting, its offer (the held reservation and its expiry) once offered (owner or admin)',
    tags,
    access: 'customer',
    params: waitlistEntryParams,
    responses: {
      200: { description: 'The entry', schema: waitlistEntryView },
      400: { description: 'Invalid ids' },
      401: { description: 'No valid token' },
      404: { description: 'Not found' },
    },
    handle: async ({ params, principal }) => ({
      status: 200,
      body: toWaitlistEntryView(await visibleEntry(deps, principal, params.eventId, params.entryId)),
    }),
  });

  routes.add({
    method: 'delete',
    path: '/v1/events/:eventId/waitlist/:entryId',
    operationId: 'leaveWaitlist',
    summary: 'Leave the waitlist; with an offer out, decline it (its hold is cancelled and offered to the next entry)',
    tags,
    access: 'customer',
    params: waitlistEntryParams,
    responses: {
      200: { description: 'The entry, left (or declined); leaving again answers the same', schema: waitlistEntryView },
      202: { description: 'The offer is being declined behind a backlog: poll the entry', schema: waitlistEntryView },
      400: { description: 'Invalid ids' },
      401: { description: 'No valid token' },
      404: { description: 'Not found' },
      409: { description: 'The entry is closed already: its offer was accepted or lapsed' },
    },
    handle: async ({ params, principal, requestId, log }) => {
      const entry = await visibleEntry(deps, principal, params.eventId, params.entryId);
      const outcome = await leaveWaitlist(deps.database, { eventId: entry.eventId, entryId: entry.id });
      if (outcome.kind === 'not_found') throw new NotFound(`No waitlist entry ${params.entryId}.`);
      if (outcome.kind === 'left') {
        log.info({ eventId: entry.eventId, entryId: entry.id }, 'left waitlist');
        return { status: 200, body: toWaitlistEntryView(outcome.entry) };
      }
      if (outcome.kind === 'offered') {
        const reply = await deps.reservations.cancel({ principal, requestId, log }, outcome.entry.offer!.reservationId);
        const after = (await findWaitlistEntry(deps.database, entry.eventId, entry.id))!;
        log.info({ eventId: entry.eventId, entryId: entry.id, reservationId: outcome.entry.offer!.reservationId, pending: reply.pending }, 'declined waitlist offer');
        return { status: reply.pending ? 202 : 200, body: toWaitlistEntryView(after) };
      }
      if (outcome.entry.status === 'left' || outcome.entry.status === 'declined') return { status: 200, body: toWaitlistEntryView(outcome.entry) };
      throw new StateConflict(`The entry is ${outcome.entry.status}: there is nothing to leave.`, { entryStatus: outcome.entry.status });
    },
  });
}
