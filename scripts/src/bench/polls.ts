import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { Pool } from 'undici';
import { OnsaleClient } from '../client';
import { freePort, REPO_ROOT, startApp, startLocalOnsale, startNode, waitForHttp, withApiNodeFlags, type RunningProcess } from '../processes';
import { sleep } from './clock';
import { databaseDecisions } from './decision-source';
import { ForkedPollers } from './forked-pollers';
import { offerLoad } from './load-driver';
import { DRIVER_TARGET, watchMachineCpu } from './load-generator-cpu';
import { describeMachine } from './machine';
import { ProcessSampler, type SampleTarget } from './process-sampler';
import { renderTable } from './report';
import { DEFAULT_RETRY_AFTER_SECONDS, pollHeaders, pollOnce, reservationPath, startPollers, type OwnedReservation, type PollAnswer } from './reservation-pollers';
import { awaitDecided, prepareRequests } from './run';
import { claimTheMachine, postgresTarget, redisTarget } from './shared-servers';
import { signTokens } from './tokens';
import { planRequests } from './workload';
import { requireWrk, runWrk, type WrkRequest, type WrkResult } from './wrk';

/*
 * `pnpm bench:polls`: what polling a reservation (GET /v1/reservations/:id) costs. Each run starts
 * Onsale's API on a fresh database with no worker running, and beside it the auth-ceiling app
 * (token check, a small JSON from memory). Measured with wrk (`--connections`, `--duration`),
 * rotating over `--reservations` reservations and their owners' tokens: the ceiling; the
 * reservations while queued, plainly and with If-None-Match of the last ETag each was given; the
 * same once workers have decided them. For each, polls/s and the CPU µs per poll of the API (the
 * ceiling), PostgreSQL and redis-server. Then a rush: `--pollers` reservations recorded queued,
 * then `--rush` more requests, with nobody polling and with each of those reservations polled at
 * the pace its answers ask (Retry-After) until the workers, started after the rush, decide it.
 * The rush's load driver runs in this process; the pollers run in a process of their own
 * (forked-pollers.ts), as real pollers are other machines, so that they do not share the driver's
 * event loop. Over the rush, the CPU of the API, PostgreSQL, redis-server, the driver (this
 * process) and the pollers' process, and the machine's idle CPU and load average, show whether
 * the system or the load generator was the limit.
 * Queue positions are checked against PostgreSQL while no worker runs, and for going up while the
 * workers drain. `--runs` runs; the table gives each figure's median and range.
 */

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '64' },
    reservations: { type: 'string', default: '5000' },
    pollers: { type: 'string', default: '20000' },
    rush: { type: 'string', default: '5000' },
    'poll-connections': { type: 'string', default: '64' },
    'drain-sample': { type: 'string', default: '200' },
    workers: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const RUNS = Number(flags.runs);
const SECONDS = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const RESERVATIONS = Number(flags.reservations);
const POLLERS = Number(flags.pollers);
const RUSH = Number(flags.rush);
const POLL_CONNECTIONS = Number(flags['poll-connections']);
const DRAIN_SAMPLE = Number(flags['drain-sample']);
const WORKERS = Number(flags.workers);

const DATABASE = 'onsale_polls_bench';
const KEY_PREFIX = 'onsale-polls-bench';
const JWT_SECRET = 'polls-benchmark-secret';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/11';
/**
 * The one load address and its customers poll far more than the shipped limits allow (the
 * address's limit is lifted by startLocalOnsale); both are still counted, as shipped.
 */
const LIFTED_LIMITS = { RATE_LIMIT_CUSTOMER_READS: '100000000' };
const TIMEOUT_MS = 180_000;
const WARMUP_SECONDS = 1;
const SEED = 20261203;
const TARGETS = { ofCeiling: 0.8, postgresMicros: 20, redisMicros: 20, rushIngressRatio: 0.8 };
const say = (line = '') => process.stdout.write(`${line}\n`);

