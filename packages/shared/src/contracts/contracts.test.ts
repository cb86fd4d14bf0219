import type { z } from 'zod';
import { canChangeEventStatus, createEventBody, EVENT_STATUSES, eventStatusesBecoming, updateEventBody } from './event';
import { createReservationBody } from './reservation';

/** The paths of the issues a schema reports for `input`, or [] when it accepts it. */
function issuePaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('createReservationBody', () => {
  const valid = {
    items: [
      { ticketType: 'GA', quantity: 2 },
      { ticketType: 'VIP', quantity: 1 },
    ],
  };

  it('accepts one or more distinct ticket types with positive integer quantities', () => {
    expect(createReservationBody.parse(valid)).toEqual(valid);
  });

  it('rejects unknown fields at the top level and in items', () => {
    expect(createReservationBody.safeParse({ ...valid, priceCents: 0 }).success).toBe(false);
    expect(createReservationBody.safeParse({ items: [{ ticketType: 'GA', quantity: 1, seat: 'A1' }] }).success).toBe(
      false,
    );
  });

  it.each([0, -1])('rejects quantity %i', (quantity) => {
    const body = { items: [{ ticketType: 'GA', quantity }] };
    expect(issuePaths(createReservationBody, body)).toEqual(['items.0.quantity']);
  });

  it.each([1.5, '2'])('rejects the non-integer quantity %p', (quantity) => {
    const body = { items: [{ ticketType: 'GA', quantity }] };
    expect(issuePaths(createReservationBody, body)).toEqual(['items.0.quantity']);
  });

  it('rejects a ticket type listed twice, pointing at the second listing', () => {
    const body = {
      items: [
        { ticketType: 'GA', quantity: 1 },
        { ticketType: 'VIP', quantity: 1 },
        { ticketType: 'GA', quantity: 3 },
      ],
    };
    expect(issuePaths(createReservationBody, body)).toEqual(['items.2.ticketType']);
  });

  it('rejects an empty or missing item list', () => {
    expect(issuePaths(createReservationBody, { items: [] })).toEqual(['items']);
    expect(issuePaths(createReservationBody, {})).toEqual(['items']);
  });

  it('rejects a malformed ticket type code', () => {
    expect(issuePaths(createReservationBody, { items: [{ ticketType: 'G A', quantity: 1 }] })).toEqual([
      'items.0.ticketType',
    ]);
  });
});

