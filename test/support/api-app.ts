import { startApi } from '@onsale/api/server';
import { createLogger, loadApiConfig, loadWorkerConfig } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import { httpClient, type HttpClient } from './http-client';
import { createTestEnvironment, type TestEnvironment } from './test-environment';
import { WITHOUT_ADMISSION_CONTROL } from './admission-settings';
import { TEST_JWT_SECRET } from './tokens';

const logger = createLogger({ name: 'test', level: 'silent' });

export interface TestApi {
  baseUrl: string;
  close(): Promise<void>;
}

/** The API in-process on `env`'s database and Redis key prefix; `overrides` change its settings. */
export async function startTestApi(env: TestEnvironment, overrides: Record<string, string> = {}): Promise<TestApi> {
  const config = {
    ...env.env,
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    COMMAND_WAIT_MS: '5000',
    ...WITHOUT_ADMISSION_CONTROL,
    // A test reads the seat map right after a decision and expects it; SEAT_MAP_REFRESH_MS has its own test.
    SEAT_MAP_REFRESH_MS: '0',
    ...overrides,
  };
  const api = await startApi(loadApiConfig(config), logger);
  return { baseUrl: `http://127.0.0.1:${api.port}`, close: () => api.close() };
}

export interface ApiWithWorker extends TestApi {
  /** This test file's own database and Redis key prefix. */
  env: TestEnvironment;
  /** The worker's GET /metrics port, when it was started with METRICS_PORT. */
  workerMetricsPort?: number;
}

/**
 * A fresh test environment of the calling test file's own, with the real API and a real partition
 * worker in-process on it. `close()` stops both and drops the environment.
 */
export async function startApiWithWorker(workerOverrides: Record<string, string> = {}, apiOverrides: Record<string, string> = {}): Promise<ApiWithWorker> {
  const env = await createTestEnvironment();
  let api: TestApi | undefined;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const close = async () => {
    await api?.close();
    await worker?.close();
    await env.dispose();
  };
  try {
    api = await startTestApi(env, apiOverrides);
    worker = await startWorker(
      loadWorkerConfig({ ...env.env, LOG_LEVEL: 'silent', WORKER_ID: 'test-worker', SWEEP_INTERVAL_MS: '200', ...workerOverrides }),
      logger,
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { env, baseUrl: api.baseUrl, workerMetricsPort: worker.metricsPort, close };
}

/**
 * For a test file of HTTP tests: the API and a worker on the file's own environment, started
 * before its tests and stopped after them, and a client that calls it.
 */
export function apiWithWorkerForThisFile(
  workerOverrides: Record<string, string> = {},
  apiOverrides: Record<string, string> = {},
): { call: HttpClient; app: () => ApiWithWorker } {
  let app: ApiWithWorker | undefined;
  beforeAll(async () => {
    app = await startApiWithWorker(workerOverrides, apiOverrides);
  });
  afterAll(async () => {
    await app?.close();
  });
  const started = () => {
    if (!app) throw new Error('the API starts in beforeAll');
    return app;
  };
  return { call: httpClient(() => started().baseUrl), app: started };
}
