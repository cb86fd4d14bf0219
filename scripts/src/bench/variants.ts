/** The designs the benchmark compares on the same load. */
export const VARIANTS = ['ingress-ceiling', 'auth-ceiling', 'onsale', 'onsale-no-metrics', 'sync-lock', 'queue-ceiling'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Onsale with METRICS_ENABLED=false: run next to `onsale` to measure what the metrics cost. Not run unless asked for. */
export const ONSALE_WITHOUT_METRICS = 'onsale-no-metrics';
export const DEFAULT_VARIANTS = VARIANTS.filter((variant) => variant !== ONSALE_WITHOUT_METRICS);

/** Variants that run Onsale's own API and workers. */
export const isOnsale = (variant: Variant): variant is 'onsale' | typeof ONSALE_WITHOUT_METRICS =>
  variant === 'onsale' || variant === ONSALE_WITHOUT_METRICS;

/** Variants served by the benchmark's variant API (Onsale's routes, another intake). */
export type AlternativeVariant = Exclude<Variant, 'onsale' | typeof ONSALE_WITHOUT_METRICS | 'auth-ceiling'>;

/** The ceilings that answer 202 and decide nothing, so nothing is verified. */
export const decidesNothing = (variant: Variant) => variant === 'ingress-ceiling' || variant === 'auth-ceiling';

export const SCENARIOS = ['hot', 'drain', 'open', 'spread', 'seated-hot', 'seated-drain'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Scenarios whose workers start only once the whole load is answered. */
export const isDrain = (scenario: Scenario) => scenario === 'drain' || scenario === 'seated-drain';

/** Scenarios on one event whose ticket type is the benchmark's seat map, asked best available. */
export const isSeated = (scenario: Scenario) => scenario === 'seated-hot' || scenario === 'seated-drain';

/** Redis hash, under the run's key prefix, where no-op workers count completed jobs per 50 ms. */
export const completionsKey = (keyPrefix: string) => `${keyPrefix}:bench:completions`;
export const COMPLETION_BUCKET_MS = 50;