const WRK_LOADS = ['ceiling', 'queued', 'queued, If-None-Match', 'decided', 'decided, If-None-Match'] as const;
type WrkLoad = (typeof WRK_LOADS)[number];

interface PollCost {
  wrk: WrkResult;
  /** CPU µs per poll of the process answering (the API, or the ceiling), PostgreSQL and redis-server. */
  micros: { server: number; postgres: number; redis: number };
}

interface System {
  apiUrl: string;
  pool: Pool;
  sql: postgres.Sql;
  admin: OnsaleClient;
  api: SampleTarget;
  servers: SampleTarget[];
  startWorkers(): void;
  stopWorkers(): Promise<void>;
}

const processTarget = (name: string, process: RunningProcess): SampleTarget => ({ name, pids: () => [process.child.pid!] });

/** wrk against `url` while the answering process, PostgreSQL and Redis are sampled, after a second of it unmeasured (compiled code, open connections). */
async function measureWrk(url: string, server: SampleTarget, system: System, requests: WrkRequest[]): Promise<PollCost> {
  await runWrk(url, requests, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
  const sampler = new ProcessSampler([server, ...system.servers]);
  sampler.start();
  const wrk = await runWrk(url, requests, { connections: CONNECTIONS, seconds: SECONDS });
  const [answering, pg, redis] = sampler.stop().map((usage) => (usage.cpuSeconds * 1e6) / Math.max(1, wrk.requests));
  return { wrk, micros: { server: answering!, postgres: pg!, redis: redis! } };
}

const wrkRequests = (reservations: readonly OwnedReservation[], etags?: readonly (string | undefined)[]) =>
  reservations.map((reservation, n) => ({ path: reservationPath(reservation), headers: pollHeaders(reservation, etags?.[n]) }));

async function createEvent(admin: OnsaleClient, name: string, capacity: number): Promise<string> {
  const event = await admin.createEvent({
    name,
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    maxTicketsPerCustomer: 4,
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity }],
  });
  return event.id;
}

/** `count` requests of 1–4 tickets from new customers, as fast as the connections allow; the reservations in arrival order. */
async function record(system: System, eventId: string, customers: string, count: number) {
  const plan = planRequests({ requests: count, events: 1, seed: SEED }).map((request, n) => ({ ...request, customer: `${customers}-${n}` }));
  const tokens = signTokens(JWT_SECRET, plan.map((request) => request.customer));
  const load = await offerLoad(system.pool, prepareRequests(plan, tokens, [eventId]), { kind: 'closed' }, {
    connections: CONNECTIONS,
    durationMs: TIMEOUT_MS,
    progress: { sent: 0, succeeded: 0 },
  });
  const tokenOf = new Map(plan.map((request, n) => [request.customer, tokens[n]!]));
  const rows = await system.sql<{ id: string; customerId: string }[]>`
    SELECT id, customer_id AS "customerId" FROM reservations WHERE id = ANY(${load.acceptedIds}::uuid[]) ORDER BY arrival`;
  const lastAt = load.acceptedAt.at(-1) ?? load.startedAt;
  return {
    reservations: rows.map((row): OwnedReservation => ({ id: row.id, token: tokenOf.get(row.customerId)! })),
    ingressPerSecond: load.acceptedIds.length / Math.max(1e-3, (lastAt - load.startedAt) / 1000),
    byStatus: load.byStatus,
  };
}

const pollAll = (system: System, reservations: readonly OwnedReservation[]) => Promise.all(reservations.map((reservation) => pollOnce(system.pool, reservation)));

async function decideAll(system: System, eventId: string, count: number): Promise<void> {
  if (!(await awaitDecided(databaseDecisions(system.sql, [eventId]), count, TIMEOUT_MS))) throw new Error(`${count} reservations not decided in ${TIMEOUT_MS} ms`);
}

