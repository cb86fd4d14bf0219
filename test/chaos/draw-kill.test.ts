import { randomUUID } from 'node:crypto';
import { commitmentOf, drawOrder } from '@onsale/domain';
import postgres from 'postgres';
import { tokenFor } from '../support/tokens';
import { CHAOS_JWT_SECRET, untilDecided, useChaosCluster } from './support';

/*
 * `kill -9` to the worker running an event's fair draw, inside its transaction: the draw holds
 * the event's inventory lock and waits for the queue row, which this test holds (as a batch being
 * recorded would). The killed transaction leaves nothing; the other worker runs the draw, once,
 * and the order is the one the revealed seed gives, decided in that order.
 */

jest.setTimeout(300_000);

const ENTRIES = 60;

describe('kill -9 the worker running the draw', () => {
  const chaos = useChaosCluster();

  it('leaves no trace of the killed draw; the survivor draws the order the seed gives, and decides in it', async () => {
    const { cluster } = chaos;
    const sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
    try {
      const salesStartAt = new Date(Date.now() + 8_000);
      const eventId = await cluster.createEvent(ENTRIES, { preQueueOpensAt: new Date(Date.now() - 60_000).toISOString(), salesStartAt: salesStartAt.toISOString() });
      const ids = await Promise.all(
        Array.from({ length: ENTRIES }, async () => {
          const response = await fetch(`${cluster.url}/v1/events/${eventId}/reservations`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenFor(`buyer-${randomUUID()}`, 'customer', CHAOS_JWT_SECRET)}` },
            body: JSON.stringify({ items: [{ ticketType: 'GA', quantity: 1 }] }),
          });
          expect(response.status).toBe(202);
          return ((await response.json()) as { id: string }).id;
        }),
      );

      // Hold the queue row: the draw, once due, locks the inventory and then waits here.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const blocker = sql.begin(async (tx) => {
        await tx`SELECT 1 FROM event_queues WHERE event_id = ${eventId} FOR UPDATE`;
        holding();
        await released;
      });
      await held;

      let victim: string | undefined;
      const deadline = Date.now() + 60_000;
      while (!victim) {
        const [waiting] = await sql<{ name: string }[]>`
          SELECT application_name AS name FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE '%FROM event_draws d JOIN event_queues q%' AND application_name LIKE 'onsale-worker-%'`;
        victim = waiting?.name.replace('onsale-worker-', '');
        if (!victim) {
          if (Date.now() > deadline) throw new Error('no worker started the draw');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await cluster.kill(victim);
      release();
      await blocker;

      // Nothing of the killed draw; the survivor's sweep runs it (the killed job is gone with its lock).
      await untilDecided(cluster.databaseUrl, eventId, ENTRIES, 120_000);
      const [draw] = await sql<{ seed: string; commitment: string; entries: number }[]>`
        SELECT seed, commitment, entries FROM event_draws WHERE event_id = ${eventId} AND drawn_at IS NOT NULL`;
      expect(draw).toBeDefined();
      expect(commitmentOf(draw!.seed)).toBe(draw!.commitment);
      expect(draw!.entries).toBe(ENTRIES);

      const expected = drawOrder(draw!.seed, ids).map(({ id }) => id);
      const placed = await sql<{ id: string; decidedBy: string; status: string }[]>`
        SELECT id, decided_by AS "decidedBy", status FROM reservations WHERE event_id = ${eventId} ORDER BY queue_seq`;
      expect(placed.map((row) => row.id)).toEqual(expected);
      // Decided in draw order: a batch's decisions share their decided_at, so along the draw order it
      // never goes back. Each decided once (one history row from queued), by the survivor.
      const decisions = await sql<{ id: string; decidedAt: string; fromQueued: number }[]>`
        SELECT r.id, r.decided_at::text AS "decidedAt",
          (SELECT count(*)::int FROM reservation_history h WHERE h.reservation_id = r.id AND h.from_status = 'queued') AS "fromQueued"
        FROM reservations r WHERE r.event_id = ${eventId} ORDER BY r.queue_seq`;
      const decidedAt = decisions.map((row) => Date.parse(row.decidedAt));
      expect(decidedAt.every(Number.isFinite)).toBe(true);
      expect(decidedAt).toEqual([...decidedAt].sort((a, b) => a - b));
      expect(decisions.every((row) => row.fromQueued === 1)).toBe(true);
      expect(new Set(placed.map((row) => row.decidedBy))).toEqual(new Set(placed.map(() => placed[0]!.decidedBy)));
      expect(placed[0]!.decidedBy).not.toBe(victim);
      expect(placed.every((row) => row.status === 'held')).toBe(true);
      expect(cluster.unexpectedExits()).toEqual([]);
    } finally {
      await sql.end({ timeout: 2 });
    }
  });
});
