import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDatabase } from '@onsale/db';
import { freePort, startApp, waitForHttp, type RunningProcess } from '@onsale/scripts/processes';
import { WITHOUT_ADMISSION_CONTROL } from '../../support/admission-settings';
import { tokenFor } from '../../support/tokens';

export const CHAOS_JWT_SECRET = 'chaos-secret-at-least-16-chars';

/** How long an API process may take to answer /readyz: on a loaded 2-core machine, a Node start can take half a minute. */
const API_START_MS = 90_000;

/** A process of the cluster that exited, and whether a test stopped or killed it on purpose. */
export interface ProcessExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  onPurpose: boolean;
  /** Its last output lines, to see why. */
  output: string;
}

/**
 * Onsale as it ships, on servers a test may break: the built API and worker processes
 * (`pnpm build` first), on a fresh migrated database of the given PostgreSQL server and a key
 * prefix of their own on the given Redis. It records every process exit; `unexpectedExits()`
 * lists those no test asked for.
 */
export interface ClusterUnderTest {
  /** The first API's (`api`). */
  url: string;
  /** The URL of one API process (`api`, `api-2`, …): each listens on its own port, kept across a restart. */
  urlOf(name: string): string;
  databaseUrl: string;
  redisUrl: string;
  /** The Redis key prefix of its queues (KEY_PREFIX). */
  keyPrefix: string;
  /** `api` (then `api-2`, … when `apis` > 1), `worker-1`, `worker-2`, ... */
  processes(): RunningProcess[];
  process(name: string): RunningProcess;
  /** SIGKILL to one process, on purpose. */
  kill(name: string): Promise<void>;
  /** SIGTERM to one process (SIGKILL after `graceMs`), on purpose. */
  stopProcess(name: string, graceMs?: number): Promise<void>;
  /** Starts a process of that name again with its environment (the API on its port); waits for the API's readiness. */
  restart(name: string): Promise<void>;
  unexpectedExits(): ProcessExit[];
  /** Where a process writes its log (test-results/chaos-logs/…): kept after the test, to see what happened. */
  logFile(name: string): string;
  /** The slowest 5xx the API itself logged (its own measure, without the client's queueing), per status. */
  slowestServerErrorsMs(): Record<string, number>;
  /** A `POST /v1/events` as admin: one GA ticket type of `capacity`; the event's id. */
  createEvent(capacity: number, overrides?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  postgresUrl: string;
  redisUrl: string;
  workers?: number;
  /** API processes, on the same database and Redis, each on its own port: `api`, `api-2`, … (default 1). */
  apis?: number;
  /** Environment for every process (e.g. WORKER_RETRY_BUDGET_MS). */
  env?: Record<string, string>;
}

export async function startClusterUnderTest(options: ClusterOptions): Promise<ClusterUnderTest> {
  const suffix = randomBytes(5).toString('hex');
  const databaseUrl = await freshDatabase(options.postgresUrl, `onsale_chaos_${suffix}`);
  const apiNames = Array.from({ length: options.apis ?? 1 }, (_, index) => (index === 0 ? 'api' : `api-${index + 1}`));
  const ports = new Map<string, number>();
  for (const name of apiNames) ports.set(name, await freePort());
  const isApi = (name: string) => ports.has(name);
  const urlOf = (name: string) => {
    if (!isApi(name)) throw new Error(`no API ${name} in the cluster`);
    return `http://127.0.0.1:${ports.get(name)}`;
  };
  const url = urlOf('api');
  const keyPrefix = `onsale-chaos-${suffix}`;
  const common = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    KEY_PREFIX: keyPrefix,
    JWT_SECRET: CHAOS_JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Every request of the rush goes through the queue, so every one is counted and verified
    // (the rush comes from one address and its sold-out tail would be answered at once).
    ...WITHOUT_ADMISSION_CONTROL,
    ...options.env,
  };
  const envOf = (name: string): Record<string, string> =>
    isApi(name) ? { ...common, PORT: String(ports.get(name)) } : { ...common, WORKER_ID: name };
  const logDir = join(__dirname, '..', '..', '..', 'test-results', 'chaos-logs', suffix);
  mkdirSync(logDir, { recursive: true });
  const logFile = (name: string) => join(logDir, `${name}.log`);
  const running = new Map<string, RunningProcess>();
  const onPurpose = new Set<RunningProcess>();
  const exits: ProcessExit[] = [];

  const launch = (name: string) => {
    const child = startApp(isApi(name) ? 'api' : 'worker', name, envOf(name), { logFile: logFile(name) });
    child.child.once('exit', (code, signal) =>
      exits.push({ name, code, signal, onPurpose: onPurpose.has(child), output: child.output() }),
    );
    running.set(name, child);
    return child;
  };
  const processOf = (name: string) => {
    const child = running.get(name);
    if (!child) throw new Error(`no process ${name} in the cluster`);
    return child;
  };

  for (const name of apiNames) launch(name);
  for (let index = 1; index <= (options.workers ?? 2); index++) launch(`worker-${index}`);
  const stop = async () => {
    for (const child of running.values()) onPurpose.add(child);
    await Promise.all([...running.values()].map((child) => child.stop()));
  };
  try {
    await Promise.all(apiNames.map((name) => waitForHttp(`${urlOf(name)}/readyz`, API_START_MS)));
  } catch (error) {
    await stop();
    throw new Error(`the API did not start: ${String(error)}\n${apiNames.map((name) => processOf(name).output()).join('\n')}`);
  }

  return {
    url,
    urlOf,
    databaseUrl,
    redisUrl: options.redisUrl,
    keyPrefix,
    processes: () => [...running.values()],
    process: processOf,
    async kill(name) {
      const child = processOf(name);
      onPurpose.add(child);
      await child.kill();
    },
    async stopProcess(name, graceMs) {
      const child = processOf(name);
      onPurpose.add(child);
      await child.stop(graceMs);
    },
    async restart(name) {
      launch(name);
      if (isApi(name)) await waitForHttp(`${urlOf(name)}/readyz`, API_START_MS);
    },
    unexpectedExits: () => exits.filter((exit) => !exit.onPurpose),
    logFile,
    slowestServerErrorsMs() {
      const slowest: Record<string, number> = {};
      for (const line of readFileSync(logFile('api'), 'utf8').split('\n')) {
        if (!line.includes('"request failed"')) continue;
        const { status, ms } = JSON.parse(line) as { status?: number; ms?: number };
        if (status !== undefined && ms !== undefined) slowest[status] = Math.max(slowest[status] ?? 0, ms);
      }
      return slowest;
    },
    async createEvent(capacity, overrides = {}) {
      const response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenFor('chaos-admin', 'admin', CHAOS_JWT_SECRET)}` },
        body: JSON.stringify({
          name: 'Chaos on-sale',
          startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity }],
          ...overrides,
        }),
      });
      if (response.status !== 201) throw new Error(`creating the event: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    stop,
  };
}