/** With no worker running: each position against 1 + the event's queued reservations recorded before it. */
async function checkPositions(system: System, eventId: string, reservations: readonly OwnedReservation[], answers: readonly PollAnswer[]) {
  const rows = await system.sql<{ id: string; expected: number }[]>`
    SELECT id, rank() OVER (ORDER BY arrival)::int AS expected FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`;
  const expected = new Map(rows.map((row) => [row.id, row.expected]));
  const positions = answers.map((answer) => answer.view?.queue?.position);
  return {
    checked: reservations.length,
    withPosition: positions.filter((position) => position !== undefined).length,
    mismatches: positions.filter((position, n) => position !== undefined && position !== expected.get(reservations[n]!.id)).length,
  };
}

/** The wrk loads, and the position checks: against PostgreSQL while queued, for going up during the drain. */
async function pollCosts(system: System, ceiling: { url: string; target: SampleTarget }, run: number) {
  const eventId = await createEvent(system.admin, `polls ${run}`, RESERVATIONS);
  const { reservations } = await record(system, eventId, `polls-${run}-wrk`, RESERVATIONS);
  const queued = await pollAll(system, reservations);
  const positions = await checkPositions(system, eventId, reservations, queued);
  const ceilingCost = await measureWrk(ceiling.url, ceiling.target, system, wrkRequests(reservations));
  const queuedCost = await measureWrk(system.apiUrl, system.api, system, wrkRequests(reservations));
  const queuedRevalidated = await measureWrk(system.apiUrl, system.api, system, wrkRequests(reservations, queued.map((answer) => answer.etag)));

  const samplePool = new Pool(system.apiUrl, { connections: 8, pipelining: 1 });
  const step = Math.max(1, Math.floor(reservations.length / DRAIN_SAMPLE));
  const watchers = startPollers(samplePool, reservations.filter((_, n) => n % step === 0), { firstWithinMs: 0, pauseMs: () => 0 });
  await sleep(500);
  system.startWorkers();
  await decideAll(system, eventId, reservations.length);
  const drain = (await watchers.stop()).summary();
  await samplePool.close();
  await system.stopWorkers();

  const decided = await pollAll(system, reservations);
  const decidedCost = await measureWrk(system.apiUrl, system.api, system, wrkRequests(reservations));
  const decidedRevalidated = await measureWrk(system.apiUrl, system.api, system, wrkRequests(reservations, decided.map((answer) => answer.etag)));
  const costs: Record<WrkLoad, PollCost> = {
    ceiling: ceilingCost,
    queued: queuedCost,
    'queued, If-None-Match': queuedRevalidated,
    decided: decidedCost,
    'decided, If-None-Match': decidedRevalidated,
  };
  return { costs, positions, drain };
}

/**
 * `--pollers` reservations recorded queued, then, with or without them polled at their answers'
 * pace, a rush of `--rush` requests with no worker running; then the workers decide them all.
 */
