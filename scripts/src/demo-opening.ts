import { randomUUID } from 'node:crypto';
import { createOnsaleClient, OnsaleApiError, ReservationRejected, type OnsaleClient, type Reservation } from '@onsale/client';
import { signTokens } from './bench/tokens';
import { runWaitlistOffer } from './demo-waitlist';

/*
 * `./onsale demo --opening`: a fair opening. The event's pre-queue opens; buyers arrive over the
 * window (when does not matter); the commitment to the draw's secret seed is published first. At
 * salesStartAt the event's writer draws the order, reveals the seed, and decides in that order;
 * the demo then checks the draw as any buyer could, from what the API publishes.
 */

const WINDOW_MS = 8_000;
/** Buyers arrive over this much of the window, the rest is the wait for the draw. */
const ARRIVALS_MS = 5_000;

const count = (n: number) => n.toLocaleString('en-US');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOpening(options: {
  admin: OnsaleClient;
  url: string;
  jwtSecret: string;
  buyers: number;
  tickets: number;
  say: (line: string) => void;
}): Promise<boolean> {
  const { admin, url, jwtSecret, buyers, tickets, say } = options;
  const salesStartAt = new Date(Date.now() + WINDOW_MS);
  const event = await admin.events.create({
    name: 'Stadium tour — fair opening',
    startsAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    preQueueOpensAt: new Date().toISOString(),
    salesStartAt: salesStartAt.toISOString(),
    maxTicketsPerCustomer: 4,
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 8900, capacity: tickets }],
  });
  const announced = await admin.events.draw(event.id);
  say(`Pre-queue open until ${announced.drawAt} (${tickets} tickets). Published before anyone entered:`);
  say(`  commitment ${announced.commitment} (SHA-256 of the secret seed)`);

  const tokens = signTokens(jwtSecret, Array.from({ length: buyers }, (_, index) => `opening-fan-${index}`));
  const client = (index: number) => createOnsaleClient({ baseUrl: url, token: tokens[index]!, stream: false });
  const entries: { buyer: number; reservation: Reservation }[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: buyers }, async (_, index) => {
      // Spread over the window: buyer #0 first, the last buyer ARRIVALS_MS later.
      await sleep((index / Math.max(1, buyers - 1)) * ARRIVALS_MS - (Date.now() - started));
      const reservation = await client(index).request(event.id, [{ ticketType: 'GA', quantity: 1 + (index % 2) }], { idempotencyKey: randomUUID() });
      entries.push({ buyer: index, reservation });
    }),
  );
  const first = entries.find((entry) => entry.buyer === 0)!;
  const last = entries.find((entry) => entry.buyer === buyers - 1)!;
  say(`${count(entries.length)} buyers entered over ${ARRIVALS_MS / 1000} s; each answered 202 queued, queue ${JSON.stringify(first.reservation.queue)}`);
  try {
    await client(0).request(event.id, [{ ticketType: 'GA', quantity: 1 }]);
    say('  a second entry of buyer #0 was accepted: UNEXPECTED');
  } catch (error) {
    if (!(error instanceof OnsaleApiError) || error.status !== 409) throw error;
    say(`  buyer #0 tried to enter twice: ${error.status}, one entry per customer`);
  }

  let draw = await admin.events.draw(event.id);
  while (draw.status !== 'drawn') {
    await sleep(250);
    draw = await admin.events.draw(event.id);
  }
  say(`Drawn at ${draw.drawnAt} (salesStartAt ${draw.drawAt}), ${count(draw.entries)} entries; seed revealed:`);
  say(`  seed ${draw.seed}`);
  const [firstCheck, lastCheck] = await Promise.all([
    client(0).events.checkDraw(event.id, first.reservation.id),
    client(buyers - 1).events.checkDraw(event.id, last.reservation.id),
  ]);
  say(
    firstCheck.ok
      ? "Checked as a buyer would: SHA-256(seed) is the commitment, every entry's rank is HMAC-SHA256(seed, entry), the positions follow the ranks"
      : `Check FAILED: ${firstCheck.problems.slice(0, 3).join('; ')}`,
  );
  say(`  buyer #0, first to arrive, drew position ${firstCheck.position}; buyer #${buyers - 1}, last to arrive, drew position ${lastCheck.position}`);

  const decisions = await Promise.all(
    entries.map(({ buyer, reservation }) =>
      client(buyer)
        .decision(reservation)
        .then((held) => ({ buyer, reservation: held as Reservation }))
        .catch((error: unknown) => {
          if (error instanceof ReservationRejected && error.reservation) return { buyer, reservation: error.reservation };
          throw error;
        }),
    ),
  );
  const held = decisions.filter(({ reservation }) => reservation.status === 'held').length;
  const soldOut = decisions.filter(({ reservation }) => reservation.reason === 'sold_out').length;
  const [type] = (await admin.events.get(event.id)).ticketTypes;
  say(`Decided in draw order: ${held} held, ${soldOut} sold out; ${type!.code} held ${type!.held} of ${type!.capacity}, available ${type!.available}`);
  const waiter = decisions.find(({ reservation }) => reservation.reason === 'sold_out');
  const holder = decisions.find(({ reservation }) => reservation.status === 'held');
  const waitlisted =
    !waiter || !holder ||
    (await runWaitlistOffer({
      eventId: event.id,
      ticketType: 'GA',
      soldOut: { buyer: waiter.buyer, client: client(waiter.buyer) },
      holder: { buyer: holder.buyer, client: client(holder.buyer), reservation: holder.reservation },
      say,
    }));
  return firstCheck.ok && lastCheck.ok && type!.held + type!.sold <= type!.capacity && waitlisted;
}
