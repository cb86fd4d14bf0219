/**
 * The live event stream and page over HTTP: the real API and a real partition worker in-process on
 * this file's own database and Redis key prefix. The stream's counters come from the worker's
 * published activity, not from reading the database per viewer.
 */
import { eventActivityChannel } from '@onsale/queue';
import type { ReservationView } from '@onsale/shared';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventRequests } from '../../../../test/support/event-requests';
import { expectProblem } from '../../../../test/support/problem';
import { readSse } from '../../../../test/support/sse';
import { waitUntil } from '../../../../test/support/test-environment';
import { newCustomer } from '../../../../test/support/tokens';
import type { LiveEventView } from './live-view';

const { call, app } = apiWithWorkerForThisFile();
const { createEvent } = eventRequests(call);

async function openLive(eventId: string) {
  const res = await fetch(`${app().baseUrl}/v1/events/${eventId}/live`, { headers: { Accept: 'text/event-stream' } });
  const stream = readSse(res);
  return {
    res,
    close: stream.close,
    /** The next `live` message. */
    next: async (): Promise<LiveEventView> => {
      const message = await stream.next();
      expect(message?.event).toBe('live');
      return JSON.parse(message!.data) as LiveEventView;
    },
  };
}

/** Subscribers of the event's activity channel across Redis: one per API process however many watch. */
async function subscribersOf(eventId: string): Promise<number> {
  const [, count] = (await app().env.redis.pubsub('NUMSUB', eventActivityChannel(app().env.keyPrefix, eventId))) as [string, number];
  return count;
}

const ga = (view: LiveEventView) => view.ticketTypes.find((ticketType) => ticketType.code === 'GA')!;

describe('GET /v1/events/:eventId/live (SSE)', () => {
  it('sends the event at once, then the counters, rate and latency the worker publishes after its commits', async () => {
    const event = await createEvent();
    const live = await openLive(event.id);
    try {
      expect(live.res.status).toBe(200);
      expect(live.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const first = await live.next();
      expect(first).toMatchObject({ event: { id: event.id, name: event.name, status: 'on_sale' }, decisionLatencyMs: null, backlog: { queued: 0 } });
      expect(ga(first)).toMatchObject({ capacity: 100, held: 0, sold: 0, available: 100 });

      const buyers = Array.from({ length: 6 }, () => newCustomer());
      const buy = (buyer: { token: string }) =>
        call<ReservationView>('POST', `/v1/events/${event.id}/reservations`, { token: buyer.token, json: { items: [{ ticketType: 'GA', quantity: 2 }] } });
      const accepted = await Promise.all(buyers.slice(0, 5).map(buy));
      expect(accepted.map((reply) => reply.status)).toEqual([202, 202, 202, 202, 202]);

      let view = first;
      while (ga(view).held < 10) view = await live.next();
      expect(ga(view)).toMatchObject({ held: 10, sold: 0, available: 90 });
      expect(view.decisionLatencyMs!.p99).toBeGreaterThanOrEqual(view.decisionLatencyMs!.p50);
      // The rate is measured once the event's commits span a second: a second commit 1.2 s after the first.
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await buy(buyers[5]!)).status).toBe(202);
      while (ga(view).held < 12 || view.decisionsPerSecond === 0) view = await live.next();
      expect(view.decisionsPerSecond).toBeGreaterThan(0);

      const confirmed = await call<ReservationView>('POST', `/v1/reservations/${accepted[0]!.body.id}/confirm`, { token: buyers[0]!.token });
      expect(confirmed.body.status).toBe('confirmed');
      while (ga(view).sold < 2) view = await live.next();
      expect(ga(view)).toMatchObject({ held: 10, sold: 2, available: 88 });
    } finally {
      await live.close();
    }
  });

  it('fans one Redis subscription per event out to every viewer, and drops it after the last leaves', async () => {
    const event = await createEvent();
    const viewers = await Promise.all(Array.from({ length: 20 }, () => openLive(event.id)));
    try {
      const firsts = await Promise.all(viewers.map((viewer) => viewer.next()));
      expect(firsts.every((view) => view.event.id === event.id)).toBe(true);
      expect(await subscribersOf(event.id)).toBe(1);
    } finally {
      await Promise.all(viewers.map((viewer) => viewer.close()));
    }
    await waitUntil(async () => (await subscribersOf(event.id)) === 0);
  });

  it('answers 404 for an unknown event and 400 for a malformed id', async () => {
    expectProblem(await call('GET', '/v1/events/00000000-0000-4000-8000-000000000000/live'), 404);
    expectProblem(await call('GET', '/v1/events/not-an-id/live'), 400);
  });

  it('answers HEAD with the stream headers and ends', async () => {
    const event = await createEvent();
    const head = await fetch(`${app().baseUrl}/v1/events/${event.id}/live`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await fetch(`${app().baseUrl}/v1/events/00000000-0000-4000-8000-000000000000/live`, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('GET /live/:eventId (the page)', () => {
  it('serves the page and its modules from the repository, with a same-origin content policy', async () => {
    const event = await createEvent();
    const page = await call<string>('GET', `/live/${event.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.body).toContain('<script type="module" src="/live/live.js">');

    for (const asset of ['live.js', 'buyer.js', 'live.css']) {
      const reply = await call<string>('GET', `/live/${asset}`);
      expect(reply.status).toBe(200);
      expect(reply.body.length).toBeGreaterThan(100);
    }
  });
});
