import { createHash, randomUUID } from 'node:crypto';
import { commitmentOf, drawEntryOf, drawOrder, drawRankOf } from '@onsale/domain';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { eventBody } from '../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../test/support/test-environment';
import type postgres from 'postgres';
import type { Database } from './client';
import { createEvent, type EventWithTicketTypes } from './event.repository';
import { findDueDraws, readDraw, readDrawEntries, runDraw } from './fair-draw';
import { findEventsWithStaleQueued } from './reservation-reads';
import { decideQueued } from './reservation-transactions';
import { acceptReservations, type QueuedReservationInput } from './reservation-writer';

let env: TestEnvironment;
let database: Database;
let pg: postgres.Sql;
const writer = { workerId: 'fair-draw-test', requestId: null };

beforeAll(async () => {
  env = await createTestEnvironment();
  database = env.database;
  pg = env.database.sql;
});

afterAll(async () => {
  await env.dispose();
});

/** An event whose pre-queue is open now and whose draw is due `drawInMs` from now. */
const preQueueEvent = (drawInMs: number, capacity = 1_000) =>
  createEvent(
    database,
    eventBody({
      preQueueOpensAt: new Date(Date.now() - 60_000).toISOString(),
      salesStartAt: new Date(Date.now() + drawInMs).toISOString(),
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity }],
    }),
  );

const request = (event: EventWithTicketTypes, customerId = `customer-${randomUUID()}`, id: string = randomUUID()): QueuedReservationInput => ({
  id,
  eventId: event.id,
  partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT),
  customerId,
  items: [{ ticketTypeId: event.ticketTypes[0]!.id, quantity: 1 }],
  idempotencyKey: null,
  requestHash: 'hash',
  requestId: 'test',
});

/** A UUID (v4-shaped) that is a function of `name`: the uniformity test's request ids. */
const uuidOf = (name: string) => {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const placesOf = (eventId: string) =>
  pg<{ id: string; seq: number | null; arrival: string; status: string }[]>`
    SELECT id, queue_seq::float8 AS seq, arrival::text AS arrival, status FROM reservations WHERE event_id = ${eventId} ORDER BY created_at, arrival`;

const untilDue = (event: EventWithTicketTypes) => waitUntil(async () => {
  const [row] = await pg<{ due: boolean }[]>`SELECT sales_start_at <= clock_timestamp() AS due FROM events WHERE id = ${event.id}`;
  return row!.due;
});

/** Decides the event's partition until nothing is left, returning the ids in the order decided. */
async function decideAll(event: EventWithTicketTypes): Promise<string[]> {
  const order: string[] = [];
  for (;;) {
    const { decided } = await decideQueued(database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 7, only: { eventId: event.id } }, writer);
    if (decided.length === 0) return order;
    order.push(...decided.map((reservation) => reservation.id));
  }
}

describe('the pre-queue', () => {
  it('records requests without a place, one per customer, and decides none of them before the draw', async () => {
    const event = await preQueueEvent(60_000);
    const customer = `customer-${randomUUID()}`;
    const [first, again, sameBatch, other] = await acceptReservations(database, [
      request(event, customer),
      request(event, customer),
      request(event, `customer-x-${event.id}`),
      request(event, `customer-x-${event.id}`),
    ]);
    expect(first).toMatchObject({ kind: 'accepted', place: null, drawAt: new Date(event.salesStartAt!) });
    expect(again).toEqual({ kind: 'already_in_pre_queue' });
    expect(sameBatch).toMatchObject({ kind: 'accepted', place: null });
    expect(other).toEqual({ kind: 'already_in_pre_queue' });
    // A later batch is refused too: the entry is a row, and a constraint backs it.
    expect(await acceptReservations(database, [request(event, customer)])).toEqual([{ kind: 'already_in_pre_queue' }]);
    await expect(pg`INSERT INTO draw_entries (reservation_id, event_id, customer_id) SELECT id, event_id, customer_id FROM reservations WHERE event_id = ${event.id} LIMIT 1 OFFSET 0
      ON CONFLICT (reservation_id) DO NOTHING`).resolves.toBeDefined();
    const [entry] = await placesOf(event.id);
    await expect(pg`UPDATE draw_entries SET customer_id = ${`customer-x-${event.id}`} WHERE reservation_id = ${entry!.id}`).rejects.toThrow(/draw_entries_one_per_customer/);

    expect(await decideAll(event)).toEqual([]);
    expect((await placesOf(event.id)).map((row) => [row.seq, row.status])).toEqual([[null, 'queued'], [null, 'queued']]);
    // Nor does the sweep take them for requests whose decide job was lost.
    expect(await findEventsWithStaleQueued(database, 0)).not.toContain(event.id);
    expect(await runDraw(database, event.id)).toEqual({ kind: 'not_due', drawAt: new Date(event.salesStartAt!) });
    const draw = await readDraw(database, event.id);
    expect(draw).toMatchObject({ seed: null, drawnAt: null, entries: 2 });
    expect(draw!.commitment).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a pre-queue after the sales start, and an event whose pre-queue opens too late, in its constraints', async () => {
    const event = await preQueueEvent(60_000);
    await expect(pg`UPDATE events SET pre_queue_opens_at = sales_start_at WHERE id = ${event.id}`).rejects.toThrow(/events_pre_queue_before_sales/);
    await expect(pg`UPDATE event_draws SET seed = ${'0'.repeat(64)} WHERE event_id = ${event.id}`).rejects.toThrow(/event_draws_commitment_of_seed/);
  });
});

