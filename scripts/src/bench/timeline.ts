/** Decisions per second and backlog, bucket by bucket, from the start of a run. */
export interface Timeline {
  bucketMs: number;
  /** Start of each bucket, in milliseconds since the run's first request. */
  t: number[];
  /** 2xx answers per second. */
  acceptedPerSecond: number[];
  /** Empty when the variant decides nothing (ingress-ceiling), like the backlog. */
  decisionsPerSecond: number[];
  /** Accepted so far minus decided so far, at the end of each bucket. */
  backlog: number[];
}

/**
 * Buckets wall-clock decision counts (bucket start → count, already bucketed by `bucketMs`) and
 * accept times onto one time axis starting at `startedAt`.
 */
export function buildTimeline(options: {
  startedAt: number;
  acceptedAt: readonly number[];
  /** Undefined when the variant decides nothing. */
  decided: ReadonlyMap<number, number> | undefined;
  bucketMs: number;
}): Timeline {
  const { startedAt, bucketMs } = options;
  const indexOf = (wallMs: number) => Math.max(0, Math.floor((wallMs - startedAt) / bucketMs));
  // Accept times are recorded in the order the answers arrived.
  const lastAccepted = options.acceptedAt.at(-1) ?? startedAt;
  const lastDecided = options.decided?.size ? Math.max(...options.decided.keys()) : startedAt;
  const buckets = indexOf(Math.max(lastAccepted, lastDecided)) + 1;

  const accepted = new Array<number>(buckets).fill(0);
  for (const at of options.acceptedAt) accepted[indexOf(at)]!++;
  const decided = new Array<number>(buckets).fill(0);
  for (const [bucketStart, count] of options.decided ?? []) decided[indexOf(bucketStart)]! += count;

  const timeline: Timeline = { bucketMs, t: [], acceptedPerSecond: [], decisionsPerSecond: [], backlog: [] };
  let acceptedSoFar = 0;
  let decidedSoFar = 0;
  for (let index = 0; index < buckets; index++) {
    acceptedSoFar += accepted[index]!;
    decidedSoFar += decided[index]!;
    timeline.t.push(index * bucketMs);
    timeline.acceptedPerSecond.push((accepted[index]! * 1000) / bucketMs);
    if (!options.decided) continue;
    timeline.decisionsPerSecond.push((decided[index]! * 1000) / bucketMs);
    // A design that decides inside the request writes decided_at before the client sees its answer.
    timeline.backlog.push(Math.max(0, acceptedSoFar - decidedSoFar));
  }
  return timeline;
}
