/**
 * Bad input, fuzzed: property-based requests against the running API (in-process, with a real
 * partition worker, PostgreSQL and Redis), generated per operation of the API's own
 * /openapi.json, read at run time: malformed and truncated JSON, wrong types, huge, negative and
 * fractional numbers, unknown fields, long and unusual Unicode, wrong content types and
 * encodings, oversized bodies, bad, expired and oddly-signed tokens, ids that are not UUIDs, and
 * valid requests among them.
 *
 * Every answer is a success or a 4xx, never a 5xx; every 4xx is problem+json without internal
 * text; the database holds no trace of a refused request (its rows are exactly those of the
 * answers that created something); the API's heap after a second round of requests is not
 * larger, beyond a margin, than after the first.
 */
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { apiWithWorkerForThisFile } from '../support/api-app';
import { eventBody } from '../support/event-requests';
import { fuzzRequestCount } from '../support/fuzz-settings';
import { SchemaArbitraries, wildNumber, wildString, wildValue, type JsonSchema } from '../support/openapi-arbitraries';
import { adminToken, newCustomer, signedToken } from '../support/tokens';

const REQUESTS = fuzzRequestCount();
const CONCURRENCY = 32;
const ROUNDS = 2;
/** How much more the heap may hold after the second round than after the first. */
const HEAP_GROWTH_LIMIT_BYTES = 32 * 1024 * 1024;
/** Past this share of 429s, rate limits would hide what the fuzzer looks for. */
const MOST_RATE_LIMITED_SHARE = 0.1;

// Limits the fuzzer must not hit: rate limits and queue caps belong to other tests.
const { call, app } = apiWithWorkerForThisFile({}, { COMMAND_WAIT_MS: '500', LOG_LEVEL: 'silent' });

// Generous: on a machine loaded by other work the same requests take several times longer.
jest.setTimeout(900_000);

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  body?: JsonSchema;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** How the request was made, for the report when it fails. */
  kind: string;
}

interface Outcome {
  status: number;
  contentType: string;
  text: string;
}

const fixtures = { eventIds: [] as string[], reservationIds: [] as string[] };
const tally = new Map<string, Map<number, number>>();
const created = { events: 0, ticketTypes: 0, reservations: new Map<string, number>() };

/* ---------- tokens ---------- */

const now = () => Math.floor(Date.now() / 1000);
const customers = Array.from({ length: 8 }, () => newCustomer());

