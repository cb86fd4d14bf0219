import { startClusterUnderTest, type ClusterUnderTest } from './cluster-under-test';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { MACHINE_POSTGRES_URL } from './scenario';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis';

/** initdb, migrations and three Node processes: minutes on a loaded machine; a hook that times out would leak them. */
const SETUP_TIMEOUT_MS = 600_000;

export interface ChaosClusterOptions {
  /** Run on a PostgreSQL of the scenario's own (one it may crash); otherwise on the machine's. */
  privatePostgres?: boolean;
  /** API processes (`api`, `api-2`, …); default 1. */
  apis?: number;
  /** Extra environment for the API and the workers. */
  env?: Record<string, string>;
}

export interface ChaosCluster {
  redis: PrivateRedis;
  cluster: ClusterUnderTest;
}

/**
 * Registers a scenario's set-up and tear-down: a private Redis (without persistence), a private
 * PostgreSQL when asked, and the cluster under test with two workers on them. The returned
 * object's fields are set once `beforeAll` has run: read them inside the tests.
 */
export function useChaosCluster(options: ChaosClusterOptions & { privatePostgres: true }): ChaosCluster & { pg: PrivatePostgres };
export function useChaosCluster(options?: ChaosClusterOptions): ChaosCluster;
export function useChaosCluster(options: ChaosClusterOptions = {}): ChaosCluster & { pg?: PrivatePostgres } {
  const chaos = {} as ChaosCluster & { pg?: PrivatePostgres };
  beforeAll(async () => {
    [chaos.pg, chaos.redis] = await Promise.all([
      options.privatePostgres ? startPrivatePostgres() : undefined,
      startPrivateRedis({ appendOnly: false }),
    ]);
    chaos.cluster = await startClusterUnderTest({
      postgresUrl: chaos.pg?.url ?? MACHINE_POSTGRES_URL,
      redisUrl: chaos.redis.url,
      workers: 2,
      apis: options.apis,
      env: options.env,
    });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await chaos.cluster?.stop();
    await Promise.all([chaos.pg?.dispose(), chaos.redis?.dispose()]);
  });
  return chaos;
}
