import { hostname } from 'node:os';
import { z } from 'zod';

/** Thrown at start-up when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const positiveInt = z.coerce.number().int().positive();
const secret = z.string().min(16, 'must be at least 16 characters');

export const DEFAULT_PARTITION_COUNT = 16;

/** How long the API waits for PostgreSQL on a request's path before answering 503 (`DB_WAIT_MS`). */
export const DEFAULT_DB_WAIT_MS = 1_500;
/** How long a waitlist offer holds its tickets unless WAITLIST_OFFER_TTL_SECONDS says otherwise. */
export const DEFAULT_WAITLIST_OFFER_TTL_SECONDS = 900;

/** `host:port,host:port`: the seed nodes of a Redis Cluster; the client discovers the rest. */
const clusterNodes = z
  .string()
  .transform((value) => value.split(',').map((node) => node.trim()))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[^\s:,]+:\d{1,5}$/, 'must be comma-separated host:port pairs')
        .transform((node) => {
          const separator = node.lastIndexOf(':');
          return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
        })
        .pipe(z.object({ host: z.string(), port: z.number().int().min(1).max(65535) })),
    ),
  );

const ORIGIN = /^https?:\/\/[^/\s,*]+$/;

/** `CORS_ORIGINS` as a list: empty when unset. */
export const corsOriginsOf = (value: string | undefined): string[] => (value ? value.split(',').map((origin) => origin.trim()) : []);

const onOff = z.enum(['true', 'false']).transform((value) => value === 'true');
const nonNegativeInt = z.coerce.number().int().nonnegative();

/*
 * The variables, in the groups an operator reads them by. Each is declared once, in one group; a
 * process's schema (`apiEnv`, `workerEnv`, `migrationEnv` below) is made of groups, or of the
 * variables it picks from one. The names are the public interface (docker-compose.yml, README,
 * .env.example): the parsed configuration stays flat, `config.DB_POOL_SIZE`.
 */

/** PostgreSQL. */
const database = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DB_POOL_SIZE: positiveInt.max(200).default(10),
  /**
   * How long a reservation request waits for PostgreSQL (to read its event, to be recorded)
   * before it is answered 503 with Retry-After: an outage answers promptly instead of hanging.
   */
  DB_WAIT_MS: positiveInt.max(60_000).default(DEFAULT_DB_WAIT_MS),
};

/** Redis, and the partition queues and channels Onsale keeps in it. */
const redis = {
  /** One Redis server; exactly one of REDIS_URL and REDIS_CLUSTER_NODES is set (see `oneRedis`). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  /**
   * Prefix of every Redis key and channel Onsale owns; lets several deployments (or test files) share one Redis.
   * No braces: a `{` in the prefix would become the keys' Redis Cluster hash tag instead of the partition's `{pN}`,
   * putting every partition in one slot.
   */
  KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, _ and - (no : { })').default('onsale'),
  /** Number of partition queues events are hashed onto. API and workers must agree. */
  PARTITION_COUNT: positiveInt.max(1024).default(DEFAULT_PARTITION_COUNT),
};

/** The API's HTTP server, and how any process stops. */
const http = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Proxies in front of the API whose X-Forwarded-For is believed for the client address (the
   * per-address rate limit's key); 0: the socket's address. Behind a load balancer, set it: at 0
   * every client shares the balancer's address, and so one RATE_LIMIT_PER_IP.
   */
  TRUST_PROXY_HOPS: nonNegativeInt.max(10).default(0),
  /**
   * Origins whose pages may call the API (a storefront on its own domain), comma-separated
   * (`https://shop.example,https://m.shop.example`); unset: no cross-origin access.
   */
  CORS_ORIGINS: z
    .string()
    .refine((value) => value.split(',').every((origin) => ORIGIN.test(origin.trim())), 'must be comma-separated origins (scheme://host[:port], no path)')
    .optional(),
  /** The largest JSON request body accepted; a larger one is answered 413. */
  MAX_BODY_BYTES: positiveInt.max(10_485_760).default(65_536),
  /**
   * Buy, poll and the seat map served before Express's router, with only what they need (issue 17);
   * `false` routes them like every other route: for measuring what that saves (docs/benchmarks.md).
   */
  LEAN_ROUTES: onOff.default(true),
  /** How long confirm and cancel wait for the partition's decision before answering 202. */
  COMMAND_WAIT_MS: positiveInt.max(60_000).default(5_000),
  /**
   * How long SIGTERM waits for work in flight (the API's requests, a worker's batch) before closing
   * what is left. Below the 10 s an orchestrator usually waits before SIGKILL.
   */
  SHUTDOWN_GRACE_MS: positiveInt.max(600_000).default(8_000),
};

