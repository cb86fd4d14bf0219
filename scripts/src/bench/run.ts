import type { Redis } from 'ioredis';
import { freshDatabase } from '@onsale/db';
import postgres from 'postgres';
import { Pool } from 'undici';
import { OnsaleClient } from '../client';
import { sleep } from './clock';
import { BENCH_CLIENT, cpuPerAnswer, cpuPerRequest, type CpuPerRequest } from './cpu-per-request';
import { databaseDecisions, queueCompletions, type DecisionSource } from './decision-source';
import type { DecisionSummary } from './decisions';
import { offerLoad, type LoadProgress, type LoadResult, type Offering, type PreparedRequest } from './load-driver';
import { summariseProfileDir, type ProfileSummary } from './profile-summary';
import { ProcessSampler, type ResourceSummary, type SampleTarget } from './process-sampler';
import type { RunningProcess } from '../processes';
import { startProgress } from './progress';
import { awaitMemoryBack, usedMemory, type MemorySettling } from './redis-memory';
import { BENCH_DATABASE, BENCH_KEY_PREFIX, clearKeyPrefix, remoteSystem, startSystem, type Infrastructure, type SystemUnderTest } from './system';
import { buildTimeline, type Timeline } from './timeline';
import { benchSeatMap, SEATED_TICKET_TYPE, seatMapSpec, type BenchSeatMap } from './seat-map';
import { ablationLabel, type LeverName } from './levers';
import { completionsKey, decidesNothing, isDrain, isSeated, type Scenario, type Variant } from './variants';
import { verifyRun, type Verification } from './verification';
import type { PlannedRequest } from './workload';
import { awaitWebhooks, webhookCatchUp, type WebhookCatchUp } from './webhook-catch-up';

/*
 * One run: one variant under one scenario, on a fresh database, a fresh Redis key prefix and
 * fresh processes; measured while it runs, verified by SQL once its processes have stopped.
 */

export interface RunSpec {
  variant: Variant;
  scenario: Scenario;
  offering: Offering;
  /** 1-based round of the invocation (--runs). */
  round: number;
  /** The lever this run has the other way from how Onsale ships it (--ablate). */
  ablated?: LeverName;
  /** Seconds of offering, when not --duration (the cost scenario's --cost-duration). */
  durationMs?: number;
}

export interface RunSettings {
  tickets: number;
  events: number;
  connections: number;
  workers: number;
  durationMs: number;
  warmupMs: number;
  drainTimeoutMs: number;
  /** Drain with webhooks: how long to wait, after the drain, for every webhook to be received. */
  webhookTimeoutMs: number;
  memoryTimeoutMs: number;
}

export interface BenchContext {
  settings: RunSettings;
  infrastructure: Infrastructure;
  /** Benchmark a system already running at this URL instead of starting one per run. */
  remote: { url: string; databaseUrl: string | undefined } | undefined;
  redis: Redis;
  plan: readonly PlannedRequest[];
  /** The seated scenarios' load: the same customers (and tokens), asking for 1–6 seats. */
  seatedPlan: readonly PlannedRequest[];
  /** Pre-signed, one per planned request: signing is not part of what is measured. */
  tokens: readonly string[];
  /** The unmeasured load that warms each run's system up, on an event of its own. */
  warmup: { plan: readonly PlannedRequest[]; tokens: readonly string[] };
  /** Processes sampled in every run besides the system's own. */
  sharedTargets: SampleTarget[];
}

/** The queue-ceiling variant's completions checked against what was accepted. */
export interface QueueVerification {
  accepted: number;
  completed: number;
  lost: number;
  passed: boolean;
}