describe('createEventBody', () => {
  const valid = {
    name: 'Stadium tour',
    startsAt: '2030-07-01T19:00:00Z',
    salesStartAt: '2030-06-01T09:00:00+02:00',
    salesEndAt: '2030-07-01T18:00:00Z',
    ticketTypes: [
      { code: 'GA', name: 'General admission', priceCents: 5000, capacity: 1000 },
      { code: 'VIP', name: 'VIP', priceCents: 20000, capacity: 50 },
    ],
  };

  it('applies a default hold TTL of 600 seconds', () => {
    expect(createEventBody.parse(valid).holdTtlSeconds).toBe(600);
    expect(createEventBody.parse({ ...valid, holdTtlSeconds: 30 }).holdTtlSeconds).toBe(30);
  });

  it('refuses a few ranges describing billions of seats before expanding them', () => {
    const row = { labels: { from: 1, to: 999 }, seats: [{ from: 1, to: 9_999 }] };
    const seatMap = { sections: Array.from({ length: 100 }, (_, index) => ({ code: `S${index}`, ticketType: 'GA', rows: [row] })) };
    const result = createEventBody.safeParse({ ...valid, seatMap });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('up to 998900100 seats; at most 200000');
  });

  it('reports a seat row with neither label nor labels as a field error, not a crash', () => {
    const seatMap = { sections: [{ code: 'A', ticketType: 'GA', rows: [{ seats: [{ from: 1, to: 10 }] }] }] };
    expect(issuePaths(createEventBody, { ...valid, seatMap })).toContain('seatMap.sections.0.rows.0.label');
  });

  it('rejects duplicate ticket type codes', () => {
    const body = { ...valid, ticketTypes: [valid.ticketTypes[0], valid.ticketTypes[0]] };
    expect(issuePaths(createEventBody, body)).toEqual(['ticketTypes.1.code']);
  });

  it('rejects a sales window that ends before or when it starts', () => {
    const at = '2030-06-01T09:00:00Z';
    expect(issuePaths(createEventBody, { ...valid, salesStartAt: at, salesEndAt: at })).toEqual(['salesEndAt']);
    expect(
      issuePaths(createEventBody, { ...valid, salesStartAt: at, salesEndAt: '2030-06-01T08:59:59Z' }),
    ).toEqual(['salesEndAt']);
  });

  it('compares sales window instants, not their text', () => {
    // 10:00+02:00 is 08:00Z: the window ends before it starts although the text sorts the other way.
    const body = { ...valid, salesStartAt: '2030-06-01T09:00:00Z', salesEndAt: '2030-06-01T10:00:00+02:00' };
    expect(issuePaths(createEventBody, body)).toEqual(['salesEndAt']);
  });

  it('rejects unknown fields, a datetime without offset, a hold TTL under 10 s and no ticket types', () => {
    expect(createEventBody.safeParse({ ...valid, venue: 'Arena' }).success).toBe(false);
    expect(issuePaths(createEventBody, { ...valid, startsAt: '2030-07-01 19:00' })).toEqual(['startsAt']);
    expect(issuePaths(createEventBody, { ...valid, holdTtlSeconds: 5 })).toEqual(['holdTtlSeconds']);
    expect(issuePaths(createEventBody, { ...valid, ticketTypes: [] })).toEqual(['ticketTypes']);
  });

  it('rejects text PostgreSQL cannot store: a NUL character or an unpaired surrogate, wherever it is', () => {
    expect(issuePaths(createEventBody, { ...valid, name: 'Stadium\u0000tour' })).toEqual(['name']);
    expect(issuePaths(createEventBody, { ...valid, name: 'Stadium \uD800 tour' })).toEqual(['name']);
    expect(issuePaths(createEventBody, { ...valid, name: 'Stadium \uDC00' })).toEqual(['name']);
    const ticketTypes = [{ ...valid.ticketTypes[0], name: '\u0000' }, valid.ticketTypes[1]];
    expect(issuePaths(createEventBody, { ...valid, ticketTypes })).toEqual(['ticketTypes.0.name']);
    // A paired surrogate (an emoji) and other Unicode are fine.
    expect(createEventBody.safeParse({ ...valid, name: 'Stadium tour 🎸 – Ünïcödé 東京' }).success).toBe(true);
  });

  it('rejects dates PostgreSQL cannot hold: year 0, and offsets that push a date past the year 9999', () => {
    expect(issuePaths(createEventBody, { ...valid, startsAt: '0000-06-01T00:00:00Z' })).toEqual(['startsAt']);
    expect(issuePaths(createEventBody, { ...valid, startsAt: '9999-12-31T23:00:00-05:00' })).toEqual(['startsAt']);
    expect(createEventBody.safeParse({ ...valid, startsAt: '9999-12-31T23:00:00+05:00', salesEndAt: undefined }).success).toBe(true);
    expect(createEventBody.safeParse({ ...valid, startsAt: '0001-01-01T00:00:00Z' }).success).toBe(true);
  });
});

describe('updateEventBody', () => {
  it('accepts clearing the sales window and rejects an inverted one', () => {
    const cleared = { salesStartAt: null, salesEndAt: null };
    expect(updateEventBody.parse(cleared)).toEqual(cleared);
    expect(
      issuePaths(updateEventBody, { salesStartAt: '2030-06-02T00:00:00Z', salesEndAt: '2030-06-01T00:00:00Z' }),
    ).toEqual(['salesEndAt']);
  });
});

describe('EVENT_STATUS_TRANSITIONS', () => {
  it('pauses and resumes sales, makes cancelling final, and allows setting the status an event has', () => {
    const allowed = EVENT_STATUSES.flatMap((from) => EVENT_STATUSES.filter((to) => from !== to && canChangeEventStatus(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(['on_sale->cancelled', 'on_sale->paused', 'paused->cancelled', 'paused->on_sale']);
    for (const status of EVENT_STATUSES) expect(canChangeEventStatus(status, status)).toBe(true);
    expect(eventStatusesBecoming('on_sale').sort()).toEqual(['on_sale', 'paused']);
    expect(eventStatusesBecoming('cancelled').sort()).toEqual(['cancelled', 'on_sale', 'paused']);
  });
});