/** Bearer tokens, and the API's own tokens (see `oneTokenVerifier`). */
const auth = {
  /** Bearer tokens are HS256-signed with this secret, or (exactly one of the two) RS256/ES256 with a key of JWT_JWKS_URL. */
  JWT_SECRET: secret.optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** When set, a bearer token's `iss` / `aud` must be this. */
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** When set, a bearer token needs `iat`, and `exp - iat` at most this. */
  JWT_MAX_LIFETIME_SECONDS: positiveInt.max(31_536_000).optional(),
  /** Signs the API's own short-lived tokens (admin session cookie, stream tokens); JWT_SECRET when unset. */
  SESSION_SECRET: secret.optional(),
  /** How long a browser admin session (the `/admin` cookie) lasts. */
  ADMIN_SESSION_TTL_SECONDS: positiveInt.max(43_200).default(900),
  /** `production` (the Docker image's) refuses the sample secrets published with Onsale (see `noSampleSecretInProduction`). */
  NODE_ENV: z.string().min(1).optional(),
};

/** Admission control of reservation requests (docs/guarantees.md#admission-control) and the rate limits. */
const admission = {
  /** A request is refused (503) while its event's backlog would take longer than this to decide; 0: never. */
  ADMISSION_MAX_WAIT_SECONDS: nonNegativeInt.max(86_400).default(120),
  /** A request for more tickets than the latest commit left is answered 409 sold_out at once, without being queued. */
  ADMISSION_SOLD_OUT_IMMEDIATE: onOff.default(true),
  /** The most undecided (queued) requests one customer may have for one event; 0: no cap. */
  MAX_QUEUED_PER_CUSTOMER: nonNegativeInt.max(10_000).default(5),
  /**
   * How often each API process re-reads, from PostgreSQL, an event it keeps a view of (what
   * admission control, queue positions and the live page read): one read per event in use per
   * process. Commits reach the view at once through the workers' activity messages; the re-read
   * bounds how stale it is when one was lost.
   */
  EVENT_STATE_REFRESH_MS: positiveInt.min(100).max(30_000).default(1_000),
  /**
   * The longest the seat map a poll gets may lag the decisions: a map re-read is served until it
   * is this old, though the version moved. During a rush the version moves with every decision
   * batch; a 20,000-seat map re-read per batch was most of what polling the map cost. A second,
   * the live page's own poll interval. 0: every version is read.
   */
  SEAT_MAP_REFRESH_MS: nonNegativeInt.max(10_000).default(1_000),
  /**
   * How long a waitlist offer holds its returned tickets for the customer before it lapses and
   * moves to the next entry; recorded with each entry as it joins (a change applies to later joins).
   */
  WAITLIST_OFFER_TTL_SECONDS: positiveInt.min(30).max(86_400).default(DEFAULT_WAITLIST_OFFER_TTL_SECONDS),
  /** Request rate limits, shared by every API instance through Redis; each counts requests per window. */
  RATE_LIMIT_ENABLED: onOff.default(true),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.max(3_600).default(10),
  /** Authenticated writes (POST, PATCH) per customer per window: buying, confirm, cancel, stream tokens. */
  RATE_LIMIT_CUSTOMER_WRITES: positiveInt.default(20),
  /** Authenticated reads (GET: polling a reservation, listing one's own) per customer per window. */
  RATE_LIMIT_CUSTOMER_READS: positiveInt.default(300),
  /**
   * Every request from one client address per window, whoever sends it (health and metrics
   * excepted). A load test from one address needs it lifted.
   */
  RATE_LIMIT_PER_IP: positiveInt.default(2_000),
  /** How often each API instance adds the reads it counted in memory to Redis and reads back the totals (docs/guarantees.md#rate-limits). */
  RATE_LIMIT_RECONCILE_MS: positiveInt.min(10).max(60_000).default(500),
  /**
   * Writes (buy, confirm, cancel) counted in each instance's memory too, reconciled as reads are:
   * no Redis round trip per write, a key served over its quota within the same bound. `false`
   * counts every write in Redis as it comes in: exactly the quota, at a round trip per write.
   */
  RATE_LIMIT_WRITES_COUNTED_HERE: onOff.default(true),
};

