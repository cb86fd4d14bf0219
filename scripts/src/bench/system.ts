import { join } from 'node:path';
import { deleteKeysMatching } from '@onsale/queue';
import type { Redis } from 'ioredis';
import { freePort, LOAD_DRIVER_ENV, startApp, startNode, waitForHttp, withApiNodeFlags, type RunningProcess, type StartOptions } from '../processes';
import { apiSettingFor, type LeverName } from './levers';
import { subscribeWebhookReceiver, type WebhookReceiverProcess } from './webhook-subscription';
import { isOnsale, isStandalone, ONSALE_WITH_WEBHOOKS, ONSALE_WITHOUT_METRICS, type Variant } from './variants';

/*
 * The system under test for one run: a fresh database and Redis key prefix, then the variant's
 * API process and worker processes, each a separate Node process as in production.
 */

export const BENCH_DATABASE = 'onsale_bench';
export const BENCH_KEY_PREFIX = 'onsale-bench';

export interface Infrastructure {
  /** Any database on the PostgreSQL server; the bench database is created next to it. */
  serverDatabaseUrl: string;
  redisUrl: string;
  redis: Redis;
  jwtSecret: string;
  logLevel: string;
  /** Directory for the processes' logs. */
  logDir: string;
  /** When set (`--profile`), every Node process started writes a V8 CPU profile under it. */
  profileDir?: string;
}

/** Where one started process writes its CPU profile (`--profile`). */
export interface ProfiledProcess {
  process: string;
  dir: string;
}

export interface SystemUnderTest {
  url: string;
  /** Where its decisions can be read; undefined for a remote system given without DATABASE_URL. */
  databaseUrl: string | undefined;
  /** The processes this benchmark started (none for a remote system). */
  api: RunningProcess | undefined;
  workers: RunningProcess[];
  /** The CPU profile directories of the processes started, written as each exits (`--profile`). */
  profiles: ProfiledProcess[];
  /** onsale-webhooks: the local receiver subscribed to every event type. */
  webhookReceiver?: WebhookReceiverProcess;
  /** Starts the worker processes (at once, or later for the drain scenario). */
  startWorkers(): RunningProcess[];
  stop(): Promise<void>;
}

/** An Onsale already running at `url` (`--url`): nothing is started, stopped or cleaned. */
export function remoteSystem(url: string, databaseUrl: string | undefined): SystemUnderTest {
  return { url, databaseUrl, api: undefined, workers: [], profiles: [], startWorkers: () => [], stop: async () => {} };
}

export const clearKeyPrefix = (redis: Redis) => deleteKeysMatching(redis, `${BENCH_KEY_PREFIX}:*`);

/**
 * The sync-lock API's pool, sized for this machine by measurement (docs/benchmarks.md): every
 * request of a hot event waits for the one lock, so connections beyond a few only add waiters.
 * SYNC_LOCK_POOL_SIZE overrides it, to measure another size.
 */
const SYNC_LOCK_POOL_SIZE = process.env.SYNC_LOCK_POOL_SIZE ?? '8';

const benchEntry = (name: string) => join(__dirname, `${name}.js`);

/** Starts the variant's API (waiting until it is ready) and, unless `deferWorkers`, its workers. */
export async function startSystem(
  variant: Variant,
  options: { workerCount: number; deferWorkers: boolean; databaseUrl: string; runName: string; ablated?: LeverName },
  infrastructure: Infrastructure,
): Promise<SystemUnderTest> {
  const env = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: infrastructure.redisUrl,
    KEY_PREFIX: BENCH_KEY_PREFIX,
    LOG_LEVEL: infrastructure.logLevel,
    METRICS_ENABLED: String(variant !== ONSALE_WITHOUT_METRICS),
  };
  const profiles: ProfiledProcess[] = [];
  // Node writes the profile when the process exits normally: stop() sends SIGTERM, and every
  // entry point closes and exits on it.
  const startOptions = (name: string): StartOptions => {
    const logFile = join(infrastructure.logDir, `${options.runName}-${name}.log`);
    if (infrastructure.profileDir === undefined) return { logFile };
    const dir = join(infrastructure.profileDir, `${options.runName}-${name}`);
    profiles.push({ process: name, dir });
    return { logFile, execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
  };
  const port = await freePort();
  // An ablated lever (levers.ts) is set on the API only: every lever is the API's.
  const lever = apiSettingFor(options.ablated);
  const apiEnv = { ...env, ...LOAD_DRIVER_ENV, PORT: String(port), JWT_SECRET: infrastructure.jwtSecret, ...lever.env };
  // The rivals' and ceilings' servers get the Node flags Onsale's API ships with: each at its best.
  const rivalOptions = (): StartOptions => withApiNodeFlags(startOptions('api'));
  const api =
    isOnsale(variant)
      ? startApp('api', 'api', apiEnv, { ...startOptions('api'), appFlags: lever.nodeFlags })
      : isStandalone(variant)
        ? startNode(benchEntry(variant), 'api', apiEnv, rivalOptions())
        : startNode(benchEntry('variant-api'), 'api', {
            ...apiEnv,
            BENCH_VARIANT: variant,
            ...(variant === 'sync-lock' ? { DB_POOL_SIZE: SYNC_LOCK_POOL_SIZE } : {}),
          }, rivalOptions());

  const workers: RunningProcess[] = [];
  const startWorkers = () => {
    for (let index = 1; index <= options.workerCount; index++) {
      const name = `worker-${index}`;
      const workerEnv = { ...env, WORKER_ID: name };
      if (isOnsale(variant)) workers.push(startApp('worker', name, workerEnv, startOptions(name)));
      if (variant === 'queue-ceiling') workers.push(startNode(benchEntry('noop-worker'), name, workerEnv, startOptions(name)));
    }
    return workers;
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/readyz`);
  } catch (error) {
    await api.stop();
    throw new Error(`${variant} API did not start: ${String(error)}\n${api.output()}`);
  }
  // onsale-webhooks: a local receiver, subscribed to every event type before any request.
  const receiver = variant === ONSALE_WITH_WEBHOOKS ? await subscribeWebhookReceiver(options.databaseUrl, startOptions('webhook-receiver')) : undefined;
  if (!options.deferWorkers) startWorkers();
  return {
    url,
    databaseUrl: options.databaseUrl,
    api,
    workers,
    profiles,
    ...(receiver ? { webhookReceiver: receiver } : {}),
    startWorkers,
    // Workers first: they finish their active job; then the API.
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await api.stop();
      await receiver?.process.stop();
    },
  };
}
