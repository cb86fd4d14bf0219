import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createOnsaleClient, ReservationRejected, SoldOut, type OnsaleClient, type Reservation } from '@onsale/client';
import { signTokens } from './bench/tokens';
import { pooledFetch } from './client';
import { runOpening } from './demo-opening';
import { seatedEvent, seatedRequest, verifySeats } from './demo-seated';
import { startLocalOnsale } from './processes';

/*
 * `pnpm demo`: brings Onsale up (API + workers as separate processes, a fresh database) and runs
 * an on-sale against it over HTTP: a rush of buyers, then some of them pay and some cancel.
 * With --url it runs the on-sale against an Onsale that is already running (JWT_SECRET must match).
 * It prints the event's live page; with --hold-open it waits for Enter before the rush (time to
 * open the page) and keeps everything running after it until Ctrl-C. With --seated the event
 * sells assigned seats beside a standing floor (demo-seated.ts). With --opening the event opens
 * with a pre-queue drawn by lot at salesStartAt, its commitment and reveal shown and checked
 * (demo-opening.ts; --buyers defaults to 300 and --tickets to 100 there).
 */

const { values: flags } = parseArgs({
  options: {
    buyers: { type: 'string', default: '5000' },
    tickets: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '2' },
    url: { type: 'string' },
    'hold-open': { type: 'boolean', default: false },
    seated: { type: 'boolean', default: false },
    opening: { type: 'boolean', default: false },
  },
});
const buyers = Number(flags.buyers);
const tickets = Number(flags.tickets);
const workerCount = Number(flags.workers);

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const DEMO_PREFIX = 'onsale-demo';

/**
 * Buyers whose requests are on their way to the API at once. Every buyer presses "buy" at once,
 * but the requests go out over this many keep-alive connections, as through a load balancer that
 * holds the buyers' connections and keeps a pool to the API (the benchmark's 64). All 5,000 sent
 * at once from this one process, nothing was accepted for the first 3 to 11 s: building 5,000
 * fetches took the demo 2 to 3 s of CPU before its first byte went out, and the API, handed
 * 5,000 requests together, took each through every stage before it answered any.
 */
const IN_FLIGHT = 64;

/** A fresh database and Redis prefix, the API and the workers. */
async function bringUp(jwtSecret: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const onsale = await startLocalOnsale({
    database: 'onsale_demo',
    keyPrefix: DEMO_PREFIX,
    jwtSecret,
    workers: workerCount,
  });
  say(`Onsale is up: API at ${onsale.url}, ${workerCount} worker processes, database onsale_demo`);
  return { url: onsale.url, cleanup: onsale.stop };
}

/** Resolves when the user presses Enter (at once when stdin is not a terminal). */
async function enterPressed(prompt: string): Promise<void> {
  if (!process.stdin.isTTY) return;
  say(prompt);
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
}

const count = (n: number) => n.toLocaleString('en-US');

/** "ETA 3.1 s" from the API's estimate, counting down between the polls that tell it. */
function eta(estimatedDecisionAt: string | null): string {
  if (estimatedDecisionAt === null) return 'ETA unknown';
  const ms = Date.parse(estimatedDecisionAt) - Date.now();
  return ms > 0 ? `ETA ${seconds(ms)}` : 'ETA now';
}

/**
 * The queue as the rush drains, for a line a second: how many requests wait (the admin backlog)
 * and where one buyer stands, polled as a buyer's app polls: waiting as `Retry-After` says, and
 * answered `304` while nothing changed. The buyer followed is the latest accepted, the furthest
 * back; when it is decided, the latest accepted again.
 */