/** The partition writers: locks, retries, sweeps and batches. */
const worker = {
  WORKER_ID: z.string().min(1).default(`${hostname()}-${process.pid}`),
  /**
   * BullMQ job lock; a worker that dies is replaced after about lock + stalled interval (≤ 3 s
   * with these). Renewed every quarter to half of it: an event-loop stall longer than about half
   * the lock lets another worker take the job too, which the database's inventory lock fences.
   */
  WORKER_LOCK_DURATION_MS: positiveInt.min(500).default(2_000),
  WORKER_STALLED_INTERVAL_MS: positiveInt.default(1_000),
  /**
   * A partition job's whole retry budget, from its first attempt: a transient failure (PostgreSQL
   * down, connection lost) is retried in place while it lasts, then the job is set aside and the
   * sweep gives the partition a job again once PostgreSQL answers. It is the worst-case stall of a
   * partition (failure-policy.ts; printed by --print-config).
   */
  WORKER_RETRY_BUDGET_MS: positiveInt.default(60_000),
  /**
   * How many attempts a partition job gets for a permanent failure (retried in place, 100 ms then
   * 200 ms … apart, within WORKER_RETRY_BUDGET_MS) before it is set aside as a dead letter; a
   * transient failure is retried until the budget ends. The partition waits, it is not reordered.
   */
  JOB_MAX_ATTEMPTS: positiveInt.max(10).default(3),
  /** How often each worker looks for holds past their expiry and for accepted requests that lost their job. */
  SWEEP_INTERVAL_MS: positiveInt.default(1_000),
  /** An event whose requests wait longer than this gets its `decide` job again. */
  REQUEUE_AFTER_MS: positiveInt.default(30_000),
  /** The most reservations one transaction decides or expires. */
  DECISION_BATCH_SIZE: positiveInt.max(10_000).default(1_000),
  /**
   * The most partition commands one process runs at once. Partitions beyond it wait for a slot
   * and meanwhile gather bigger batches: on a rush spread over many partitions, a few
   * transactions at a time decide more per second than one per partition competing for the cores.
   */
  WRITER_CONCURRENCY: positiveInt.max(64).default(1),
};

