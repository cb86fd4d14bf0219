import { BENCH_CLIENT } from './cpu-per-request';
import { ablationTag } from './levers';
import type { RunResult } from './run';
import type { TargetCheck } from './targets';

/** Aligns rows into columns; the first row is the header. Numbers read better right-aligned. */
export function renderTable(rows: readonly (readonly string[])[], options: { alignNumbers: boolean } = { alignNumbers: true }): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = (text: string) => /^[-+]?[\d.,]+( ?[%×a-zA-Z/]+)?$/.test(text);
  const format = (row: readonly string[]) =>
    row.map((cell, column) => (options.alignNumbers && column > 0 && numeric(cell) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [format(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(format)].join('\n');
}

const int = (n: number | null | undefined) => (n == null ? '–' : Math.round(n).toLocaleString('en-US'));
const ms = (n: number | null | undefined) => (n == null ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));
const seconds = (n: number | null | undefined) => (n == null ? '–' : (n / 1000).toFixed(2));
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

export const runLabel = (run: RunResult) =>
  `${run.scenario}${run.offering.kind === 'open' ? `@${Math.round(run.offering.ratePerSecond)}/s` : ''} ${run.variant}` +
  `${ablationTag(run.ablated)}${run.round ? ` #${run.round}` : ''}`;

function verdict(run: RunResult): string {
  const check = run.verification;
  if (check === null) return 'n/a (decides nothing)';
  if ('completed' in check) return check.passed ? `ok (${int(check.completed)} jobs done)` : `FAILED: ${int(check.lost)} jobs lost`;
  if (check.passed) return 'ok';
  const problems = [
    check.oversoldTickets && `${int(check.oversoldTickets)} oversold`,
    check.counterMismatches && `${int(check.counterMismatches)} counter mismatches`,
    check.missing && `${int(check.missing)} missing`,
    check.undecided && `${int(check.undecided)} undecided${run.drainTimedOut ? ' (drain wait timed out)' : ''}`,
    check.decidedTwice && `${int(check.decidedTwice)} decided twice`,
    check.seatsAssignedTwice && `${int(check.seatsAssignedTwice)} seats given twice`,
    check.seatCountMismatches && `${int(check.seatCountMismatches)} seat count mismatches`,
  ].filter(Boolean);
  return `FAILED: ${problems.join(', ')}`;
}

export function runsTable(runs: readonly RunResult[]): string {
  return renderTable([
    ['run', 'offered', '2xx', 'ingress/s', '2xx p50 ms', 'p95 ms', 'p99 ms', 'decided', 'decisions/s', 'acc→dec p50 ms', 'p99 ms', 'sell-out s', 'drain after last 2xx s', 'verification'],
    ...runs.map((run) => [
      runLabel(run),
      `${int(run.load.offered)}${run.load.offered < run.load.planned ? ` of ${int(run.load.planned)}` : ''}`,
      int(run.load.succeeded),
      int(run.load.ingressPerSecond),
      ms(run.load.latencyMs?.p50),
      ms(run.load.latencyMs?.p95),
      ms(run.load.latencyMs?.p99),
      int(run.decisions?.decided),
      int(run.decisions?.decisionsPerSecond),
      ms(run.decisions?.acceptToDecisionP50Ms),
      ms(run.decisions?.acceptToDecisionP99Ms),
      seconds(run.soldOutAfterMs),
      run.drainTimedOut ? 'timed out' : seconds(run.drainAfterLast2xxMs),
      verdict(run),
    ]),
  ]);
}

/** The drain with webhooks: every webhook its decisions committed, and how long after the last decision they arrived. */
export function webhooksTable(runs: readonly RunResult[]): string {
  return renderTable([
    ['run', 'decided', 'decisions/s', 'webhooks', 'received', 'first after last decision s', 'all after last decision s', 'received/s'],
    ...runs.flatMap((run) => {
      const webhooks = run.webhooks;
      if (!webhooks) return [];
      return [
        [
          runLabel(run),
          int(run.decisions?.decided),
          int(run.decisions?.decisionsPerSecond),
          int(webhooks.expected),
          `${int(webhooks.received)}${webhooks.timedOut ? ' (timed out)' : ''}`,
          seconds(webhooks.firstAfterLastDecisionMs),
          webhooks.timedOut ? '–' : seconds(webhooks.lastAfterLastDecisionMs),
          int(webhooks.perSecond),
        ],
      ];
    }),
  ]);
}

/** CPU (average of the samples, % of one core) and peak RSS of each process, per run. */
export function resourcesTable(runs: readonly RunResult[]): string {
  const names = [...new Set(runs.flatMap((run) => run.resources.map((resource) => resource.name)))];
  return renderTable([
    ['run', ...names.map((name) => `${name} cpu% / MB`)],
    ...runs.map((run) => [
      runLabel(run),
      ...names.map((name) => {
        const resource = run.resources.find((candidate) => candidate.name === name);
        return resource ? `${Math.round(resource.cpuAveragePercent)} / ${Math.round(resource.rssMaxMb)}` : '–';
      }),
    ]),
  ]);
}

/**
 * Each server process's CPU µs per decided request (per 2xx when the run decides nothing), or with
 * `perAnswer` per final answer; their total, and the client's apart.
 */
export function cpuPerRequestTable(runs: readonly RunResult[], options: { perAnswer?: boolean } = {}): string {
  const servers = [...new Set(runs.flatMap((run) => run.resources.map((resource) => resource.name)))].filter((name) => name !== BENCH_CLIENT);
  return renderTable([
    ['run', 'per', 'requests', ...servers, 'server total', BENCH_CLIENT],
    ...runs.map((run) => {
      const cost = options.perAnswer ? run.cpuPerAnswer : run.cpuPerRequest;
      return [
        runLabel(run),
        cost?.per ?? '–',
        int(cost?.requests),
        ...servers.map((name) => int(cost?.byProcess[name])),
        int(cost?.serverTotal),
        int(cost?.byProcess[BENCH_CLIENT]),
      ];
    }),
  ]);
}

export function redisTable(runs: readonly RunResult[]): string {
  return renderTable([
    ['run', 'used_memory before MB', 'right after MB', 'at the end of the wait MB', 'waited s', 'back within 10%'],
    ...runs.map((run) => [
      runLabel(run),
      mb(run.redisMemory.before),
      mb(run.redisMemory.after),
      mb(run.redisMemory.back.bytes),
      (run.redisMemory.back.waitedMs / 1000).toFixed(0),
      run.redisMemory.back.settled ? 'yes' : 'no',
    ]),
  ]);
}

export function targetsTable(checks: readonly TargetCheck[]): string {
  return renderTable([['target', 'measured', 'threshold', 'verdict'], ...checks.map((c) => [c.target, c.measured, c.threshold, c.verdict])], { alignNumbers: false });
}