async function rushPhase(system: System, run: number, polled: boolean) {
  const phase = `polls-${run}-${polled ? 'polled' : 'quiet'}`;
  const eventId = await createEvent(system.admin, phase, POLLERS + RUSH);
  const waiting = await record(system, eventId, `${phase}-waiting`, POLLERS);
  const sampler = new ProcessSampler([system.api]);
  sampler.start();
  // Paced by each answer's Retry-After (DEFAULT_RETRY_AFTER_SECONDS when absent), in their own process.
  const pollers = polled
    ? await ForkedPollers.start({
        url: system.apiUrl,
        connections: POLL_CONNECTIONS,
        job: { kind: 'reservations', reservations: waiting.reservations, firstWithinMs: DEFAULT_RETRY_AFTER_SECONDS * 1000 },
      })
    : undefined;
  // Every poller on its schedule before the rush: their first polls (all within 2 s, more than the
  // API answers in 2 s) answered, so that the rush meets polls paced by Retry-After, not that stampede.
  if (pollers) await sleep(DEFAULT_RETRY_AFTER_SECONDS * 1000);
  while (pollers && (await pollers.progress()).polls < waiting.reservations.length) await sleep(100);
  const pollsBefore = (await pollers?.progress())?.polls ?? 0;
  const startedAt = performance.now();
  const duringRush = new ProcessSampler([system.api, ...system.servers, DRIVER_TARGET, ...(pollers ? [pollers.target] : [])]);
  const machine = watchMachineCpu();
  duringRush.start();
  const rush = await record(system, eventId, `${phase}-rush`, RUSH);
  const cpuDuringRush = Object.fromEntries(duringRush.stop().map((usage) => [usage.name, usage.cpuAveragePercent]));
  const machineDuringRush = machine.stop();
  const rushSeconds = (performance.now() - startedAt) / 1000;
  const pollsDuringRush = ((await pollers?.progress())?.polls ?? 0) - pollsBefore;
  system.startWorkers();
  await decideAll(system, eventId, waiting.reservations.length + rush.reservations.length);
  // Each poller sees its decision on its next poll, at most Retry-After later.
  await Promise.race([pollers?.finished, sleep(30_000)]);
  const log = await pollers?.stop();
  const [api] = sampler.stop();
  await system.stopWorkers();
  return {
    ingressPerSecond: rush.ingressPerSecond,
    byStatus: rush.byStatus,
    /** Recording the reservations ahead of the rush, into an empty queue. */
    waitingIngressPerSecond: waiting.ingressPerSecond,
    waitingByStatus: waiting.byStatus,
    /**
     * % of one core, by process, from the rush's first request to its last answer: api, postgres,
     * redis-server, driver (this process: the rush's load driver) and, when polled, pollers.
     */
    cpuDuringRush,
    /** The machine's idle CPU (% of all cores) over the same window, and the load average at its end. */
    machineDuringRush,
    apiPeakRssMb: api!.rssMaxMb,
    pollsPerSecondDuringRush: pollsDuringRush / rushSeconds,
    polls: log,
  };
}

/** One run: a fresh database, Onsale's API (workers started when needed) and the auth-ceiling app. */
async function runOnce(run: number, redis: Redis) {
  const onsale = await startLocalOnsale({ database: DATABASE, keyPrefix: KEY_PREFIX, jwtSecret: JWT_SECRET, workers: 0, redisUrl: REDIS_URL, env: LIFTED_LIMITS });
  const ceilingUrl = `http://127.0.0.1:${await freePort()}`;
  const ceiling = startNode(join(__dirname, 'auth-ceiling.js'), 'ceiling', { JWT_SECRET, PORT: new URL(ceilingUrl).port }, withApiNodeFlags());
  const sql = postgres(onsale.databaseUrl, { max: 2, onnotice: () => undefined });
  const pool = new Pool(onsale.url, { connections: CONNECTIONS, pipelining: 1 });
  const admin = new OnsaleClient(onsale.url, JWT_SECRET, 4);
  const workerEnv = { DATABASE_URL: onsale.databaseUrl, REDIS_URL, KEY_PREFIX, JWT_SECRET, LOG_LEVEL: 'warn' };
  let workers: RunningProcess[] = [];
  const stopWorkers = async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
  };
  try {
    const system: System = {
      apiUrl: onsale.url,
      pool,
      sql,
      admin,
      api: processTarget('api', onsale.api),
      servers: [await postgresTarget(sql, DATABASE), await redisTarget(redis)],
      startWorkers: () => {
        workers = Array.from({ length: WORKERS }, (_, n) => startApp('worker', `worker-${n + 1}`, { ...workerEnv, WORKER_ID: `worker-${n + 1}` }));
      },
      stopWorkers,
    };
    await waitForHttp(`${ceilingUrl}/readyz`);
    const { costs, positions, drain } = await pollCosts(system, { url: ceilingUrl, target: processTarget('ceiling', ceiling) }, run);
    const quiet = await rushPhase(system, run, false);
    const polled = await rushPhase(system, run, true);
    return { costs, positions, drain, rush: { quiet, polled, ingressRatio: polled.ingressPerSecond / quiet.ingressPerSecond } };
  } finally {
    await stopWorkers();
    await Promise.all([pool.close(), admin.close(), sql.end()]);
    await Promise.all([ceiling.stop(), onsale.stop()]);
  }
}
type RunFigures = Awaited<ReturnType<typeof runOnce>> & { loadAverage: { before: number; after: number } };

