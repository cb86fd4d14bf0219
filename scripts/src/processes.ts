import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freshDatabase } from '@onsale/db';
import { deleteKeysMatching } from '@onsale/queue';
import { Redis } from 'ioredis';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for diagnosing a failure. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash. */
  kill(): Promise<void>;
}

/**
 * Each app's Node flags as it ships (the Dockerfile's CMD, docker-compose.yml and `pnpm start:api`
 * start the API with the same): none. `--max-semi-space-size=32` was shipped for a while and
 * made every request dearer on the second machine measured (docs/benchmarks.md#cost-per-ticket-issue-21).
 */
export const APP_NODE_FLAGS: Record<'api' | 'worker', readonly string[]> = {
  api: [],
  worker: [],
};

/** `options` with the API's shipped Node flags first: for a server compared with Onsale's API, started as well tuned. */
export const withApiNodeFlags = (options: StartOptions = {}): StartOptions => ({ ...options, execArgv: [...APP_NODE_FLAGS.api, ...(options.execArgv ?? [])] });

/** Starts one of the built apps (`apps/api`, `apps/worker`) as a child process, with its Node flags as it ships unless `appFlags` says otherwise. */
export function startApp(app: 'api' | 'worker', name: string, env: Record<string, string>, options: StartOptions & { appFlags?: readonly string[] } = {}): RunningProcess {
  const { appFlags = APP_NODE_FLAGS[app], ...start } = options;
  return startNode(join(REPO_ROOT, 'apps', app, 'dist', 'main.js'), name, env, { ...start, execArgv: [...appFlags, ...(start.execArgv ?? [])] });
}

export interface StartOptions {
  /** Writes the process's output to this file instead of through this process (which then reads nothing of it). */
  logFile?: string;
  /** Node's own flags for the child, before its script (e.g. `--cpu-prof`). */
  execArgv?: readonly string[];
}

/** Starts a built Node entry point as a child process. */
export function startNode(script: string, name: string, env: Record<string, string>, options: StartOptions = {}): RunningProcess {
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.execArgv ?? []), script], {
    env: { ...process.env, ...env },
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () =>
    options.logFile === undefined ? lines.join('\n') : readFileSync(options.logFile, 'utf8').split('\n').slice(-200).join('\n');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  return {
    name,
    child,
    output,
    async stop(graceMs = 10_000) {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `url` until it answers 2xx. */
export async function waitForHttp(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A TCP port free on loopback right now, for a child process to listen on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Onsale started from its built apps on this machine: a fresh database, a clean Redis key prefix. */
export interface LocalOnsale {
  url: string;
  databaseUrl: string;
  api: RunningProcess;
  workers: RunningProcess[];
  /** Stops the workers and the API. */
  stop(): Promise<void>;
}

/**
 * What a load driver on one machine changes in the API's settings: it sends every customer's
 * requests from one address, where a real on-sale's come from as many addresses as customers, so
 * the per-address rate limit is raised out of its way (it is still counted, and still costs what
 * it costs); the per-customer limits stay as shipped, since a driver's customer sends what a real
 * one does, one request to buy and a few after it.
 */
export const LOAD_DRIVER_ENV: Record<string, string> = { RATE_LIMIT_PER_IP: '100000000' };

/**
 * Drops and creates `database` on the PostgreSQL server of DATABASE_URL (default: the local
 * one), deletes Redis keys under `keyPrefix`, starts the API and `workers` worker processes and
 * waits until the API is ready. What the demo and the side benchmarks run against.
 */
export async function startLocalOnsale(options: {
  database: string;
  keyPrefix: string;
  jwtSecret: string;
  workers: number;
  /** Default: REDIS_URL, or the local Redis. */
  redisUrl?: string;
  /** More environment for every process (e.g. PARTITION_COUNT). */
  env?: Record<string, string>;
}): Promise<LocalOnsale> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const databaseUrl = await freshDatabase(serverUrl, options.database);
  // What an earlier run left in Redis goes, like its database.
  const redis = new Redis(redisUrl);
  await deleteKeysMatching(redis, `${options.keyPrefix}:*`);
  redis.disconnect();

  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    KEY_PREFIX: options.keyPrefix,
    JWT_SECRET: options.jwtSecret,
    LOG_LEVEL: 'warn',
    ...LOAD_DRIVER_ENV,
    ...options.env,
  };
  const api = startApp('api', 'api', { ...env, PORT: String(port) });
  const workers = Array.from({ length: options.workers }, (_, index) =>
    startApp('worker', `worker-${index + 1}`, { ...env, WORKER_ID: `worker-${index + 1}` }),
  );
  const stop = async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await api.stop();
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/readyz`);
  } catch (error) {
    await stop();
    throw new Error(`the API did not start: ${String(error)}\n${api.output()}`);
  }
  return { url, databaseUrl, api, workers, stop };
}
