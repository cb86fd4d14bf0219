/**
 * The rate limits against the real Redis, with two "API instances" (two RateLimits, each on its
 * own connection, behind its own HTTP server) sharing one key prefix: reads counted in memory and
 * reconciled, within the documented bound; no Redis command per read; writes counted exactly.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createRedisConnection, deleteKeysMatching, type RedisConnection } from '@onsale/queue';
import { createLogger } from '@onsale/shared';
import { Redis } from 'ioredis';
import { httpClient, type HttpClient, type Reply } from '../../../../test/support/http-client';
import { startPrivateRedis } from '../../../../test/support/private-redis';
import { expectProblem } from '../../../../test/support/problem';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { newCustomer, TEST_JWT_SECRET } from '../../../../test/support/tokens';
import { httpApp } from '../app';
import { createAuthenticate } from './authenticate';
import { prepareRegistry } from './openapi';
import { RateLimits, type RateLimitSettings } from './rate-limit';
import { RouteTable } from './route';

jest.setTimeout(60_000);

const logger = createLogger({ name: 'test', level: 'silent' });
/** Loose limits: each test tightens the ones it is about. */
const LOOSE: RateLimitSettings = { windowSeconds: 60, customerWrites: 1_000, customerReads: 1_000, perIp: 10_000, reconcileMs: 60_000 };

interface Instance {
  call: HttpClient;
  limits: RateLimits;
  redis: RedisConnection;
  close(): Promise<void>;
}

const instances: Instance[] = [];
/** The test file's own Redis key prefix (and database, unused), on the Redis the tests use. */
let env: TestEnvironment;
let redis: Redis;
let keyPrefix: string;

beforeAll(async () => {
  env = await createTestEnvironment();
  ({ redis, keyPrefix } = env);
});
afterEach(async () => {
  await Promise.all(instances.splice(0).map((instance) => instance.close()));
  await deleteKeysMatching(redis, `${keyPrefix}:*`);
});
afterAll(async () => {
  await env?.dispose();
});

/** An API instance of three routes, rate-limited as the API is, its counters on `url`'s Redis as the API's are (pipelined automatically). */
async function startInstance(settings: Partial<RateLimitSettings>, url = env.redisUrl): Promise<Instance> {
  const connection = createRedisConnection({ REDIS_URL: url }, 'rate-limit-test', { autoPipelining: true });
  const limits = new RateLimits({ ...LOOSE, ...settings }, { redis: connection, keyPrefix, logger });
  const registry = new OpenAPIRegistry();
  prepareRegistry(registry);
  const routes = new RouteTable(registry, createAuthenticate({ secret: TEST_JWT_SECRET }));
  routes.countRequests(limits.countAddress);
  routes.admitRequests((req, res, principal) => limits.admit(req, res, principal));
  const ok = { 200: { description: 'ok' } };
  // Reads and writes of /things are lean (as buy and poll are), /public is routed: the limits hold on both paths.
  routes.add({ method: 'get', path: '/things', operationId: 'things', summary: 'a read', tags: ['t'], access: 'customer', lean: true, responses: ok, handle: async () => ({ status: 200, body: {} }) });
  routes.add({ method: 'get', path: '/public', operationId: 'public', summary: 'a public read', tags: ['t'], access: 'public', responses: ok, handle: async () => ({ status: 200, body: {} }) });
  routes.add({ method: 'post', path: '/things', operationId: 'addThing', summary: 'a write', tags: ['t'], access: 'customer', lean: true, responses: { 201: { description: 'created' } }, handle: async () => ({ status: 201, body: {} }) });
  routes.router.use(limits.admitUnrouted);
  const app = httpApp(routes, logger);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const instance: Instance = {
    call: httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    limits,
    redis: connection,
    close: async () => {
      if (instances.includes(instance)) instances.splice(instances.indexOf(instance), 1);
      limits.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      connection.disconnect();
    },
  };
  instances.push(instance);
  return instance;
}

