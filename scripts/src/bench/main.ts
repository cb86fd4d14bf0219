import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { REPO_ROOT } from '../processes';
import { renderChart } from './chart';
import { BENCH_CLIENT } from './cpu-per-request';
import type { Offering } from './load-driver';
import { describeMachine } from './machine';
import { describeProfile } from './profile-summary';
import { parseOptions, planRuns, type BenchOptions, type PlannedRun } from './options';
import { cpuPerRequestTable, redisTable, resourcesTable, runLabel, runsTable, targetsTable, webhooksTable } from './report';
import { runOne, type BenchContext, type RunResult } from './run';
import { claimTheMachine, postgresTarget, redisTarget } from './shared-servers';
import { BENCH_DATABASE } from './system';
import { evaluateTargets, type TargetCheck } from './targets';
import { signTokens } from './tokens';
import { planRequests } from './workload';
import { allocatorShare, describeAllocatorCost, measureAllocatorCost, type AllocatorCost } from './allocator-cost';
import { isSeated, ONSALE_WITH_WEBHOOKS } from './variants';
import { ablationTag } from './levers';
import { ablationTable, costFigures, costFiguresTable, costRows, costTable } from './cost-summary';
import { webhookCostFigures } from './webhook-cost';

/*
 * `pnpm bench`: the on-sale benchmark. Runs each planned (scenario, variant) on a fresh system,
 * prints a table and the issue's targets, and writes bench-results/<timestamp>.json and .svg.
 */

const OPEN_LOOP_SHARE_OF_HOT_INGRESS = 0.8;
const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * The cost scenario offers --cost-rate; the open loop --rate, or 80% of what Onsale took in the hot
 * scenario in this round of the invocation.
 */
function offeringFor(run: PlannedRun, options: BenchOptions, results: readonly RunResult[]): Offering {
  if (run.scenario === 'cost') return { kind: 'open', ratePerSecond: options['cost-rate'] };
  if (run.scenario !== 'open') return { kind: 'closed' };
  if (options.rate) return { kind: 'open', ratePerSecond: options.rate };
  const hotIngress = results.find((result) => result.scenario === 'hot' && result.variant === 'onsale' && result.round === run.round)?.load.ingressPerSecond;
  if (!hotIngress) throw new Error('the open loop needs --rate, or the hot onsale run before it');
  return { kind: 'open', ratePerSecond: Math.round(hotIngress * OPEN_LOOP_SHARE_OF_HOT_INGRESS) };
}

