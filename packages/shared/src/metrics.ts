import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { withDeadline } from './failure-policy';

/*
 * The pieces of Prometheus instrumentation the API and the workers share. What each process
 * measures is declared in its own metrics module (apps/api/src/metrics.ts, apps/worker/src/metrics.ts).
 */

/** A registry with Node's default process metrics (CPU, memory, event loop lag, GC, handles). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * `read`, at most once per `ttlMs`: every scrape within that time (several Prometheus servers,
 * a dashboard refreshing) shares one reading, and concurrent callers share the one in flight.
 */
export function cachedReading<T>(read: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= ttlMs) {
      const value = read();
      cached = { at: now, value };
      // A failed reading is not kept: the next scrape tries again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}

/** How long a reachability check may take before the dependency counts as down. */
const REACHABILITY_TIMEOUT_MS = 1_000;

async function answers(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await withDeadline(check(), REACHABILITY_TIMEOUT_MS, { what: 'reachability check' });
    return true;
  } catch {
    return false;
  }
}

/** `onsale_dependency_up{dependency}`: 1 when the dependency answered its check at scrape time, else 0. */
export function addReachabilityGauge(registry: Registry, checks: Record<string, () => Promise<unknown>>): void {
  const reachable = cachedReading(
    async () => Promise.all(Object.entries(checks).map(async ([dependency, check]) => [dependency, await answers(check)] as const)),
    1_000,
  );
  new Gauge({
    name: 'onsale_dependency_up',
    help: 'Whether a dependency (postgres, redis) answered a check at scrape time: 1 yes, 0 no',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      for (const [dependency, up] of await reachable()) this.set({ dependency }, up ? 1 : 0);
    },
  });
}

export interface PoolReading {
  /** Connections the pool has open. */
  open: number;
  /** Open connections running a query or holding a transaction. */
  inUse: number;
}

/**
 * `onsale_db_pool_connections{state}` (open, in_use) and `onsale_db_pool_max`: this process's
 * PostgreSQL pool, as PostgreSQL sees it (postgres.js keeps its own counts private).
 */
export function addPoolGauges(registry: Registry, max: number, read: () => Promise<PoolReading>): void {
  const reading = cachedReading(read, 1_000);
  new Gauge({
    name: 'onsale_db_pool_max',
    help: 'The most PostgreSQL connections this process opens (DB_POOL_SIZE)',
    registers: [registry],
  }).set(max);
  new Gauge({
    name: 'onsale_db_pool_connections',
    help: "This process's PostgreSQL connections: open, and in_use (running a query or inside a transaction)",
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      try {
        const { open, inUse } = await reading();
        this.set({ state: 'open' }, open);
        this.set({ state: 'in_use' }, inUse);
      } catch {
        // PostgreSQL is unreachable: onsale_dependency_up says so; no stale figures.
        this.reset();
      }
    },
  });
}

export type Sample<L extends string> = [labels: Partial<Record<L, string>>, value: number];

/**
 * A gauge whose series are read at scrape time: each scrape replaces them all with `read()`'s
 * samples, so a series that is gone (a drained event) disappears. A failed reading exports no
 * series rather than failing the scrape or repeating stale figures.
 */
export function addReadGauge<L extends string>(
  registry: Registry,
  definition: { name: string; help: string; labelNames: readonly L[] },
  read: () => Promise<Iterable<Sample<L>>>,
): void {
  new Gauge({
    ...definition,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const [labels, value] of await read()) this.set(labels, value);
      } catch {
        // PostgreSQL or Redis is unreachable: onsale_dependency_up says so.
      }
    },
  });
}
