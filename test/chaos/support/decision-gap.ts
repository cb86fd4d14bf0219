import postgres from 'postgres';

/** The event's decisions around a moment: the last one written before it and the first after. */
export interface DecisionGap {
  /** `at` minus the last decision written before it (ms). */
  lastBeforeMs: number | undefined;
  /** The first decision written after `at`, minus `at` (ms). */
  firstAfterMs: number | undefined;
  /** From the last decision before `at` to the first after: how long the event went undecided. */
  gapMs: number | undefined;
}

/**
 * Reads the event's decision times (`decided_at`, written by the database's clock, which is this
 * machine's) around `at` (`Date.now()` of a fault).
 */
export async function decisionGapAround(databaseUrl: string, eventId: string, at: number): Promise<DecisionGap> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const moment = new Date(at);
    const [row] = await sql<{ before: Date | null; after: Date | null }[]>`
      SELECT (SELECT max(decided_at) FROM reservations WHERE event_id = ${eventId} AND decided_at < ${moment}) AS before,
             (SELECT min(decided_at) FROM reservations WHERE event_id = ${eventId} AND decided_at >= ${moment}) AS after`;
    const before = row?.before?.getTime();
    const after = row?.after?.getTime();
    return {
      lastBeforeMs: before === undefined ? undefined : at - before,
      firstAfterMs: after === undefined ? undefined : after - at,
      gapMs: before === undefined || after === undefined ? undefined : after - before,
    };
  } finally {
    await sql.end({ timeout: 2 });
  }
}