class QueueReport {
  private waiting: number | undefined;
  private readingBacklog = false;
  private latest: { buyer: number; reservation: Reservation } | undefined;
  private followed: { buyer: number; state: Reservation; told: boolean } | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly admin: OnsaleClient,
    private readonly eventId: string,
    private readonly pollerOf: (buyer: number) => OnsaleClient,
  ) {}

  accepted(buyer: number, reservation: Reservation): void {
    this.latest = { buyer, reservation };
  }

  /** The line for now; starts the next backlog read and, when the one followed is decided, follows the latest accepted. */
  line(): string {
    this.readBacklog();
    if (this.latest && (!this.followed || this.followed.state.status !== 'queued') && this.latest.buyer !== this.followed?.buyer) this.follow(this.latest);
    const parts = [`waiting ${this.waiting === undefined ? '…' : count(this.waiting)}`];
    const followed = this.followed;
    if (followed && !followed.told) {
      const { status, queue } = followed.state;
      // Its decision is told once; then there is no one to follow until another request is accepted.
      followed.told = status !== 'queued';
      const where =
        status !== 'queued' ? status : queue && 'drawAt' in queue ? `in the pre-queue, drawn at ${queue.drawAt}` : queue ? `position ${count(queue.position)}, ${eta(queue.estimatedDecisionAt)}${queue.outlook === 'likely_sold_out' ? ', likely sold out' : ''}` : 'queued, place not told';
      parts.push(`buyer #${followed.buyer}: ${where}`);
    }
    return parts.join(' · ');
  }

  private follow({ buyer, reservation }: { buyer: number; reservation: Reservation }): void {
    const followed = { buyer, state: reservation, told: false };
    this.followed = followed;
    void (async () => {
      for await (const state of this.pollerOf(buyer).watch(reservation.id, { signal: this.stopping.signal })) {
        followed.state = state;
        if (state.status !== 'queued') return;
      }
    })().catch(() => undefined);
  }

  /** Stops following (a poll can be waiting out a Retry-After of many seconds). */
  stop(): void {
    this.stopping.abort();
  }

  private readBacklog(): void {
    if (this.readingBacklog) return;
    this.readingBacklog = true;
    this.admin.admin
      .backlog()
      .then((backlog) => (this.waiting = backlog.events.find((event) => event.eventId === this.eventId)?.queued ?? 0))
      .catch(() => undefined)
      .finally(() => (this.readingBacklog = false));
  }
}

/** Every buyer's decision, as @onsale/client learns it: from the reservation's stream, else by polling. */
async function awaitDecisions(pending: Map<string, { reservation: Reservation; buyer: OnsaleClient }>) {
  const decided = new Map<string, Reservation>();
  await Promise.all(
    [...pending.values()].map(async ({ reservation, buyer }) => {
      // A rejection throws, carrying the rejected reservation (the writer recorded it).
      const decision = await buyer.decision(reservation).catch((error: unknown) => {
        if (error instanceof ReservationRejected && error.reservation) return error.reservation;
        throw error;
      });
      decided.set(reservation.id, decision);
    }),
  );
  return decided;
}

