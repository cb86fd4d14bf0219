import type { EventWithTicketTypes } from '@onsale/db';
import type { EventActivity } from '@onsale/queue';
import { BacklogFull, SoldOut } from '@onsale/shared';
import { EventState, steadyEta } from './event-state';

const EVENT = '00000000-0000-4000-8000-0000000000e1';
const GA = '00000000-0000-4000-8000-0000000000a1';
const VIP = '00000000-0000-4000-8000-0000000000a2';

function stateOf(ga = { capacity: 1_000, held: 0, sold: 0 }, vip = { capacity: 10, held: 0, sold: 0 }): EventState {
  const ticketType = (id: string, code: string, counters: typeof ga) => ({ id, code, name: code, eventId: EVENT, priceCents: 100, position: 0, seated: false, inventoryVersion: 0, ...counters });
  return new EventState({ id: EVENT, name: 'Tour', status: 'on_sale', ticketTypes: [ticketType(GA, 'GA', ga), ticketType(VIP, 'VIP', vip)] } as EventWithTicketTypes, 10_000);
}

type Queue = NonNullable<EventActivity['queue']>;
const queue = (settledThrough: number, lastSeq: number, settledOutOfTurn: Queue['settledOutOfTurn'] = []): Queue => ({
  settledThrough,
  ticketsSettledThrough: settledThrough * 2,
  lastSeq,
  lastTickets: lastSeq * 2,
  settledOutOfTurn,
});

function activity(queueProgress: Queue, decided: number, ga = { held: 0, sold: 0 }): EventActivity {
  return {
    eventId: EVENT,
    commandId: 'decide-p0',
    at: new Date().toISOString(),
    ticketTypes: [
      { id: GA, capacity: 1_000, ...ga },
      { id: VIP, capacity: 10, held: 0, sold: 0 },
    ],
    held: decided,
    rejected: 0,
    confirmed: 0,
    cancelled: 0,
    expired: 0,
    decisionLatenciesMs: Array.from({ length: decided }, () => 50),
    queue: queueProgress,
  };
}

/** The request with place `seq` when every request asks for 2 GA tickets. */
const waiting = (seq: number, quantity = 2) => ({ place: { seq, ticketsBefore: (seq - 1) * 2 }, items: [{ ticketType: 'GA', quantity }] });

