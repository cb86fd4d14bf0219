import { hostname } from 'node:os';
import { z } from 'zod';

/** Thrown at start-up when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const positiveInt = z.coerce.number().int().positive();

const commonEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  LOG_LEVEL: logLevel.default('info'),
  /** Prefix of every Redis key and channel Onsale owns; lets several deployments (or test files) share one Redis. */
  KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('onsale'),
  /** Number of partition queues events are hashed onto. API and workers must agree. */
  PARTITION_COUNT: positiveInt.max(1024).default(16),
  DB_POOL_SIZE: positiveInt.max(200).default(10),
});

const apiEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** How long confirm and cancel wait for the partition's decision before answering 202. */
  COMMAND_WAIT_MS: positiveInt.max(60_000).default(5_000),
});

const workerEnv = commonEnv.extend({
  WORKER_ID: z.string().min(1).default(`${hostname()}-${process.pid}`),
  /** BullMQ job lock; a worker that dies is replaced after about lock + stalled interval. */
  WORKER_LOCK_DURATION_MS: positiveInt.default(10_000),
  WORKER_STALLED_INTERVAL_MS: positiveInt.default(5_000),
  /** How often each worker looks for holds past their expiry and for accepted requests that lost their job. */
  SWEEP_INTERVAL_MS: positiveInt.default(1_000),
  /** An event whose requests wait longer than this gets its `decide` job again. */
  REQUEUE_AFTER_MS: positiveInt.default(30_000),
  /** The most queued requests one transaction decides. */
  DECISION_BATCH_SIZE: positiveInt.max(10_000).default(1_000),
});

const migrationEnv = commonEnv.pick({ DATABASE_URL: true, LOG_LEVEL: true });

export type ApiConfig = z.infer<typeof apiEnv>;
export type WorkerConfig = z.infer<typeof workerEnv>;

type Env = Record<string, string | undefined>;

function parseEnv<T extends z.ZodType>(schema: T, env: Env): z.infer<T> {
  // An empty variable (`PORT=`) means unset, not zero.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
}

// The one place that reads process.env.
export const loadApiConfig = (env: Env = process.env): ApiConfig => parseEnv(apiEnv, env);
export const loadWorkerConfig = (env: Env = process.env): WorkerConfig => parseEnv(workerEnv, env);
export const loadMigrationConfig = (env: Env = process.env) => parseEnv(migrationEnv, env);