export interface RunResult {
  variant: Variant;
  scenario: Scenario;
  offering: Offering;
  round: number;
  ablated?: LeverName;
  durationMs?: number;
  events: number;
  ticketsPerEvent: number;
  /** The seated scenarios' map. */
  seatMap?: BenchSeatMap;
  load: {
    planned: number;
    offered: number;
    answered: number;
    succeeded: number;
    failed: number;
    byStatus: Record<string, number>;
    /** 2xx per second, from the first request to the last 2xx. */
    ingressPerSecond: number | null;
    latencyMs: { p50: number; p95: number; p99: number; max: number } | null;
    startedAt: number;
    lastSucceededAt: number | null;
  };
  /** Drain: reservations recorded `queued` before any worker started. */
  queuedBeforeWorkers?: number;
  /** Drain: the CPU of the workers, PostgreSQL and Redis from the workers' start until the backlog was decided. */
  drainResources?: ResourceSummary[];
  decisions: DecisionSummary | null;
  /** Last decision minus the last 2xx, both on this machine's clock. */
  drainAfterLast2xxMs: number | null;
  drainTimedOut: boolean;
  /** Drain with webhooks (onsale-webhooks): the webhooks' catch-up after the last decision. */
  webhooks?: WebhookCatchUp;
  soldOutAfterMs: number | null;
  verification: Verification | QueueVerification | null;
  redisMemory: { before: number; after: number; back: MemorySettling };
  resources: ResourceSummary[];
  /** Each process's CPU over the run per decided request (per 2xx when the run decides nothing). */
  cpuPerRequest: CpuPerRequest | null;
  /** The same CPU per final answer (decided, or refused at once with 409 sold_out). */
  cpuPerAnswer: CpuPerRequest | null;
  /** The same CPU per 2xx answer, whether the run decides or not: the cost scenario's figure. */
  cpuPer2xx: CpuPerRequest | null;
  timeline: Timeline;
  /** `--profile`: where each process's CPU time went. */
  profiles?: ProfileSummary[];
}

const TIMELINE_BUCKET_MS = 250;
const DRAIN_POLL_MS = 500;
const ADMIN_CONCURRENCY = 8;
const MEMORY_TOLERANCE = 0.1;
const WARMUP_TICKETS = 1_000;

/** The seated scenarios' limit: their requests ask for up to 6 seats. */
const SEATED_MAX_PER_CUSTOMER = 6;

/** A general-admission event of `capacity` tickets, or a seated one whose map has (about) `capacity` seats. */
function eventBody(index: number, capacity: number, seated: boolean) {
  const event = { name: `Bench event ${index + 1}`, startsAt: new Date(Date.now() + 90 * 86_400_000).toISOString() };
  if (!seated) {
    return { ...event, maxTicketsPerCustomer: 4, ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 8900, capacity }] };
  }
  const map = benchSeatMap(capacity);
  return {
    ...event,
    maxTicketsPerCustomer: SEATED_MAX_PER_CUSTOMER,
    ticketTypes: [{ code: SEATED_TICKET_TYPE, name: 'Reserved seat', priceCents: 8900, capacity: map.seats }],
    seatMap: seatMapSpec(map),
  };
}

async function createEvents(client: OnsaleClient, count: number, capacity: number, seated = false): Promise<string[]> {
  const ids = new Array<string>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      ids[index] = (await client.createEvent(eventBody(index, capacity, seated))).id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(ADMIN_CONCURRENCY, count) }, lane));
  return ids;
}

