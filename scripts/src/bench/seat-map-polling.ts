import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { Pool } from 'undici';
import { OnsaleClient } from '../client';
import { startLocalOnsale, type RunningProcess } from '../processes';
import { sleep, wallNow } from './clock';
import { countDecided, summariseDecisions, type DecisionSummary } from './decisions';
import { DRIVER_TARGET, watchMachineCpu, type MachineCpu } from './load-generator-cpu';
import { offerLoad, type LoadResult, type PreparedRequest } from './load-driver';
import { ProcessSampler, type ResourceSummary } from './process-sampler';
import { benchSeatMap, SEATED_TICKET_TYPE, seatMapSpec } from './seat-map';
import { startSeatMapPolling, type SeatMapPolling } from './seat-map-poller';
import { signTokens } from './tokens';
import { requireWrk, type WrkResult } from './wrk';

/*
 * `pnpm bench:seat-map`: what polling GET /v1/events/:id/seats costs the API during a rush. The
 * API and `--workers` workers run as built processes on a fresh database; the same best-available
 * rush (`--requests` requests of 1–6 seats side by side on a fresh `--seats`-seat map, as fast as
 * `--connections` connections allow) runs twice, first with nobody polling, then with the map
 * polled at `--poll-rate` requests/s (paced, keep-alive; every other poll sends If-None-Match
 * with the last ETag seen, as a client holding the map would). Each phase lasts from the rush's
 * first request to its last decision; the polls run through all of it. The rush's load driver runs
 * in this process; the pollers are a wrk process (seat-map-poller.ts): real pollers are other
 * machines, and a Node poller took a quarter of a core of the two the API shares. Each phase
 * reports the CPU of the API, of the driver (this process) and of the poller process, and the
 * machine's idle CPU and load average, so that a load generator at its limit shows.
 */

const { values: flags } = parseArgs({
  options: {
    seats: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '3000' },
    'poll-rate': { type: 'string', default: '1000' },
    connections: { type: 'string', default: '64' },
    'poll-connections': { type: 'string', default: '32' },
    workers: { type: 'string', default: '2' },
  },
});
const SEATS = Number(flags.seats);
const REQUESTS = Number(flags.requests);
const POLL_RATE = Number(flags['poll-rate']);
const CONNECTIONS = Number(flags.connections);
const POLL_CONNECTIONS = Number(flags['poll-connections']);
const WORKERS = Number(flags.workers);
const PREFIX = 'onsale-seat-poll-bench';
const JWT_SECRET = 'seat-poll-benchmark-secret';
const MAX_SEATS_PER_REQUEST = 6;
const DRAIN_TIMEOUT_MS = 300_000;
const POLLERS_SETTLE_MS = 500;
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Phase {
  load: LoadResult;
  decisions: DecisionSummary;
  /** The API's. */
  usage: ResourceSummary;
  /** The load generator's: the rush's driver (this process) and, when polled, the poller process. */
  driver: ResourceSummary;
  pollers?: ResourceSummary;
  machine: MachineCpu;
  seconds: number;
  polls?: WrkResult;
}

function seatedEvent(name: string) {
  const map = benchSeatMap(SEATS);
  return {
    name,
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    maxTicketsPerCustomer: MAX_SEATS_PER_REQUEST,
    ticketTypes: [{ code: SEATED_TICKET_TYPE, name: 'Reserved seat', priceCents: 8_900, capacity: map.seats }],
    seatMap: seatMapSpec(map),
  };
}

/** `count` best-available requests of 1–6 seats side by side, each from a new buyer, tokens signed up front. */
function rushRequests(eventId: string, phase: string, count: number): PreparedRequest[] {
  const tokens = signTokens(JWT_SECRET, Array.from({ length: count }, (_, n) => `${phase}-${n}`));
  return tokens.map((token, n) => ({
    path: `/v1/events/${eventId}/reservations`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ ticketType: SEATED_TICKET_TYPE, quantity: (n % MAX_SEATS_PER_REQUEST) + 1, together: true }] }),
  }));
}

async function awaitDecided(sql: postgres.Sql, eventId: string, target: number): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while ((await countDecided(sql, [eventId])) < target) {
    if (Date.now() > deadline) throw new Error(`not all ${target} requests were decided in ${DRAIN_TIMEOUT_MS} ms`);
    await sleep(100);
  }
}

/** One rush on a fresh seated event, measured from its first request to its last decision. */
async function runPhase(context: { admin: OnsaleClient; url: string; sql: postgres.Sql; api: RunningProcess }, phase: string, requests: number, polling: boolean): Promise<Phase> {
  const event = await context.admin.createEvent(seatedEvent(`seat map polling: ${phase}`));
  const prepared = rushRequests(event.id, phase, requests);
  const rushPool = new Pool(context.url, { connections: CONNECTIONS, pipelining: 1 });
  let poller: SeatMapPolling | undefined;
  try {
    if (polling) {
      poller = startSeatMapPolling(context.url, `/v1/events/${event.id}/seats`, { ratePerSecond: POLL_RATE, connections: POLL_CONNECTIONS });
      // The rush starts once the pollers are connected and polling.
      await sleep(POLLERS_SETTLE_MS);
    }
    const startedAt = wallNow();
    const sampler = new ProcessSampler([{ name: 'api', pids: () => [context.api.child.pid!] }, DRIVER_TARGET, ...(poller ? [poller.target] : [])]);
    const machine = watchMachineCpu();
    sampler.start();
    const load = await offerLoad(rushPool, prepared, { kind: 'closed' }, { connections: CONNECTIONS, durationMs: DRAIN_TIMEOUT_MS, progress: { sent: 0, succeeded: 0 } });
    await awaitDecided(context.sql, event.id, load.acceptedIds.length);
    const polls = await poller?.stop();
    const seconds = (wallNow() - startedAt) / 1000;
    const [usage, driver, pollers] = sampler.stop();
    return {
      load,
      decisions: await summariseDecisions(context.sql, [event.id]),
      usage: usage!,
      driver: driver!,
      ...(pollers ? { pollers } : {}),
      machine: machine.stop(),
      seconds,
      ...(polls ? { polls } : {}),
    };
  } finally {
    await poller?.stop().catch(() => undefined);
    await rushPool.close();
  }
}

