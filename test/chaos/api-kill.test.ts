import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { tokenFor } from '../support/tokens';
import {
  type AcceptedRequest,
  ALL_ZERO,
  bySize,
  CHAOS_JWT_SECRET,
  countByStatus,
  inFlightAt,
  mustBeZero,
  reportScenario,
  rush,
  useChaosCluster,
  verifyRush,
} from './support';

/*
 * `kill -9` to the API mid-rush, with a burst of requests in its write batcher, then a new API on
 * the same port: every request that got a 202 is decided; a request whose answer the crash cut
 * off, retried with the same Idempotency-Key, gets the reservation that was recorded (no second
 * one); and so does every other 202'd request asked again.
 */

jest.setTimeout(bySize(300_000, 600_000));

const REQUESTS = bySize(1_500, 4_000);
const SPREAD_MS = bySize(10_000, 20_000);
const TICKETS = Math.floor(REQUESTS / 3);
const BURST = 300;
const BURST_LEAD_MS = 100;

/** POSTs each request again with its Idempotency-Key: the ids answered, in order. */
async function replay(baseUrl: string, eventId: string, requests: AcceptedRequest[], concurrency = 50) {
  const answers: { status: number; id?: string }[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < requests.length; index = next++) {
      const { customer, idempotencyKey } = requests[index]!;
      const response = await fetch(`${baseUrl}/v1/events/${eventId}/reservations`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${tokenFor(customer, 'customer', CHAOS_JWT_SECRET)}`,
          'Idempotency-Key': idempotencyKey,
        },
        body: JSON.stringify({ items: [{ ticketType: 'GA', quantity: 1 }] }),
      });
      answers[index] = { status: response.status, id: ((await response.json()) as { id?: string }).id };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

describe('kill -9 the API mid-rush', () => {
  const chaos = useChaosCluster();

  it('decides every 202 once, and a retry with the same Idempotency-Key gets the same reservation', async () => {
    const { cluster } = chaos;
    const eventId = await cluster.createEvent(TICKETS);
    const rushing = rush({ baseUrl: cluster.url, eventId, requests: REQUESTS, spreadMs: SPREAD_MS });

    await sleep(SPREAD_MS * 0.3);
    const bursting = rush({ baseUrl: cluster.url, eventId, requests: BURST, spreadMs: 0, concurrency: BURST });
    await sleep(BURST_LEAD_MS);
    const killedAt = Date.now();
    await cluster.kill('api');
    await cluster.restart('api');
    const newApiReadyMs = Date.now() - killedAt;

    const [result, burst] = await Promise.all([rushing, bursting]);
    const accepted = [...result.accepted, ...burst.accepted];
    const verification = await verifyRush({ cluster, eventId, accepted, decideWithinMs: 60_000 });
    const attempts = [...result.attempts, ...burst.attempts];
    const cutOff = inFlightAt(attempts, killedAt);

    // Every request recorded got its 202 in the end (a cut-off one through its retry): no reservation nobody was told of.
    const sql = postgres(cluster.databaseUrl, { max: 1, onnotice: () => {} });
    const [recorded] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId}`;
    await sql.end({ timeout: 2 });
    const answers = await replay(cluster.url, eventId, accepted);
    const differentIds = answers.filter((answer, index) => answer.status !== 200 && answer.status !== 202 ? true : answer.id !== accepted[index]!.id);

    reportScenario('api-kill', {
      rush: result,
      cluster,
      verification,
      burst: { requests: BURST, finalStatuses: burst.finalStatuses },
      inFlightAtKill: cutOff.length,
      theirFirstAnswers: countByStatus(cutOff),
      newApiReadyAfterMs: newApiReadyMs,
      recorded: recorded!.n,
      replayed: answers.length,
      replayStatuses: countByStatus(answers.map((answer) => ({ status: answer.status, sentAt: 0, latencyMs: 0, retryAfter: null }))),
      replayDifferentIds: differentIds.length,
    });

    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });
    expect(burst.finalStatuses).toEqual({ 202: BURST });
    expect(verification.held).toBe(TICKETS);
    expect(recorded!.n).toBe(REQUESTS + BURST);
    expect(new Set(accepted.map((request) => request.id)).size).toBe(REQUESTS + BURST);
    expect(differentIds).toEqual([]);
  });
});
