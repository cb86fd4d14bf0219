/**
 * EventStates on this file's own database and Redis key prefix: events opened by their first use,
 * forgotten when unused, and opened again under a new epoch.
 */
import { EventActivityUpdates } from '@onsale/queue';
import { createLogger, NotFound } from '@onsale/shared';
import { Redis } from 'ioredis';
import { givenEvent } from '../../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { EventStates } from './event-states';

const logger = createLogger({ name: 'test', level: 'silent' });
let env: TestEnvironment;
let subscriber: Redis;
let states: EventStates;

beforeAll(async () => {
  env = await createTestEnvironment();
  subscriber = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
});

/** A process's states of its own, each test's: how many are open is then the test's alone. */
beforeEach(() => {
  const activity = new EventActivityUpdates(subscriber, env.keyPrefix, logger);
  states = new EventStates({ database: env.database, activity, logger, refreshMs: 50, idleMs: 200 });
});

afterEach(async () => {
  await states.close();
});

afterAll(async () => {
  subscriber.disconnect();
  await env.dispose();
});

describe('EventStates', () => {
  it('opens an event once for all its users, forgets it when unused, and opens it again under a new epoch', async () => {
    const event = await givenEvent(env.database);
    const [first, second] = await Promise.all([states.get(event.id), states.get(event.id)]);
    expect(first).toBe(second);
    expect(states.peek(event.id)).toBe(first);

    // Unused for longer than idleMs: forgotten, so what was learnt under it must be checked again.
    await waitUntil(() => Promise.resolve(states.size === 0), 5_000);
    expect(states.peek(event.id)).toBeUndefined();
    const again = await states.get(event.id);
    expect(again).not.toBe(first);
    expect(again.epoch).not.toBe(first.epoch);
  });

  it('keeps an event open while a holder (a live viewer) has it', async () => {
    const event = await givenEvent(env.database);
    const { release } = await states.hold(event.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(states.size).toBe(1);
    // Nobody else used it: forgotten when the last holder lets go.
    release();
    expect(states.size).toBe(0);
  });

  it('answers NotFound for an event that does not exist', async () => {
    await expect(states.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFound);
  });
});
