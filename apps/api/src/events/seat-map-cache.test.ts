/**
 * SeatMapCache against the real database and Redis: the API and a partition worker run in-process
 * on this file's own environment (they make the events and decide the requests); each test builds
 * its own cache, as another API process would, over a reader that counts its PostgreSQL reads.
 */
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { findSeatMapVersion, type Database, type EventWithTicketTypes } from '@onsale/db';
import { EventActivityUpdates, type EventActivity } from '@onsale/queue';
import { createLogger, type EventView, type ReservationView, type SeatMapSpec, type SeatMapView } from '@onsale/shared';
import { Redis } from 'ioredis';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventBody } from '../../../../test/support/event-requests';
import { waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';
import { EventState } from '../event-state/event-state';
import { EventStates } from '../event-state/event-states';
import { postgresSeatMapReader, preferredEncoding, SeatMapBody, SeatMapCache, seatMapVersionOf, type SeatMapReader } from './seat-map-cache';

const logger = createLogger({ name: 'test', level: 'silent' });
const { call, app } = apiWithWorkerForThisFile();
let subscriber: Redis;
const closing: (() => Promise<void>)[] = [];

beforeAll(() => {
  subscriber = new Redis(app().env.redisUrl, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  await Promise.all(closing.map((close) => close()));
  subscriber?.disconnect();
});

const database = (): Database => app().env.database;

/** A reader of this file's database that counts what it is asked. */
function countingReader(): SeatMapReader & { versionReads: number; mapReads: number } {
  const real = postgresSeatMapReader(database());
  const counting = {
    versionReads: 0,
    mapReads: 0,
    version: (eventId: string) => {
      counting.versionReads++;
      return real.version(eventId);
    },
    map: (eventId: string) => {
      counting.mapReads++;
      return real.map(eventId);
    },
  };
  return counting;
}

/** Another API process's view of the events: its own states (its own subscription) and cache. */
function anotherProcess(options: { refreshMs?: number; activity?: EventActivityUpdates; mapRefreshMs?: number } = {}) {
  const states = new EventStates({
    database: database(),
    activity: options.activity ?? new EventActivityUpdates(subscriber, app().env.keyPrefix, logger),
    logger,
    refreshMs: options.refreshMs,
  });
  closing.push(() => states.close());
  const reader = countingReader();
  return { states, reader, cache: new SeatMapCache({ database: database(), states, reader, refreshMs: options.mapRefreshMs }) };
}

const grid = (sections: string[], ticketType: string, rows: number, seats: number): SeatMapSpec['sections'] =>
  sections.map((code) => ({ code, ticketType, rows: [{ labels: { from: 1, to: rows }, seats: [{ from: 1, to: seats }] }] }));

async function createSeatedEvent(seatMap: SeatMapSpec, ticketTypes: { code: string; capacity: number }[], overrides: Record<string, unknown> = {}) {
  const reply = await call<EventView>('POST', '/v1/events', {
    token: adminToken(),
    json: { ...eventBody(), ticketTypes: ticketTypes.map((type) => ({ ...type, name: type.code, priceCents: 9_000 })), seatMap, ...overrides },
  });
  expect(reply.status).toBe(201);
  return reply.body;
}

/** A request for `quantity` best-available seats of `ticketType`, sent again after a 503 (a loaded machine). */
async function reserve(eventId: string, ticketType: string, quantity: number) {
  const buyer = newCustomer();
  for (let attempt = 1; ; attempt++) {
    const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, {
      token: buyer.token,
      json: { items: [{ ticketType, quantity }] },
      headers: { 'Idempotency-Key': `cache-${Math.random().toString(36).slice(2)}` },
    });
    if (reply.status !== 503 || attempt === 20) {
      expect(reply.status).toBe(202);
      return { ...reply.body, token: buyer.token };
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

const held = (map: SeatMapView) =>
  map.sections.flatMap((section) => section.rows).reduce((sum, row) => sum + [...row.states.matchAll(/(\d+)h/g)].reduce((n, [, count]) => n + Number(count), 0), 0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('seatMapVersionOf', () => {
  it("is PostgreSQL's findSeatMapVersion, from the versions the event's state keeps", async () => {
    const event = await createSeatedEvent({ sections: [...grid(['A'], 'SEAT', 2, 5), ...grid(['B'], 'BOX', 1, 4)] }, [
      { code: 'GA', capacity: 10 },
      { code: 'SEAT', capacity: 10 },
      { code: 'BOX', capacity: 4 },
    ]);
    await reserve(event.id, 'BOX', 2);
    const { states } = anotherProcess();
    const state = await states.get(event.id);
    await waitUntil(async () => seatMapVersionOf(state.seatVersions()!) === (await findSeatMapVersion(database(), event.id)), 20_000);
    expect(state.seatVersions()).toHaveLength(2);
  });
});

describe('SeatMapCache', () => {
  it('follows the decisions from the workers\' messages: the version moves with them, and no poll reads PostgreSQL for it', async () => {
    const event = await createSeatedEvent({ sections: grid(['A', 'B'], 'SEAT', 5, 10) }, [{ code: 'SEAT', capacity: 100 }]);
    // No re-read during the test: only the workers' messages can move the version this process knows.
    const { cache, reader } = anotherProcess({ refreshMs: 600_000 });
    const first = (await cache.get(event.id))!;
    expect(held(first.map)).toBe(0);

    const seen = new Set<string>([first.version]);
    let polls = 0;
    let rushing = true;
    const polling = (async () => {
      while (rushing) {
        seen.add((await cache.get(event.id))!.version);
        polls++;
        await sleep(5);
      }
    })();
    // Waves, so that the worker decides them in several batches: several versions.
    for (let wave = 0; wave < 6; wave++) {
      await Promise.all(Array.from({ length: 8 }, () => reserve(event.id, 'SEAT', 1)));
      await sleep(150);
    }
    await waitUntil(async () => (await cache.get(event.id))!.version === (await findSeatMapVersion(database(), event.id)) && held((await cache.get(event.id))!.map) === 48, 30_000);
    rushing = false;
    await polling;

    const last = (await cache.get(event.id))!;
    expect(last.etag).toBe(`"${await findSeatMapVersion(database(), event.id)}"`);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    // The version came from the event's state every time; the map was read once per new version (two reads may race to one).
    expect(reader.versionReads).toBe(0);
    expect(reader.mapReads).toBeLessThanOrEqual(2 * seen.size);
    expect(polls).toBeGreaterThan(4 * reader.mapReads);
  }, 60_000);

  it('with a refresh interval, serves the map read until it is that old though the version moved, then the newest', async () => {
    const event = await createSeatedEvent({ sections: grid(['A'], 'SEAT', 2, 10) }, [{ code: 'SEAT', capacity: 20 }]);
    const { cache, reader } = anotherProcess({ refreshMs: 600_000, mapRefreshMs: 1_500 });
    const first = (await cache.get(event.id))!;
    await Promise.all(Array.from({ length: 3 }, () => reserve(event.id, 'SEAT', 1)));
    await waitUntil(async () => (await findSeatMapVersion(database(), event.id)) !== first.version, 10_000);
    // The version moved within the interval: the map read is served, and nothing is read again.
    const within = (await cache.get(event.id))!;
    expect(within.version).toBe(first.version);
    expect(reader.mapReads).toBe(1);
    await sleep(1_600);
    await waitUntil(async () => held((await cache.get(event.id))!.map) === 3, 10_000);
    expect((await cache.get(event.id))!.version).toBe(await findSeatMapVersion(database(), event.id));
    expect(reader.mapReads).toBe(2);
  }, 30_000);

  it('reads the version from PostgreSQL on every poll when the event state cannot be had (Redis away)', async () => {
    const event = await createSeatedEvent({ sections: grid(['A'], 'SEAT', 1, 4) }, [{ code: 'SEAT', capacity: 4 }]);
    const away = {
      subscribe: () => Promise.reject(new Error('Redis is away')),
      onReconnected: () => undefined,
    } as unknown as EventActivityUpdates;
    const { cache, reader } = anotherProcess({ activity: away });
    expect((await cache.get(event.id))!.map.sections[0]!.rows[0]!.states).toBe('4f');
    await cache.get(event.id);
    expect(reader).toMatchObject({ versionReads: 2, mapReads: 1 });
    await reserve(event.id, 'SEAT', 2);
    await waitUntil(async () => held((await cache.get(event.id))!.map) === 2, 30_000);
    expect(await cache.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  }, 60_000);

  it('serves a map replaced through another API process once its state is re-read, never the old one after', async () => {
    const event = await createSeatedEvent({ sections: grid(['A'], 'SEAT', 1, 4) }, [{ code: 'SEAT', capacity: 4 }], {
      salesStartAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const { cache } = anotherProcess({ refreshMs: 200 });
    expect((await cache.get(event.id))!.map.sections.map((section) => section.code)).toEqual(['A']);
    const replaced = await call('PUT', `/v1/events/${event.id}/seat-map`, { token: adminToken(), json: { seatMap: { sections: grid(['A', 'B'], 'SEAT', 1, 3) } } });
    expect(replaced.status).toBe(200);
    await waitUntil(async () => (await cache.get(event.id))!.map.sections.length === 2, 5_000);
    expect((await cache.get(event.id))!.version).toBe(await findSeatMapVersion(database(), event.id));
  });

  it('tells an event without seats, and no event, by undefined', async () => {
    const { cache } = anotherProcess();
    const plain = await call<EventView>('POST', '/v1/events', { token: adminToken(), json: eventBody() });
    expect(await cache.get(plain.body.id)).toBeUndefined();
    expect(await cache.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe("the event state's seat versions", () => {
  const EVENT = '00000000-0000-4000-8000-0000000000e1';
  const [GA, SEAT] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
  const type = (id: string, seated: boolean) => ({ id, code: id.slice(-2), seated, inventoryVersion: 4, capacity: 10, held: 0, sold: 0 });
  const activity = (seatVersion: number | undefined): EventActivity => ({
    eventId: EVENT,
    commandId: 'decide-p0',
    at: new Date().toISOString(),
    ticketTypes: [{ id: SEAT, capacity: 10, held: 1, sold: 0, ...(seatVersion === undefined ? {} : { inventoryVersion: seatVersion }) }],
    held: 1,
    rejected: 0,
    confirmed: 0,
    cancelled: 0,
    expired: 0,
    decisionLatenciesMs: [5],
  });

  it('only move forward, are unknown after a message without them until a re-read, and follow a replaced map', () => {
    const state = new EventState({ id: EVENT, ticketTypes: [type(GA, false), type(SEAT, true)] } as unknown as EventWithTicketTypes, 10_000);
    expect(state.seatVersions()).toEqual([{ id: SEAT, version: 4 }]);
    state.apply(activity(6));
    state.apply(activity(5));
    state.inventoryRead([{ id: SEAT, inventoryVersion: 5, seated: true }]);
    expect(state.seatVersions()).toEqual([{ id: SEAT, version: 6 }]);
    state.apply(activity(undefined));
    expect(state.seatVersions()).toBeUndefined();
    state.inventoryRead([{ id: SEAT, inventoryVersion: 7, seated: true }]);
    expect(state.seatVersions()).toEqual([{ id: SEAT, version: 7 }]);
    // A replaced map: GA seated too, SEAT not any more; every version moved on.
    state.inventoryRead([
      { id: GA, inventoryVersion: 5, seated: true },
      { id: SEAT, inventoryVersion: 8, seated: false },
    ]);
    expect(state.seatVersions()).toEqual([{ id: GA, version: 5 }]);
    state.inventoryRead([{ id: GA, inventoryVersion: 6, seated: false }]);
    expect(state.seatVersions()).toBeNull();
  });
});

describe('SeatMapBody', () => {
  const map: SeatMapView = {
    eventId: '00000000-0000-4000-8000-000000000001',
    version: 'abc',
    sections: [{ code: 'A', ticketType: 'SEAT', rows: Array.from({ length: 60 }, (_, index) => ({ label: String(index + 1), numbers: [[1, 30]], states: '10f5h15s' })) }],
  };

  it('compresses once per coding, and small bodies not at all', async () => {
    const body = new SeatMapBody(map);
    const [br, again, gzip] = await Promise.all([body.encoded('br'), body.encoded('br'), body.encoded('gzip')]);
    expect(br.encoding).toBe('br');
    expect(again.body).toBe(br.body);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(map);
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(map);
    expect(br.body.length).toBeLessThan(body.json.length / 5);
    const small = new SeatMapBody({ ...map, sections: [] });
    expect(await small.encoded('gzip')).toEqual({ body: small.json });
    expect(body.etag).toBe('"abc"');
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['identity', undefined],
    ['GZIP;q=0.8, *;q=0.1', 'gzip'],
  ])('answers Accept-Encoding %p with %p', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
