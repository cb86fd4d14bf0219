import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import postgres from 'postgres';
import { bearerSubject, isItem, isObject, type Item } from './bare-api';

/*
 * The minimal-sync variant's API, with no Onsale code on its buy path: the synchronous design a
 * team would write first. Bare Express, the HS256 bearer token verified, the body's shape checked
 * by hand (as auth-ceiling does), then one transaction per request on a postgres.js pool of 10:
 * `SELECT … FOR UPDATE` of the ticket type's row, and if enough is left the `UPDATE` of its
 * counter and the `INSERT` of the hold (reservation and its item in one statement), sent
 * together. Every statement is prepared (postgres.js's default). It cannot oversell (the lock, and
 * the counters' CHECK); it does not count a customer's earlier tickets (the benchmark's customers
 * buy once) nor take an Idempotency-Key. It writes Onsale's tables, so that the benchmark
 * verifies it with the same SQL as every other run.
 *
 * Besides, what the benchmark asks of any API before its load: readiness, and general-admission
 * event creation (SQL straight into the same tables; not measured).
 */

const POOL_SIZE = 10;

const secret = process.env.JWT_SECRET;
const databaseUrl = process.env.DATABASE_URL;
if (!secret || !databaseUrl) throw new Error('JWT_SECRET and DATABASE_URL are required');
const authenticatedSubject = bearerSubject(secret);
const port = Number(process.env.PORT ?? 3000);
const sql = postgres(databaseUrl, { max: POOL_SIZE, onnotice: () => {} });

/** One item: the benchmark's requests ask for one ticket type. */
const isReservationBody = (body: unknown): body is { items: [Item] } => isObject(body) && Array.isArray(body.items) && body.items.length === 1 && body.items.every(isItem);

type Outcome = { status: 201; id: string; expiresAt: Date } | { status: 404 | 409 };

/** One transaction: lock the ticket type's row, and hold the tickets if enough are left. */
function reserve(eventId: string, customerId: string, item: Item): Promise<Outcome> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ id: string; available: number; holdSeconds: number }[]>`
      SELECT t.id, t.capacity - t.held - t.sold AS available, e.hold_ttl_seconds AS "holdSeconds"
      FROM ticket_types t JOIN events e ON e.id = t.event_id
      WHERE t.event_id = ${eventId} AND t.code = ${item.ticketType}
      FOR UPDATE OF t`;
    if (!row) return { status: 404 } as const;
    if (row.available < item.quantity) return { status: 409 } as const;
    const id = randomUUID();
    const [, [held]] = await Promise.all([
      tx`UPDATE ticket_types SET held = held + ${item.quantity} WHERE id = ${row.id}`,
      tx<{ expiresAt: Date }[]>`
        WITH reservation AS (
          INSERT INTO reservations (id, event_id, customer_id, status, request_hash, partition, expires_at, decided_at, decided_by)
          VALUES (${id}, ${eventId}, ${customerId}, 'held', '', 0, now() + make_interval(secs => ${row.holdSeconds}), clock_timestamp(), 'minimal-sync')
          RETURNING id, expires_at
        )
        INSERT INTO reservation_items (reservation_id, ticket_type_id, quantity)
        SELECT id, ${row.id}, ${item.quantity} FROM reservation
        RETURNING (SELECT expires_at FROM reservation) AS "expiresAt"`,
    ]);
    return { status: 201, id, expiresAt: held!.expiresAt } as const;
  }) as Promise<Outcome>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use(express.json());
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
app.post('/v1/events', async (req, res) => {
  const body = req.body as { name: string; startsAt: string; maxTicketsPerCustomer?: number; ticketTypes: { code: string; name: string; priceCents: number; capacity: number }[] };
  const id = await sql.begin(async (tx) => {
    const [event] = await tx<{ id: string }[]>`
      INSERT INTO events (name, starts_at, max_tickets_per_customer) VALUES (${body.name}, ${body.startsAt}, ${body.maxTicketsPerCustomer ?? null}) RETURNING id`;
    for (const [position, type] of body.ticketTypes.entries()) {
      await tx`INSERT INTO ticket_types (event_id, code, name, price_cents, capacity, position)
               VALUES (${event!.id}, ${type.code}, ${type.name}, ${type.priceCents}, ${type.capacity}, ${position})`;
    }
    return event!.id;
  });
  res.status(201).json({ id });
});
app.post('/v1/events/:eventId/reservations', async (req, res) => {
  const customerId = await authenticatedSubject(req);
  if (customerId === undefined) {
    res.status(401).json({ title: 'Unauthorized' });
    return;
  }
  const { eventId } = req.params;
  if (!UUID.test(eventId) || !isReservationBody(req.body)) {
    res.status(400).json({ title: 'Bad Request' });
    return;
  }
  try {
    const outcome = await reserve(eventId, customerId, req.body.items[0]);
    if (outcome.status === 201) {
      res.status(201).json({ id: outcome.id, eventId, status: 'held', items: req.body.items, expiresAt: outcome.expiresAt });
    } else {
      res.status(outcome.status).json({ title: outcome.status === 404 ? 'Not Found' : 'Sold out' });
    }
  } catch {
    res.status(503).json({ title: 'Service Unavailable' });
  }
});

const server: Server = app.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => void sql.end().then(() => process.exit(0))));
