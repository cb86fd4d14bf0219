/**
 * What every route shares, over HTTP against the real API and a real partition worker: bearer
 * tokens and roles, request ids, unknown routes, the OpenAPI document and the Swagger UI.
 */
import { createHash, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { EventView, ReservationView } from '@onsale/shared';
import jwt from 'jsonwebtoken';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventBody, eventRequests } from '../../../../test/support/event-requests';
import { expectProblem } from '../../../../test/support/problem';
import { adminToken, newCustomer, TEST_JWT_SECRET } from '../../../../test/support/tokens';

const { call, app } = apiWithWorkerForThisFile();

describe('authentication and roles', () => {
  const createWith = (headers: Record<string, string>) =>
    call('POST', '/v1/events', { json: eventBody(), headers });

  it('answers 401 without a token', async () => {
    expectProblem(await createWith({}), 401);
  });

  it('answers 401 for a header that is not a bearer token', async () => {
    expectProblem(await createWith({ Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }), 401);
  });

  it('answers 401 for a garbage token', async () => {
    expectProblem(await createWith({ Authorization: 'Bearer not.a.jwt' }), 401);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = jwt.sign({ sub: 'admin-1', role: 'admin' }, 'some-other-secret-value', { expiresIn: '1h' });
    expectProblem(await createWith({ Authorization: `Bearer ${forged}` }), 401);
  });

  it('answers 401 for an unsigned (alg none) token', async () => {
    const unsigned = jwt.sign({ sub: 'admin-1', role: 'admin' }, '', { algorithm: 'none', expiresIn: '1h' });
    expectProblem(await createWith({ Authorization: `Bearer ${unsigned}` }), 401);
  });

  it('answers 401 for an expired token', async () => {
    const expired = jwt.sign({ sub: 'admin-1', role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET);
    const problem = expectProblem(await createWith({ Authorization: `Bearer ${expired}` }), 401);
    expect(problem.detail).toMatch(/expired/i);
  });

  it('answers 401 for a token without exp', async () => {
    const eternal = jwt.sign({ sub: 'admin-1', role: 'admin' }, TEST_JWT_SECRET);
    expect(jwt.decode(eternal)).not.toHaveProperty('exp');
    expectProblem(await createWith({ Authorization: `Bearer ${eternal}` }), 401);
  });

  it('answers 401 for a token with an unknown role', async () => {
    const odd = jwt.sign({ sub: 'someone', role: 'superuser' }, TEST_JWT_SECRET, { expiresIn: '1h' });
    expectProblem(await createWith({ Authorization: `Bearer ${odd}` }), 401);
  });

  it('answers 401, not 500, for a signed token whose sub PostgreSQL could not store', async () => {
    for (const sub of ['buyer\u0000', 'buyer\uD800']) {
      const token = jwt.sign({ sub, role: 'customer' }, TEST_JWT_SECRET, { expiresIn: '1h' });
      expectProblem(await call('GET', '/v1/customers/me/reservations', { token }), 401);
    }
  });

  it('answers 403 when a customer creates an event', async () => {
    expectProblem(await createWith({ Authorization: `Bearer ${newCustomer().token}` }), 403);
  });

  it.each([
    ['GET', `/v1/reservations/${randomUUID()}`],
    ['GET', `/v1/reservations/${randomUUID()}/events`],
    ['POST', `/v1/reservations/${randomUUID()}/confirm`],
    ['POST', `/v1/reservations/${randomUUID()}/cancel`],
    ['GET', '/v1/customers/me/reservations'],
    ['PATCH', `/v1/events/${randomUUID()}`],
  ])('answers 401 on %s %s without a token', async (method, path) => {
    expectProblem(await call(method, path, method === 'PATCH' ? { json: { status: 'paused' } } : {}), 401);
  });

  it('lets an admin create an event: 201, Location, and the event with full availability', async () => {
    const body = eventBody({ name: 'Opening night', holdTtlSeconds: 120, maxTicketsPerCustomer: 4 });
    const reply = await call<EventView>('POST', '/v1/events', { token: adminToken(), json: body });

    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('location')).toBe(`/v1/events/${reply.body.id}`);
    expect(reply.body).toEqual({
      id: expect.any(String),
      name: 'Opening night',
      status: 'on_sale',
      startsAt: new Date(body.startsAt).toISOString(),
      salesStartAt: null,
      salesEndAt: null,
      holdTtlSeconds: 120,
      maxTicketsPerCustomer: 4,
      createdAt: expect.any(String),
      ticketTypes: [
        {
          id: expect.any(String),
          code: 'GA',
          name: 'General admission',
          priceCents: 5_000,
          capacity: 100,
          available: 100,
          held: 0,
          sold: 0,
          seated: false,
        },
        { id: expect.any(String), code: 'VIP', name: 'VIP', priceCents: 20_000, capacity: 10, available: 10, held: 0, sold: 0, seated: false },
      ],
    });
  });
});

