import type { EventView } from '@onsale/shared';
import type { HttpClient } from './http-client';
import { adminToken } from './tokens';

export interface EventOverrides {
  name?: string;
  startsAt?: string;
  holdTtlSeconds?: number;
  maxTicketsPerCustomer?: number;
  ticketTypes?: { code: string; name: string; priceCents: number; capacity: number }[];
}

/**
 * A `POST /v1/events` body: GA (100 tickets) and VIP (10). (factories.ts' `eventBody` is the one
 * that writes to the database directly.)
 */
export function eventBody(overrides: EventOverrides = {}) {
  return {
    name: 'Stadium tour',
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    ticketTypes: [
      { code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 100 },
      { code: 'VIP', name: 'VIP', priceCents: 20_000, capacity: 10 },
    ],
    ...overrides,
  };
}

/** Creating and reading events over HTTP through `call`, expecting each to succeed. */
export function eventRequests(call: HttpClient) {
  async function createEvent(overrides: EventOverrides = {}): Promise<EventView> {
    const reply = await call<EventView>('POST', '/v1/events', { token: adminToken(), json: eventBody(overrides) });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  async function getEvent(eventId: string): Promise<EventView> {
    const reply = await call<EventView>('GET', `/v1/events/${eventId}`);
    expect(reply.status).toBe(200);
    return reply.body;
  }

  /** The counters of one ticket type of the event, as GET /v1/events/:id shows them. */
  async function stockOf(eventId: string, code = 'GA') {
    const ticketType = (await getEvent(eventId)).ticketTypes.find((candidate) => candidate.code === code)!;
    return { available: ticketType.available, held: ticketType.held, sold: ticketType.sold };
  }

  return { createEvent, getEvent, stockOf };
}
