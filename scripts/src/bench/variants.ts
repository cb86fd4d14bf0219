/** The designs the benchmark compares on the same load. */
export const VARIANTS = ['ingress-ceiling', 'auth-ceiling', 'onsale', 'onsale-no-metrics', 'onsale-webhooks', 'sync-lock', 'minimal-sync', 'queue-ceiling'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Onsale with METRICS_ENABLED=false: run next to `onsale` to measure what the metrics cost. Not run unless asked for. */
export const ONSALE_WITHOUT_METRICS = 'onsale-no-metrics';
/**
 * Onsale with a webhook endpoint subscribed to every event type (a local receiver answering 204):
 * run next to `onsale` to measure what webhooks on every decision cost. Not run unless asked for.
 */
export const ONSALE_WITH_WEBHOOKS = 'onsale-webhooks';
export const DEFAULT_VARIANTS = VARIANTS.filter((variant) => variant !== ONSALE_WITHOUT_METRICS && variant !== ONSALE_WITH_WEBHOOKS);

/** Variants that run Onsale's own API and workers. */
export const isOnsale = (variant: Variant): variant is 'onsale' | typeof ONSALE_WITHOUT_METRICS | typeof ONSALE_WITH_WEBHOOKS =>
  variant === 'onsale' || variant === ONSALE_WITHOUT_METRICS || variant === ONSALE_WITH_WEBHOOKS;

/** Variants served by the benchmark's variant API (Onsale's routes, another intake). */
export type AlternativeVariant = Exclude<Variant, 'onsale' | typeof ONSALE_WITHOUT_METRICS | typeof ONSALE_WITH_WEBHOOKS | 'auth-ceiling' | 'minimal-sync'>;

/**
 * Variants with an API of their own and no Onsale code on the buy path (no seat maps): the
 * authenticated ceiling, and minimal-sync, the synchronous design a team would write (bare
 * Express, one `SELECT … FOR UPDATE` transaction per request, a pool of 10). sync-lock is the same
 * design built from Onsale's production parts (its routes, validation, idempotency, per-customer caps).
 */
const STANDALONE_VARIANTS = ['auth-ceiling', 'minimal-sync'] as const;
/** A standalone variant's API is the bench entry of its own name (`<variant>.ts`). */
export const isStandalone = (variant: Variant): variant is (typeof STANDALONE_VARIANTS)[number] => (STANDALONE_VARIANTS as readonly Variant[]).includes(variant);

/** The ceilings that answer 202 and decide nothing, so nothing is verified. */
export const decidesNothing = (variant: Variant) => variant === 'ingress-ceiling' || variant === 'auth-ceiling';

/**
 * `cost`: every listed variant offered a fixed open-loop rate (--cost-rate for --cost-duration s)
 * on one event too large to sell out, each process's CPU divided by the 2xx answers: the CPU a
 * `202` costs, steadier than any throughput on a shared machine. Run before the others.
 */
export const SCENARIOS = ['cost', 'hot', 'drain', 'open', 'spread', 'seated-hot', 'seated-drain'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Scenarios offered to every listed variant, not Onsale's alone. */
export const isComparison = (scenario: Scenario) => scenario === 'hot' || scenario === 'cost';

/** Scenarios whose workers start only once the whole load is answered. */
export const isDrain = (scenario: Scenario) => scenario === 'drain' || scenario === 'seated-drain';

/** Scenarios on one event whose ticket type is the benchmark's seat map, asked best available. */
export const isSeated = (scenario: Scenario) => scenario === 'seated-hot' || scenario === 'seated-drain';

/** Redis hash, under the run's key prefix, where no-op workers count completed jobs per 50 ms. */
export const completionsKey = (keyPrefix: string) => `${keyPrefix}:bench:completions`;
export const COMPLETION_BUCKET_MS = 50;
