import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';

interface Sample {
  at: number;
  /** Decided requests of the event, or undefined when PostgreSQL did not answer. */
  decided: number | undefined;
}

/**
 * Samples, every `intervalMs`, whether PostgreSQL answers and how many of the event's requests are
 * decided: when it came back after a fault, and when the workers decided again. Each sample opens
 * a connection of its own, so no driver backoff or queue delays seeing PostgreSQL back.
 */
export interface DecisionWatch {
  /** The first time after `since` that PostgreSQL answered. */
  backAfter(since: number): number | undefined;
  /** The first time after `since` that the decided count grew past what it was at `since`. */
  decidingAfter(since: number): number | undefined;
  stop(): Promise<void>;
}

export function watchDecisions(databaseUrl: string, eventId: string, intervalMs = 100): DecisionWatch {
  const samples: Sample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      // fetch_types off: postgres.js runs its array-type query on a new connection without awaiting
      // it, so PostgreSQL going down in between left an unhandled ECONNREFUSED in the test process.
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 1, fetch_types: false });
      const query = sql`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND status <> 'queued'`;
      const answer = await Promise.race([query.then((rows) => Number(rows[0]!.n)), sleep(3_000).then(() => undefined)]).catch(
        () => undefined,
      );
      void sql.end({ timeout: 0 }).catch(() => undefined);
      samples.push({ at, decided: answer });
      await sleep(Math.max(0, intervalMs - (Date.now() - at)));
    }
  })();
  const after = (since: number) => samples.filter((sample) => sample.at >= since);
  return {
    backAfter: (since) => after(since).find((sample) => sample.decided !== undefined)?.at,
    decidingAfter(since) {
      const before = samples.filter((sample) => sample.at < since && sample.decided !== undefined).at(-1)?.decided ?? 0;
      return after(since).find((sample) => sample.decided !== undefined && sample.decided > before)?.at;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
