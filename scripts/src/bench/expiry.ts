import { parseArgs } from 'node:util';
import { partitionFor } from '@onsale/queue';
import postgres from 'postgres';
import { OnsaleClient } from '../client';
import { startLocalOnsale } from '../processes';

/*
 * `pnpm bench:expiry`: what a mass expiry costs the other events of its partition. Event A gets
 * `--holds` holds, which are then all made due at once; meanwhile event B, on the same partition,
 * takes a steady stream of requests. Reported: B's accept→decision latency before, during and
 * after the expiry, and how long the expiry took.
 */

const { values: flags } = parseArgs({
  options: {
    holds: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '8' },
    workers: { type: 'string', default: '2' },
  },
});
const holds = Number(flags.holds);
const ratePerSecond = Number(flags.rate);
const streamSeconds = Number(flags.seconds);
const PARTITIONS = 16;
const PREFIX = 'onsale-expiry';
const JWT_SECRET = 'expiry-benchmark-secret';
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const eventBody = (name: string, capacity: number) => ({
  name,
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  holdTtlSeconds: 3_600,
  ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity }],
});

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const onsale = await startLocalOnsale({
    database: 'onsale_expiry',
    keyPrefix: PREFIX,
    jwtSecret: JWT_SECRET,
    workers: Number(flags.workers),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/11',
    env: { PARTITION_COUNT: String(PARTITIONS) },
  });
  const client = new OnsaleClient(onsale.url, JWT_SECRET, 32);
  const sql = postgres(onsale.databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const a = await client.createEvent(eventBody('expiring', holds));
    let b = await client.createEvent(eventBody('neighbour', 1_000_000));
    while (partitionFor(b.id, PARTITIONS) !== partitionFor(a.id, PARTITIONS)) b = await client.createEvent(eventBody('neighbour', 1_000_000));

    say(`filling ${holds} holds on event A …`);
    for (let start = 0; start < holds; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, holds - start) }, (_, n) => client.reserve(a.id, `holder-${start + n}`, [{ ticketType: 'GA', quantity: 1 }])),
      );
    }
    await until(async () => (await sql`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${a.id} AND status = 'held'`)[0]!.n === holds, 120_000, 'the holds');

    // B's stream: `rate` requests a second for `seconds`; A's holds all fall due a third of the way in.
    const tokens = Array.from({ length: ratePerSecond * streamSeconds }, (_, n) => `buyer-${n}`);
    const streamStart = Date.now();
    const dueAt = streamStart + (streamSeconds * 1000) / 3;
    const sends: Promise<unknown>[] = [];
    let madeDue: Date | undefined;
    for (let n = 0; n < tokens.length; n++) {
      const sendAt = streamStart + (n * 1000) / ratePerSecond;
      if (!madeDue && sendAt >= dueAt) {
        [{ at: madeDue }] = await sql<{ at: Date }[]>`
          UPDATE reservations SET expires_at = now() WHERE event_id = ${a.id} AND status = 'held' RETURNING now() AS at`.then((rows) => [rows[0]!]);
      }
      const wait = sendAt - Date.now();
      if (wait > 0) await sleep(wait);
      sends.push(client.reserve(b.id, tokens[n]!, [{ ticketType: 'GA', quantity: 1 }]));
    }
    await Promise.all(sends);
    await until(
      async () => (await sql`SELECT count(*)::int AS n FROM reservations WHERE event_id IN (${a.id}, ${b.id}) AND (status = 'queued' OR (status = 'held' AND event_id = ${a.id}))`)[0]!.n === 0,
      300_000,
      'every decision and expiry',
    );

    const [expiry] = await sql<{ ms: number }[]>`
      SELECT extract(epoch FROM max(updated_at) - ${madeDue!}::timestamptz) * 1000 AS ms FROM reservations WHERE event_id = ${a.id} AND status = 'expired'`;
    const phases = await sql<{ phase: string; n: number; p50: number; p99: number; max: number }[]>`
      WITH b AS (
        SELECT extract(epoch FROM decided_at - created_at) * 1000 AS ms,
          CASE WHEN created_at < ${madeDue!}::timestamptz THEN '1 before'
               WHEN created_at <= ${madeDue!}::timestamptz + make_interval(secs => ${Number(expiry!.ms) / 1000}) THEN '2 during'
               ELSE '3 after' END AS phase
        FROM reservations WHERE event_id = ${b.id})
      SELECT phase, count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
      FROM b GROUP BY phase ORDER BY phase`;
    say(`${holds} holds expired in ${Math.round(Number(expiry!.ms))} ms (from falling due to the last one expired)`);
    say(`event B, ${ratePerSecond} requests/s on the same partition, accept→decision ms:`);
    for (const row of phases) {
      say(`  ${row.phase.slice(2).padEnd(7)} n=${String(row.n).padStart(5)}  p50 ${Math.round(row.p50)}  p99 ${Math.round(row.p99)}  max ${Math.round(row.max)}`);
    }
  } finally {
    await client.close();
    await sql.end({ timeout: 5 });
    await onsale.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