describe('the draw', () => {
  it('places the pre-queue in rank order, then late arrivals in arrival order; a late arrival never precedes an entry', async () => {
    const event = await preQueueEvent(1_500);
    const entries = await acceptReservations(database, Array.from({ length: 30 }, () => request(event)));
    const entryIds = (await placesOf(event.id)).map((row) => row.id);
    expect(entries.every((outcome) => outcome.kind === 'accepted' && outcome.place === null)).toBe(true);
    await untilDue(event);
    // After salesStartAt, before the draw ran: no place, no entry, behind the whole pre-queue.
    const late = [];
    for (let i = 0; i < 5; i++) late.push(...(await acceptReservations(database, [request(event)])));
    expect(late.every((outcome) => outcome.kind === 'accepted' && outcome.place === null)).toBe(true);
    const lateIds = (await placesOf(event.id)).map((row) => row.id).filter((id) => !entryIds.includes(id));
    expect(await decideAll(event)).toEqual([]);

    expect(await findEventsWithStaleQueued(database, 0)).not.toContain(event.id);
    const drawn = await runDraw(database, event.id);
    expect(drawn).toMatchObject({ kind: 'drawn', fresh: true, entries: 30, placed: 35 });
    expect(await findEventsWithStaleQueued(database, 0)).toContain(event.id);
    const after = await acceptReservations(database, [request(event), request(event)]);
    expect(after.map((outcome) => outcome.kind === 'accepted' && outcome.place?.seq)).toEqual([36, 37]);

    const draw = (await readDraw(database, event.id))!;
    expect(commitmentOf(draw.seed!)).toBe(draw.commitment);
    const expected = [...drawOrder(draw.seed!, entryIds).map(({ id }) => id), ...lateIds];
    const decided = await decideAll(event);
    expect(decided.slice(0, 35)).toEqual(expected);
    expect(decided).toHaveLength(37);
    const places = new Map((await placesOf(event.id)).map((row) => [row.id, row.seq]));
    expect(expected.map((id) => places.get(id))).toEqual(expected.map((_, index) => index + 1));
  });

  it('is recomputed by anyone from the revealed seed and the published entries', async () => {
    const event = await preQueueEvent(1_000);
    await acceptReservations(database, Array.from({ length: 12 }, () => request(event)));
    await untilDue(event);
    await runDraw(database, event.id);
    const draw = (await readDraw(database, event.id))!;
    const published = await readDrawEntries(database, event.id, { afterPosition: 0, limit: 100 });
    const recomputed = published
      .map(({ entry }) => ({ entry, rank: drawRankOf(draw.seed!, entry) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : 1))
      .map(({ entry }) => entry);
    expect(published.map(({ entry }) => entry)).toEqual(recomputed);
    expect(published.map(({ position }) => position)).toEqual(published.map((_, index) => index + 1));
    // A customer finds their own entry from their reservation id, and the place it was given.
    const mine = (await placesOf(event.id))[5]!;
    const position = published.find(({ entry }) => entry === drawEntryOf(mine.id))!.position;
    expect(mine.seq).toBe(position);
  });

  it('is found by the sweep once due, or due within its look-ahead with the time left, and no more once it ran', async () => {
    const event = await preQueueEvent(60_000);
    expect((await findDueDraws(database)).map((due) => due.eventId)).not.toContain(event.id);
    const soon = (await findDueDraws(database, 120_000)).find((due) => due.eventId === event.id);
    expect(soon!.dueInMs).toBeGreaterThan(0);
    expect(soon!.dueInMs).toBeLessThanOrEqual(60_000);
    await pg`UPDATE events SET sales_start_at = clock_timestamp() WHERE id = ${event.id}`;
    await pg`UPDATE event_queues SET draw_at = clock_timestamp() WHERE event_id = ${event.id}`;
    expect((await findDueDraws(database)).find((due) => due.eventId === event.id)).toEqual({ eventId: event.id, dueInMs: 0 });
    await runDraw(database, event.id);
    expect((await findDueDraws(database, 120_000)).map((due) => due.eventId)).not.toContain(event.id);
  });

  it('runs once: run again, or many times at once, the order does not change', async () => {
    const event = await preQueueEvent(1_000);
    await acceptReservations(database, Array.from({ length: 40 }, () => request(event)));
    await untilDue(event);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => runDraw(database, event.id)));
    expect(outcomes.filter((outcome) => outcome.kind === 'drawn' && outcome.fresh)).toHaveLength(1);
    const before = await placesOf(event.id);
    expect(await runDraw(database, event.id)).toMatchObject({ kind: 'drawn', fresh: false, entries: 40 });
    expect(await placesOf(event.id)).toEqual(before);
  });
});

