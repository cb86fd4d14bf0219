/** The /v1/events routes over HTTP, against the real API and a real partition worker. */
import { randomUUID } from 'node:crypto';
import type { EventView } from '@onsale/shared';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventBody, eventRequests } from '../../../../test/support/event-requests';
import { expectProblem, expectValidationProblem } from '../../../../test/support/problem';
import { adminToken, newCustomer, tokenFor } from '../../../../test/support/tokens';

const { call } = apiWithWorkerForThisFile();
const { createEvent, getEvent } = eventRequests(call);

describe('events', () => {
  it('rejects an invalid event body with 400 and the fields at fault', async () => {
    const reply = await call('POST', '/v1/events', {
      token: adminToken(),
      json: { ...eventBody({ holdTtlSeconds: 5 }), venue: 'Arena' },
    });
    const problem = expectValidationProblem(reply, ['body.holdTtlSeconds']);
    expect(problem.errors!.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['a NUL character in a name', { name: 'Tour\u0000' }, 'body.name'],
    ['an unpaired surrogate in a name', { name: 'Tour \uD83D' }, 'body.name'],
    ['year 0', { startsAt: '0000-01-01T00:00:00Z' }, 'body.startsAt'],
    ['an offset that pushes a date past 9999', { startsAt: '9999-12-31T23:30:00-01:00' }, 'body.startsAt'],
  ])('answers 400, not 500, to input the database cannot hold: %s', async (_case, change, path) => {
    const reply = await call('POST', '/v1/events', { token: adminToken(), json: eventBody(change) });
    expectValidationProblem(reply, [path]);
  });

  describe('Idempotency-Key', () => {
    const create = (key: string, body: object, token = adminToken()) =>
      call<EventView>('POST', '/v1/events', { token, json: body, headers: { 'Idempotency-Key': key } });
    /** Every event, through every page of the list. */
    async function allEvents(): Promise<EventView[]> {
      const found: EventView[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: EventView[]; nextCursor: string | null } } = await call('GET', `/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        found.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return found;
    }

    it('replays a retried create: same key and body → the same event, 201 with Idempotent-Replayed: true', async () => {
      const key = randomUUID();
      const body = eventBody({ name: `Retried ${key}` });
      const first = await create(key, body);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const again = await create(key, body);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('location')).toBe(`/v1/events/${first.body.id}`);
      expect(again.body).toEqual(first.body);
      // One event, not two.
      expect((await allEvents()).filter((event) => event.name === body.name)).toHaveLength(1);
    });

    it('makes one event of concurrent creates with one key', async () => {
      const key = randomUUID();
      const body = eventBody({ name: `Concurrent ${key}` });
      const replies = await Promise.all(Array.from({ length: 5 }, () => create(key, body)));
      expect(replies.map((reply) => reply.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
      expect(replies.filter((reply) => reply.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    });

    it('answers 422 for the key reused with another body, and creates nothing', async () => {
      const key = randomUUID();
      const first = await create(key, eventBody({ name: `First ${key}` }));
      expect(first.status).toBe(201);
      const problem = expectProblem(await create(key, eventBody({ name: `Second ${key}` })), 422);
      expect(problem.type).toBe('urn:onsale:problem:idempotency_key_reused');
      expect((await allEvents()).filter((event) => event.name === `Second ${key}`)).toHaveLength(0);
    });

    it('keeps keys apart per admin, and creates anew without a key', async () => {
      const key = randomUUID();
      const body = eventBody({ name: `Two admins ${key}` });
      const mine = await create(key, body, tokenFor('admin-a', 'admin'));
      const theirs = await create(key, body, tokenFor('admin-b', 'admin'));
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
      const [a, b] = await Promise.all([1, 2].map(() => call<EventView>('POST', '/v1/events', { token: adminToken(), json: body })));
      expect(a!.body.id).not.toBe(b!.body.id);
    });

    it('answers 400 for a malformed key', async () => {
      expectValidationProblem(await create('', eventBody()), ['header.Idempotency-Key']);
    });
  });

  it('shows an event publicly: 200 without a token', async () => {
    const event = await createEvent();
    const reply = await call<EventView>('GET', `/v1/events/${event.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(event);
  });

  it('answers 404 for an unknown event id', async () => {
    expectProblem(await call('GET', `/v1/events/${randomUUID()}`), 404);
  });

  it('answers 400 for an event id that is not a UUID', async () => {
    expectValidationProblem(await call('GET', '/v1/events/not-a-uuid'), ['path.eventId']);
  });

  describe('list filters', () => {
    // A range of start times no other test uses, so that only this test's events fall in it.
    const year = 2090 + Math.floor(Math.random() * 9);
    const at = (day: number) => `${year}-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;
    const namesOf = async (query: string) => {
      const reply = await call<{ items: EventView[]; nextCursor: string | null }>('GET', `/v1/events?${query}`);
      expect(reply.status).toBe(200);
      return reply.body.items.map((event) => event.name);
    };

    it('narrows the list to a status and to start times in [startsFrom, startsBefore), page by page', async () => {
      await createEvent({ name: 'March 1', startsAt: at(1) });
      const paused = await createEvent({ name: 'March 10', startsAt: at(10) });
      const cancelled = await createEvent({ name: 'March 20', startsAt: at(20) });
      await call('PATCH', `/v1/events/${paused.id}`, { token: adminToken(), json: { status: 'paused' } });
      await call('PATCH', `/v1/events/${cancelled.id}`, { token: adminToken(), json: { status: 'cancelled' } });
      const march = `startsFrom=${at(1)}&startsBefore=${at(31)}`;

      expect(await namesOf(march)).toEqual(['March 1', 'March 10', 'March 20']);
      expect(await namesOf(`startsFrom=${at(2)}&startsBefore=${at(31)}`)).toEqual(['March 10', 'March 20']);
      expect(await namesOf(`startsFrom=${at(1)}&startsBefore=${at(10)}`)).toEqual(['March 1']); // the end is exclusive
      expect(await namesOf(`${march}&status=paused`)).toEqual(['March 10']);
      expect(await namesOf(`${march}&status=cancelled`)).toEqual(['March 20']);
      expect(await namesOf(`${march}&status=on_sale`)).toEqual(['March 1']);

      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: EventView[]; nextCursor: string | null } } = await call('GET', `/v1/events?${march}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        pages.push(...page.body.items.map((event) => event.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages).toEqual(['March 1', 'March 10', 'March 20']);
    });

    it.each([
      ['an unknown status', 'status=sold_out', 'query.status'],
      ['a start that is not a date', 'startsFrom=tomorrow', 'query.startsFrom'],
      ['a range that ends before it starts', `startsFrom=${at(10)}&startsBefore=${at(1)}`, 'query.startsBefore'],
    ])('answers 400 for %s', async (_, query, path) => {
      expectValidationProblem(await call('GET', `/v1/events?${query}`), [path]);
    });

    it('documents the filters in the OpenAPI document', async () => {
      const document = (await call<{ paths: Record<string, { get: { parameters: { name: string; in: string; description?: string }[] } }> }>('GET', '/openapi.json')).body;
      const parameters = document.paths['/v1/events']!.get.parameters.filter((parameter) => parameter.in === 'query');
      expect(parameters.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['limit', 'cursor', 'status', 'startsFrom', 'startsBefore']));
      expect(parameters.find((parameter) => parameter.name === 'startsBefore')?.description).toMatch(/before/);
    });
  });

  it('lists events oldest first, page by page, with a cursor that ends in null', async () => {
    const created = [await createEvent({ name: 'Page 1' }), await createEvent({ name: 'Page 2' }), await createEvent({ name: 'Page 3' })];

    // Other tests in this file create events too: walk every page and find ours at the end.
    const first = await call<{ items: EventView[]; nextCursor: string | null }>('GET', '/v1/events?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const pages = [first.body];
    while (pages[pages.length - 1]!.nextCursor) {
      const cursor = encodeURIComponent(pages[pages.length - 1]!.nextCursor!);
      const page = await call<{ items: EventView[]; nextCursor: string | null }>('GET', `/v1/events?limit=2&cursor=${cursor}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
    }
    const last = pages[pages.length - 1]!;
    expect(last.nextCursor).toBeNull();
    expect(last.items.length).toBeGreaterThanOrEqual(1);
    for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(2);

    const ids = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(-3)).toEqual(created.map((event) => event.id));
    const all = await call<{ items: EventView[]; nextCursor: string | null }>('GET', '/v1/events?limit=100');
    expect(all.body.items.map((item) => item.id)).toEqual(ids);
  });

  it('ends with the rest and a null cursor on the page after the first two of three new events', async () => {
    const created = [await createEvent(), await createEvent(), await createEvent()];
    // Find the page boundary just before our three: list everything, then re-list from there.
    const all = await call<{ items: EventView[] }>('GET', '/v1/events?limit=100');
    const before = all.body.items.findIndex((item) => item.id === created[0]!.id);
    expect(before).toBeGreaterThanOrEqual(0);
    const head = await call<{ items: EventView[]; nextCursor: string | null }>('GET', `/v1/events?limit=${before + 2}`);
    expect(head.body.items.slice(-2).map((item) => item.id)).toEqual([created[0]!.id, created[1]!.id]);
    expect(head.body.nextCursor).toEqual(expect.any(String));

    const rest = await call<{ items: EventView[]; nextCursor: string | null }>(
      'GET',
      `/v1/events?limit=2&cursor=${encodeURIComponent(head.body.nextCursor!)}`,
    );
    expect(rest.status).toBe(200);
    expect(rest.body.items.map((item) => item.id)).toEqual([created[2]!.id]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it.each([
    ['a cursor it never gave', 'cursor=garbage', 'query.cursor'],
    ['a cursor with a bad id', `cursor=${Buffer.from('2030-06-01T12:00:00.000000Z|42').toString('base64url')}`, 'query.cursor'],
    ['limit 0', 'limit=0', 'query.limit'],
    ['limit 101', 'limit=101', 'query.limit'],
    ['a limit that is not a number', 'limit=ten', 'query.limit'],
    ['an unknown parameter', 'page=2', 'query'],
  ])('answers 400 for %s', async (_, query, path) => {
    expectValidationProblem(await call('GET', `/v1/events?${query}`), [path]);
  });

  // A cursor of the right shape naming a date PostgreSQL refuses must not reach the query.
  it.each([
    ['30 February', '2030-02-30T12:00:00.000000Z'],
    ['year 0', '0000-01-01T00:00:00.000000Z'],
  ])('answers 400 for a well-formed cursor naming an impossible date (%s)', async (_, at) => {
    const cursor = Buffer.from(`${at}|${randomUUID()}`).toString('base64url');
    expectValidationProblem(await call('GET', `/v1/events?cursor=${cursor}`), ['query.cursor']);
  });

  it('lets an admin pause an event, and only an admin', async () => {
    const event = await createEvent();
    expectProblem(await call('PATCH', `/v1/events/${event.id}`, { token: newCustomer().token, json: { status: 'paused' } }), 403);
    expectProblem(await call('PATCH', `/v1/events/${randomUUID()}`, { token: adminToken(), json: { status: 'paused' } }), 404);
    expectValidationProblem(
      await call('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'sold_out' } }),
      ['body.status'],
    );

    const reply = await call<EventView>('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'paused' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...event, status: 'paused' });
    expect((await getEvent(event.id)).status).toBe('paused');
  });

  it('moves an event\'s status only as EVENT_STATUS_TRANSITIONS allows: a cancelled event is not put back on sale (409)', async () => {
    const event = await createEvent();
    const patch = (status: string) => call<EventView>('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status } });
    expect((await patch('paused')).status).toBe(200);
    expect((await patch('paused')).status).toBe(200); // the status it already has: nothing changes
    expect((await patch('on_sale')).status).toBe(200);
    expect((await patch('cancelled')).body.status).toBe('cancelled');
    for (const refused of ['on_sale', 'paused']) {
      const problem = expectProblem(await patch(refused), 409);
      expect(problem.type).toBe('urn:onsale:problem:state_conflict');
      expect(problem.detail).toBe(`Event ${event.id} is cancelled; it cannot become ${refused}.`);
    }
    expect((await getEvent(event.id)).status).toBe('cancelled');
  });

  it('lets only one of two racing PATCHes resume a paused event that the other cancels', async () => {
    for (let round = 0; round < 5; round++) {
      const event = await createEvent();
      await call('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'paused' } });
      const [cancel, resume] = await Promise.all([
        call<EventView>('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'cancelled' } }),
        call<EventView>('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'on_sale' } }),
      ]);
      expect(cancel.status).toBe(200);
      // Resumed before the cancel (200), or refused after it (409); never on sale after a cancel.
      expect([200, 409]).toContain(resume.status);
      expect((await getEvent(event.id)).status).toBe('cancelled');
    }
  });

  it('answers 400 for a PATCH that changes nothing', async () => {
    const event = await createEvent();
    const reply = await call('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: {} });
    expectValidationProblem(reply, ['body']);
    expect(await getEvent(event.id)).toEqual(event);
  });

  it('answers 409 for a PATCH whose sales window would end before the stored start', async () => {
    const event = await call<EventView>('POST', '/v1/events', {
      token: adminToken(),
      json: { ...eventBody(), salesStartAt: '2030-06-01T09:00:00Z' },
    });
    expect(event.status).toBe(201);
    const reply = await call('PATCH', `/v1/events/${event.body.id}`, {
      token: adminToken(),
      json: { salesEndAt: '2030-05-01T09:00:00Z' },
    });
    expectProblem(reply, 409);
    expect(await getEvent(event.body.id)).toEqual(event.body);
  });
});