const read = (instance: Instance, token: string) => instance.call('GET', '/things', { token });
const write = (instance: Instance, token: string) => instance.call('POST', '/things', { token });
const served = (replies: Reply[]) => replies.filter((reply) => reply.status < 400).length;
const countOf = async (policy: string, key: string) => Number(await redis.get(`${keyPrefix}:rate-limit:${policy}:${key}`));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The 429 of a policy: a problem with Retry-After, and the policy's RateLimit headers. */
function expectRefusedBy(reply: Reply, policy: string, quota: number): void {
  expect(expectProblem(reply, 429).type).toBe('urn:onsale:problem:rate_limited');
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(reply.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  expect(reply.headers.get('ratelimit-policy')).toContain(`"${policy}";q=${quota};w=60`);
  expect(reply.headers.get('ratelimit')).toMatch(new RegExp(`"${policy}";r=0;t=\\d+`));
}

describe('reads: counted in memory, reconciled through Redis', () => {
  it('serves a burst on two instances at most N × quota (the bound when neither has reconciled), then both refuse', async () => {
    const quota = 20;
    const [a, b] = await Promise.all([startInstance({ customerReads: quota, reconcileMs: 100 }), startInstance({ customerReads: quota, reconcileMs: 100 })]);
    const customer = newCustomer();

    const burst = await Promise.all(Array.from({ length: 100 }, (_, index) => read(index % 2 ? a : b, customer.token)));

    expect(served(burst)).toBeGreaterThanOrEqual(quota);
    expect(served(burst)).toBeLessThanOrEqual(2 * quota);
    expectRefusedBy(burst.find((reply) => reply.status === 429)!, 'customer-reads', quota);
    expect(burst.find((reply) => reply.status === 200)!.headers.get('ratelimit')).toMatch(/"customer-reads";r=\d+;t=\d+/);
    // Reconciled: Redis holds what both served (refusals are not counted), and neither serves more.
    await waitUntil(async () => (await countOf('customer-reads', customer.sub)) === served(burst));
    for (const instance of [a, b]) expectRefusedBy(await read(instance, customer.token), 'customer-reads', quota);
  });

  it('serves a steady reader alternating between two instances its quota plus at most (N − 1) + 2 × R × (I + RTT)', async () => {
    const quota = 5;
    const reconcileMs = 50;
    const pauseMs = 300;
    const [a, b] = await Promise.all([startInstance({ customerReads: quota, reconcileMs }), startInstance({ customerReads: quota, reconcileMs })]);
    const customer = newCustomer();

    const replies: Reply[] = [];
    for (let index = 0; index < 12; index += 1) {
      replies.push(await read(index % 2 ? a : b, customer.token));
      await sleep(pauseMs);
    }

    // N = 2, R = 1 / 0.3 s, I = 50 ms, a round trip taken as at most 100 ms on a loaded machine: 1 + 2 × 3.3 × 0.15 = 2.
    const bound = Math.floor(1 + 2 * (1_000 / pauseMs) * ((reconcileMs + 100) / 1_000));
    expect(served(replies)).toBeGreaterThanOrEqual(quota);
    expect(served(replies)).toBeLessThanOrEqual(quota + bound);
    expect(replies.slice(-4).every((reply) => reply.status === 429)).toBe(true);
  });

  it('sends no Redis command per read: one per key at each reconciliation', async () => {
    const a = await startInstance({ reconcileMs: 60_000 });
    const customer = newCustomer();
    const monitor = await redis.monitor();
    const commands: { args: string[]; source: string }[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (args.some((arg) => arg.includes(keyPrefix))) commands.push({ args, source });
    });
    const isMarker = (args: string[]) => args.some((arg) => arg.includes(':marker:'));
    /** Everything Redis ran before this point has been seen. */
    const seenSoFar = async () => {
      const marker = `${keyPrefix}:marker:${randomBytes(4).toString('hex')}`;
      await redis.exists(marker);
      await waitUntil(() => commands.some(({ args }) => args.includes(marker)));
    };
    try {
      const replies = await Promise.all(Array.from({ length: 100 }, (_, index) => (index % 4 ? read(a, customer.token) : a.call('GET', '/public'))));
      expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
      await seenSoFar();
      expect(commands.filter(({ args }) => !isMarker(args))).toEqual([]);

      await a.limits.reconcile();
      await seenSoFar();
      // What the instance itself sent (not the script's own commands, nor the markers): a script per key,
      // twice at most (EVALSHA, then EVAL if Redis did not have the script yet).
      const sent = commands.filter(({ source, args }) => source !== 'lua' && !isMarker(args));
      const keys = new Set(sent.map(({ args }) => args.find((arg) => arg.startsWith(keyPrefix))));
      expect(keys).toEqual(new Set([`${keyPrefix}:rate-limit:ip:127.0.0.1`, `${keyPrefix}:rate-limit:customer-reads:${customer.sub}`]));
      expect(sent.length).toBeLessThanOrEqual(4);
      expect(await countOf('ip', '127.0.0.1')).toBe(100);
      expect(await countOf('customer-reads', customer.sub)).toBe(75);
    } finally {
      monitor.disconnect();
    }
  });

  it("answers an address over its limit 429 before looking at the token, and gives back the read's customer count", async () => {
    const a = await startInstance({ perIp: 3 });
    const customer = newCustomer();
    expect((await Promise.all([1, 2, 3].map(() => read(a, customer.token)))).map((reply) => reply.status)).toEqual([200, 200, 200]);

    expectRefusedBy(await read(a, customer.token), 'ip', 3);
    expectRefusedBy(await read(a, 'not-a-token'), 'ip', 3);
    expectRefusedBy(await a.call('GET', '/no-such-route'), 'ip', 3);

    await a.limits.reconcile();
    expect(await countOf('ip', '127.0.0.1')).toBe(3);
    expect(await countOf('customer-reads', customer.sub)).toBe(3);
  });
});

