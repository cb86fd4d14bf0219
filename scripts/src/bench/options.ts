import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LEVER_NAMES, type LeverName } from './levers';
import { DEFAULT_VARIANTS, isComparison, isDrain, ONSALE_WITH_WEBHOOKS, SCENARIOS, VARIANTS, type Scenario, type Variant } from './variants';

/** `pnpm bench` flags, validated; sizes default to the issue's on-sale. */
const positive = z.coerce.number().int().positive();
const listOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const flagsSchema = z.object({
  scenarios: listOf(SCENARIOS as unknown as [Scenario, ...Scenario[]]).default([...SCENARIOS]),
  variants: listOf(VARIANTS as unknown as [Variant, ...Variant[]]).default([...DEFAULT_VARIANTS]),
  requests: positive.default(60_000),
  tickets: positive.default(20_000),
  events: positive.default(200),
  connections: positive.default(64),
  workers: positive.default(2),
  /** Seconds of offering per run, at most. */
  duration: positive.default(60),
  /** Seconds of unmeasured load on an event of its own before each run (not drain); 0 for none. */
  warmup: z.coerce.number().int().nonnegative().default(3),
  /** Rounds of the whole plan, one after the other; each figure is reported as the median and range of its rounds. */
  runs: positive.max(9).default(1),
  /** The cost scenario's open-loop rate (requests per second) and seconds of offering. */
  'cost-rate': positive.default(600),
  'cost-duration': positive.default(20),
  /** The variants of --variants the cost scenario runs: by default the three issue 21 compares. */
  'cost-variants': listOf(VARIANTS as unknown as [Variant, ...Variant[]]).default(['auth-ceiling', 'onsale', 'minimal-sync']),
  /** Levers (levers.ts) to measure the other way from how Onsale ships them, each in a cost run of its own. */
  ablate: listOf(LEVER_NAMES).optional(),
  /** Open-loop rate; by default 80% of Onsale's measured hot ingress. */
  rate: positive.optional(),
  /** Seconds to wait, after the last answer, for the backlog to be decided. */
  'drain-timeout': positive.default(120),
  /** Seconds to wait, after the drain with webhooks, for every webhook to reach the receiver. */
  'webhook-timeout': positive.default(120),
  /** Seconds to wait for Redis memory to come back to its size before the run. */
  'memory-timeout': positive.default(30),
  seed: z.coerce.number().int().default(20261122),
  'log-level': z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  url: z.url().optional(),
  out: z.string().default('bench-results'),
  /** Every Node process started writes a V8 CPU profile; each is summarised after the report. */
  profile: z.boolean().default(false),
});
export type BenchOptions = z.infer<typeof flagsSchema>;

const BOOLEAN_FLAGS = ['profile'];
const flags = {
  ...Object.fromEntries(
    [...Object.keys(flagsSchema.shape), 'scenario', 'variant']
      .filter((name) => !BOOLEAN_FLAGS.includes(name))
      .map((name) => [name, { type: 'string' as const }]),
  ),
  ...Object.fromEntries(BOOLEAN_FLAGS.map((name) => [name, { type: 'boolean' as const }])),
};

export function parseOptions(argv: string[]): BenchOptions {
  // `pnpm bench -- --scenario spread` passes the `--` on.
  const { values } = parseArgs({ args: argv.filter((arg) => arg !== '--'), options: flags, strict: true });
  const { scenario, variant, ...rest } = values;
  const parsed = flagsSchema.safeParse({ ...rest, scenarios: rest.scenarios ?? scenario, variants: rest.variants ?? variant });
  if (!parsed.success) {
    throw new Error(`Invalid flags:\n${parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  }
  return parsed.data;
}

export interface PlannedRun {
  variant: Variant;
  scenario: Scenario;
  /** 1-based round of the plan (--runs). */
  round: number;
  /** The lever this run has the other way from how Onsale ships it (--ablate; Onsale's cost runs only). */
  ablated?: LeverName;
}

/**
 * cost and hot for every variant (Onsale's hot rate sets the open loop's), then drain, open loop,
 * spread and the seated hot and drain for Onsale itself; the cost scenario's ablations after its
 * Onsale run. The whole plan once per round (--runs). Against a remote system (--url) only what
 * it runs.
 */
const ONSALE_RUNS = ['onsale', ONSALE_WITH_WEBHOOKS] as const;

export function planRuns(options: BenchOptions): PlannedRun[] {
  if (options.url) {
    return options.scenarios.filter((scenario) => !isDrain(scenario)).map((scenario) => ({ scenario, variant: 'onsale' as const, round: 1 }));
  }
  const order = (scenario: Scenario) => SCENARIOS.indexOf(scenario);
  const round = (n: number) =>
    [...options.scenarios]
      .sort((a, b) => order(a) - order(b))
      .flatMap((scenario): PlannedRun[] => {
        // Onsale's own scenarios run for Onsale, and for Onsale with webhooks when it is listed (its drain is the webhooks' cost),
        // the webhooks first in every other round: neither always runs on the machine the other has just used.
        if (!isComparison(scenario)) {
          const onsaleRuns = ONSALE_RUNS.filter((variant) => options.variants.includes(variant));
          return (n % 2 === 0 ? onsaleRuns.reverse() : onsaleRuns).map((variant): PlannedRun => ({ scenario, variant, round: n }));
        }
        const listed = (variant: Variant) => options.variants.includes(variant) && (scenario !== 'cost' || options['cost-variants'].includes(variant));
        const runs = VARIANTS.filter(listed).map((variant): PlannedRun => ({ scenario, variant, round: n }));
        if (scenario !== 'cost' || !options.variants.includes('onsale')) return runs;
        return [...runs, ...(options.ablate ?? []).map((ablated): PlannedRun => ({ scenario, variant: 'onsale', round: n, ablated }))];
      });
  return Array.from({ length: options.runs }, (_, index) => round(index + 1)).flat();
}