const badAuthorization: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'Bearer not.a.jwt',
    'Bearer ',
    'bearer x',
    'Bearer  x',
    'Bearer a b',
    `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    'Bearer ' + 'a'.repeat(6000),
    'Token abc',
  ),
  fc.constant(null).map(() => `Bearer ${signedToken({ sub: 'late', role: 'admin', exp: now() - 60 })}`),
  fc.constant(null).map(() => `Bearer ${signedToken({ sub: 'eternal', role: 'admin' })}`),
  fc.constant(null).map(() => `Bearer ${signedToken({ sub: 'forger', role: 'admin', exp: now() + 60 }, 'another-secret-entirely')}`),
  fc.constant(null).map(() => `Bearer ${signedToken({ sub: 'nobody', role: 'admin', exp: now() + 60 }, '', { alg: 'none' })}`),
  fc.constant(null).map(() => `Bearer ${signedToken({ sub: 'hs512', role: 'admin', exp: now() + 60 }, undefined, { alg: 'HS512' })}`),
  fc.constant(null).map(() => `Bearer ${signedToken({ sub: 'odd', role: 'admin', exp: now() + 60 }, undefined, { alg: 'RS256', kid: '../../' })}`),
  // Signed with the right secret but odd claims: a sub PostgreSQL cannot hold, wrong types, odd roles, exp out of range.
  fc.record({ sub: fc.oneof(wildString, wildValue), role: fc.oneof(fc.constantFrom('admin', 'customer', 'root', ''), wildValue), exp: fc.oneof(fc.constant(now() + 600), wildNumber, wildValue) }).map(
    (claims) => `Bearer ${signedToken(claims)}`,
  ),
);

const authorization: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...customers).map((customer) => `Bearer ${customer.token}`) },
  { weight: 3, arbitrary: fc.constant(null).map(() => `Bearer ${adminToken()}`) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: badAuthorization },
);

/* ---------- path, query and header values ---------- */

/** What fetch can put in a header: a byte string without control characters. */
const headerSafe = (text: string) => [...text].filter((char) => char >= ' ' && char <= '\u00ff' && char !== '\u007f').join('').trim();

/** Percent-encodes a segment, lone surrogates included (as the bytes of U+FFFD would not say). */
const encodeSegment = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

const notAUuid: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('1', '-1', '0', 'null', 'undefined', '..', '%2e%2e', '%00', '%FF%FE', '%C0%AF', 'ffffffff-ffff-ffff-ffff-fffffffffffff', '{00000000-0000-0000-0000-000000000000}', '00000000-0000-0000-0000-00000000000g'),
  fc.uuid().map((id) => id.toUpperCase().replace(/-/g, '')),
  wildString.filter((text) => text.length > 0).map(encodeSegment),
);

const pathValue = (name: string): fc.Arbitrary<string> => {
  const known = name === 'eventId' ? fixtures.eventIds : fixtures.reservationIds;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(null).map(() => known[Math.floor(Math.random() * known.length)]!) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: notAUuid },
  );
};

const wildQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '0', '-1', '1.5', '1e3', '1e309', '2147483648', '9'.repeat(400), 'NaN', 'Infinity', '0x10', ' 5', 'true', '[]'),
  wildNumber.map(String),
  wildString,
);

/* ---------- bodies ---------- */

const validBodies: Record<string, fc.Arbitrary<unknown>> = {
  createEvent: fc
    .record({
      name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      capacity: fc.integer({ min: 0, max: 10_000 }),
      holdTtlSeconds: fc.integer({ min: 10, max: 86_400 }),
    })
    .map(({ name, capacity, holdTtlSeconds }) =>
      eventBody({ name, holdTtlSeconds, ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 1_000, capacity }] }),
    ),
  requestReservation: fc.record({
    items: fc.uniqueArray(fc.record({ ticketType: fc.constantFrom('GA', 'VIP'), quantity: fc.integer({ min: 1, max: 4 }) }), {
      minLength: 1,
      maxLength: 2,
      selector: (item) => item.ticketType,
    }),
  }),
  updateEvent: fc.record({ status: fc.constantFrom('on_sale', 'paused') }, { requiredKeys: [] }),
};

const JSON_TYPE = 'application/json';
/** 5 MB of JSON in about 5 KB of gzip. */
const GZIP_BOMB = gzipSync(JSON.stringify({ name: ' '.repeat(5_000_000) }));

/** A body and its headers, from a valid value, a mutated one, random JSON, broken JSON or the wrong media. */
interface BodyChoice {
  body?: string | Buffer;
  headers: Record<string, string>;
  kind: string;
}

function bodyFor(operation: Operation, schemas: SchemaArbitraries): fc.Arbitrary<BodyChoice> {
  const json = (kind: string) => (value: unknown): BodyChoice => ({ body: JSON.stringify(value), headers: { 'Content-Type': JSON_TYPE }, kind });
  const schema = operation.body ?? { type: 'object' };
  const valid = validBodies[operation.operationId] ?? schemas.valid(schema);
  const alternatives: fc.WeightedArbitrary<BodyChoice>[] = [
    { weight: 5, arbitrary: valid.map(json('valid body')) },
    { weight: 2, arbitrary: schemas.valid(schema).map(json('schema-generated body')) },
    { weight: 5, arbitrary: schemas.mutated(schema).map(json('mutated body')) },
    { weight: 2, arbitrary: wildValue.map(json('random JSON')) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([value, cut]) => {
        const text = JSON.stringify(value);
        return { body: text.slice(0, cut % Math.max(1, text.length)), headers: { 'Content-Type': JSON_TYPE }, kind: 'truncated JSON' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"items":[', 'nul', '\uFEFF{}', '{"a":1,}', "{'a':1}", '[' .repeat(5_000), '{"a":' + '['.repeat(100_000), '1e999999', '"\\ud800"', '{"__proto__":{"admin":true}}', `{"items":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)
        .map((body) => ({ body, headers: { 'Content-Type': JSON_TYPE }, kind: 'malformed JSON' })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 66_000, max: 300_000 }).map((length) => ({
        body: JSON.stringify({ name: 'x'.repeat(length) }),
        headers: { 'Content-Type': JSON_TYPE },
        kind: 'oversized body',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/merge-patch+json', 'application/json; charset=klingon', 'application/xml', 'application/json, text/html', ''))
        .map(([value, contentType]): BodyChoice => ({ body: JSON.stringify(value), headers: contentType ? { 'Content-Type': contentType } : {}, kind: `Content-Type ${contentType || 'none'}` })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom('gzip', 'gzip-bomb', 'deflate-garbage', 'utf-16le', 'compress')).map(([value, encoding]): BodyChoice => {
        const text = JSON.stringify(value);
        const kind = `encoding ${encoding}`;
        switch (encoding) {
          case 'gzip':
            return { body: gzipSync(text), headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip' }, kind };
          case 'gzip-bomb':
            return { body: GZIP_BOMB, headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'gzip' }, kind };
          case 'deflate-garbage':
            return { body: Buffer.from('not deflated at all'), headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': 'deflate' }, kind };
          case 'utf-16le':
            return { body: Buffer.from(text, 'utf16le'), headers: { 'Content-Type': `${JSON_TYPE}; charset=utf-16le` }, kind };
          default:
            return { body: text, headers: { 'Content-Type': JSON_TYPE, 'Content-Encoding': encoding }, kind };
        }
      }),
    },
  ];
  if (!operation.body) alternatives.unshift({ weight: 30, arbitrary: fc.constant({ headers: {}, kind: 'no body' }) });
  return fc.oneof(...alternatives);
}

/* ---------- requests per operation ---------- */

function requestFor(operation: Operation, schemas: SchemaArbitraries): fc.Arbitrary<FuzzRequest> {
  const parameters = (where: string) => operation.parameters.filter((parameter) => parameter.in === where);
  const pathArbitrary = fc
    .tuple(...parameters('path').map((parameter) => pathValue(parameter.name).map((value) => [parameter.name, value] as const)))
    .map((values) => values.reduce((path, [name, value]) => path.replace(`{${name}}`, value), operation.path));
  const queryArbitrary = fc
    .tuple(
      fc.tuple(
        ...parameters('query').map((parameter) =>
          fc.option(fc.oneof(parameter.schema ? schemas.valid(parameter.schema).map(String) : wildQueryValue, wildQueryValue), { nil: undefined }),
        ),
      ),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), wildQueryValue) },
      ),
      fc.boolean(),
    )
    .map(([values, unknown, repeatFirst]) => {
      const query = new URLSearchParams();
      parameters('query').forEach((parameter, index) => {
        const value = values[index];
        if (value === undefined) return;
        query.append(parameter.name, value);
        if (repeatFirst && index === 0) query.append(parameter.name, value);
      });
      if (unknown) query.append(...unknown);
      const text = query.toString();
      return text ? `?${text}` : '';
    });
  const headerArbitrary = fc
    .tuple(
      ...parameters('header').map((parameter) =>
        fc
          .option(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), wildString.map(headerSafe), fc.constant('k'.repeat(300))), { nil: undefined, freq: 5 })
          .map((value) => [parameter.name, value] as const),
      ),
    )
    .map((pairs) => Object.fromEntries(pairs.filter(([, value]) => value !== undefined)) as Record<string, string>);
  const hasBody = operation.method === 'post' || operation.method === 'patch';
  // Now and then the same path with a method it does not document (HEAD for a GET).
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(operation.method.toUpperCase()) },
    { weight: 1, arbitrary: fc.constant(operation.method === 'get' ? 'HEAD' : 'PUT') },
    { weight: 1, arbitrary: fc.constantFrom('DELETE', 'OPTIONS', 'TRACE-ISH') },
  );
  return fc
    .record({
      method,
      path: pathArbitrary,
      query: queryArbitrary,
      headers: headerArbitrary,
      authorization,
      body: hasBody ? bodyFor(operation, schemas) : fc.constant<BodyChoice>({ headers: {}, kind: 'no body' }),
    })
    .map(({ method: verb, path, query, headers, authorization: auth, body }) => ({
      method: verb,
      path: `${path}${query}`,
      headers: { ...headers, ...body.headers, ...(auth === null ? {} : { Authorization: auth }) },
      body: verb === 'HEAD' ? undefined : body.body,
      kind: body.kind,
    }));
}

