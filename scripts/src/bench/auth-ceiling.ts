import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { bearerSubject, isItem, isObject } from './bare-api';

/*
 * The auth-ceiling variant's API, with no Onsale code: the least any authenticated buy endpoint
 * must do. It verifies the HS256 bearer token, checks the body's shape by hand and answers 202;
 * it records and decides nothing. Besides, what the benchmark asks of any API before its load:
 * readiness, and event creation (answered with a made-up id). And the least any authenticated
 * poll must do (`pnpm bench:polls`): GET /v1/reservations/:id verifies the token and answers a
 * small JSON from memory.
 */

const secret = process.env.JWT_SECRET;
if (!secret) throw new Error('JWT_SECRET is required');
const authenticatedSubject = bearerSubject(secret);
const port = Number(process.env.PORT ?? 3000);

const isReservationBody = (body: unknown) => isObject(body) && Array.isArray(body.items) && body.items.length > 0 && body.items.every(isItem);

const app = express();
app.use(express.json());
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
app.post('/v1/events', (_req, res) => {
  res.status(201).json({ id: randomUUID() });
});
app.post('/v1/events/:eventId/reservations', async (req, res) => {
  if ((await authenticatedSubject(req)) === undefined) {
    res.status(401).json({ title: 'Unauthorized' });
    return;
  }
  if (!isReservationBody(req.body)) {
    res.status(400).json({ title: 'Bad Request' });
    return;
  }
  res.status(202).json({ id: randomUUID(), eventId: req.params.eventId, status: 'queued' });
});
app.get('/v1/reservations/:id', async (req, res) => {
  const customerId = await authenticatedSubject(req);
  if (customerId === undefined) {
    res.status(401).json({ title: 'Unauthorized' });
    return;
  }
  res.json({ id: req.params.id, customerId, status: 'queued', version: 1 });
});

const server: Server = app.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