const cpuSeconds = (phase: Phase) => phase.usage.cpuSeconds;
const ingressPerSecond = (load: LoadResult) => load.answered / ((load.lastAnswerAt - load.startedAt) / 1000);
const share = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

function describe(label: string, phase: Phase): void {
  const { load, decisions, usage } = phase;
  say(
    `${label}: ${phase.seconds.toFixed(1)} s; API CPU avg ${usage.cpuAveragePercent.toFixed(1)} % (peak ${usage.cpuPeakPercent.toFixed(0)} %), ` +
      `${cpuSeconds(phase).toFixed(2)} CPU s; RSS max ${usage.rssMaxMb.toFixed(0)} MB`,
  );
  say(
    `  load generator: driver CPU avg ${phase.driver.cpuAveragePercent.toFixed(1)} % (peak ${phase.driver.cpuPeakPercent.toFixed(0)} %)` +
      (phase.pollers ? `, poller process CPU avg ${phase.pollers.cpuAveragePercent.toFixed(1)} % (peak ${phase.pollers.cpuPeakPercent.toFixed(0)} %)` : '') +
      `; machine idle ${phase.machine.idlePercent.toFixed(0)} % of ${phase.machine.cores} cores, load average ${phase.machine.loadAverage.toFixed(1)} at the end`,
  );
  say(
    `  rush: ${load.answered} answered ${JSON.stringify(load.byStatus)}, ${load.failed} failed; ingress ${ingressPerSecond(load).toFixed(0)}/s; ` +
      `${decisions.decided} decided at ${decisions.decisionsPerSecond?.toFixed(0) ?? '–'}/s (accept→decision p99 ${decisions.acceptToDecisionP99Ms?.toFixed(0) ?? '–'} ms)`,
  );
  const polls = phase.polls;
  if (!polls) return;
  const answered = Object.values(polls.byStatus).reduce((sum, n) => sum + n, 0);
  say(
    `  polls: ${polls.requests} (${polls.perSecond.toFixed(0)}/s), ${polls.errors} failed; 200: ${share(polls.byStatus[200] ?? 0, answered)}, ` +
      `304: ${share(polls.byStatus[304] ?? 0, answered)} ${JSON.stringify(polls.byStatus)}; ` +
      `latency from send p50 ${polls.latencyMs.p50.toFixed(1)} ms, p99 ${polls.latencyMs.p99.toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  requireWrk();
  const onsale = await startLocalOnsale({ database: 'onsale_seat_poll_bench', keyPrefix: PREFIX, jwtSecret: JWT_SECRET, workers: WORKERS });
  const admin = new OnsaleClient(onsale.url, JWT_SECRET, 4);
  const sql = postgres(onsale.databaseUrl, { max: 2, onnotice: () => undefined });
  try {
    const context = { admin, url: onsale.url, sql, api: onsale.api };
    say(`seat map: ${benchSeatMap(SEATS).seats} seats; rush: ${REQUESTS} requests of 1–${MAX_SEATS_PER_REQUEST} seats together over ${CONNECTIONS} connections; API + ${WORKERS} workers`);
    say(`polling: ${POLL_RATE} requests/s over ${POLL_CONNECTIONS} keep-alive connections, every other one with If-None-Match`);
    await runPhase(context, 'warm-up', Math.min(500, REQUESTS), true);
    const quiet = await runPhase(context, 'quiet', REQUESTS, false);
    describe('rush, nobody polling', quiet);
    const polled = await runPhase(context, 'polled', REQUESTS, true);
    describe(`rush, polled at ${POLL_RATE}/s`, polled);
    const extraCpuSeconds = cpuSeconds(polled) - cpuSeconds(quiet);
    say(
      `cost of polling: +${(polled.usage.cpuAveragePercent - quiet.usage.cpuAveragePercent).toFixed(1)} % CPU, ` +
        `+${extraCpuSeconds.toFixed(2)} CPU s over ${polled.polls!.requests} polls = ${((extraCpuSeconds * 1e6) / polled.polls!.requests).toFixed(0)} µs per poll; ` +
        `+${(polled.usage.rssMaxMb - quiet.usage.rssMaxMb).toFixed(0)} MB RSS; ` +
        `decisions ${quiet.decisions.decisionsPerSecond?.toFixed(0) ?? '–'}/s → ${polled.decisions.decisionsPerSecond?.toFixed(0) ?? '–'}/s`,
    );
  } finally {
    await sql.end();
    await admin.close();
    await onsale.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