describe('EventState: a queued request’s place', () => {
  it('is exact from the queue progress: position, requests and tickets ahead', () => {
    const state = stateOf();
    state.apply(activity(queue(10, 100), 10));

    expect(state.placeOf(waiting(15), Date.now())).toMatchObject({ position: 5, requestsAhead: 4, ticketsAhead: 8 });
    expect(state.placeOf(waiting(11), Date.now())).toMatchObject({ position: 1, requestsAhead: 0, ticketsAhead: 0 });
    expect(state.queued()).toBe(90);
  });

  it('counts requests cancelled out of turn as gone, and knows settled places', () => {
    const state = stateOf();
    state.apply(activity(queue(10, 100, [{ seq: 12, tickets: 2 }]), 0));
    state.apply(activity(queue(10, 100, [{ seq: 14, tickets: 2 }]), 0));

    expect(state.placeOf(waiting(15), Date.now())).toMatchObject({ position: 3, requestsAhead: 2, ticketsAhead: 4 });
    expect(state.isSettled(waiting(12).place)).toBe(true);
    expect(state.isSettled(waiting(10).place)).toBe(true);
    expect(state.isSettled(waiting(13).place)).toBe(false);
    expect(state.placeOf(waiting(12), Date.now())).toBeUndefined();
    expect(state.queued()).toBe(88);
  });

  it('never moves back: older progress arriving late is ignored, so a position only goes down', () => {
    const state = stateOf();
    state.apply(activity(queue(40, 100), 40));
    state.apply(activity(queue(20, 100), 20));

    expect(state.placeOf(waiting(50), Date.now())).toMatchObject({ position: 10 });
  });

  it('counts what this process recorded before any commit tells it', () => {
    const state = stateOf();
    expect(state.placeOf(waiting(1), Date.now())).toBeUndefined();
    state.accepted({ seq: 1, ticketsBefore: 0 }, 2);
    state.accepted({ seq: 2, ticketsBefore: 2 }, 2);

    expect(state.placeOf(waiting(2), Date.now())).toMatchObject({ position: 2, estimatedDecisionAt: null });
    expect(state.queued()).toBe(2);
  });

  it('tells the outlook in bands: available even if everyone ahead is served, sold out when those ahead already want more than is left', () => {
    const state = stateOf({ capacity: 1_000, held: 900, sold: 0 });
    state.apply(activity(queue(0, 1_000), 0, { held: 900, sold: 0 }));

    expect(state.placeOf(waiting(10), Date.now())!.outlook).toBe('likely_available'); // 18 ahead + 2 ≤ 100 left
    expect(state.placeOf(waiting(52), Date.now())!.outlook).toBe('unknown'); // 102 ahead, 110 left in all
    expect(state.placeOf(waiting(60), Date.now())!.outlook).toBe('likely_sold_out'); // 118 ahead > 110 left
  });

  it('gives an ETA that only goes down while the workers drain at a steady rate', () => {
    const state = stateOf({ capacity: 100_000, held: 0, sold: 0 });
    const start = Date.now();
    let now = start;
    const sample = [400, 1_000, 2_500, 4_000, 4_999].map((seq) => ({ seq, told: undefined as number | undefined, positions: [] as number[], etas: [] as number[] }));
    // 5,000 waiting, decided 125 at a time every 500 ms (250/s), sampled every 100 ms.
    let settled = 0;
    for (let tick = 0; settled < 5_000; tick++) {
      now = start + tick * 100;
      if (tick % 5 === 0 && tick > 0) {
        settled = Math.min(5_000, settled + 125);
        state.apply(activity(queue(settled, 5_000), 125), now);
      }
      for (const one of sample) {
        const place = state.placeOf(waiting(one.seq), now);
        if (!place) continue;
        one.positions.push(place.position);
        if (!place.estimatedDecisionAt) continue;
        one.told = steadyEta(one.told, Date.parse(place.estimatedDecisionAt), now);
        one.etas.push(one.told);
      }
    }
    for (const one of sample) {
      expect(one.positions.every((position, i) => i === 0 || position <= one.positions[i - 1]!)).toBe(true);
      expect(one.etas.length).toBeGreaterThan(0);
      expect(one.etas.every((eta, i) => i === 0 || eta <= one.etas[i - 1]!)).toBe(true);
    }
    // And it is right: the last request's final ETA is within a second of when it was decided (20 s after the start).
    const last = sample.at(-1)!;
    expect(Math.abs(last.etas.at(-1)! - (start + 20_000))).toBeLessThan(1_000);
  });

  it('moves the ETA later when the rate really falls', () => {
    expect(steadyEta(10_000, 10_500, 0)).toBe(10_000);
    expect(steadyEta(10_000, 20_000, 0)).toBe(20_000);
    expect(steadyEta(10_000, 9_000, 0)).toBe(9_000);
    expect(steadyEta(undefined, 12_345, 0)).toBe(12_345);
  });
});

describe('EventState: counters', () => {
  it('ignores counters older than the ones known, by inventory version', () => {
    const state = stateOf();
    const at = (held: number, inventoryVersion: number): EventActivity => ({
      ...activity(queue(0, 0), 0),
      ticketTypes: [{ id: GA, capacity: 1_000, held, sold: 0, inventoryVersion }],
    });
    state.apply(at(30, 3));
    state.apply(at(20, 2));
    expect(state.liveView(Date.now()).ticketTypes.find((type) => type.code === 'GA')).toMatchObject({ held: 30, available: 970 });
  });
});

describe('EventState: admission and the live view read the same figures', () => {
  it('refuses more tickets than are left, and a backlog longer than the wait allowed', () => {
    const state = stateOf({ capacity: 1_000, held: 995, sold: 0 });
    state.apply(activity(queue(0, 0), 0, { held: 995, sold: 0 }));
    const settings = { maxWaitSeconds: 2, soldOutImmediate: true };
    expect(() => state.checkAdmission([{ ticketTypeId: GA, quantity: 6 }], settings, Date.now())).toThrow(SoldOut);
    expect(() => state.checkAdmission([{ ticketTypeId: GA, quantity: 5 }], settings, Date.now())).not.toThrow();

    const start = Date.now();
    state.apply(activity(queue(100, 5_000), 100, { held: 995, sold: 0 }), start);
    state.apply(activity(queue(200, 5_000), 100, { held: 995, sold: 0 }), start + 1_000);
    // 4,800 waiting at 100/s: 48 s.
    expect(state.estimatedWaitSeconds(start + 1_000)).toBeCloseTo(48, 0);
    expect(() => state.checkAdmission([{ ticketTypeId: GA, quantity: 1 }], settings, start + 1_000)).toThrow(BacklogFull);
    const view = state.liveView(start + 1_000);
    expect(view.backlog.queued).toBe(4_800);
    expect(view.decisionsPerSecond).toBe(100);
  });
});
