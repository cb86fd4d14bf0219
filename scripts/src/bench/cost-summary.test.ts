import { ablationTable, costFigures, costRows, spreadOf } from './cost-summary';
import type { ResourceSummary } from './process-sampler';
import type { RunResult } from './run';
import { drainCpuPerDecision, webhookCostFigures } from './webhook-cost';

/** A run as far as the cost figures read it. */
function run(fields: Partial<RunResult> & Pick<RunResult, 'scenario' | 'variant' | 'round'>, per2xx: Record<string, number> = {}): RunResult {
  const serverTotal = Object.entries(per2xx).reduce((sum, [name, micros]) => (name === 'bench-client' ? sum : sum + micros), 0);
  return {
    offering: { kind: 'closed' },
    load: { ingressPerSecond: null, latencyMs: null },
    decisions: null,
    cpuPerRequest: null,
    cpuPer2xx: { per: '2xx', requests: 1, byProcess: per2xx, serverTotal },
    ...fields,
  } as RunResult;
}

describe('spreadOf', () => {
  it('gives the median and range, the middle two averaged for an even count', () => {
    expect(spreadOf([3, 1, 2])).toMatchObject({ median: 2, min: 1, max: 3 });
    expect(spreadOf([4, 1, 2, 3])).toMatchObject({ median: 2.5, min: 1, max: 4 });
    expect(spreadOf([])).toBeNull();
  });
});

describe('cost figures', () => {
  it('works each ratio out within its round, then takes the median and range of the rounds', () => {
    const runs = [1, 2, 3].flatMap((round) => [
      run({ scenario: 'cost', variant: 'onsale', round }, { api: 100 * round, postgres: 50 }),
      run({ scenario: 'cost', variant: 'auth-ceiling', round }, { api: 50 * round }),
      run({ scenario: 'hot', variant: 'onsale', round, load: { ingressPerSecond: 600 * round } as RunResult['load'] }),
      run({ scenario: 'hot', variant: 'auth-ceiling', round, load: { ingressPerSecond: 1000 * round } as RunResult['load'] }),
    ]);
    const figures = Object.fromEntries(costFigures(runs).map((figure) => [figure.figure, figure.spread]));
    // The API ratio is 2× in every round although each round's µs differ threefold.
    expect(figures['cost: API CPU per 202, onsale vs auth-ceiling']).toMatchObject({ median: 2, min: 2, max: 2, values: [2, 2, 2] });
    expect(figures['hot: onsale ingress vs auth-ceiling']).toMatchObject({ median: 0.6 });
    expect(figures['drain: onsale decisions/s vs minimal-sync (hot)']).toBeNull();
  });

  it('gives each cost run its µs per 2xx by process over the rounds, and each ablation’s change against Onsale as shipped in its round', () => {
    const runs = [
      run({ scenario: 'cost', variant: 'onsale', round: 1 }, { api: 200, 'redis-server': 40 }),
      run({ scenario: 'cost', variant: 'onsale', round: 1, ablated: 'log-sampling' }, { api: 180, 'redis-server': 10 }),
      run({ scenario: 'cost', variant: 'onsale', round: 2 }, { api: 260, 'redis-server': 44 }),
      run({ scenario: 'cost', variant: 'onsale', round: 2, ablated: 'log-sampling' }, { api: 230, 'redis-server': 12 }),
    ];
    const rows = costRows(runs);
    expect(rows.map((row) => [row.run, row.byProcess.api!.median, row.serverTotal.median])).toEqual([
      ['onsale', 230, 272],
      ['onsale [log-sampling on]', 205, 216],
    ]);
    const table = ablationTable(runs)!;
    // API: −20 and −30 µs; server: −50 and −62 µs.
    expect(table).toContain('log-sampling on');
    expect(table).toContain('-25 µs (-30 µs–-20 µs)');
    expect(table).toContain('-56 µs (-62 µs–-50 µs)');
  });
});

describe('webhooks’ cost on the drain', () => {
  const cpu = (name: string, cpuSeconds: number) => ({ name, cpuSeconds }) as ResourceSummary;
  const drain = (variant: 'onsale' | 'onsale-webhooks', round: number, decisionsPerSecond: number, cpuSeconds: number) =>
    run({
      scenario: 'drain',
      variant,
      round,
      decisions: { decided: 10_000, decisionsPerSecond } as RunResult['decisions'],
      drainResources: [cpu('worker-1', cpuSeconds / 2), cpu('postgres', cpuSeconds / 4), cpu('redis-server', cpuSeconds / 4)],
    });

  it('counts every process sampled while draining, per decision', () => {
    expect(drainCpuPerDecision(drain('onsale', 1, 5_000, 2))).toBe(200);
    expect(drainCpuPerDecision(run({ scenario: 'drain', variant: 'onsale', round: 1 }))).toBeUndefined();
  });

  it('compares the two drains of each round, then takes the median and range of the rounds', () => {
    const runs = [
      drain('onsale', 1, 10_000, 2),
      drain('onsale-webhooks', 1, 9_500, 2.1),
      drain('onsale-webhooks', 2, 4_000, 1.5),
      drain('onsale', 2, 5_000, 1.25),
      drain('onsale', 3, 8_000, 1),
      drain('onsale-webhooks', 3, 8_800, 1),
    ];
    const [rate, cpuRatio, onsaleCpu, webhooksCpu] = webhookCostFigures(runs);
    expect(rate!.spread).toMatchObject({ values: [0.95, 0.8, 1.1], median: 0.95, min: 0.8, max: 1.1 });
    expect(rate!.pass!(rate!.spread!.median)).toBe(true);
    expect(cpuRatio!.spread!.values.map((value) => Number(value.toFixed(2)))).toEqual([1.05, 1.2, 1]);
    expect(cpuRatio!.pass!(1.2)).toBe(false);
    expect(onsaleCpu!.spread).toMatchObject({ median: 125 });
    expect(webhooksCpu!.spread).toMatchObject({ median: 150 });
  });
});
