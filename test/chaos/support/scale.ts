/**
 * How big the chaos scenarios run. `pnpm test` runs them bounded (CI's time is shared);
 * `pnpm test:chaos` sets CHAOS_SCALE=full: a few thousand requests, a 90 s outage.
 */
export const CHAOS_FULL = process.env.CHAOS_SCALE === 'full';

/** `bounded` in `pnpm test`, `full` in `pnpm test:chaos`. */
export const bySize = <T>(bounded: T, full: T): T => (CHAOS_FULL ? full : bounded);
