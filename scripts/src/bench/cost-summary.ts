import { ablationLabel, ablationTag, type LeverName } from './levers';
import { renderTable } from './report';
import type { RunResult } from './run';
import type { Scenario, Variant } from './variants';

/*
 * Issue 21's figures (docs/benchmarks.md#cost-per-ticket), each worked out within one round of
 * the invocation (its runs share the machine's state of the moment), then reported as the median
 * and range of the rounds (--runs).
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, values: [...values] };
}

export interface CostFigure {
  figure: string;
  target: string;
  spread: Spread | null;
  /** How the figure reads (a ratio, µs, ms, a percent change). */
  unit: '×' | 'µs' | 'ms' | '%';
  pass: ((value: number) => boolean) | undefined;
}

type Find = (scenario: Scenario, variant: Variant, ablated?: LeverName) => RunResult | undefined;

export const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? a / b : undefined);

/** Each round's value of `figure`, skipping the rounds that did not run what it needs. */
function perRound(runs: readonly RunResult[], figure: (find: Find) => number | undefined): number[] {
  const rounds = [...new Set(runs.map((run) => run.round))];
  return rounds.flatMap((round) => {
    const find: Find = (scenario, variant, ablated) =>
      runs.find((run) => run.round === round && run.scenario === scenario && run.variant === variant && run.ablated === ablated);
    const value = figure(find);
    return value === undefined || !Number.isFinite(value) ? [] : [value];
  });
}

const serverPerDecided = (run: RunResult | undefined) => (run?.cpuPerRequest?.per === 'decided' ? run.cpuPerRequest.serverTotal : undefined);

/** A figure over `runs`: `value` worked out within each round, then its median and range. */
export const figureOf =
  (runs: readonly RunResult[]) =>
  (name: string, target: string, unit: CostFigure['unit'], pass: CostFigure['pass'], value: (find: Find) => number | undefined): CostFigure => ({
    figure: name,
    target,
    unit,
    pass,
    spread: spreadOf(perRound(runs, value)),
  });

export function costFigures(runs: readonly RunResult[]): CostFigure[] {
  const figure = figureOf(runs);
  return [
    figure('hot: server CPU per decided request, onsale vs minimal-sync', '≤ 0.4×', '×', (v) => v <= 0.4, (find) =>
      ratio(serverPerDecided(find('hot', 'onsale')), serverPerDecided(find('hot', 'minimal-sync')))),
    figure('hot: server CPU per decided request, onsale vs sync-lock', '–', '×', undefined, (find) =>
      ratio(serverPerDecided(find('hot', 'onsale')), serverPerDecided(find('hot', 'sync-lock')))),
    figure('hot: onsale server CPU per decided request', '–', 'µs', undefined, (find) => serverPerDecided(find('hot', 'onsale'))),
    figure('hot: minimal-sync server CPU per decided request', '–', 'µs', undefined, (find) => serverPerDecided(find('hot', 'minimal-sync'))),
    figure('cost: API CPU per 202, onsale vs auth-ceiling', '≤ 2×', '×', (v) => v <= 2, (find) =>
      ratio(find('cost', 'onsale')?.cpuPer2xx?.byProcess.api, find('cost', 'auth-ceiling')?.cpuPer2xx?.byProcess.api)),
    figure('cost: server CPU per 202 (decided), onsale vs minimal-sync', '–', '×', undefined, (find) =>
      ratio(find('cost', 'onsale')?.cpuPer2xx?.serverTotal, find('cost', 'minimal-sync')?.cpuPer2xx?.serverTotal)),
    figure('hot: onsale ingress vs auth-ceiling', '≥ 0.6×', '×', (v) => v >= 0.6, (find) =>
      ratio(find('hot', 'onsale')?.load.ingressPerSecond, find('hot', 'auth-ceiling')?.load.ingressPerSecond)),
    figure('open loop at 80% of onsale’s hot ingress: 202 p99', '≤ 25 ms', 'ms', (v) => v <= 25, (find) => find('open', 'onsale')?.load.latencyMs?.p99),
    figure('drain: onsale decisions/s vs minimal-sync (hot)', '≥ 35×', '×', (v) => v >= 35, (find) =>
      ratio(find('drain', 'onsale')?.decisions?.decisionsPerSecond, find('hot', 'minimal-sync')?.decisions?.decisionsPerSecond)),
    figure('drain: onsale decisions/s vs sync-lock (hot)', '–', '×', undefined, (find) =>
      ratio(find('drain', 'onsale')?.decisions?.decisionsPerSecond, find('hot', 'sync-lock')?.decisions?.decisionsPerSecond)),
    figure('spread (16 events or --events) vs hot: onsale decisions/s', 'within ±20%', '%', (v) => Math.abs(v) <= 20, (find) => {
      const change = ratio(find('spread', 'onsale')?.decisions?.decisionsPerSecond, find('hot', 'onsale')?.decisions?.decisionsPerSecond);
      return change === undefined ? undefined : (change - 1) * 100;
    }),
  ];
}