/** Runs the plan in order; a run that breaks is reported and the others still run. */
async function runAll(plan: readonly PlannedRun[], options: BenchOptions, context: BenchContext) {
  const results: RunResult[] = [];
  const errors: { run: string; error: string }[] = [];
  for (const run of plan) {
    const label = `${run.scenario} ${run.variant}${ablationTag(run.ablated)}${options.runs > 1 ? ` #${run.round}` : ''}`;
    try {
      const offering = offeringFor(run, options, results);
      say(`\n▶ ${label}${offering.kind === 'open' ? ` (open loop at ${offering.ratePerSecond}/s)` : ''}`);
      const durationMs = run.scenario === 'cost' ? options['cost-duration'] * 1000 : undefined;
      const result = await runOne({ ...run, offering, ...(durationMs ? { durationMs } : {}) }, context);
      results.push(result);
      if (result.queuedBeforeWorkers !== undefined) {
        say(`  ${result.queuedBeforeWorkers.toLocaleString('en-US')} of ${result.load.succeeded.toLocaleString('en-US')} accepted requests were recorded queued when the workers started`);
      }
    } catch (error) {
      errors.push({ run: label, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      say(`✖ ${label} did not complete: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { results, errors };
}

function printReport(results: readonly RunResult[], targets: readonly TargetCheck[]): void {
  say('\nRuns');
  say(runsTable(results));
  if (results.some((run) => run.webhooks)) {
    say('\nWebhooks after the drain (received by the local receiver; times from the last decision)');
    say(webhooksTable(results));
  }
  say('\nProcesses (CPU: average % of one core over the run; RSS: peak)');
  say(resourcesTable(results));
  say('\nCPU µs per decided request (per 2xx for the runs that decide nothing: ingress-ceiling, auth-ceiling)');
  say(cpuPerRequestTable(results));
  say('\nCPU µs per final answer (decided, or refused at once with 409 sold_out once the event is sold out)');
  say(cpuPerRequestTable(results, { perAnswer: true }));
  if (results.some((run) => run.scenario === 'cost')) {
    say('\nCPU µs per 2xx at the fixed open-loop rate (cost scenario), median (range) of the rounds');
    say(costTable(costRows(results)));
    const ablation = ablationTable(results);
    if (ablation) {
      say('\nAblation: each lever the other way from how Onsale ships it, against Onsale as shipped in the same round (Δ µs per 202, median (range))');
      say(ablation);
    }
  }
  say('\nRedis memory');
  say(redisTable(results));
  say('\nTargets (the first round)');
  say(targetsTable(targets));
  say('\nIssue 21 targets, each worked out within a round: median (range) of the rounds');
  say(costFiguresTable(costFigures(results)));
  if (results.some((run) => run.variant === ONSALE_WITH_WEBHOOKS)) {
    say("\nIssue 20: webhooks' cost on the drain, each worked out within a round: median (range) of the rounds");
    say(costFiguresTable(webhookCostFigures(results)));
  }
}

/** Each run's processes: their top frames by self time and self time by area. */
function printProfiles(results: readonly RunResult[]): void {
  for (const run of results) {
    say(`\nCPU profile: ${runLabel(run)}`);
    if (!run.profiles?.length) say('  no profile written (a process that does not exit normally writes none)');
    for (const profile of run.profiles ?? []) say(`\n${describeProfile(profile)}`);
  }
}

/**
 * The seat allocator alone on the seated scenarios' map, measured in this process once the runs
 * are over, and its share of a seated drain decision: one event has one writer at a time, so a
 * decision costs 1 / (decisions per second) of it.
 */
function reportAllocator(options: BenchOptions, results: readonly RunResult[]): { cost: AllocatorCost; shareOfSeatedDecision: number | null } {
  const cost = measureAllocatorCost({ seats: options.tickets, batchSize: 1_000, rounds: 3, seed: options.seed });
  const seatedDrain = results.find((run) => run.scenario === 'seated-drain' && run.variant === 'onsale')?.decisions?.decisionsPerSecond ?? null;
  const share = allocatorShare(cost, seatedDrain);
  say('');
  describeAllocatorCost(cost).forEach((line) => say(line));
  say(
    share === null
      ? '  share of a seated decision: – (no seated drain rate)'
      : `  share of a seated drain decision: ${cost.bestAvailableMicros.toFixed(2)} µs of ${(1e6 / seatedDrain!).toFixed(0)} µs (${(share * 100).toFixed(1)}%)`,
  );
  return { cost, shareOfSeatedDecision: share };
}

/** bench-results/<timestamp>.json (everything measured) and .svg (the chart); returns their paths. */
function writeResults(outDir: string, timestamp: string, report: { runs: RunResult[] } & Record<string, unknown>): string[] {
  const jsonPath = join(outDir, `${timestamp}.json`);
  const svgPath = join(outDir, `${timestamp}.svg`);
  writeFileSync(jsonPath, JSON.stringify(report, null, 1));
  writeFileSync(svgPath, renderChart(report.runs.map((run) => ({ title: runLabel(run), timeline: run.timeline }))));
  return [jsonPath, svgPath];
}

/** More warm-up requests than its seconds can take: offering stops when they are up. */
const WARMUP_REQUESTS_PER_SECOND = 6_000;

function warmupLoad(options: BenchOptions, jwtSecret: string): BenchContext['warmup'] {
  const plan = planRequests({ requests: options.warmup * WARMUP_REQUESTS_PER_SECOND, events: 1, seed: options.seed + 1 }).map(
    (request, n) => ({ ...request, customer: `bench-warmup-${n}` }),
  );
  return { plan, tokens: signTokens(jwtSecret, plan.map((request) => request.customer)) };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const plan = planRuns(options);
  if (plan.length === 0) throw new Error('nothing to run: check --scenarios and --variants');
  if (plan.some((run) => run.scenario === 'open') && !options.rate && !plan.some((run) => run.scenario === 'hot' && run.variant === 'onsale')) {
    throw new Error('the open loop needs --rate, or the hot scenario in --scenarios');
  }

  const serverDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // With --url, DATABASE_URL (if set) is the running system's database, read to measure and verify.
  const remoteDatabaseUrl = options.url ? process.env.DATABASE_URL : undefined;
  // Not database 0: other work on this machine shares the Redis server and flushes its database 0.
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/11';
  const jwtSecret = process.env.JWT_SECRET ?? 'onsale-bench-secret-not-for-production';
  const outDir = resolve(REPO_ROOT, options.out);
  const timestamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logDir = join(outDir, `${timestamp}-logs`);
  mkdirSync(logDir, { recursive: true });

  const redis = new Redis(redisUrl);
  const server = postgres(serverDatabaseUrl, { max: 1, onnotice: () => {} });
  try {
    await claimTheMachine(server);
    const machine = await describeMachine(server, redis);
    const requests = planRequests({ requests: options.requests, events: options.events, seed: options.seed });
    const seatedRequests = planRequests({ requests: options.requests, events: 1, seed: options.seed, maxQuantity: 6 });
    say(`Onsale benchmark: ${plan.length} runs; ${options.requests.toLocaleString('en-US')} requests, ${options.tickets.toLocaleString('en-US')} tickets, ${options.connections} connections, ${options.workers} workers, ≤ ${options.duration} s of offering per run`);
    say(`Machine: ${machine.nproc} cpus (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}, commit ${machine.gitCommit.slice(0, 10)}${machine.gitDirty ? ' (dirty)' : ''}`);
    say('Signing tokens…');
    const context: BenchContext = {
      settings: {
        tickets: options.tickets,
        events: options.events,
        connections: options.connections,
        workers: options.workers,
        durationMs: options.duration * 1000,
        warmupMs: options.warmup * 1000,
        drainTimeoutMs: options['drain-timeout'] * 1000,
        webhookTimeoutMs: options['webhook-timeout'] * 1000,
        memoryTimeoutMs: options['memory-timeout'] * 1000,
      },
      infrastructure: {
        serverDatabaseUrl,
        redisUrl,
        redis,
        jwtSecret,
        logLevel: options['log-level'],
        logDir,
        ...(options.profile ? { profileDir: join(logDir, 'profiles') } : {}),
      },
      remote: options.url ? { url: options.url, databaseUrl: remoteDatabaseUrl } : undefined,
      redis,
      plan: requests,
      seatedPlan: seatedRequests,
      tokens: signTokens(jwtSecret, requests.map((request) => request.customer)),
      warmup: warmupLoad(options, jwtSecret),
      sharedTargets: [
        { name: BENCH_CLIENT, pids: () => [process.pid] },
        await redisTarget(redis),
        await postgresTarget(server, remoteDatabaseUrl ? new URL(remoteDatabaseUrl).pathname.slice(1) : BENCH_DATABASE),
      ],
    };

    const { results, errors } = await runAll(plan, options, context);
    // The per-run targets of the first round; the issue's figures over every round follow them.
    const targets = evaluateTargets(results.filter((run) => run.round === 1));
    printReport(results, targets);
    if (options.profile) printProfiles(results);
    const allocator = plan.some((run) => isSeated(run.scenario)) ? reportAllocator(options, results) : undefined;
    const cost = { figures: costFigures(results).map(({ pass: _pass, ...figure }) => figure), rows: costRows(results) };
    const webhookCost = webhookCostFigures(results).map(({ pass: _pass, ...figure }) => figure);
    const written = writeResults(outDir, timestamp, { command: process.argv.slice(2), options, machine, runs: results, targets, cost, webhookCost, allocator, errors, logDir });
    say(`\nWrote ${written.join('\n      ')}\n      process logs in ${logDir}`);
    const failed = results.some((result) => result.verification && !result.verification.passed);
    if (failed) say('FAILED: at least one run failed verification (see the table).');
    return failed || errors.length > 0 ? 1 : 0;
  } finally {
    redis.disconnect();
    await server.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