describe('writes: counted in Redis, exactly', () => {
  it("serves exactly the quota of a customer's writes sent to two instances at once", async () => {
    const [a, b] = await Promise.all([startInstance({ customerWrites: 5 }), startInstance({ customerWrites: 5 })]);
    const customer = newCustomer();

    const replies = await Promise.all(Array.from({ length: 40 }, (_, index) => write(index % 2 ? a : b, customer.token)));

    expect(served(replies)).toBe(5);
    expectRefusedBy(replies.find((reply) => reply.status === 429)!, 'customer-writes', 5);
    expect(await countOf('customer-writes', customer.sub)).toBe(40);
  });

  it("is judged on the exact count of its address: Redis's, with the instance's reads not yet sent", async () => {
    const [a, b] = await Promise.all([startInstance({ perIp: 30 }), startInstance({ perIp: 30 })]);
    const customer = newCustomer();
    for (let index = 0; index < 20; index += 1) expect((await a.call('GET', '/public')).status).toBe(200);
    expect(await redis.exists(`${keyPrefix}:rate-limit:ip:127.0.0.1`)).toBe(0);

    // The write carries the 20 reads to Redis: 21 of 30.
    expect((await write(a, customer.token)).headers.get('ratelimit')).toMatch(/"ip";r=9;/);
    expect((await write(b, customer.token)).headers.get('ratelimit')).toMatch(/"ip";r=8;/);
    // b learned the count from its write's answer: 8 reads left there, then 429.
    const reads = [];
    for (let index = 0; index < 9; index += 1) reads.push(await b.call('GET', '/public'));
    expect(reads.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    expectRefusedBy(reads.at(-1)!, 'ip', 30);
  });
});

describe('writes counted here (RATE_LIMIT_WRITES_COUNTED_HERE): as reads are, within the same bound', () => {
  const here = { writesCountedHere: true };

  it("serves a burst of one customer's writes on two instances at most N × quota; Redis then holds exactly what was served, and both refuse", async () => {
    const quota = 20;
    const [a, b] = await Promise.all([startInstance({ ...here, customerWrites: quota, reconcileMs: 100 }), startInstance({ ...here, customerWrites: quota, reconcileMs: 100 })]);
    const customer = newCustomer();

    const burst = await Promise.all(Array.from({ length: 200 }, (_, index) => write(index % 2 ? a : b, customer.token)));

    expect(served(burst)).toBeGreaterThanOrEqual(quota);
    expect(served(burst)).toBeLessThanOrEqual(2 * quota);
    expectRefusedBy(burst.find((reply) => reply.status === 429)!, 'customer-writes', quota);
    await waitUntil(async () => (await countOf('customer-writes', customer.sub)) === served(burst));
    await waitUntil(async () => (await countOf('ip', '127.0.0.1')) === 200);
    for (const instance of [a, b]) expectRefusedBy(await write(instance, customer.token), 'customer-writes', quota);
  });

  it('serves a steady writer alternating between two instances its quota plus at most (N − 1) + 2 × R × (I + RTT)', async () => {
    const quota = 5;
    const reconcileMs = 50;
    const pauseMs = 300;
    const [a, b] = await Promise.all([
      startInstance({ ...here, customerWrites: quota, reconcileMs }),
      startInstance({ ...here, customerWrites: quota, reconcileMs }),
    ]);
    const customer = newCustomer();

    const replies: Reply[] = [];
    for (let index = 0; index < 12; index += 1) {
      replies.push(await write(index % 2 ? a : b, customer.token));
      await sleep(pauseMs);
    }

    // N = 2, R = 1 / 0.3 s, I = 50 ms, a round trip taken as at most 100 ms on a loaded machine: 1 + 2 × 3.3 × 0.15 = 2.
    const bound = Math.floor(1 + 2 * (1_000 / pauseMs) * ((reconcileMs + 100) / 1_000));
    expect(served(replies)).toBeGreaterThanOrEqual(quota);
    expect(served(replies)).toBeLessThanOrEqual(quota + bound);
    expect(replies.slice(-4).every((reply) => reply.status === 429)).toBe(true);
  });

  it('sends no Redis command per write; each reconciliation adds every write served to the shared counts, exactly', async () => {
    const a = await startInstance({ ...here, reconcileMs: 60_000 });
    const customers = Array.from({ length: 10 }, () => newCustomer());
    const monitor = await redis.monitor();
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.some((arg) => arg.includes(keyPrefix))) commands.push(args);
    });
    try {
      const replies = await Promise.all(Array.from({ length: 300 }, (_, index) => write(a, customers[index % 10]!.token)));
      expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 201));
      const marker = `${keyPrefix}:marker:${randomBytes(4).toString('hex')}`;
      await redis.exists(marker);
      await waitUntil(() => commands.some((args) => args.includes(marker)));
      expect(commands.filter((args) => !args.includes(marker))).toEqual([]);

      await a.limits.reconcile();
      expect(await countOf('ip', '127.0.0.1')).toBe(300);
      for (const customer of customers) expect(await countOf('customer-writes', customer.sub)).toBe(30);
    } finally {
      monitor.disconnect();
    }
  });
});