/** Webhook delivery (the worker's): timeouts, concurrency, the retry schedule's scale, private networks. */
const webhooks = {
  /** One delivery attempt's whole time, connect to last byte of the answer; longer counts as a failure. */
  WEBHOOK_TIMEOUT_MS: positiveInt.min(100).max(120_000).default(15_000),
  /** Deliveries one worker process makes at once, across endpoints. */
  WEBHOOK_CONCURRENCY: positiveInt.max(1_000).default(32),
  /** Deliveries in flight to one endpoint at once, across the whole pool (the relay never hands out more). */
  WEBHOOK_ENDPOINT_CONCURRENCY: positiveInt.max(100).default(4),
  /**
   * Multiplies the retry schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h …, about three days):
   * 1 in production; tests scale it down. A Retry-After the endpoint sends is honoured as sent.
   */
  WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  /** How often each worker looks for due deliveries to hand to the delivery queue. */
  WEBHOOK_RELAY_INTERVAL_MS: positiveInt.min(10).max(60_000).default(250),
  /**
   * While decisions are behind arrivals (a decide batch came back full), webhook fan-out, hand-out
   * and delivery wait, for at most this long per backlog; then they run alongside the decisions
   * again until it ends. 0: they never wait. At most 30 s, under a delivery's lease.
   */
  WEBHOOK_MAX_YIELD_MS: nonNegativeInt.max(30_000).default(10_000),
  /**
   * Private networks (comma-separated CIDRs, e.g. `10.0.0.0/8,127.0.0.1/32`) every endpoint may be
   * delivered to. Otherwise loopback, link-local and private addresses are refused unless the endpoint
   * itself was registered with `allowPrivateNetwork`.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .string()
    .regex(/^\s*([0-9a-fA-F:.]+\/\d{1,3})(\s*,\s*[0-9a-fA-F:.]+\/\d{1,3})*\s*$/, 'comma-separated CIDRs, e.g. 10.0.0.0/8,::1/128')
    .optional(),
};

/** Logs and metrics. */
const observability = {
  LOG_LEVEL: logLevel.default('info'),
  /** The share of successful requests the API logs (every error and refusal is logged): 0.01 logs one in 100. */
  LOG_SUCCESS_SAMPLE: z.coerce.number().gt(0).max(1).default(1),
  /** Prometheus metrics: `false` runs without them (the benchmark's `onsale-no-metrics` measures their cost). */
  METRICS_ENABLED: onOff.default(true),
  /** Where the worker serves GET /metrics; unset: no listener (0: any free port). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
};

/** The groups, in the order the README's table and `--print-config` show them. */
export const CONFIG_GROUPS = [
  { name: 'database', title: 'Database', variables: Object.keys(database) },
  { name: 'redis', title: 'Redis', variables: Object.keys(redis) },
  { name: 'http', title: 'HTTP and shutdown', variables: Object.keys(http) },
  { name: 'auth', title: 'Auth', variables: Object.keys(auth) },
  { name: 'admission', title: 'Admission and limits', variables: Object.keys(admission) },
  { name: 'worker', title: 'Worker', variables: Object.keys(worker) },
  { name: 'webhooks', title: 'Webhooks', variables: Object.keys(webhooks) },
  { name: 'observability', title: 'Observability', variables: Object.keys(observability) },
] as const;

/** Variables whose value is never printed (a URL's password is masked instead). */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set(['JWT_SECRET', 'SESSION_SECRET']);

function pick<T extends object, K extends keyof T>(group: T, ...names: K[]): Pick<T, K> {
  return Object.fromEntries(names.map((name) => [name, group[name]])) as Pick<T, K>;
}

// ---------------------------------------------------------------------------------------------
// Combinations that cannot work: each refusal names both variables.

type Refinement = (env: Record<string, unknown>, context: z.RefinementCtx) => void;

/** The API and workers talk to one Redis server or to one Redis Cluster, never both, never neither. */
const oneRedis: Refinement = (env, context) => {
  const given = [env.REDIS_URL, env.REDIS_CLUSTER_NODES].filter((value) => value !== undefined).length;
  if (given === 1) return;
  const message = given === 0 ? 'required (or set REDIS_CLUSTER_NODES)' : 'set either REDIS_URL or REDIS_CLUSTER_NODES, not both';
  context.addIssue({ code: 'custom', path: ['REDIS_URL'], message });
};

/**
 * Bearer tokens are verified with a shared secret or with a JWKS, never both, never neither. The
 * API signs its own tokens with SESSION_SECRET, or JWT_SECRET: a JWKS has no secret to lend.
 */
const oneTokenVerifier: Refinement = (env, context) => {
  if (env.JWT_SECRET !== undefined && env.JWT_JWKS_URL !== undefined) {
    context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set either JWT_SECRET or JWT_JWKS_URL, not both' });
  } else if (env.JWT_SECRET === undefined && env.JWT_JWKS_URL === undefined) {
    context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required (or set JWT_JWKS_URL)' });
  } else if (env.JWT_JWKS_URL !== undefined && env.SESSION_SECRET === undefined) {
    context.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required with JWT_JWKS_URL (it signs the admin session and stream tokens)' });
  }
};

/**
 * Secrets published with Onsale (docker-compose.yml's former default, the README, .env.example,
 * the demo, the benchmark): anyone can sign tokens with them, admin tokens included.
 */
export const SAMPLE_SECRETS: ReadonlySet<string> = new Set([
  'change-me-in-production-please',
  'local-dev-secret-change-me',
  'onsale-demo-secret-change-me',
  'onsale-bench-secret-not-for-production',
]);

/** In production, a secret that is one of SAMPLE_SECRETS is refused: fine for a demo, an open door in production. */
const noSampleSecretInProduction: Refinement = (env, context) => {
  if (env.NODE_ENV !== 'production') return;
  for (const name of ['JWT_SECRET', 'SESSION_SECRET'] as const) {
    const value = env[name];
    if (typeof value !== 'string' || !SAMPLE_SECRETS.has(value)) continue;
    context.addIssue({
      code: 'custom',
      path: [name],
      message: 'is a sample secret published with Onsale, refused with NODE_ENV=production: anyone could sign tokens with it. Set a random one (e.g. `openssl rand -hex 32`)',
    });
  }
};

/**
 * Reads are counted in each instance's memory and sent to Redis every RATE_LIMIT_RECONCILE_MS;
 * what a window counted is dropped once the window is over. A reconcile no shorter than the
 * window sends nothing in time, and every instance would allow the whole quota on its own.
 */
const reconcileWithinWindow: Refinement = (env, context) => {
  const { RATE_LIMIT_ENABLED: enabled, RATE_LIMIT_RECONCILE_MS: reconcileMs, RATE_LIMIT_WINDOW_SECONDS: windowSeconds } = env;
  if (enabled === false || typeof reconcileMs !== 'number' || typeof windowSeconds !== 'number') return;
  if (reconcileMs < windowSeconds * 1000) return;
  context.addIssue({
    code: 'custom',
    path: ['RATE_LIMIT_RECONCILE_MS'],
    message: `must be shorter than RATE_LIMIT_WINDOW_SECONDS (${windowSeconds} s): reads counted in memory would never reach the shared count before their window ends`,
  });
};

/** A worker's metrics listener serves the metrics: none with them off. */
const metricsPortNeedsMetrics: Refinement = (env, context) => {
  if (env.METRICS_ENABLED !== false || env.METRICS_PORT === undefined) return;
  context.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'set while METRICS_ENABLED=false: there are no metrics to serve (unset one of the two)' });
};

