import { bestAvailable, exactSeats, SeatAvailability, type AllocatorRow } from '@onsale/domain';
import { allocatorRows, benchSeatMap, type BenchSeatMap } from './seat-map';
import { seededRandom } from './workload';

/*
 * The seat allocator alone, in process: what choosing seats costs per request on a big map,
 * without the queue, the lock or the writes, so a seated decision's cost can be split into the
 * allocator's share and the rest.
 */

export interface AllocatorCost {
  map: BenchSeatMap;
  batchSize: number;
  rounds: number;
  /** Best-available requests (1–6 seats, together, split allowed) decided per round, until sold out. */
  requestsPerRound: number;
  /** Median over rounds of the mean cost of one best-available request, answer and take. */
  bestAvailableMicros: number;
  /** The same, by how full the map was when the batch began (quarters). */
  bestAvailableMicrosByFill: number[];
  /** The slowest batch of `batchSize` requests seen, in milliseconds. */
  slowestBatchMs: number;
  /** One exact-seats request for two seats, answer only. */
  exactSeatsMicros: number;
  /** Building the availability of the whole map with half its seats taken (a rebuild under the lock). */
  buildMs: number;
}

/**
 * CPU milliseconds of this process (user + system) rather than wall time: on a shared machine
 * another process's turn on the core would otherwise count as the allocator's.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** One drain of a fresh map: batches of best-available requests with some holds ending, until sold out. */
function drainOnce(rows: AllocatorRow[], seats: number, batchSize: number, random: () => number) {
  const availability = new SeatAvailability(rows, []);
  const holds: string[][] = [];
  const byFill = [0, 0, 0, 0].map(() => ({ ms: 0, requests: 0 }));
  let requests = 0;
  let totalMs = 0;
  let slowestBatchMs = 0;
  while (availability.freeCount > 0) {
    const fill = byFill[Math.min(3, Math.floor((4 * (seats - availability.freeCount)) / seats))]!;
    // Holds ending (cancels, expiries) while the map is not yet nearly full: about 5% per batch.
    const ending = availability.freeCount > seats / 10 ? Math.floor(holds.length / 20) : 0;
    const quantities = Array.from({ length: batchSize }, () => 1 + Math.floor(random() * 6));
    const started = cpuMs();
    for (let n = 0; n < ending; n++) availability.release(holds.splice(Math.floor(random() * holds.length), 1)[0]!);
    for (const quantity of quantities) {
      const answer = bestAvailable(availability, quantity, { together: true, allowSplit: true });
      if (!answer.ok) continue;
      availability.take(answer.seatIds);
      holds.push(answer.seatIds);
    }
    const ms = cpuMs() - started;
    totalMs += ms;
    slowestBatchMs = Math.max(slowestBatchMs, ms);
    fill.ms += ms;
    fill.requests += batchSize;
    requests += batchSize;
  }
  return {
    requests,
    micros: (totalMs * 1000) / requests,
    microsByFill: byFill.map((bucket) => (bucket.requests ? (bucket.ms * 1000) / bucket.requests : 0)),
    slowestBatchMs,
  };
}

function exactSeatsMicros(rows: AllocatorRow[], random: () => number): number {
  const labels = rows.flatMap((row) => row.seats.map((seat) => seat.label));
  const availability = new SeatAvailability(rows, labels.filter((_, n) => n % 2 === 0));
  const requests = 20_000;
  const picks = Array.from({ length: requests }, () => {
    const n = Math.floor(random() * (labels.length - 1));
    return [labels[n]!, labels[n + 1]!];
  });
  const started = cpuMs();
  for (const pick of picks) exactSeats(availability, pick);
  return ((cpuMs() - started) * 1000) / requests;
}

function buildMs(rows: AllocatorRow[]): number {
  const taken = rows.flatMap((row) => row.seats.filter((_, n) => n % 2 === 1).map((seat) => seat.id));
  const started = cpuMs();
  new SeatAvailability(rows, taken);
  return cpuMs() - started;
}

/** Drains before the measured ones: V8 takes a few thousand requests to settle on its optimised code. */
const WARM_UP_DRAINS = 3;

/** Measures the allocator on a map of about `seats` seats, after warm-up drains that are not counted. */
export function measureAllocatorCost(options: { seats: number; batchSize: number; rounds: number; seed: number }): AllocatorCost {
  const map = benchSeatMap(options.seats);
  const rows = allocatorRows(map);
  const drains = Array.from({ length: WARM_UP_DRAINS + options.rounds }, (_, round) =>
    drainOnce(rows, map.seats, options.batchSize, seededRandom(options.seed + round)),
  ).slice(WARM_UP_DRAINS);
  const random = seededRandom(options.seed);
  exactSeatsMicros(rows, random);
  return {
    map,
    batchSize: options.batchSize,
    rounds: options.rounds,
    requestsPerRound: median(drains.map((drain) => drain.requests)),
    bestAvailableMicros: median(drains.map((drain) => drain.micros)),
    bestAvailableMicrosByFill: [0, 1, 2, 3].map((quarter) => median(drains.map((drain) => drain.microsByFill[quarter]!))),
    slowestBatchMs: Math.max(...drains.map((drain) => drain.slowestBatchMs)),
    exactSeatsMicros: exactSeatsMicros(rows, random),
    buildMs: median([buildMs(rows), buildMs(rows), buildMs(rows)]),
  };
}

/** The allocator's CPU time per request as a fraction of one seated decision at `decisionsPerSecond` (serial: one writer per event). */
export function allocatorShare(cost: AllocatorCost, decisionsPerSecond: number | null): number | null {
  return decisionsPerSecond ? (cost.bestAvailableMicros * decisionsPerSecond) / 1e6 : null;
}

/** The report's lines. */
export function describeAllocatorCost(cost: AllocatorCost): string[] {
  const { map } = cost;
  const µs = (value: number) => `${value.toFixed(2)} µs`;
  return [
    `Seat allocator alone: ${map.seats.toLocaleString('en-US')} seats (${map.sections} sections × ${map.rowsPerSection} rows × ${map.seatsPerRow} seats, an aisle every ${map.aisleEvery}), ${cost.rounds} drains after ${WARM_UP_DRAINS} warm-up drains; CPU time`,
    `  best available, 1–6 seats together (split allowed), answer + take: ${µs(cost.bestAvailableMicros)} per request (${cost.requestsPerRound.toLocaleString('en-US')} requests per drain, batches of ${cost.batchSize.toLocaleString('en-US')})`,
    `    by fill at the batch's start: ${cost.bestAvailableMicrosByFill.map((value, quarter) => `${quarter * 25}–${quarter * 25 + 25}% ${µs(value)}`).join(', ')}`,
    `    slowest batch: ${cost.slowestBatchMs.toFixed(2)} ms`,
    `  exact seats (2 seats, half the map taken), answer only: ${µs(cost.exactSeatsMicros)} per request`,
    `  building the availability (half taken), as a rebuild under the lock: ${cost.buildMs.toFixed(2)} ms`,
  ];
}
