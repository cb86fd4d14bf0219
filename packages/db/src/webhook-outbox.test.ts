import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import type { Database } from './client';
import { cancelReservation, decideQueued, expireDueHolds } from './reservation-transactions';
import { recordWebhookEvents } from './webhook-outbox';

const writer = { workerId: 'test-worker', requestId: 'test-request' };
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = testDb.database;
});

afterAll(async () => {
  await testDb?.dispose();
});

beforeEach(async () => {
  await database.sql`DELETE FROM webhook_messages`;
  await database.sql`DELETE FROM webhook_endpoints`;
});

async function givenEndpoint(eventTypes: string[], disabled = false) {
  const [endpoint] = await database.sql<{ id: string }[]>`
    INSERT INTO webhook_endpoints (url, event_types, secret, disabled_at, disabled_reason)
    VALUES ('http://receiver.test/hook', ${eventTypes}, ${SECRET}, ${disabled ? new Date().toISOString() : null}, ${disabled ? 'operator' : null})
    RETURNING id`;
  return endpoint!.id;
}

const messages = () =>
  database.sql<{ id: string; type: string; reservationId: string | null; sequence: number | null; data: Record<string, unknown> }[]>`
    SELECT id, type, reservation_id AS "reservationId", sequence, data FROM webhook_messages ORDER BY created_at, type, sequence`;
const deliveries = () => database.sql<{ messageId: string; endpointId: string; state: string }[]>`
  SELECT message_id AS "messageId", endpoint_id AS "endpointId", state FROM webhook_deliveries`;

async function decideAll(event: { id: string }) {
  return decideQueued(database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 1_000 }, writer);
}

describe('the webhook outbox', () => {
  it('records nothing while no endpoint is subscribed', async () => {
    const event = await givenEvent(database);
    await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 2 }]);
    await givenEndpoint(['reservation.held'], true);
    const { decided } = await decideAll(event);
    expect(decided.map((r) => r.status)).toEqual(['held']);
    expect(await messages()).toEqual([]);
  });

  it('records each decision, with one delivery per subscribed endpoint, in the decision transaction', async () => {
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 3 }] });
    const first = await givenEndpoint(['reservation.held', 'event.sold_out']);
    const second = await givenEndpoint(['reservation.held', 'reservation.rejected', 'reservation.cancelled']);
    const held = await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 3 }]);
    const rejected = await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await decideAll(event);

    const recorded = await messages();
    expect(recorded.map(({ type, reservationId, sequence }) => ({ type, reservationId, sequence })).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'event.sold_out', reservationId: null, sequence: null },
      { type: 'reservation.held', reservationId: held.id, sequence: 2 },
      { type: 'reservation.rejected', reservationId: rejected.id, sequence: 2 },
    ]);
    const heldMessage = recorded.find((message) => message.type === 'reservation.held')!;
    expect(heldMessage.data).toMatchObject({ id: held.id, eventId: event.id, status: 'held', version: 2, items: [{ ticketType: 'GA', quantity: 3 }] });
    const soldOut = recorded.find((message) => message.type === 'event.sold_out')!;
    expect(soldOut.data).toEqual({ eventId: event.id, ticketTypes: [{ ticketType: 'GA', capacity: 3, held: 3, sold: 0 }] });

    const byMessage = (id: string) => (deliveries as () => Promise<{ messageId: string; endpointId: string }[]>)().then((rows) => rows.filter((row) => row.messageId === id).map((row) => row.endpointId).sort());
    expect(await byMessage(heldMessage.id)).toEqual([first, second].sort());
    expect(await byMessage(soldOut.id)).toEqual([first]);
    expect(await byMessage(recorded.find((message) => message.type === 'reservation.rejected')!.id)).toEqual([second]);

    // A cancel is sequence 3 of its reservation; its returned tickets announce no sell-out.
    await cancelReservation(database, { eventId: event.id, reservationId: held.id }, writer);
    const cancelled = (await messages()).filter((message) => message.type === 'reservation.cancelled');
    expect(cancelled.map(({ reservationId, sequence }) => ({ reservationId, sequence }))).toEqual([{ reservationId: held.id, sequence: 3 }]);
    expect((await messages()).filter((message) => message.type === 'event.sold_out')).toHaveLength(1);
  });

  it('records expiries of a batch in one statement, one message each', async () => {
    const event = await givenEvent(database, { holdTtlSeconds: 1 });
    await givenEndpoint(['reservation.expired']);
    for (let i = 0; i < 20; i++) await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await decideAll(event);
    await database.sql`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE event_id = ${event.id}`;
    const { expired } = await expireDueHolds(database, event.id, 1_000, writer);
    expect(expired).toHaveLength(20);
    const recorded = await messages();
    expect(recorded).toHaveLength(20);
    expect(new Set(recorded.map((message) => message.reservationId)).size).toBe(20);
    expect(recorded.every((message) => message.type === 'reservation.expired' && message.sequence === 3)).toBe(true);
  });

  it('leaves nothing behind when the transaction that recorded it rolls back', async () => {
    const event = await givenEvent(database);
    await givenEndpoint(['waitlist.offered']);
    await expect(
      database.sql.begin(async (tx) => {
        expect(await recordWebhookEvents(tx, [{ type: 'waitlist.offered', eventId: event.id, data: { eventId: event.id } }])).toBe(1);
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    expect(await messages()).toEqual([]);
    expect(await recordWebhookEvents(database.sql, [{ type: 'waitlist.offered', eventId: event.id, data: { eventId: event.id } }])).toBe(1);
    expect(await deliveries()).toHaveLength(1);
  });

  it('refuses an unknown type, and a reservation change announced twice', async () => {
    const event = await givenEvent(database);
    await givenEndpoint(['reservation.held']);
    await expect(recordWebhookEvents(database.sql, [{ type: 'reservation.lost' as never, eventId: event.id, data: {} }])).rejects.toThrow();
    const reservationId = (await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }])).id;
    const held = { type: 'reservation.held' as const, eventId: event.id, reservationId, sequence: 2, data: {} };
    await recordWebhookEvents(database.sql, [held]);
    await expect(recordWebhookEvents(database.sql, [held])).rejects.toThrow(/webhook_messages_reservation_sequence_unique/);
  });
});