/** Reports the combinations alongside other bad variables, not only once everything else is valid. */
const EVEN_WITH_OTHER_ISSUES = { when: () => true };

const refusing = (...refinements: Refinement[]): Refinement => (env, context) => {
  for (const refinement of refinements) refinement(env, context);
};

const apiShape = {
  ...database,
  ...redis,
  ...http,
  ...auth,
  ...admission,
  ...pick(observability, 'LOG_LEVEL', 'LOG_SUCCESS_SAMPLE', 'METRICS_ENABLED'),
};
const workerShape = {
  ...pick(database, 'DATABASE_URL', 'DB_POOL_SIZE'),
  ...redis,
  ...pick(http, 'SHUTDOWN_GRACE_MS'),
  ...worker,
  ...webhooks,
  ...pick(observability, 'LOG_LEVEL', 'METRICS_ENABLED', 'METRICS_PORT'),
};
const migrationShape = { ...pick(database, 'DATABASE_URL'), ...pick(observability, 'LOG_LEVEL') };

const apiEnv = z.object(apiShape).superRefine(refusing(oneRedis, oneTokenVerifier, noSampleSecretInProduction, reconcileWithinWindow), EVEN_WITH_OTHER_ISSUES);
const workerEnv = z.object(workerShape).superRefine(refusing(oneRedis, metricsPortNeedsMetrics), EVEN_WITH_OTHER_ISSUES);
const migrationEnv = z.object(migrationShape);

