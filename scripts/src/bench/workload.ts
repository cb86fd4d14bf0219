/** One reservation request of the load: who asks, for which event, how many tickets. */
export interface PlannedRequest {
  customer: string;
  eventIndex: number;
  quantity: number;
}

/** mulberry32: a tiny seeded PRNG, so that every variant is offered exactly the same load. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `requests` distinct customers, spread round-robin over `events`, each asking for 1–`maxQuantity` (4) tickets. */
export function planRequests(options: { requests: number; events: number; seed: number; maxQuantity?: number }): PlannedRequest[] {
  const random = seededRandom(options.seed);
  const maxQuantity = options.maxQuantity ?? 4;
  return Array.from({ length: options.requests }, (_, n) => ({
    customer: `bench-customer-${n}`,
    eventIndex: n % options.events,
    quantity: 1 + Math.floor(random() * maxQuantity),
  }));
}