async function main(): Promise<void> {
  const jwtSecret = process.env.JWT_SECRET ?? 'onsale-demo-secret-change-me';
  const system = flags.url ? { url: flags.url, cleanup: async () => {} } : await bringUp(jwtSecret);
  const [adminToken] = signTokens(jwtSecret, ['onsale-admin'], 'admin');
  const admin = createOnsaleClient({ baseUrl: system.url, token: adminToken });
  try {
    if (flags.opening) {
      const opening = { buyers: process.argv.includes('--buyers') ? buyers : 300, tickets: process.argv.includes('--tickets') ? tickets : 100 };
      if (!(await runOpening({ admin, url: system.url, jwtSecret, ...opening, say }))) process.exitCode = 1;
      return;
    }
    const seated = flags.seated ? seatedEvent(tickets) : undefined;
    const event = await admin.events.create(
      seated
        ? seated.body
        : {
            name: 'Stadium tour — opening night',
            startsAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
            maxTicketsPerCustomer: 4,
            ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 8900, capacity: tickets }],
          },
    );
    const sections = seated?.sections ?? 0;
    // The buyer's token rides in the fragment, which the browser never sends to the server.
    const [liveBuyerToken] = signTokens(jwtSecret, ['live-page-buyer']);
    say(`Watch it live: ${system.url}/live/${event.id}#token=${liveBuyerToken}`);
    if (flags['hold-open']) await enterPressed('Open the page, then press Enter to start the rush.');
    say(
      seated
        ? `On sale: ${seated.seatCount.toLocaleString()} seats in ${sections} sections and a standing floor; ${buyers.toLocaleString()} buyers press "buy" at once (best available together, exact seats, or the floor)`
        : `On sale: ${tickets.toLocaleString()} tickets; ${buyers.toLocaleString()} buyers press "buy" at once (1–4 tickets each)`,
    );

    // Each buyer comes with a token (signed before the clock starts, as a login would have).
    const tokens = signTokens(jwtSecret, Array.from({ length: buyers }, (_, index) => `fan-${index}`));
    const queue = new QueueReport(admin, event.id, (buyer) => createOnsaleClient({ baseUrl: system.url, token: tokens[buyer], stream: false }));
    // The requests to buy go over the pool; decisions and checkout over the client's own fetch (streams need it).
    const pool = pooledFetch(system.url, IN_FLIGHT);
    const rush = createOnsaleClient({ baseUrl: system.url, fetch: pool.fetch });
    const startedAt = performance.now();
    const pending = new Map<string, { reservation: Reservation; buyer: OnsaleClient }>();
    let accepted = 0;
    let soldOutAtOnce = 0;
    let rushing = true;
    const progress = setInterval(() => {
      const answered = rushing ? `… ${count(accepted)} accepted${soldOutAtOnce > 0 ? `, ${count(soldOutAtOnce)} sold out at once` : ''} · ` : '';
      say(`  ${answered}${queue.line()}`);
    }, 1_000);
    let next = 0;
    const buy = async (index: number) => {
      const token = tokens[index]!;
      try {
        // Accepted (202) at once; the decision comes later, from the event's partition writer.
        const reservation = await rush.as(token).request(
          event.id,
          seated ? seatedRequest(index, sections) : [{ ticketType: 'GA', quantity: 1 + (index % 4) }],
          // A key makes the request safe to send again: the client retries a 503 after its Retry-After, as a buyer's app would.
          { idempotencyKey: randomUUID() },
        );
        pending.set(reservation.id, { reservation, buyer: admin.as(token) });
        queue.accepted(index, reservation);
        accepted++;
      } catch (error) {
        // Once the API has seen the last tickets go, it answers 409 sold_out without queueing.
        if (!(error instanceof SoldOut)) throw error;
        soldOutAtOnce++;
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(IN_FLIGHT, buyers) }, async () => {
        while (next < buyers) await buy(next++);
      }),
    );
    rushing = false;
    const answeredMs = performance.now() - startedAt;
    await pool.close();
    say(`Answered all ${count(buyers)} requests in ${seconds(answeredMs)}: ${Math.round(buyers / (answeredMs / 1000))} req/s`);
    say(`  accepted (202): ${count(accepted)}${soldOutAtOnce > 0 ? `; sold out at once, without queueing (409): ${count(soldOutAtOnce)}` : ''}`);

    const decided = await awaitDecisions(pending);
    clearInterval(progress);
    queue.stop();
    const decidedMs = performance.now() - startedAt;
    const holds = [...decided.values()].filter((reservation) => reservation.status === 'held');
    const reasons = new Map<string, number>();
    for (const reservation of decided.values()) {
      if (reservation.reason) reasons.set(reservation.reason, (reasons.get(reservation.reason) ?? 0) + 1);
    }
    const heldTickets = holds.reduce((sum, hold) => sum + hold.items.reduce((tickets, item) => tickets + item.quantity, 0), 0);
    say(`Decided all ${decided.size.toLocaleString()} within ${seconds(decidedMs)} of the first request`);
    say(`  held: ${holds.length} reservations, ${heldTickets} tickets; rejected: ${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ')}`);

    // Two in three holders pay; one in ten changes their mind.
    const outcomes = await Promise.all(
      holds.map(async (hold, index) => {
        const action = index % 10 === 0 ? 'cancel' : index % 3 !== 2 ? 'confirm' : undefined;
        if (!action) return undefined;
        const buyer = pending.get(hold.id)!.buyer;
        try {
          return (await (action === 'cancel' ? buyer.cancel(hold.id) : buyer.confirm(hold.id))).status;
        } catch (error) {
          return `${action} → ${(error as Error).message}`;
        }
      }),
    );
    const tally = outcomes.reduce<Record<string, number>>((counts, outcome) => (outcome ? { ...counts, [outcome]: (counts[outcome] ?? 0) + 1 } : counts), {});
    say(`Checkout: ${Object.entries(tally).map(([status, n]) => `${status} ${n}`).join(', ')}`);

    const ticketTypes = (await admin.events.get(event.id)).ticketTypes;
    for (const type of ticketTypes) {
      say(`Event now: ${type.code} capacity ${type.capacity}, sold ${type.sold}, held ${type.held}, available ${type.available}`);
    }
    const oversold = ticketTypes.some((type) => type.held + type.sold > type.capacity) || (seated !== undefined && !(await verifySeats(admin, event.id, say)));
    const soldOut = reasons.has('sold_out') || soldOutAtOnce > 0;
    say(oversold ? 'FAILED: tickets oversold' : `Verified: nothing oversold${soldOut ? ', sold out before the last buyer' : ''}, every request decided once.`);
    if (oversold || decided.size + soldOutAtOnce !== buyers) process.exitCode = 1;
    if (flags['hold-open']) {
      say('Still running, the live page too (try its buyer panel); Ctrl-C to stop.');
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } finally {
    await system.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