/** P(X ≥ x) for X chi-square with k degrees of freedom: the regularized upper incomplete gamma Q(k/2, x/2). */
function chiSquareSurvival(x: number, k: number): number {
  const a = k / 2;
  const z = x / 2;
  const lnGammaA = lnGamma(a);
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= z / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(-z + a * Math.log(z) - lnGammaA);
  }
  // Continued fraction (Lentz).
  let b = z + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < 1e-300 ? 1e-300 : d;
    c = b + an / c;
    c = Math.abs(c) < 1e-300 ? 1e-300 : c;
    d = 1 / d;
    h *= d * c;
  }
  return Math.exp(-z + a * Math.log(z) - lnGammaA) * h;
}

function lnGamma(x: number): number {
  const g = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const coefficient of g) ser += coefficient / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** Chi-square of a slots × positions table against the uniform expectation (each row and column sums to `draws`). */
function chiSquareOf(counts: number[][], draws: number): number {
  const expected = draws / counts.length;
  return counts.flat().reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

describe('uniformity', () => {
  const DRAWS = 240;
  const SIZE = 6;

  it('checks its chi-square against known values, and fails an order that follows arrival', () => {
    expect(chiSquareSurvival(37.652, 25)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(44.314, 25)).toBeCloseTo(0.01, 3);
    const arrivalOrder = Array.from({ length: SIZE }, (_, slot) => Array.from({ length: SIZE }, (_, position) => (slot === position ? DRAWS : 0)));
    expect(chiSquareSurvival(chiSquareOf(arrivalOrder, DRAWS), (SIZE - 1) ** 2)).toBeLessThan(1e-10);
  });

  it(`puts a pre-queue of ${SIZE} in a uniform order: position against arrival slot over ${DRAWS} draws`, async () => {
    // Seeds and request ids are functions of the draw's number, so the statistic is the same every
    // run (the test cannot flake); the draws themselves run as in production, through PostgreSQL.
    const events: EventWithTicketTypes[] = [];
    for (let d = 0; d < DRAWS; d++) events.push(await preQueueEvent(600_000));
    for (const [d, event] of events.entries()) {
      const seed = createHash('sha256').update(`uniformity seed ${d}`).digest('hex');
      await pg`UPDATE event_draws SET seed = ${seed}, commitment = ${commitmentOf(seed)} WHERE event_id = ${event.id}`;
    }
    // Arrival slot s of draw d: its own batch, in slot order.
    for (let slot = 0; slot < SIZE; slot++) {
      const outcomes = await acceptReservations(
        database,
        events.map((event, d) => request(event, `customer-${slot}`, uuidOf(`uniformity ${d} ${slot}`))),
      );
      expect(outcomes.every((outcome) => outcome.kind === 'accepted')).toBe(true);
    }
    // The clock reaches salesStartAt: moved to now rather than waited for (creating the events takes a while).
    const ids = events.map((event) => event.id);
    await pg`UPDATE events SET sales_start_at = clock_timestamp() WHERE id = ANY(${ids}::uuid[])`;
    await pg`UPDATE event_queues SET draw_at = clock_timestamp() WHERE event_id = ANY(${ids}::uuid[])`;
    const counts = Array.from({ length: SIZE }, () => new Array<number>(SIZE).fill(0));
    for (const [d, event] of events.entries()) {
      expect(await runDraw(database, event.id)).toMatchObject({ kind: 'drawn', fresh: true, placed: SIZE });
      const places = new Map((await placesOf(event.id)).map((row) => [row.id, row.seq!]));
      for (let slot = 0; slot < SIZE; slot++) counts[slot]![places.get(uuidOf(`uniformity ${d} ${slot}`))! - 1]! += 1;
    }
    const statistic = chiSquareOf(counts, DRAWS);
    const pValue = chiSquareSurvival(statistic, (SIZE - 1) ** 2);
    console.log(`fair draw uniformity: chi-square ${statistic.toFixed(2)} with ${(SIZE - 1) ** 2} degrees of freedom over ${DRAWS} draws, p = ${pValue.toFixed(3)}; counts ${JSON.stringify(counts)}`);
    expect(pValue).toBeGreaterThan(0.01);
  }, 120_000);
});
