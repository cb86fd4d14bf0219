import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import type { Database } from './client';
import { cancelReservation, decideQueued, expireDueHolds } from './reservation-transactions';
import { fanOutMessages } from './webhook-deliveries';
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
const notFannedOut = async () => (await database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_messages WHERE fanned_out_at IS NULL`)[0]!.n;
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

  it('records each decision as a thin message in the decision transaction; the relay fans it out to the subscribed endpoints', async () => {
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
    // A reservation's message stores no payload (the delivery builds the thin one from the columns).
    const heldMessage = recorded.find((message) => message.type === 'reservation.held')!;
    expect(heldMessage.data).toBeNull();
    const soldOut = recorded.find((message) => message.type === 'event.sold_out')!;
    expect(soldOut.data).toEqual({ eventId: event.id, ticketTypes: [{ ticketType: 'GA', capacity: 3, held: 3, sold: 0 }] });

    // The decision wrote no delivery: the relay's fan-out does, once.
    expect(await deliveries()).toEqual([]);
    expect(await notFannedOut()).toBe(3);
    expect(await fanOutMessages(database, 100)).toBe(3);
    expect(await fanOutMessages(database, 100)).toBe(0);
    expect(await notFannedOut()).toBe(0);
    const byMessage = async (id: string) => (await deliveries()).filter((row) => row.messageId === id).map((row) => row.endpointId).sort();
    expect(await byMessage(heldMessage.id)).toEqual([first, second].sort());
    expect(await byMessage(soldOut.id)).toEqual([first]);
    expect(await byMessage(recorded.find((message) => message.type === 'reservation.rejected')!.id)).toEqual([second]);
    expect((await deliveries()).every((row) => row.state === 'pending')).toBe(true);

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
    expect(await fanOutMessages(database, 100)).toBe(1);
    expect(await deliveries()).toHaveLength(1);
  });

  it('leaves no message of a decision batch that rolls back, and records the batch decided again', async () => {
    const event = await givenEvent(database);
    await givenEndpoint(['reservation.held']);
    for (let i = 0; i < 5; i++) await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    // The batch's commit fails after its transitions and its messages were written (a deferred check at COMMIT).
    await database.sql`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused'; END $$`;
    await database.sql`
      CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON webhook_messages DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION refuse_commit()`;
    try {
      await expect(decideAll(event)).rejects.toThrow('commit refused');
    } finally {
      await database.sql`DROP TRIGGER refuse_commit ON webhook_messages`;
      await database.sql`DROP FUNCTION refuse_commit()`;
    }
    expect(await messages()).toEqual([]);
    const [left] = await database.sql<{ queued: number }[]>`SELECT count(*)::int AS queued FROM reservations WHERE event_id = ${event.id} AND status = 'queued'`;
    expect(left!.queued).toBe(5);

    const { decided } = await decideAll(event);
    expect(decided).toHaveLength(5);
    expect((await messages()).map((message) => message.reservationId).sort()).toEqual(decided.map((reservation) => reservation.id).sort());
  });

  it('fans a message out to the endpoints enabled and subscribed when the relay does, each once', async () => {
    const event = await givenEvent(database);
    const early = await givenEndpoint(['reservation.held']);
    const leaving = await givenEndpoint(['reservation.held']);
    await givenEndpoint(['reservation.rejected']);
    await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await decideAll(event);
    expect(await messages()).toHaveLength(1);
    // Between the commit and the fan-out: one endpoint is registered, one disabled.
    const late = await givenEndpoint(['reservation.held']);
    await database.sql`UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = 'operator' WHERE id = ${leaving}`;
    // Two relays at once: each message is fanned out by one of them.
    const passes = await Promise.all([fanOutMessages(database, 10), fanOutMessages(database, 10)]);
    expect(passes.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect((await deliveries()).map((row) => row.endpointId).sort()).toEqual([early, late].sort());
  });

  it('refuses an unknown type, and a reservation change announced twice', async () => {
    const event = await givenEvent(database);
    await givenEndpoint(['reservation.held']);
    await expect(recordWebhookEvents(database.sql, [{ type: 'reservation.lost' as never, eventId: event.id, reservationId: event.id, sequence: 2 }])).rejects.toThrow();
    const reservationId = (await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }])).id;
    const held = { type: 'reservation.held' as const, eventId: event.id, reservationId, sequence: 2 };
    await recordWebhookEvents(database.sql, [held]);
    await expect(recordWebhookEvents(database.sql, [held])).rejects.toThrow(/webhook_messages_pkey/);
    // The primary key can refuse it because no reservation's message can take an id of its own choosing.
    await expect(
      database.sql`INSERT INTO webhook_messages (id, type, event_id, reservation_id, sequence)
        VALUES (gen_random_uuid(), 'reservation.held', ${event.id}, ${reservationId}, 3)`,
    ).rejects.toThrow(/webhook_messages_reservation_id_derived/);
  });
});
