import { join } from 'node:path';
import { deleteKeysMatching } from '@onsale/queue';
import type { Redis } from 'ioredis';
import { freePort, LOAD_DRIVER_ENV, startApp, startNode, waitForHttp, type RunningProcess } from '../processes';
import { isOnsale, ONSALE_WITHOUT_METRICS, type Variant } from './variants';

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
}

export interface SystemUnderTest {
  url: string;
  /** Where its decisions can be read; undefined for a remote system given without DATABASE_URL. */
  databaseUrl: string | undefined;
  /** The processes this benchmark started (none for a remote system). */
  api: RunningProcess | undefined;
  workers: RunningProcess[];
  /** Starts the worker processes (at once, or later for the drain scenario). */
  startWorkers(): RunningProcess[];
  stop(): Promise<void>;
}

/** An Onsale already running at `url` (`--url`): nothing is started, stopped or cleaned. */
export function remoteSystem(url: string, databaseUrl: string | undefined): SystemUnderTest {
  return { url, databaseUrl, api: undefined, workers: [], startWorkers: () => [], stop: async () => {} };
}

export const clearKeyPrefix = (redis: Redis) => deleteKeysMatching(redis, `${BENCH_KEY_PREFIX}:*`);

const benchEntry = (name: string) => join(__dirname, `${name}.js`);

/** Starts the variant's API (waiting until it is ready) and, unless `deferWorkers`, its workers. */
export async function startSystem(
  variant: Variant,
  options: { workerCount: number; deferWorkers: boolean; databaseUrl: string; runName: string },
  infrastructure: Infrastructure,
): Promise<SystemUnderTest> {
  const env = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: infrastructure.redisUrl,
    KEY_PREFIX: BENCH_KEY_PREFIX,
    LOG_LEVEL: infrastructure.logLevel,
    METRICS_ENABLED: String(variant !== ONSALE_WITHOUT_METRICS),
  };
  const logFile = (name: string) => ({ logFile: join(infrastructure.logDir, `${options.runName}-${name}.log`) });
  const port = await freePort();
  const apiEnv = { ...env, ...LOAD_DRIVER_ENV, PORT: String(port), JWT_SECRET: infrastructure.jwtSecret };
  const api =
    isOnsale(variant)
      ? startApp('api', 'api', apiEnv, logFile('api'))
      : variant === 'auth-ceiling'
        ? startNode(benchEntry('auth-ceiling'), 'api', apiEnv, logFile('api'))
        : startNode(benchEntry('variant-api'), 'api', {
            ...apiEnv,
            BENCH_VARIANT: variant,
            // The NestJS design decided inside the request over a pool of 10 connections.
            ...(variant === 'sync-lock' ? { DB_POOL_SIZE: '10' } : {}),
          }, logFile('api'));

  const workers: RunningProcess[] = [];
  const startWorkers = () => {
    for (let index = 1; index <= options.workerCount; index++) {
      const name = `worker-${index}`;
      const workerEnv = { ...env, WORKER_ID: name };
      if (isOnsale(variant)) workers.push(startApp('worker', name, workerEnv, logFile(name)));
      if (variant === 'queue-ceiling') workers.push(startNode(benchEntry('noop-worker'), name, workerEnv, logFile(name)));
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
  if (!options.deferWorkers) startWorkers();
  return {
    url,
    databaseUrl: options.databaseUrl,
    api,
    workers,
    startWorkers,
    // Workers first: they finish their active job; then the API.
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await api.stop();
    },
  };
}