/* ---------- sending and checking ---------- */

async function send(request: FuzzRequest): Promise<Outcome> {
  const response = await fetch(`${app().baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, contentType, text: '' };
  }
  return { status: response.status, contentType, text: await response.text() };
}

const describeRequest = (request: FuzzRequest) =>
  JSON.stringify({ ...request, body: typeof request.body === 'string' ? request.body.slice(0, 500) : request.body && `<${request.body.length} bytes>` });

/** Text that only our side should know: stack frames, SQL, driver and library messages. */
const INTERNAL_TEXT = /\n\s+at |node_modules|\.ts:\d|ECONN|SELECT |INSERT |postgres|violates|syntax error at|ZodError|TypeError|ReferenceError/i;

function check(operation: Operation, request: FuzzRequest, outcome: Outcome): void {
  const counts = tally.get(operation.operationId) ?? new Map<number, number>();
  counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  tally.set(operation.operationId, counts);
  const context = () => `${operation.operationId}: ${describeRequest(request)} → ${outcome.status} ${outcome.text.slice(0, 500)}`;
  if (outcome.status >= 500) throw new Error(`5xx for ${context()}`);
  if (outcome.status >= 400) {
    if (!outcome.contentType.startsWith('application/problem+json')) throw new Error(`a 4xx that is not problem+json for ${context()}`);
    if (request.method === 'HEAD') return;
    const problem = JSON.parse(outcome.text) as { status?: unknown; type?: unknown; title?: unknown; detail?: unknown };
    const wellFormed = problem.status === outcome.status && [problem.type, problem.title, problem.detail].every((field) => typeof field === 'string');
    if (!wellFormed) throw new Error(`a malformed problem for ${context()}`);
    if (INTERNAL_TEXT.test(outcome.text)) throw new Error(`internal text in a problem for ${context()}`);
    return;
  }
  recordCreation(operation, outcome);
}

/** What a success created: the rows the database must hold, and no others. */
function recordCreation(operation: Operation, outcome: Outcome): void {
  if (operation.operationId === 'createEvent' && outcome.status === 201) {
    const event = JSON.parse(outcome.text) as { ticketTypes: unknown[] };
    created.events += 1;
    created.ticketTypes += event.ticketTypes.length;
  }
  if (operation.operationId === 'requestReservation' && outcome.status === 202) {
    const reservation = JSON.parse(outcome.text) as { id: string; items: unknown[] };
    created.reservations.set(reservation.id, reservation.items.length);
  }
}

async function rowCounts() {
  const sql = app().env.database.sql;
  const [counts] = await sql<{ events: number; ticketTypes: number; reservations: number; items: number }[]>`
    SELECT (SELECT count(*)::int FROM events) AS "events",
           (SELECT count(*)::int FROM ticket_types) AS "ticketTypes",
           (SELECT count(*)::int FROM reservations) AS "reservations",
           (SELECT count(*)::int FROM reservation_items) AS "items"`;
  return counts!;
}

/** The heap after a full collection (V8's gc, exposed at run time: jest is not started with --expose-gc). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/* ---------- the property ---------- */

async function operationsOf(): Promise<{ operations: Operation[]; schemas: SchemaArbitraries }> {
  const document = (await call('GET', '/openapi.json')).body as {
    paths: Record<string, Record<string, { operationId: string; parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path,
      operationId: operation.operationId,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content[JSON_TYPE]?.schema,
    })),
  );
  return { operations, schemas: new SchemaArbitraries(document as never) };
}

async function createFixtures(): Promise<void> {
  for (const capacity of [1_000_000, 5]) {
    const body = eventBody({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity }, { code: 'VIP', name: 'VIP', priceCents: 900, capacity }] });
    const event = await call('POST', '/v1/events', { token: adminToken(), json: body });
    expect(event.status).toBe(201);
    fixtures.eventIds.push(event.body.id);
  }
  for (const customer of customers) {
    const reply = await call('POST', `/v1/events/${fixtures.eventIds[0]}/reservations`, {
      token: customer.token,
      json: { items: [{ ticketType: 'GA', quantity: 1 }] },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(reply.status).toBe(202);
    fixtures.reservationIds.push(reply.body.id);
  }
}

const millisecondsIn = new Map<string, { generating: number; sending: number }>();

async function fuzzRound(operations: Operation[], schemas: SchemaArbitraries, requestsPerOperation: number): Promise<void> {
  for (const operation of operations) {
    const spent = millisecondsIn.get(operation.operationId) ?? { generating: 0, sending: 0 };
    millisecondsIn.set(operation.operationId, spent);
    let mark = Date.now();
    const batch = fc.array(requestFor(operation, schemas), { minLength: CONCURRENCY, maxLength: CONCURRENCY });
    await fc.assert(
      fc.asyncProperty(batch, async (requests) => {
        spent.generating += Date.now() - mark;
        mark = Date.now();
        const outcomes = await Promise.all(requests.map(send));
        spent.sending += Date.now() - mark;
        mark = Date.now();
        outcomes.forEach((outcome, index) => check(operation, requests[index]!, outcome));
      }),
      { numRuns: Math.ceil(requestsPerOperation / CONCURRENCY), endOnFailure: true },
    );
  }
}

it(`answers ${REQUESTS} generated requests across every documented operation without a 5xx, a trace of a refusal or a growing heap`, async () => {
  await createFixtures();
  const { operations, schemas } = await operationsOf();
  expect(operations.length).toBeGreaterThanOrEqual(18);
  const before = await rowCounts();
  const perOperation = Math.ceil(REQUESTS / ROUNDS / operations.length);
  const startedAt = Date.now();

  await fuzzRound(operations, schemas, perOperation);
  const heapAfterFirstRound = heapAfterGc();
  await fuzzRound(operations, schemas, perOperation);
  const heapAfterSecondRound = heapAfterGc();

  const after = await rowCounts();
  const answered = [...tally.values()].flatMap((counts) => [...counts.entries()]);
  const total = answered.reduce((sum, [, count]) => sum + count, 0);
  const rateLimited = answered.filter(([status]) => status === 429).reduce((sum, [, count]) => sum + count, 0);
  console.log(
    [
      `fuzzed ${total} requests over ${operations.length} operations in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
      ...[...tally.entries()].map(([operationId, counts]) => `  ${operationId}: ${[...counts.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')} (${JSON.stringify(millisecondsIn.get(operationId))} ms)`),
      `created: ${created.events} events, ${created.reservations.size} reservations; rows ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      `heap after GC: ${(heapAfterFirstRound / 2 ** 20).toFixed(1)} MiB after round 1, ${(heapAfterSecondRound / 2 ** 20).toFixed(1)} MiB after round 2`,
    ].join('\n'),
  );

  expect(total).toBeGreaterThanOrEqual(REQUESTS);
  expect(rateLimited / total).toBeLessThanOrEqual(MOST_RATE_LIMITED_SHARE);
  const items = [...created.reservations.values()].reduce((sum, count) => sum + count, 0);
  expect(after).toEqual({
    events: before.events + created.events,
    ticketTypes: before.ticketTypes + created.ticketTypes,
    reservations: before.reservations + created.reservations.size,
    items: before.items + items,
  });
  expect(heapAfterSecondRound - heapAfterFirstRound).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
  // The API still serves a plain request after all of it.
  expect((await call('GET', `/v1/events/${fixtures.eventIds[0]}`)).status).toBe(200);
});
