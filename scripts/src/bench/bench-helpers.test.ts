import { expandSeatMap, seatMapSpec as seatMapSchema } from '@onsale/shared';
import { niceCeiling, renderChart } from './chart';
import { cpuPerAnswer, cpuPerRequest } from './cpu-per-request';
import { parseOptions, planRuns } from './options';
import { renderTable } from './report';
import { allocatorRows, benchSeatMap, seatMapSpec } from './seat-map';
import { buildTimeline } from './timeline';
import { webhookCatchUp } from './webhook-catch-up';
import { planRequests } from './workload';

describe('the load plan', () => {
  it('is the same for every variant: seeded, distinct customers, 1–4 tickets, round-robin over events', () => {
    const first = planRequests({ requests: 1000, events: 10, seed: 7 });
    expect(planRequests({ requests: 1000, events: 10, seed: 7 })).toEqual(first);
    expect(new Set(first.map((request) => request.customer)).size).toBe(1000);
    expect(new Set(first.map((request) => request.quantity))).toEqual(new Set([1, 2, 3, 4]));
    expect(first.slice(0, 12).map((request) => request.eventIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  });

  it('asks for 1–6 seats in the seated scenarios, from the same customers', () => {
    const seated = planRequests({ requests: 1000, events: 1, seed: 7, maxQuantity: 6 });
    expect(new Set(seated.map((request) => request.quantity))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(seated.map((request) => request.customer)).toEqual(planRequests({ requests: 1000, events: 10, seed: 7 }).map((request) => request.customer));
  });
});

describe('the seat map', () => {
  it('is the same map through the API and for the allocator alone: 20,000 seats, aisles as skipped numbers', () => {
    const map = benchSeatMap(20_000);
    expect(map).toMatchObject({ seats: 20_000, seatsPerRow: 200 });
    const spec = seatMapSchema.parse(seatMapSpec(map));
    const expanded = expandSeatMap(spec);
    expect(expanded.issues).toEqual([]);
    expect(expanded.seatCount).toBe(20_000);
    const viaApi = expanded.sections.flatMap((section) => section.rows.map((row) => row.seats.map((seat) => [seat.label, seat.number])));
    const alone = allocatorRows(map).map((row) => row.seats.map((seat) => [seat.label, seat.number]));
    expect(alone).toEqual(viaApi);
    expect(alone[0]!.slice(49, 52)).toEqual([['S1-1-50', 50], ['S1-1-52', 52], ['S1-1-53', 53]]);
  });
});

describe('buildTimeline', () => {
  it('counts decisions per second and the backlog at the end of each bucket', () => {
    const startedAt = 1_000_000;
    const timeline = buildTimeline({
      startedAt,
      acceptedAt: [startedAt + 10, startedAt + 20, startedAt + 30, startedAt + 260],
      decided: new Map([
        [startedAt + 250, 1],
        [startedAt + 500, 3],
      ]),
      bucketMs: 250,
    });
    expect(timeline.t).toEqual([0, 250, 500]);
    expect(timeline.acceptedPerSecond).toEqual([12, 4, 0]);
    expect(timeline.decisionsPerSecond).toEqual([0, 4, 12]);
    expect(timeline.backlog).toEqual([3, 3, 0]);
  });

  it('has no decisions or backlog for a variant that decides nothing', () => {
    const timeline = buildTimeline({ startedAt: 0, acceptedAt: [1, 2], decided: undefined, bucketMs: 250 });
    expect(timeline.acceptedPerSecond).toEqual([8]);
    expect(timeline.decisionsPerSecond).toEqual([]);
    expect(timeline.backlog).toEqual([]);
  });
});

describe('the chart', () => {
  it('rounds axes up to 1, 2 or 5 × a power of ten', () => {
    expect([0, 3, 7, 12, 4500, 20_000].map(niceCeiling)).toEqual([1, 5, 10, 20, 5000, 20_000]);
  });

  it('draws one panel per run, with escaped titles', () => {
    const timeline = buildTimeline({ startedAt: 0, acceptedAt: [1, 300], decided: new Map([[250, 2]]), bucketMs: 250 });
    const svg = renderChart([{ title: 'hot <onsale>', timeline }, { title: 'drain', timeline }]);
    expect(svg.match(/<polyline/g)).toHaveLength(6);
    expect(svg).toContain('hot &lt;onsale&gt;');
  });
});

describe('cpuPerRequest', () => {
  const resources = [
    { name: 'api', cpuSeconds: 3 },
    { name: 'worker-1', cpuSeconds: 1.5 },
    { name: 'postgres', cpuSeconds: 2.5 },
    { name: 'bench-client', cpuSeconds: 4 },
  ];

  it('divides each process’s CPU by the decided requests; the server total leaves the client out', () => {
    expect(cpuPerRequest(resources, { decided: 10_000, succeeded: 12_000 })).toEqual({
      per: 'decided',
      requests: 10_000,
      byProcess: { api: 300, 'worker-1': 150, postgres: 250, 'bench-client': 400 },
      serverTotal: 700,
    });
  });

  it('divides by the 2xx answers when the run decides nothing, and gives nothing for no request', () => {
    expect(cpuPerRequest(resources, { decided: undefined, succeeded: 20_000 })).toMatchObject({ per: '2xx', requests: 20_000, serverTotal: 350 });
    expect(cpuPerRequest(resources, { decided: 0, succeeded: 5 })).toBeNull();
  });

  it('divides by every final answer, the decisions and the 409s refused at once; nothing for a run that decides nothing', () => {
    expect(cpuPerAnswer(resources, { decided: 2_500, soldOutAtOnce: 7_500 })).toMatchObject({ per: 'answer', requests: 10_000, serverTotal: 700 });
    expect(cpuPerAnswer(resources, { decided: undefined, soldOutAtOnce: 0 })).toBeNull();
  });
});

describe('webhookCatchUp', () => {
  it('times the first and last webhook received from the last decision, and the rate between them', () => {
    const seen = { expected: 20_001, count: 20_001, firstAt: 11_000, lastAt: 51_000, timedOut: false };
    expect(webhookCatchUp(seen, 10_000)).toEqual({
      expected: 20_001,
      received: 20_001,
      timedOut: false,
      firstAfterLastDecisionMs: 1_000,
      lastAfterLastDecisionMs: 41_000,
      perSecond: 500.025,
    });
  });

  it('gives no times or rate for what it cannot know: nothing received, no decision', () => {
    expect(webhookCatchUp({ expected: 5, count: 0, firstAt: null, lastAt: null, timedOut: true }, 10_000)).toMatchObject({
      received: 0,
      timedOut: true,
      firstAfterLastDecisionMs: null,
      lastAfterLastDecisionMs: null,
      perSecond: null,
    });
    expect(webhookCatchUp({ expected: 1, count: 1, firstAt: 11_000, lastAt: 11_000, timedOut: false }, null)).toMatchObject({ lastAfterLastDecisionMs: null, perSecond: null });
  });
});

describe('renderTable', () => {
  it('aligns columns, numbers to the right', () => {
    expect(renderTable([['run', 'n'], ['hot', '1,000'], ['spread', '7']]).split('\n')).toEqual([
      'run     n',
      '------  -----',
      'hot     1,000',
      'spread      7',
    ]);
  });
});

describe('flags', () => {
  it('runs the full comparison by default, the ceilings first', () => {
    const runs = planRuns(parseOptions([]));
    expect(runs.map((run) => `${run.scenario} ${run.variant}`)).toEqual([
      'cost auth-ceiling',
      'cost onsale',
      'cost minimal-sync',
      'hot ingress-ceiling',
      'hot auth-ceiling',
      'hot onsale',
      'hot sync-lock',
      'hot minimal-sync',
      'hot queue-ceiling',
      'drain onsale',
      'open onsale',
      'spread onsale',
      'seated-hot onsale',
      'seated-drain onsale',
    ]);
  });

  it('runs no drain against a running system (--url): its workers are already running', () => {
    const runs = planRuns(parseOptions(['--url', 'http://localhost:3000', '--scenarios', 'hot,drain,seated-hot,seated-drain']));
    expect(runs.map((run) => run.scenario)).toEqual(['hot', 'seated-hot']);
  });

  it('runs Onsale without metrics only when asked, on the hot load next to Onsale', () => {
    const runs = planRuns(parseOptions(['--scenarios', 'hot', '--variants', 'onsale,onsale-no-metrics']));
    expect(runs.map((run) => `${run.scenario} ${run.variant}`)).toEqual(['hot onsale', 'hot onsale-no-metrics']);
  });

  it('repeats the whole plan per round (--runs), the cost ablations after Onsale’s cost run', () => {
    const runs = planRuns(parseOptions(['--scenarios', 'cost,drain', '--variants', 'onsale,minimal-sync', '--runs', '2', '--ablate', 'log-sampling,semi-space']));
    expect(runs.map((run) => `${run.round} ${run.scenario} ${run.variant}${run.ablated ? ` ${run.ablated}` : ''}`)).toEqual([
      '1 cost onsale',
      '1 cost minimal-sync',
      '1 cost onsale log-sampling',
      '1 cost onsale semi-space',
      '1 drain onsale',
      '2 cost onsale',
      '2 cost minimal-sync',
      '2 cost onsale log-sampling',
      '2 cost onsale semi-space',
      '2 drain onsale',
    ]);
  });

  it('runs the drain with webhooks next to Onsale’s, the webhooks first in every other round', () => {
    const runs = planRuns(parseOptions(['--scenarios', 'drain', '--variants', 'onsale,onsale-webhooks', '--runs', '3']));
    expect(runs.map((run) => `${run.round} ${run.variant}`)).toEqual([
      '1 onsale',
      '1 onsale-webhooks',
      '2 onsale-webhooks',
      '2 onsale',
      '3 onsale',
      '3 onsale-webhooks',
    ]);
  });

  it('accepts pnpm’s `--` and --scenario as well as --scenarios', () => {
    const options = parseOptions(['--', '--scenario', 'spread', '--requests', '20000']);
    expect(options.scenarios).toEqual(['spread']);
    expect(options.requests).toBe(20_000);
  });

  it('waits 120 s for the drain’s webhooks unless --webhook-timeout says otherwise', () => {
    expect(parseOptions([])['webhook-timeout']).toBe(120);
    expect(parseOptions(['--webhook-timeout', '30'])['webhook-timeout']).toBe(30);
  });

  it('names every bad flag', () => {
    expect(() => parseOptions(['--scenarios', 'cold', '--connections', '0'])).toThrow(/--scenarios.*\n.*--connections/s);
  });
});
