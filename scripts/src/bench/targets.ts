import type { RunResult } from './run';
import type { Scenario, Variant } from './variants';

/** The issue's targets, each measured from this invocation's runs. */
export interface TargetCheck {
  target: string;
  measured: string;
  threshold: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
}

const WORKER_RSS_LIMIT_MB = 300;
const DRAIN_VS_SYNC_LOCK = 35;
const HOT_INGRESS_VS_CEILING = 0.8;
/** Server CPU per decided request in the hot scenario, all processes and the API alone. */
const HOT_SERVER_CPU_LIMIT_MICROS = 400;
const HOT_API_CPU_LIMIT_MICROS = 150;
const micros = (n: number) => `${Math.round(n).toLocaleString('en-US')} µs`;
const rate = (n: number | null | undefined) => (n == null ? '–' : `${Math.round(n).toLocaleString('en-US')}/s`);
const percent = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

function check(target: string, threshold: string, measured: string | undefined, passed: boolean | undefined): TargetCheck {
  return measured === undefined || passed === undefined
    ? { target, threshold, measured: 'not run', verdict: 'n/a' }
    : { target, threshold, measured, verdict: passed ? 'PASS' : 'MISS' };
}

export function evaluateTargets(runs: readonly RunResult[]): TargetCheck[] {
  const find = (scenario: Scenario, variant: Variant) => runs.find((run) => run.scenario === scenario && run.variant === variant);
  const checks: TargetCheck[] = [];

  const drain = find('drain', 'onsale')?.decisions?.decisionsPerSecond;
  const syncLock = find('hot', 'sync-lock')?.decisions?.decisionsPerSecond;
  const drainRatio = drain != null && syncLock ? drain / syncLock : undefined;
  checks.push(
    check(
      'drain: onsale backlog drain rate vs sync-lock decisions/s (hot)',
      `≥ ${DRAIN_VS_SYNC_LOCK}×`,
      drainRatio === undefined ? undefined : `${drainRatio.toFixed(2)}× (${rate(drain)} vs ${rate(syncLock)})`,
      drainRatio === undefined ? undefined : drainRatio >= DRAIN_VS_SYNC_LOCK,
    ),
  );

  const seatedDrain = find('seated-drain', 'onsale')?.decisions?.decisionsPerSecond;
  const seatedRatio = seatedDrain != null && drain ? seatedDrain / drain : undefined;
  checks.push(
    check(
      'seated drain: onsale backlog drain rate, best available on the seat map, vs GA drain',
      '≥ 0.5×',
      seatedRatio === undefined ? undefined : `${seatedRatio.toFixed(2)}× (${rate(seatedDrain)} vs ${rate(drain)})`,
      seatedRatio === undefined ? undefined : seatedRatio >= 0.5,
    ),
  );

  const hot = find('hot', 'onsale');
  for (const ceilingVariant of ['ingress-ceiling', 'auth-ceiling'] as const) {
    const ceiling = find('hot', ceilingVariant)?.load.ingressPerSecond;
    const ingressRatio = hot?.load.ingressPerSecond != null && ceiling ? hot.load.ingressPerSecond / ceiling : undefined;
    checks.push(
      check(
        `hot: onsale ingress vs ${ceilingVariant}`,
        `≥ ${HOT_INGRESS_VS_CEILING}×`,
        ingressRatio === undefined ? undefined : `${ingressRatio.toFixed(2)}× (${rate(hot!.load.ingressPerSecond)} vs ${rate(ceiling)})`,
        ingressRatio === undefined ? undefined : ingressRatio >= HOT_INGRESS_VS_CEILING,
      ),
    );
  }

  const hotCost = hot?.cpuPerRequest?.per === 'decided' ? hot.cpuPerRequest : undefined;
  checks.push(
    check(
      'hot: onsale server CPU per decided request (api, workers, redis-server, postgres)',
      `≤ ${HOT_SERVER_CPU_LIMIT_MICROS} µs`,
      hotCost && micros(hotCost.serverTotal),
      hotCost && hotCost.serverTotal <= HOT_SERVER_CPU_LIMIT_MICROS,
    ),
  );
  const hotApiCost = hotCost?.byProcess.api;
  checks.push(
    check(
      'hot: onsale API CPU per decided request',
      `≤ ${HOT_API_CPU_LIMIT_MICROS} µs`,
      hotApiCost === undefined ? undefined : micros(hotApiCost),
      hotApiCost === undefined ? undefined : hotApiCost <= HOT_API_CPU_LIMIT_MICROS,
    ),
  );

  const drainAfter = hot?.drainAfterLast2xxMs;
  checks.push(
    check(
      'hot: onsale backlog drained after the last 202',
      '≤ 2 s',
      hot === undefined ? undefined : hot.drainTimedOut ? `not drained (gave up waiting)` : `${((drainAfter ?? 0) / 1000).toFixed(2)} s`,
      hot === undefined ? undefined : !hot.drainTimedOut && (drainAfter ?? 0) <= 2_000,
    ),
  );

  const open = find('open', 'onsale');
  const p99 = open?.load.latencyMs?.p99;
  checks.push(
    check(
      `open loop${open?.offering.kind === 'open' ? ` at ${rate(open.offering.ratePerSecond)}` : ''} (80% of onsale's hot ingress unless --rate): onsale 202 latency p99`,
      '≤ 25 ms',
      p99 === undefined ? undefined : `${p99.toFixed(1)} ms`,
      p99 === undefined ? undefined : p99 <= 25,
    ),
  );

  const spread = find('spread', 'onsale')?.decisions?.decisionsPerSecond;
  const hotRate = hot?.decisions?.decisionsPerSecond;
  const spreadChange = spread != null && hotRate ? spread / hotRate - 1 : undefined;
  checks.push(
    check(
      'spread: onsale decisions/s vs hot',
      'within ±20%',
      spreadChange === undefined ? undefined : `${percent(spreadChange)} (${rate(spread)} vs ${rate(hotRate)})`,
      spreadChange === undefined ? undefined : Math.abs(spreadChange) <= 0.2,
    ),
  );

  const workerRss = runs
    .filter((run) => run.variant === 'onsale')
    .flatMap((run) => run.resources.filter((resource) => resource.name.startsWith('worker-')).map((resource) => resource.rssMaxMb));
  const maxWorkerRss = workerRss.length ? Math.max(...workerRss) : undefined;
  checks.push(
    check(
      'onsale worker RSS, throughout every run',
      `< ${WORKER_RSS_LIMIT_MB} MB`,
      maxWorkerRss === undefined ? undefined : `${maxWorkerRss.toFixed(0)} MB max`,
      maxWorkerRss === undefined ? undefined : maxWorkerRss < WORKER_RSS_LIMIT_MB,
    ),
  );

  // Onsale's own footprint: the queue-ceiling keeps BullMQ's default 10,000-entry event streams.
  const memory = runs
    .filter((run) => run.variant === 'onsale')
    .map((run) => ({ run, growth: run.redisMemory.back.bytes / run.redisMemory.before - 1 }));
  const worst = memory.reduce<(typeof memory)[number] | undefined>((a, b) => (a === undefined || b.growth > a.growth ? b : a), undefined);
  checks.push(
    check(
      'onsale: Redis used_memory back to its start once results expired (worst run)',
      'within 10%',
      worst === undefined ? undefined : `${percent(worst.growth)} (${worst.run.scenario} ${worst.run.variant}, after ${(worst.run.redisMemory.back.waitedMs / 1000).toFixed(0)} s)`,
      worst === undefined ? undefined : memory.every(({ run }) => run.redisMemory.back.settled),
    ),
  );

  const verified = runs.filter((run) => run.verification !== null);
  const failed = verified.filter((run) => !run.verification!.passed);
  checks.push(
    check(
      'zero oversold, lost or decided twice, in every run',
      '0 failed runs',
      verified.length ? `${failed.length} of ${verified.length} verified runs failed${failed.length ? `: ${failed.map((run) => `${run.scenario} ${run.variant}`).join(', ')}` : ''}` : undefined,
      verified.length ? failed.length === 0 : undefined,
    ),
  );
  return checks;
}
