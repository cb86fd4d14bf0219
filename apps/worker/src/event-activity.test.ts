import type { EventCounters, ReservationWithItems } from '@onsale/db';
import { eventActivity } from '@onsale/queue';
import { eventActivitiesOf } from './event-activity';

const EVENT_A = '00000000-0000-4000-8000-00000000000a';
const EVENT_B = '00000000-0000-4000-8000-00000000000b';
const GA = '00000000-0000-4000-8000-0000000000a1';

function decided(eventId: string, status: ReservationWithItems['status'], createdAt: number, decidedAt: number): ReservationWithItems {
  return { eventId, status, createdAt: new Date(createdAt), decidedAt: new Date(decidedAt) } as ReservationWithItems;
}

const counters = (eventId: string, held: number, sold: number): EventCounters => ({
  eventId,
  ticketTypes: [{ id: GA, capacity: 100, held, sold, inventoryVersion: held + sold }],
});

describe('eventActivitiesOf', () => {
  const at = new Date('2026-12-01T12:00:00Z');

  it("gives each changed event its counters, its tally and its decisions' latencies", () => {
    const batch = [decided(EVENT_A, 'held', 1_000, 1_040), decided(EVENT_A, 'rejected', 1_010, 1_040), decided(EVENT_B, 'held', 2_000, 2_500)];

    const activities = eventActivitiesOf('decide', batch, [counters(EVENT_A, 2, 0), counters(EVENT_B, 1, 0)], 'decide-p3', at);

    expect(activities).toEqual([
      expect.objectContaining({ eventId: EVENT_A, held: 1, rejected: 1, confirmed: 0, decisionLatenciesMs: [40, 30], commandId: 'decide-p3' }),
      expect.objectContaining({ eventId: EVENT_B, held: 1, rejected: 0, decisionLatenciesMs: [500] }),
    ]);
    expect(activities[0]!.ticketTypes).toEqual([{ id: GA, capacity: 100, held: 2, sold: 0, inventoryVersion: 2 }]);
    for (const activity of activities) expect(eventActivity.parse(activity)).toEqual(activity);
  });

  it('reports no latencies for commands that decide nothing, and names the reservations they changed', () => {
    const confirmed = { ...decided(EVENT_A, 'confirmed', 1_000, 1_040), id: '00000000-0000-4000-8000-0000000000c1', version: 3 };
    const [activity] = eventActivitiesOf('confirm', [confirmed], [counters(EVENT_A, 0, 1)], 'confirm-x', at);

    expect(activity).toMatchObject({ confirmed: 1, held: 0, decisionLatenciesMs: [], changed: [{ id: confirmed.id, version: 3 }] });
    expect(eventActivity.parse(activity)).toEqual(activity);
  });

  it('carries the queue progress a commit left, for the events whose queue it moved', () => {
    const queue = { settledThrough: 2, ticketsSettledThrough: 4, lastSeq: 9, lastTickets: 18, settledOutOfTurn: [{ seq: 5, tickets: 2 }] };
    const [activity] = eventActivitiesOf('decide', [decided(EVENT_A, 'held', 1_000, 1_040)], [{ ...counters(EVENT_A, 2, 0), queue }], 'decide-p1', at);

    expect(activity!.queue).toEqual(queue);
    expect(activity!.changed).toBeUndefined();
    expect(eventActivity.parse(activity)).toEqual(activity);
  });

  it('publishes nothing for a command that changed nothing (no counters)', () => {
    expect(eventActivitiesOf('cancel', [decided(EVENT_A, 'rejected', 1_000, 1_040)], [], 'cancel-x', at)).toEqual([]);
  });
});
