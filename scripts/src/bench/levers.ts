/*
 * The cost levers `pnpm bench --ablate` measures (issue 21, docs/benchmarks.md#cost-per-ticket):
 * each a setting of Onsale's API read at its edge (an environment variable, or a Node flag it is
 * started with). The `onsale` runs use every lever as Onsale ships it; `--ablate a,b` adds, in
 * the cost scenario, one Onsale run per lever with that lever the other way, so one invocation
 * measures what each saves or costs.
 */

/** What a lever sets on the API process: environment variables, and Node's own flags instead of the API's as it ships (APP_NODE_FLAGS). */
export interface LeverSetting {
  env?: Record<string, string>;
  nodeFlags?: string[];
}

export interface Lever {
  what: string;
  /** How Onsale ships it (its configuration's default). */
  shipped: 'on' | 'off';
  on: LeverSetting;
  off: LeverSetting;
}

export const LEVERS = {
  'local-write-limits': {
    what: 'write rate limits counted in the API\u2019s memory, reconciled through Redis every RATE_LIMIT_RECONCILE_MS (RATE_LIMIT_WRITES_COUNTED_HERE)',
    shipped: 'on',
    on: { env: { RATE_LIMIT_WRITES_COUNTED_HERE: 'true' } },
    off: { env: { RATE_LIMIT_WRITES_COUNTED_HERE: 'false' } },
  },
  'log-sampling': {
    what: 'past 50 a second, one successful request in 100 logged; every error and refusal (LOG_SUCCESS_SAMPLE=0.01)',
    shipped: 'off',
    on: { env: { LOG_SUCCESS_SAMPLE: '0.01' } },
    off: { env: { LOG_SUCCESS_SAMPLE: '1' } },
  },
  'semi-space': {
    what: 'V8 young generation of 32 MB a semi-space for the API (node --max-semi-space-size=32); off: Node\u2019s default',
    shipped: 'off',
    on: { nodeFlags: ['--max-semi-space-size=32'] },
    off: { nodeFlags: [] },
  },
  'lean-routes': {
    what: 'buy, poll and the seat map served before Express\u2019s router, with only what they need, four JSON security headers (LEAN_ROUTES, issue 17)',
    shipped: 'on',
    on: { env: { LEAN_ROUTES: 'true' } },
    off: { env: { LEAN_ROUTES: 'false' } },
  },
  'rate-limits': {
    what: 'every rate limit (RATE_LIMIT_ENABLED): what the limits cost in all, for reference',
    shipped: 'on',
    on: { env: { RATE_LIMIT_ENABLED: 'true' } },
    off: { env: { RATE_LIMIT_ENABLED: 'false' } },
  },
  metrics: {
    what: 'Prometheus metrics (METRICS_ENABLED), for reference',
    shipped: 'on',
    on: { env: { METRICS_ENABLED: 'true' } },
    off: { env: { METRICS_ENABLED: 'false' } },
  },
} as const satisfies Record<string, Lever>;

export type LeverName = keyof typeof LEVERS;
export const LEVER_NAMES = Object.keys(LEVERS) as [LeverName, ...LeverName[]];

const flipped = (lever: Lever) => (lever.shipped === 'on' ? 'off' : 'on');

/** The API's settings with `ablated` the other way from how Onsale ships it (nothing changed without one). */
export function apiSettingFor(ablated: LeverName | undefined): LeverSetting {
  if (ablated === undefined) return {};
  const lever: Lever = LEVERS[ablated];
  return lever[flipped(lever)];
}

/** `local-write-limits on`: the lever and the way an ablation run sets it. */
export const ablationLabel = (ablated: LeverName) => `${ablated} ${flipped(LEVERS[ablated])}`;

/** ` [local-write-limits on]` after a run's name when it ablates a lever; nothing otherwise. */
export const ablationTag = (ablated: LeverName | undefined) => (ablated ? ` [${ablationLabel(ablated)}]` : '');
