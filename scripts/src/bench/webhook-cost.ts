import { figureOf, ratio, type CostFigure } from './cost-summary';
import type { RunResult } from './run';
import { ONSALE_WITH_WEBHOOKS } from './variants';

/*
 * Issue 20's bar: webhooks on every decision cost the drain less than 10 %. Each figure compares
 * the two drains of one round (`onsale` and `onsale-webhooks`, run one after the other), then
 * reports the median and range of the rounds, as the cost figures do.
 */

/**
 * The CPU the workers, PostgreSQL and Redis used per decision while the workers drained the
 * backlog (µs): steadier than the rate, which a few seconds of a shared machine can move.
 */
export function drainCpuPerDecision(run: RunResult | undefined): number | undefined {
  const decided = run?.decisions?.decided;
  if (!run?.drainResources || !decided) return undefined;
  return (run.drainResources.reduce((sum, process) => sum + process.cpuSeconds, 0) * 1e6) / decided;
}

export function webhookCostFigures(runs: readonly RunResult[]): CostFigure[] {
  const figure = figureOf(runs);
  return [
    figure('drain: decisions/s, onsale-webhooks vs onsale', '≥ 0.9×', '×', (value) => value >= 0.9, (find) =>
      ratio(find('drain', ONSALE_WITH_WEBHOOKS)?.decisions?.decisionsPerSecond, find('drain', 'onsale')?.decisions?.decisionsPerSecond),
    ),
    figure('drain: server CPU per decision while draining, onsale-webhooks vs onsale', '≤ 1.11×', '×', (value) => value <= 1 / 0.9, (find) =>
      ratio(drainCpuPerDecision(find('drain', ONSALE_WITH_WEBHOOKS)), drainCpuPerDecision(find('drain', 'onsale'))),
    ),
    figure('drain: onsale server CPU per decision while draining', '–', 'µs', undefined, (find) => drainCpuPerDecision(find('drain', 'onsale'))),
    figure('drain: onsale-webhooks server CPU per decision while draining', '–', 'µs', undefined, (find) =>
      drainCpuPerDecision(find('drain', ONSALE_WITH_WEBHOOKS)),
    ),
  ];
}
