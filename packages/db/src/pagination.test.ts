import { randomUUID } from 'node:crypto';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import type { Database } from './client';
import { listEvents } from './event.repository';
import { decodeCursor, encodeCursor, InvalidCursor, type Page } from './pagination';
import { listCustomerReservations } from './reservation-reads';

describe('cursors', () => {
  it('round-trip a microsecond timestamp and an id', () => {
    const id = randomUUID();
    expect(decodeCursor(encodeCursor('2030-06-01T12:00:00.123456Z', id))).toEqual({
      at: '2030-06-01T12:00:00.123456Z',
      id,
    });
  });

  it('are absent when no cursor is given', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['not base64 of anything', 'garbage'],
    ['no id', Buffer.from('2030-06-01T12:00:00.000Z|').toString('base64url')],
    ['a bad timestamp', Buffer.from(`yesterday|${randomUUID()}`).toString('base64url')],
    ['an impossible date', Buffer.from(`2030-13-01T12:00:00.000Z|${randomUUID()}`).toString('base64url')],
    ['an id that is not a UUID', Buffer.from('2030-06-01T12:00:00.000Z|42').toString('base64url')],
  ])('reject a cursor with %s', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursor);
  });
});

describe('listing pages', () => {
  let env: TestEnvironment;
  let database: Database;

  beforeAll(async () => {
    env = await createTestEnvironment();
    database = env.database;
  });

  afterAll(async () => {
    await env?.dispose();
  });

  async function allPages<T extends { id: string }>(list: (cursor?: string) => Promise<Page<T>>) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list(cursor);
      pages.push(page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  it('lists every event once, oldest first, page by page', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await givenEvent(database, { name: `Event ${i}` })).id);

    const pages = await allPages((cursor) => listEvents(database, { limit: 3, cursor }));

    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(created);
  });

  it("lists a customer's reservations once each, newest first, even several from one millisecond", async () => {
    const event = await givenEvent(database);
    const customer = `customer-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }], customer),
      ),
    );
    await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);

    const pages = await allPages((cursor) => listCustomerReservations(database, customer, { limit: 4, cursor }));
    const newestFirst = await listCustomerReservations(database, customer, { limit: 100 });

    expect(pages.map((page) => page.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 2]);
    expect(pages.flat()).toEqual(newestFirst.items.map((reservation) => reservation.id));
    expect(new Set(pages.flat()).size).toBe(30);
    const times = newestFirst.items.map((reservation) => reservation.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('returns items without any cursor bookkeeping fields', async () => {
    const event = await givenEvent(database);
    const [listed] = (await listEvents(database, { limit: 100 })).items.filter((item) => item.id === event.id);
    expect(Object.keys(listed!).sort()).toEqual(Object.keys(event).sort());
  });
});
