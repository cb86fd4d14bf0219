import { availableOf, decideInOrder, decideReservation, type SaleTerms, type Stock } from './reservation-rules';

const now = new Date('2030-06-01T12:00:00.000Z');
const minutes = (n: number) => n * 60_000;

function terms(overrides: Partial<SaleTerms> = {}): SaleTerms {
  return {
    status: 'on_sale',
    salesStartAt: null,
    salesEndAt: null,
    holdTtlSeconds: 600,
    maxTicketsPerCustomer: null,
    ...overrides,
  };
}

const ga: Stock = { id: 'ga', capacity: 100, held: 10, sold: 20 };
const vip: Stock = { id: 'vip', capacity: 10, held: 4, sold: 5 };

function decide(overrides: Partial<Parameters<typeof decideReservation>[0]> = {}) {
  return decideReservation({
    terms: terms(),
    stock: [ga, vip],
    items: [{ ticketTypeId: 'ga', quantity: 2 }],
    customerLiveTickets: 0,
    now,
    ...overrides,
  });
}

describe('decideReservation', () => {
  it('holds the request until now + the hold TTL', () => {
    expect(decide({ terms: terms({ holdTtlSeconds: 90 }) })).toEqual({
      outcome: 'held',
      expiresAt: new Date(now.getTime() + 90_000),
    });
  });

  it('holds several items when every one is available', () => {
    const decision = decide({
      items: [
        { ticketTypeId: 'ga', quantity: 70 },
        { ticketTypeId: 'vip', quantity: 1 },
      ],
    });
    expect(decision.outcome).toBe('held');
  });

  it('rejects the whole request as sold_out when one of several items is short', () => {
    const decision = decide({
      items: [
        { ticketTypeId: 'ga', quantity: 2 },
        { ticketTypeId: 'vip', quantity: 2 },
      ],
    });
    expect(decision).toEqual({ outcome: 'rejected', reason: 'sold_out' });
  });

  it('holds a request for exactly the tickets left', () => {
    expect(decide({ items: [{ ticketTypeId: 'ga', quantity: 70 }] }).outcome).toBe('held');
    expect(decide({ items: [{ ticketTypeId: 'ga', quantity: 71 }] })).toEqual({
      outcome: 'rejected',
      reason: 'sold_out',
    });
  });

  it('rejects with limit_exceeded when live tickets + requested exceed the per-customer maximum', () => {
    const decision = decide({
      terms: terms({ maxTicketsPerCustomer: 4 }),
      customerLiveTickets: 3,
      items: [{ ticketTypeId: 'ga', quantity: 2 }],
    });
    expect(decision).toEqual({ outcome: 'rejected', reason: 'limit_exceeded' });
  });

  it('counts every item of the request against the per-customer maximum', () => {
    const decision = decide({
      terms: terms({ maxTicketsPerCustomer: 4 }),
      items: [
        { ticketTypeId: 'ga', quantity: 3 },
        { ticketTypeId: 'vip', quantity: 1 },
      ],
      customerLiveTickets: 1,
    });
    expect(decision).toEqual({ outcome: 'rejected', reason: 'limit_exceeded' });
  });

  it('allows a request that brings the customer exactly to the per-customer maximum', () => {
    const decision = decide({
      terms: terms({ maxTicketsPerCustomer: 4 }),
      customerLiveTickets: 2,
      items: [{ ticketTypeId: 'ga', quantity: 2 }],
    });
    expect(decision.outcome).toBe('held');
  });

  it('ignores live tickets when the event has no per-customer maximum', () => {
    expect(decide({ customerLiveTickets: 1_000 }).outcome).toBe('held');
  });

  it('rejects with sales_closed before the sales window opens', () => {
    const decision = decide({ terms: terms({ salesStartAt: new Date(now.getTime() + 1) }) });
    expect(decision).toEqual({ outcome: 'rejected', reason: 'sales_closed' });
  });

  it('holds from the instant the sales window opens', () => {
    expect(decide({ terms: terms({ salesStartAt: now }) }).outcome).toBe('held');
  });

  it('rejects with sales_closed at and after the end of the sales window', () => {
    expect(decide({ terms: terms({ salesEndAt: now }) })).toEqual({ outcome: 'rejected', reason: 'sales_closed' });
    expect(decide({ terms: terms({ salesEndAt: new Date(now.getTime() - minutes(1)) }) })).toEqual({
      outcome: 'rejected',
      reason: 'sales_closed',
    });
  });

  it('holds inside the sales window', () => {
    const window = terms({
      salesStartAt: new Date(now.getTime() - minutes(1)),
      salesEndAt: new Date(now.getTime() + 1),
    });
    expect(decide({ terms: window }).outcome).toBe('held');
  });

  it.each(['paused', 'cancelled'] as const)('rejects with event_not_on_sale when the event is %s', (status) => {
    expect(decide({ terms: terms({ status }) })).toEqual({ outcome: 'rejected', reason: 'event_not_on_sale' });
  });

  it('rejects with unknown_ticket_type when an item names a ticket type the event does not have', () => {
    const decision = decide({
      items: [
        { ticketTypeId: 'ga', quantity: 1 },
        { ticketTypeId: 'balcony', quantity: 1 },
      ],
    });
    expect(decision).toEqual({ outcome: 'rejected', reason: 'unknown_ticket_type' });
  });
});

describe('availableOf', () => {
  it('is capacity minus held minus sold', () => {
    expect(availableOf(ga)).toBe(70);
    expect(availableOf(vip)).toBe(1);
    expect(availableOf({ id: 'x', capacity: 5, held: 2, sold: 3 })).toBe(0);
  });
});

describe('decideInOrder', () => {
  const request = (customerId: string, quantity: number, ticketTypeId = 'vip') => ({
    customerId,
    items: [{ ticketTypeId, quantity }],
  });

  it('lets each hold take its tickets from the stock the next request sees', () => {
    // vip has 1 ticket left: the first request that fits takes it.
    const requests = [request('a', 2), request('b', 1), request('c', 1)];

    const outcomes = decideInOrder({ terms: terms(), stock: [ga, vip], requests, liveTickets: new Map(), now });

    expect(outcomes.map(({ request, decision }) => [request.customerId, decision.outcome === 'held' ? 'held' : decision.reason])).toEqual([
      ['a', 'sold_out'],
      ['b', 'held'],
      ['c', 'sold_out'],
    ]);
  });

  it('counts earlier holds in the batch, and tickets held before it, towards the customer limit', () => {
    const requests = [request('a', 2, 'ga'), request('a', 1, 'ga'), request('b', 3, 'ga'), request('a', 1, 'ga')];

    const outcomes = decideInOrder({
      terms: terms({ maxTicketsPerCustomer: 4 }),
      stock: [ga, vip],
      requests,
      liveTickets: new Map([['a', 1]]),
      now,
    });

    expect(outcomes.map(({ decision }) => (decision.outcome === 'held' ? 'held' : decision.reason))).toEqual([
      'held',
      'held',
      'held',
      'limit_exceeded',
    ]);
  });

  it('leaves the stock it was given untouched', () => {
    const stock = [{ ...vip }];
    decideInOrder({ terms: terms(), stock, requests: [request('a', 1)], liveTickets: new Map(), now });
    expect(stock).toEqual([vip]);
  });
});