/** General admission, or best available seats side by side (`together`) for the seated scenarios. */
export function prepareRequests(plan: readonly PlannedRequest[], tokens: readonly string[], eventIds: readonly string[], seated = false): PreparedRequest[] {
  return plan.map((request, index) => ({
    path: `/v1/events/${eventIds[request.eventIndex % eventIds.length]}/reservations`,
    headers: { authorization: `Bearer ${tokens[index]}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      items: [seated ? { ticketType: SEATED_TICKET_TYPE, quantity: request.quantity, together: true } : { ticketType: 'GA', quantity: request.quantity }],
    }),
  }));
}

/** Polls until `target` requests are decided; false if `timeoutMs` passed first. */
export async function awaitDecided(source: DecisionSource, target: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await source.countDecided()) >= target) return true;
    if (Date.now() > deadline) return false;
    await sleep(DRAIN_POLL_MS);
  }
}

/** Reads the decided count in the background for the progress line, one query at a time. */
function followDecided(source: DecisionSource | undefined) {
  let latest: number | undefined;
  let stopped = false;
  void (async () => {
    while (source && !stopped) {
      latest = await source.countDecided().catch(() => latest);
      await sleep(1_000);
    }
  })();
  return { latest: () => latest, stop: () => void (stopped = true) };
}

const processTarget = (name: string, pid: number | undefined): SampleTarget => ({ name, pids: () => (pid ? [pid] : []) });

function summariseLoad(load: LoadResult, planned: number): RunResult['load'] {
  const succeeded = load.acceptedAt.length;
  const lastSucceededAt = load.acceptedAt.at(-1) ?? null;
  const ms = (percentile: number) => load.latency.percentile(percentile) / 1000;
  return {
    planned,
    offered: load.offered,
    answered: load.answered,
    succeeded,
    failed: load.failed,
    byStatus: load.byStatus,
    ingressPerSecond: lastSucceededAt && lastSucceededAt > load.startedAt ? succeeded / ((lastSucceededAt - load.startedAt) / 1000) : null,
    latencyMs: succeeded ? { p50: ms(50), p95: ms(95), p99: ms(99), max: load.latency.max / 1000 } : null,
    startedAt: load.startedAt,
    lastSucceededAt,
  };
}

export async function runOne(spec: RunSpec, context: BenchContext): Promise<RunResult> {
  const events = spec.scenario === 'spread' ? context.settings.events : 1;
  const seated = isSeated(spec.scenario);
  // The cost scenario's event never sells out: every request is a 2xx (at most 4 tickets each).
  const ticketsPerEvent = seated
    ? benchSeatMap(context.settings.tickets).seats
    : spec.scenario === 'cost'
      ? context.plan.length * 4
      : Math.floor(context.settings.tickets / events);
  const runName = [spec.scenario, spec.variant, ...(spec.ablated ? [ablationLabel(spec.ablated).replace(' ', '-')] : []), `r${spec.round}`].join('-');
  const system = await bringUp(spec, runName, context);
  const redisBefore = await usedMemory(context.redis);
  const sql = system.databaseUrl === undefined ? undefined : postgres(system.databaseUrl, { max: 2, onnotice: () => {} });
  const admin = new OnsaleClient(system.url, context.infrastructure.jwtSecret, ADMIN_CONCURRENCY);
  const pool = new Pool(system.url, { connections: context.settings.connections, pipelining: 1 });
  try {
    const eventIds = await createEvents(admin, events, ticketsPerEvent, seated);
    await warmUp(spec, context, { admin, pool, sql });
    const decisions = decisionSourceFor(spec.variant, context.redis, sql, eventIds);
    const { acceptedIds, acceptedAt, ...observed } = await offerAndDrain(
      spec,
      context,
      { system, pool, sql, decisions },
      prepareRequests(seated ? context.seatedPlan : context.plan, context.tokens, eventIds, seated),
    );

    // Webhooks yield to the drain's backlog: the drain is over for them once the receiver has them all.
    const webhooksSeen =
      system.webhookReceiver && sql && isDrain(spec.scenario) ? await awaitWebhooks(system.webhookReceiver, sql, context.settings.webhookTimeoutMs) : undefined;
    const redisAfter = await usedMemory(context.redis);
    const back = await awaitMemoryBack(context.redis, redisBefore, { tolerance: MEMORY_TOLERANCE, timeoutMs: context.settings.memoryTimeoutMs });
    // Verified and summarised once nothing writes any more.
    await system.stop();
    const summary = decisions ? await decisions.summary() : null;
    const profiles = system.profiles.flatMap(({ process, dir }) => summariseProfileDir(dir, process));
    return {
      ...spec,
      events,
      ticketsPerEvent,
      ...observed,
      decisions: summary,
      ...timings(summary, observed.load),
      ...(webhooksSeen ? { webhooks: webhookCatchUp(webhooksSeen, summary?.lastDecidedAt ?? null) } : {}),
      cpuPerRequest: cpuPerRequest(observed.resources, { decided: summary?.decided, succeeded: observed.load.succeeded }),
      cpuPerAnswer: cpuPerAnswer(observed.resources, { decided: summary?.decided, soldOutAtOnce: observed.load.byStatus['409'] ?? 0 }),
      cpuPer2xx: cpuPerRequest(observed.resources, { decided: undefined, succeeded: observed.load.succeeded }),
      verification: await verify(spec.variant, sql, eventIds, acceptedIds, summary),
      ...(seated ? { seatMap: benchSeatMap(context.settings.tickets) } : {}),
      ...(context.infrastructure.profileDir ? { profiles } : {}),
      redisMemory: { before: redisBefore, after: redisAfter, back },
      timeline: buildTimeline({
        startedAt: observed.load.startedAt,
        acceptedAt,
        decided: decisions ? await decisions.timeline(TIMELINE_BUCKET_MS) : undefined,
        bucketMs: TIMELINE_BUCKET_MS,
      }),
    };
  } finally {
    await pool.close();
    await admin.close();
    await system.stop();
    await sql?.end();
    if (!context.remote) await clearKeyPrefix(context.redis);
  }
}

/**
 * Load before the measured load, as on a server that has been serving (JIT-compiled code, open
 * connections): other customers on an event of its own, answered and decided before measuring
 * starts, and left out of every measurement and verification. Not for drain, whose workers start
 * only after the measured load: a warm-up backlog would be decided in the measured drain.
 */
async function warmUp(
  spec: RunSpec,
  context: BenchContext,
  under: { admin: OnsaleClient; pool: Pool; sql: postgres.Sql | undefined },
): Promise<void> {
  if (context.settings.warmupMs === 0 || isDrain(spec.scenario)) return;
  const seated = isSeated(spec.scenario);
  const [eventId] = await createEvents(under.admin, 1, WARMUP_TICKETS, seated);
  const requests = prepareRequests(context.warmup.plan, context.warmup.tokens, [eventId!], seated);
  const load = await offerLoad(under.pool, requests, { kind: 'closed' }, {
    connections: context.settings.connections,
    durationMs: context.settings.warmupMs,
    progress: { sent: 0, succeeded: 0 },
  });
  const decisions = decisionSourceFor(spec.variant, context.redis, under.sql, [eventId!]);
  if (decisions && !(await awaitDecided(decisions, load.acceptedIds.length, context.settings.drainTimeoutMs))) {
    throw new Error('the warm-up backlog was not decided within --drain-timeout');
  }
  // The no-op workers count completions under one key: start the measured run's count at zero.
  if (spec.variant === 'queue-ceiling') await context.redis.del(completionsKey(BENCH_KEY_PREFIX));
}

function decisionSourceFor(variant: Variant, redis: Redis, sql: postgres.Sql | undefined, eventIds: readonly string[]): DecisionSource | undefined {
  if (variant === 'queue-ceiling') return queueCompletions(redis, BENCH_KEY_PREFIX);
  if (decidesNothing(variant) || sql === undefined) return undefined;
  return databaseDecisions(sql, eventIds);
}

/**
 * Offers the load while sampling the processes and showing progress; in the drain scenario
 * starts the workers once every request is answered; then waits for the backlog.
 */
async function offerAndDrain(
  spec: RunSpec,
  context: BenchContext,
  under: { system: SystemUnderTest; pool: Pool; sql: postgres.Sql | undefined; decisions: DecisionSource | undefined },
  requests: readonly PreparedRequest[],
) {
  const { system, decisions } = under;
  const workerTarget = (worker: RunningProcess) => processTarget(worker.name, worker.child.pid);
  const sampler = new ProcessSampler([
    ...(system.api ? [processTarget('api', system.api.child.pid)] : []),
    ...system.workers.map(workerTarget),
    ...context.sharedTargets,
  ]);
  const progress: LoadProgress = { sent: 0, succeeded: 0 };
  const decided = followDecided(decisions);
  const line = startProgress(`[${spec.scenario} ${spec.variant}]`, () => ({ ...progress, decided: decided.latest() }));
  sampler.start();

  const load = await offerLoad(under.pool, requests, spec.offering, {
    connections: context.settings.connections,
    durationMs: spec.durationMs ?? context.settings.durationMs,
    progress,
  });
  let queuedBeforeWorkers: number | undefined;
  let drainSampler: ProcessSampler | undefined;
  if (isDrain(spec.scenario) && under.sql) {
    const [row] = await under.sql<{ count: string }[]>`SELECT count(*) AS count FROM reservations WHERE status = 'queued'`;
    queuedBeforeWorkers = Number(row!.count);
    const workers = system.startWorkers().map(workerTarget);
    workers.forEach((worker) => sampler.add(worker));
    drainSampler = new ProcessSampler([...workers, ...context.sharedTargets.filter((target) => target.name !== BENCH_CLIENT)]);
    drainSampler.start();
  }
  const drained = decisions ? await awaitDecided(decisions, load.acceptedIds.length, context.settings.drainTimeoutMs) : true;
  const drainResources = drainSampler?.stop();
  decided.stop();
  line.stop();
  return {
    load: summariseLoad(load, requests.length),
    acceptedIds: load.acceptedIds,
    acceptedAt: load.acceptedAt,
    queuedBeforeWorkers,
    ...(drainResources ? { drainResources } : {}),
    drainTimedOut: !drained,
    resources: sampler.stop(),
  };
}

function timings(summary: DecisionSummary | null, load: RunResult['load']) {
  const lastDecidedAt = summary?.lastDecidedAt ?? null;
  return {
    // Inline deciders write decided_at before the client reads the answer: no backlog, not a negative one.
    drainAfterLast2xxMs: lastDecidedAt !== null && load.lastSucceededAt !== null ? Math.max(0, lastDecidedAt - load.lastSucceededAt) : null,
    soldOutAfterMs: summary?.soldOutAt ? summary.soldOutAt - load.startedAt : null,
  };
}

async function verify(
  variant: Variant,
  sql: postgres.Sql | undefined,
  eventIds: readonly string[],
  acceptedIds: readonly string[],
  summary: DecisionSummary | null,
): Promise<Verification | QueueVerification | null> {
  if (variant === 'queue-ceiling') {
    const lost = Math.max(0, acceptedIds.length - (summary?.decided ?? 0));
    return { accepted: acceptedIds.length, completed: summary?.decided ?? 0, lost, passed: lost === 0 };
  }
  if (decidesNothing(variant) || sql === undefined) return null;
  return verifyRun(sql, eventIds, acceptedIds);
}

/** A fresh database, key prefix and processes; or the remote system as it is. */
async function bringUp(spec: RunSpec, runName: string, context: BenchContext): Promise<SystemUnderTest> {
  if (context.remote) return remoteSystem(context.remote.url, context.remote.databaseUrl);
  await clearKeyPrefix(context.redis);
  const databaseUrl = await freshDatabase(context.infrastructure.serverDatabaseUrl, BENCH_DATABASE);
  return startSystem(
    spec.variant,
    { workerCount: context.settings.workers, deferWorkers: isDrain(spec.scenario), databaseUrl, runName, ablated: spec.ablated },
    context.infrastructure,
  );
}