describe('operations', () => {
  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    expect((await call('GET', '/healthz', { headers: { 'X-Request-Id': 'req-123' } })).headers.get('x-request-id')).toBe('req-123');
    const generated = (await call('GET', '/healthz', { headers: { 'X-Request-Id': 'not <an> id' } })).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    expect(expectProblem(await call('GET', '/v1/nothing-here'), 404).instance).toBe('/v1/nothing-here');
    expectProblem(await call('DELETE', `/v1/events/${randomUUID()}`, { token: adminToken() }), 404);
  });

  describe('/openapi.json', () => {
    let document: any;

    beforeAll(async () => {
      const reply = await call('GET', '/openapi.json');
      expect(reply.status).toBe(200);
      document = reply.body;
    });

    /** Follows a local `$ref` to its schema. */
    const resolve = (schema: any): any =>
      schema?.$ref ? resolve(schema.$ref.replace(/^#\//, '').split('/').reduce((node: any, key: string) => node[key], document)) : schema;

    it('is an OpenAPI 3.1 document', () => {
      expect(document.openapi).toMatch(/^3\.1\./);
      expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it.each([
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/v1/events', 'get'],
      ['/v1/events', 'post'],
      ['/v1/events/{eventId}', 'get'],
      ['/v1/events/{eventId}', 'patch'],
      ['/v1/events/{eventId}/reservations', 'post'],
      ['/v1/reservations/{id}', 'get'],
      ['/v1/reservations/{id}/events', 'get'],
      ['/v1/reservations/{id}/confirm', 'post'],
      ['/v1/reservations/{id}/cancel', 'post'],
      ['/v1/customers/me/reservations', 'get'],
    ])('documents %s %s', (path, method) => {
      expect(document.paths[path]?.[method]).toEqual(expect.objectContaining({ responses: expect.any(Object) }));
    });

    it('forbids additional properties in the reservation request body', () => {
      const operation = document.paths['/v1/events/{eventId}/reservations'].post;
      const body = resolve(operation.requestBody.content['application/json'].schema);
      // `items` (counted or best-available seats) or `seats` (exact seats): the contract requires one of them.
      expect(body).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['items', 'seats']));
      const item = resolve(resolve(body.properties.items).items);
      expect(item).toMatchObject({ type: 'object', additionalProperties: false });
      expect(operation.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ in: 'path', name: 'eventId' }),
          expect.objectContaining({ in: 'header', name: 'Idempotency-Key' }),
        ]),
      );
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '404', '422']));
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
    });
  });

  it('serves the Swagger UI at /docs/', async () => {
    const reply = await call('GET', '/docs/');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(reply.body).toMatch(/swagger-ui/i);
  });
});