/** Which variables each process reads. */
export const PROCESS_VARIABLES = {
  api: Object.keys(apiShape),
  worker: Object.keys(workerShape),
  migration: Object.keys(migrationShape),
} as const;
export type ConfiguredProcess = keyof typeof PROCESS_VARIABLES;

const ALL_VARIABLES: Record<string, z.ZodType> = { ...database, ...redis, ...http, ...auth, ...admission, ...worker, ...webhooks, ...observability };

/** The value a variable takes when it is unset (undefined: none, it stays unset or is required). */
export function defaultOf(name: string): unknown {
  const schema = ALL_VARIABLES[name];
  if (!schema) throw new Error(`no configuration variable ${name}`);
  const parsed = schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

// ---------------------------------------------------------------------------------------------
// Fixed in code on purpose: each with why it is not a variable (printed with the configuration).

/** An event nobody used for this long (and no live viewer holds) is dropped from an API process's views. */
export const EVENT_STATE_IDLE_MS = 60_000;
/** How long the API keeps an event it validates requests against (EventCatalog). */
export const EVENT_CATALOG_TTL_MS = 10_000;
/** How long adding a batch's `decide` jobs may wait for Redis before it is left to the sweep. */
export const INTAKE_ENQUEUE_WAIT_MS = 1_000;
/** The most requests the API records in one statement. */
export const INTAKE_MAX_BATCH_SIZE = 1_000;

export const FIXED_IN_CODE: readonly { name: string; value: number; unit: 'ms' | 'requests'; usedBy: ConfiguredProcess; why: string }[] = [
  {
    name: 'EVENT_STATE_IDLE_MS',
    value: EVENT_STATE_IDLE_MS,
    unit: 'ms',
    usedBy: 'api',
    why: 'outlasts the longest Retry-After a queued poll is told (30 s), so a waiting buyer\'s event stays open; longer only keeps an unused subscription',
  },
  {
    name: 'EVENT_CATALOG_TTL_MS',
    value: EVENT_CATALOG_TTL_MS,
    unit: 'ms',
    usedBy: 'api',
    why: 'a stale entry only delays a 404 (the worker re-reads the event under its lock); shorter makes a rush over many events re-read them',
  },
  {
    name: 'INTAKE_ENQUEUE_WAIT_MS',
    value: INTAKE_ENQUEUE_WAIT_MS,
    unit: 'ms',
    usedBy: 'api',
    why: 'on no answer\'s path: the requests are recorded already and the sweep re-adds a lost job; it only bounds a stop\'s wait for Redis',
  },
  {
    name: 'INTAKE_MAX_BATCH_SIZE',
    value: INTAKE_MAX_BATCH_SIZE,
    unit: 'requests',
    usedBy: 'api',
    why: 'bounds one INSERT\'s size; a batch is what arrived while the last one was being written, so the arrival rate sets its size, not this',
  },
];

export type ApiConfig = z.infer<typeof apiEnv>;
/** The part of the configuration that says where Redis is. */
export type RedisConfig = Pick<ApiConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;
export type WorkerConfig = z.infer<typeof workerEnv>;
export type MigrationConfig = z.infer<typeof migrationEnv>;

export type Env = Record<string, string | undefined>;

function parseEnv<T extends z.ZodType>(schema: T, env: Env): z.infer<T> {
  // An empty variable (`PORT=`) means unset, not zero.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
}

// The one place that reads process.env.
/** The environment as the loaders read it, for `--print-config` to tell set variables from defaults. */
export const currentEnvironment = (): Env => process.env;
export const loadApiConfig = (env: Env = process.env): ApiConfig => parseEnv(apiEnv, env);
export const loadWorkerConfig = (env: Env = process.env): WorkerConfig => parseEnv(workerEnv, env);
export const loadMigrationConfig = (env: Env = process.env): MigrationConfig => parseEnv(migrationEnv, env);