const format = (value: number, unit: CostFigure['unit']) =>
  unit === '×' ? `${value.toFixed(2)}×` : unit === '%' ? `${value >= 0 ? '+' : ''}${value.toFixed(1)}%` : unit === 'ms' ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} µs`;

export const describeSpread = (spread: Spread, unit: CostFigure['unit']) =>
  spread.values.length === 1 ? format(spread.median, unit) : `${format(spread.median, unit)} (${format(spread.min, unit)}–${format(spread.max, unit)})`;

export function costFiguresTable(figures: readonly CostFigure[]): string {
  return renderTable(
    [
      ['figure', 'target', 'median (range)', 'rounds', 'verdict (median)'],
      ...figures.map(({ figure, target, spread, unit, pass }) => [
        figure,
        target,
        spread ? describeSpread(spread, unit) : 'not run',
        String(spread?.values.length ?? 0),
        spread && pass ? (pass(spread.median) ? 'PASS' : 'MISS') : '–',
      ]),
    ],
    { alignNumbers: false },
  );
}

export interface CostRow {
  run: string;
  /** µs of CPU per 2xx, by process and in all: median and range over the rounds. */
  byProcess: Record<string, Spread>;
  serverTotal: Spread;
}

const costRunName = (run: RunResult) => `${run.variant}${ablationTag(run.ablated)}`;

/** The cost scenario's CPU per 2xx, each (variant, ablation) over its rounds. */
export function costRows(runs: readonly RunResult[]): CostRow[] {
  const cost = runs.filter((run) => run.scenario === 'cost' && run.cpuPer2xx);
  const names = [...new Set(cost.map(costRunName))];
  return names.map((name) => {
    const mine = cost.filter((run) => costRunName(run) === name);
    const processes = [...new Set(mine.flatMap((run) => Object.keys(run.cpuPer2xx!.byProcess)))];
    return {
      run: name,
      byProcess: Object.fromEntries(processes.map((process) => [process, spreadOf(mine.map((run) => run.cpuPer2xx!.byProcess[process] ?? 0))!])),
      serverTotal: spreadOf(mine.map((run) => run.cpuPer2xx!.serverTotal))!,
    };
  });
}

export function costTable(rows: readonly CostRow[]): string {
  const processes = [...new Set(rows.flatMap((row) => Object.keys(row.byProcess)))];
  return renderTable(
    [
      ['cost run', ...processes, 'server total'],
      ...rows.map((row) => [row.run, ...processes.map((process) => (row.byProcess[process] ? describeSpread(row.byProcess[process], 'µs') : '–')), describeSpread(row.serverTotal, 'µs')]),
    ],
    { alignNumbers: false },
  );
}

/** Each ablation against Onsale as shipped, round by round: µs per 202 it changes (negative: saved). */
export function ablationTable(runs: readonly RunResult[]): string | undefined {
  const levers = [...new Set(runs.flatMap((run) => (run.scenario === 'cost' && run.ablated ? [run.ablated] : [])))];
  if (levers.length === 0) return undefined;
  const change = (lever: LeverName, pick: (run: RunResult) => number | undefined) =>
    spreadOf(
      perRound(runs, (find) => {
        const shipped = find('cost', 'onsale');
        const ablated = find('cost', 'onsale', lever);
        const a = ablated && pick(ablated);
        const b = shipped && pick(shipped);
        return a === undefined || b === undefined ? undefined : a - b;
      }),
    );
  return renderTable(
    [
      ['lever, as the ablation set it', 'API µs per 202 (Δ vs shipped)', 'server µs per 202 (Δ)', 'postgres µs (Δ)', 'redis µs (Δ)'],
      ...levers.map((lever) => {
        const show = (spread: Spread | null) => (spread ? describeSpread(spread, 'µs') : '–');
        return [
          ablationLabel(lever),
          show(change(lever, (run) => run.cpuPer2xx?.byProcess.api)),
          show(change(lever, (run) => run.cpuPer2xx?.serverTotal)),
          show(change(lever, (run) => run.cpuPer2xx?.byProcess.postgres)),
          show(change(lever, (run) => run.cpuPer2xx?.byProcess['redis-server'])),
        ];
      }),
    ],
    { alignNumbers: false },
  );
}