describe('HTTP hardening', () => {
  it('sends helmet\'s security headers on API answers and pages', async () => {
    for (const path of ['/healthz', '/docs/', '/v1/nothing-here']) {
      const { headers } = await call('GET', path);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('allows no other origin by default: a preflight gets no Access-Control headers', async () => {
    const preflight = await call('OPTIONS', '/v1/events', { headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' } });
    expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('lets the admin login page run its own inline script and nothing else', async () => {
    const reply = await call('GET', '/admin/login');
    const policy = reply.headers.get('content-security-policy')!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(reply.body as string)![1]!;
    const digest = createHash('sha256').update(script).digest('base64');
    expect(policy).toContain(`script-src 'sha256-${digest}'`);
    expect(/script-src [^;]*/.exec(policy)![0]).not.toContain('unsafe-inline');
  });

  it('marks every answer to an authenticated route no-store, refusals included, and leaves public ones alone', async () => {
    const customer = newCustomer();
    expect((await call('GET', '/v1/customers/me/reservations', { token: customer.token })).headers.get('cache-control')).toBe('no-store');
    expect((await call('GET', '/v1/customers/me/reservations')).headers.get('cache-control')).toBe('no-store');
    expect((await call('GET', `/v1/reservations/${randomUUID()}`, { token: customer.token })).headers.get('cache-control')).toBe('no-store');
    expect((await call('POST', '/v1/events', { token: customer.token, json: eventBody() })).headers.get('cache-control')).toBe('no-store');
    expect((await call('GET', `/v1/reservations/${randomUUID()}/events`)).headers.get('cache-control')).toBe('no-store');
    expect((await call('GET', '/admin/queues', { headers: { Accept: 'application/json' } })).headers.get('cache-control')).toBe('no-store');
    expect((await call('GET', '/v1/events')).headers.get('cache-control')).not.toBe('no-store');
  });

  it('answers a JSON body over the limit with a 413 problem, and nothing is created', async () => {
    const huge = eventBody({ name: 'x'.repeat(70_000) });
    const reply = await call('POST', '/v1/events', { token: adminToken(), json: huge });
    const problem = expectProblem(reply, 413);
    expect(problem.type).toBe('urn:onsale:problem:content_too_large');
    expect(problem.detail).not.toMatch(/entity|stack|Error/);
  });

  it('answers an unsupported charset or content encoding with a 415 problem in our words', async () => {
    const body = JSON.stringify(eventBody());
    const charset = await call('POST', '/v1/events', { token: adminToken(), rawBody: body, headers: { 'Content-Type': 'application/json; charset=klingon' } });
    expect(expectProblem(charset, 415).detail).toMatch(/charset/);
    const encoding = await call('POST', '/v1/events', { token: adminToken(), rawBody: body, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-imaginary' } });
    expect(expectProblem(encoding, 415).detail).toMatch(/encoding/);
  });
});

describe('the lean routes (buy and poll, served ahead of the router)', () => {
  const { createEvent } = eventRequests(call);
  const reservePath = (eventId: string) => `/v1/events/${eventId}/reservations`;

  it('answer as the router would, with the JSON API\'s security headers and not the documents\'', async () => {
    const event = await createEvent();
    const buyer = newCustomer();
    const accepted = await call<ReservationView>('POST', reservePath(event.id), {
      token: buyer.token,
      json: { items: [{ ticketType: 'GA', quantity: 1 }] },
      headers: { 'X-Request-Id': 'lean-buy-1' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(`/v1/reservations/${accepted.body.id}`);
    const polled = await call<ReservationView>('GET', `/v1/reservations/${accepted.body.id}`, { token: buyer.token });
    expect(polled.status).toBe(200);
    expect(polled.body.id).toBe(accepted.body.id);
    expect(accepted.headers.get('x-request-id')).toBe('lean-buy-1');
    for (const { headers } of [accepted, polled]) {
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers.get('cross-origin-opener-policy')).toBeNull();
    }
  });

  it('leave what they do not match exactly to the router, which answers it the same way', async () => {
    const event = await createEvent();
    const buyer = newCustomer();
    const accepted = await call<ReservationView>('POST', reservePath(event.id), { token: buyer.token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } });
    for (const path of [`/v1/reservations/${accepted.body.id}/`, `/v1/reservations/${accepted.body.id}?fields=all`]) {
      const reply = await call<ReservationView>('GET', path, { token: buyer.token });
      expect(reply.status).toBe(200);
      expect(reply.body.id).toBe(accepted.body.id);
    }
    const head = await call('HEAD', `/v1/reservations/${accepted.body.id}`, { token: buyer.token });
    expect(head.status).toBe(200);
    // The router's answers carry helmet's document headers.
    expect(head.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expectProblem(await call('GET', '/v1/reservations/%E0%A4%A', { token: buyer.token }), 400);
  });

  it('refuse a bad request with the same problems as the router', async () => {
    const event = await createEvent();
    const { token } = newCustomer();
    expectProblem(await call('GET', '/v1/reservations/not-a-uuid', { token }), 400);
    expectProblem(await call('GET', `/v1/reservations/${randomUUID()}`, { token }), 404);
    expectProblem(await call('GET', `/v1/reservations/${randomUUID()}`), 401);
    expectProblem(await call('POST', reservePath(event.id), { token, rawBody: 'tickets please', headers: { 'Content-Type': 'text/plain' } }), 415);
    const malformed = expectProblem(await call('POST', reservePath(event.id), { token, rawBody: '{"items": [', headers: { 'Content-Type': 'application/json' } }), 400);
    expect(malformed.type).toBe('urn:onsale:problem:malformed_json');
    const huge = expectProblem(await call('POST', reservePath(event.id), { token, json: { items: [], note: 'x'.repeat(70_000) } }), 413);
    expect(huge.instance).toBe(reservePath(event.id));
    expectProblem(await call('POST', reservePath(event.id), { token, json: { items: [{ ticketType: 'GA', quantity: 0 }] } }), 400);
    expectProblem(await call('POST', reservePath(randomUUID()), { token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } }), 404);
  });
});

describe('what Node refuses before any route runs', () => {
  /** Sends raw bytes and reads until the API closes the connection. */
  const sendRaw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const { port } = new URL(app().baseUrl);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.setTimeout(5_000, () => reject(new Error(`no end; got ${answer}`)));
    });
  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { status: number };

  it('answers malformed HTTP with a 400 problem+json and closes the connection', async () => {
    const answer = await sendRaw('NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(answer)).toMatchObject({ status: 400, type: 'urn:onsale:problem:http' });
  });

  it('answers oversized headers with a 431 problem+json', async () => {
    const answer = await sendRaw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(answer)).toMatchObject({ status: 431 });
  });
});
