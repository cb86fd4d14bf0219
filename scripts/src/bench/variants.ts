/** The designs the benchmark compares on the same load. */
export const VARIANTS = ['ingress-ceiling', 'onsale', 'sync-lock', 'queue-ceiling'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Variants served by the benchmark's own API entry point rather than Onsale's. */
export type AlternativeVariant = Exclude<Variant, 'onsale'>;

export const SCENARIOS = ['hot', 'drain', 'open', 'spread'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Redis hash, under the run's key prefix, where no-op workers count completed jobs per 50 ms. */
export const completionsKey = (keyPrefix: string) => `${keyPrefix}:bench:completions`;
export const COMPLETION_BUCKET_MS = 50;
