import type postgres from 'postgres';

/*
 * What the database says about a run: when each request was decided (`reservations.decided_at`,
 * written by the deciding transaction with clock_timestamp()), and how long it waited.
 */

export interface DecisionSummary {
  decided: number;
  /** Wall-clock milliseconds of the first and last decision. */
  firstDecidedAt: number | null;
  lastDecidedAt: number | null;
  /** decided / (last − first decision), the mean decision rate. */
  decisionsPerSecond: number | null;
  acceptToDecisionP50Ms: number | null;
  acceptToDecisionP99Ms: number | null;
  /** When the last event to sell out made its last hold; null if some event never sold out. */
  soldOutAt: number | null;
}

/*
 * uuid[] parameters are sent as text arrays and cast in the query (`${ids}::uuid[]`): a typed
 * `sql.array` needs the array types postgres.js fetches with a connection's first query, and
 * fails when it is that first query.
 */

const orNull = (value: string | number | null) => (value === null ? null : Number(value));

/** Over the reservations of `eventIds`: a run's own events, even on a database that has others. */
export async function summariseDecisions(sql: postgres.Sql, eventIds: readonly string[]): Promise<DecisionSummary> {
  const [row] = await sql<{ decided: string; first: string | null; last: string | null; p50: string | null; p99: string | null }[]>`
    SELECT count(*) AS decided,
           extract(epoch FROM min(decided_at)) * 1000 AS first,
           extract(epoch FROM max(decided_at)) * 1000 AS last,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at) * 1000) AS p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at) * 1000) AS p99
    FROM reservations WHERE decided_at IS NOT NULL AND event_id = ANY(${eventIds as string[]}::uuid[])`;
  const decided = Number(row!.decided);
  const first = orNull(row!.first);
  const last = orNull(row!.last);
  return {
    decided,
    firstDecidedAt: first,
    lastDecidedAt: last,
    decisionsPerSecond: first !== null && last !== null && last > first ? decided / ((last - first) / 1000) : null,
    acceptToDecisionP50Ms: orNull(row!.p50),
    acceptToDecisionP99Ms: orNull(row!.p99),
    soldOutAt: await soldOutAt(sql, eventIds),
  };
}

/** An event has sold out once a request was rejected as sold_out; it sold out at its last hold. */
async function soldOutAt(sql: postgres.Sql, eventIds: readonly string[]): Promise<number | null> {
  const [row] = await sql<{ events: string; soldOut: string; at: string | null }[]>`
    WITH per_event AS (
      SELECT e.id,
             bool_or(r.reason = 'sold_out') AS sold_out,
             max(r.decided_at) FILTER (WHERE r.status IN ('held', 'confirmed')) AS last_hold
      FROM events e LEFT JOIN reservations r ON r.event_id = e.id
      WHERE e.id = ANY(${eventIds as string[]}::uuid[])
      GROUP BY e.id
    )
    SELECT count(*) AS events, count(*) FILTER (WHERE sold_out) AS "soldOut", extract(epoch FROM max(last_hold)) * 1000 AS at
    FROM per_event`;
  return row!.events === row!.soldOut ? orNull(row!.at) : null;
}

/** Decisions counted per `bucketMs` bucket of their decided_at: wall-clock bucket start → count. */
export async function decisionTimeline(sql: postgres.Sql, eventIds: readonly string[], bucketMs: number): Promise<Map<number, number>> {
  const rows = await sql<{ bucket: string; count: string }[]>`
    SELECT floor(extract(epoch FROM decided_at) * 1000 / ${bucketMs})::bigint AS bucket, count(*) AS count
    FROM reservations WHERE decided_at IS NOT NULL AND event_id = ANY(${eventIds as string[]}::uuid[]) GROUP BY 1`;
  return new Map(rows.map((row) => [Number(row.bucket) * bucketMs, Number(row.count)]));
}

/** How many reservations are decided so far (for the progress line). */
export async function countDecided(sql: postgres.Sql, eventIds: readonly string[]): Promise<number> {
  const [row] = await sql<{ count: string }[]>`
    SELECT count(*) AS count FROM reservations WHERE status <> 'queued' AND event_id = ANY(${eventIds as string[]}::uuid[])`;
  return Number(row!.count);
}
