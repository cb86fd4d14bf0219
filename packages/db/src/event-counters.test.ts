import { countersAfter } from './event-counters';
import type { LockedInventory } from './inventory';
import type { ReservationWithItems } from './reservation-reads';
import type { Transition } from './reservation-writer';

const terms = { status: 'on_sale', salesStartAt: null, salesEndAt: null, holdTtlSeconds: 600, maxTicketsPerCustomer: null } as const;
const now = new Date();

const locked = new Map<string, LockedInventory>([
  [
    'event-a',
    {
      terms,
      now,
      seated: [],
      stock: [
        { id: 'ga', capacity: 100, held: 10, sold: 5, inventoryVersion: 7 },
        { id: 'vip', capacity: 10, held: 0, sold: 1, inventoryVersion: 3 },
      ],
    },
  ],
  ['event-b', { terms, now, seated: [], stock: [{ id: 'b-ga', capacity: 50, held: 0, sold: 0, inventoryVersion: 0 }] }],
]);

const reservation = (eventId: string, status: ReservationWithItems['status'], ticketTypeId: string, quantity: number) =>
  ({ eventId, status, items: [{ ticketTypeId, quantity }] }) as unknown as ReservationWithItems;

describe('countersAfter', () => {
  it('adds what the transitions moved to what was read under the lock, for the events they touched, and bumps the versions of the types they moved', () => {
    const transitions: Transition[] = [
      { reservation: reservation('event-a', 'queued', 'ga', 2), to: 'held', expiresAt: now, requestId: null },
      { reservation: reservation('event-a', 'held', 'ga', 3), to: 'confirmed', requestId: null },
      { reservation: reservation('event-a', 'queued', 'vip', 4), to: 'rejected', reason: 'sold_out', requestId: null },
    ];

    expect(countersAfter(locked, transitions)).toEqual([
      {
        eventId: 'event-a',
        ticketTypes: [
          { id: 'ga', capacity: 100, held: 9, sold: 8, inventoryVersion: 8 },
          { id: 'vip', capacity: 10, held: 0, sold: 1, inventoryVersion: 3 },
        ],
      },
    ]);
  });

  it('leaves the locked inventory as it was', () => {
    countersAfter(locked, [{ reservation: reservation('event-b', 'queued', 'b-ga', 1), to: 'held', expiresAt: now, requestId: null }]);
    expect(locked.get('event-b')!.stock[0]).toEqual({ id: 'b-ga', capacity: 50, held: 0, sold: 0, inventoryVersion: 0 });
  });
});