/** Median and range of the runs' values. */
function spread(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}
const number = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const figure = (values: readonly number[], digits = 0) => {
  const { median, min, max } = spread(values);
  return number(min, digits) === number(max, digits) ? number(median, digits) : `${number(median, digits)} (${number(min, digits)}–${number(max, digits)})`;
};
const verdict = (values: readonly number[], passes: (median: number) => boolean) => (passes(spread(values).median) ? 'PASS' : 'MISS');

function report(runs: readonly RunFigures[]): string[] {
  const cost = (load: WrkLoad) => runs.map((run) => run.costs[load]);
  const ofCeiling = (load: WrkLoad) => runs.map((run) => run.costs[load].wrk.perSecond / run.costs.ceiling.wrk.perSecond);
  const share = (load: WrkLoad, status: number) => cost(load).map((c) => (100 * (c.wrk.byStatus[status] ?? 0)) / Math.max(1, c.wrk.requests));
  const wrkTable = renderTable([
    ['load', 'polls/s', '× ceiling', '200 %', '304 %', 'other/errors', 'p99 ms', 'answering µs/poll', 'PostgreSQL µs/poll', 'Redis µs/poll'],
    ...WRK_LOADS.map((load) => [
      load,
      figure(cost(load).map((c) => c.wrk.perSecond)),
      figure(ofCeiling(load), 2),
      figure(share(load, 200), 1),
      figure(share(load, 304), 1),
      figure(cost(load).map((c) => c.wrk.requests - (c.wrk.byStatus[200] ?? 0) - (c.wrk.byStatus[304] ?? 0) + c.wrk.errors)),
      figure(cost(load).map((c) => c.wrk.latencyMs.p99), 1),
      figure(cost(load).map((c) => c.micros.server)),
      figure(cost(load).map((c) => c.micros.postgres), 1),
      figure(cost(load).map((c) => c.micros.redis), 1),
    ]),
  ]);
  const targets = renderTable(
    [
      ['target (median of the runs)', 'queued', 'queued, If-None-Match', 'decided', 'decided, If-None-Match'],
      [`polls/s ≥ ${TARGETS.ofCeiling}× the ceiling`, ...WRK_LOADS.slice(1).map((load) => verdict(ofCeiling(load), (m) => m >= TARGETS.ofCeiling))],
      [`PostgreSQL ≤ ${TARGETS.postgresMicros} µs/poll`, ...WRK_LOADS.slice(1).map((load) => verdict(cost(load).map((c) => c.micros.postgres), (m) => m <= TARGETS.postgresMicros))],
      [`Redis ≤ ${TARGETS.redisMicros} µs/poll`, ...WRK_LOADS.slice(1).map((load) => verdict(cost(load).map((c) => c.micros.redis), (m) => m <= TARGETS.redisMicros))],
    ],
    { alignNumbers: false },
  );
  const ratios = runs.map((run) => run.rush.ingressRatio);
  const polls = runs.map((run) => run.rush.polled.polls!);
  const rushRow = (label: string, phase: 'quiet' | 'polled') => {
    const of = (read: (figures: RunFigures['rush']['quiet']) => number, digits = 0) => figure(runs.map((run) => read(run.rush[phase])), digits);
    const log = phase === 'polled' ? polls : undefined;
    return [
      label,
      of((p) => p.ingressPerSecond),
      of((p) => p.byStatus[202] ?? 0),
      of((p) => p.cpuDuringRush.api ?? 0),
      of((p) => p.cpuDuringRush.postgres ?? 0),
      of((p) => p.cpuDuringRush.driver ?? 0),
      log ? of((p) => p.cpuDuringRush.pollers ?? 0) : '–',
      of((p) => p.machineDuringRush.idlePercent),
      of((p) => p.machineDuringRush.loadAverage, 1),
      of((p) => p.apiPeakRssMb),
      of((p) => p.waitingIngressPerSecond),
      log ? of((p) => p.pollsPerSecondDuringRush) : '–',
      log ? figure(log.map((l) => 100 * l.share304), 1) : '–',
      log ? figure(log.map((l) => (100 * l.withRetryAfter) / Math.max(1, l.polls)), 1) : '–',
    ];
  };
  const rushTable = renderTable([
    ['rush', 'ingress/s', '202s', 'API CPU %', 'PostgreSQL CPU %', 'driver CPU %', 'pollers CPU %', `idle CPU % of ${availableParallelism()} cores`, 'load average at its end', 'API peak RSS MB', 'ingress/s of the ones ahead', 'polls/s during the rush', '304 %', 'with Retry-After %'],
    rushRow('nobody polling', 'quiet'),
    rushRow(`${POLLERS.toLocaleString('en-US')} pollers`, 'polled'),
  ]);
  const positions = renderTable(
    [
      ['queue positions', 'reservations', 'answers with a position', 'wrong or went up', 'target'],
      ['no worker running: vs 1 + queued before it (SQL)', figure(runs.map((run) => run.positions.checked)), figure(runs.map((run) => run.positions.withPosition)), figure(runs.map((run) => run.positions.mismatches)), '0'],
      ['drain, a sample polled without pause', figure(runs.map((run) => run.drain.reservationsWithPosition)), figure(runs.map((run) => run.drain.withPosition)), figure(runs.map((run) => run.drain.positionRises)), '0'],
      ['rush pollers, through the drain', figure(polls.map((log) => log.reservationsWithPosition)), figure(polls.map((log) => log.withPosition)), figure(polls.map((log) => log.positionRises)), '0'],
    ],
    { alignNumbers: false },
  );
  const loads = runs.flatMap((run) => [run.loadAverage.before, run.loadAverage.after]);
  return [
    `Load average (1 min) at the runs' starts and ends: ${Math.min(...loads)}–${Math.max(...loads)} on ${availableParallelism()} cores`,
    `Polls with wrk (${CONNECTIONS} connections, ${SECONDS} s, over ${RESERVATIONS.toLocaleString('en-US')} reservations and their owners' tokens); median (range) of ${runs.length} runs`,
    wrkTable,
    '',
    targets,
    '',
    `Rush of ${RUSH.toLocaleString('en-US')} requests behind ${POLLERS.toLocaleString('en-US')} queued ones, no worker running until it is over: ingress with pollers / without ${figure(ratios, 2)} (target ≥ ${TARGETS.rushIngressRatio}: ${verdict(ratios, (m) => m >= TARGETS.rushIngressRatio)})`,
    rushTable,
    '',
    positions,
  ];
}

async function main(): Promise<void> {
  requireWrk();
  const redis = new Redis(REDIS_URL);
  const server = postgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => undefined });
  try {
    await claimTheMachine(server);
    const machine = await describeMachine(server, redis);
    say(`Polls benchmark: ${RUNS} runs; commit ${machine.gitCommit.slice(0, 10)}${machine.gitDirty ? ' (dirty)' : ''}`);
    const runs: RunFigures[] = [];
    // Other work on the machine shows in the figures: the load average says how much there was.
    const load = () => Number(loadavg()[0]!.toFixed(1));
    for (let run = 1; run <= RUNS; run++) {
      const loadBefore = load();
      say(`run ${run} of ${RUNS}… (load average ${loadBefore})`);
      runs.push({ ...(await runOnce(run, redis)), loadAverage: { before: loadBefore, after: load() } });
    }
    const lines = report(runs);
    say();
    lines.forEach((line) => say(line));
    const outDir = resolve(REPO_ROOT, flags.out);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `polls-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ command: process.argv.slice(2), flags, machine, targets: TARGETS, runs, report: lines }, null, 1));
    say(`\nWrote ${file}`);
  } finally {
    redis.disconnect();
    await server.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