describe('Redis away', () => {
  it('counts reads and writes in memory, without waiting, and sends the counts once Redis is back', async () => {
    const privateRedis = await startPrivateRedis({ appendOnly: false });
    let instance: Instance | undefined;
    try {
      const a = await startInstance({ customerReads: 5, reconcileMs: 50 }, privateRedis.url);
      instance = a;
      const customer = newCustomer();
      expect((await read(a, customer.token)).status).toBe(200);
      await privateRedis.kill();
      await waitUntil(() => a.redis.status !== 'ready');

      const started = Date.now();
      const replies = [];
      for (let index = 0; index < 6; index += 1) replies.push(await read(a, customer.token));
      expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 429, 429]);
      expectRefusedBy(replies.at(-1)!, 'customer-reads', 5);
      expect((await write(a, customer.token)).status).toBe(201);
      expect(Date.now() - started).toBeLessThan(1_500);

      await privateRedis.start();
      const back = new Redis(privateRedis.url);
      try {
        // It came back empty: the reads counted since (all 5 but what reached it before the kill) and the write.
        await waitUntil(async () => Number(await back.get(`${keyPrefix}:rate-limit:customer-reads:${customer.sub}`)) >= 4);
        await waitUntil(async () => Number(await back.get(`${keyPrefix}:rate-limit:customer-writes:${customer.sub}`)) === 1);
      } finally {
        back.disconnect();
      }
    } finally {
      // Closed before its Redis is gone for good, so that nothing is left reconnecting.
      await instance?.close();
      await privateRedis.dispose();
    }
  });
});
