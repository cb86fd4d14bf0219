import fc from 'fast-check';
import {
  bestAvailable,
  exactSeats,
  SeatAvailability,
  type Allocation,
  type AllocatorRow,
  type AllocatorSeat,
} from './seat-allocator';

/** A row of seats numbered from `from`, with `aisleAfter` numbers skipped after those seat numbers. */
function row(rank: number, name: string, count: number, aisleAfter: number[] = []): AllocatorRow {
  const seats: AllocatorSeat[] = [];
  let number = 1;
  for (let i = 0; i < count; i++) {
    seats.push({ id: `${name}-${number}`, label: `${name}-${number}`, number });
    number += aisleAfter.includes(number) ? 2 : 1;
  }
  return { rank, seats };
}

const ids = (name: string, ...numbers: number[]) => numbers.map((n) => `${name}-${n}`);
const together = { together: true, allowSplit: false };
const splitOk = { together: true, allowSplit: true };
const anySeats = { together: false, allowSplit: false };

describe('bestAvailable', () => {
  it('gives the best-ranked row first, whatever the input order', () => {
    const seats = new SeatAvailability([row(2, 'B', 6), row(1, 'A', 6)], []);
    expect(bestAvailable(seats, 2, together)).toEqual({ ok: true, seatIds: ids('A', 3, 4) });
  });

  it('centres the block in the row, leftmost of two equally central blocks', () => {
    const seats = new SeatAvailability([row(1, 'A', 10)], []);
    expect(bestAvailable(seats, 2, together)).toEqual({ ok: true, seatIds: ids('A', 5, 6) });
    expect(bestAvailable(seats, 3, together)).toEqual({ ok: true, seatIds: ids('A', 4, 5, 6) });
  });

  it('moves the block rather than strand a single seat in the same row', () => {
    // Free: A-1..A-5. is nearer the middle than but strands A-5.
    const seats = new SeatAvailability([row(1, 'A', 10)], ids('A', 6, 7, 8, 9, 10));
    expect(bestAvailable(seats, 2, together)).toEqual({ ok: true, seatIds: ids('A', 4, 5) });
    seats.take(ids('A', 1, 2, 3));
    // Free: 4, 5 — a run of two; taking one strands the other whichever is chosen.
    expect(bestAvailable(seats, 1, together)).toEqual({ ok: true, seatIds: ids('A', 5) });
  });

  it('prefers a block that strands no seat over a more central one of the same rank', () => {
    // Free: A-2..A-8. The centred A-3..A-7 strands; A-2..A-6 and A-4..A-8 strand none.
    const seats = new SeatAvailability([row(1, 'A', 9)], ids('A', 1, 9));
    expect(bestAvailable(seats, 5, together)).toEqual({ ok: true, seatIds: ids('A', 2, 3, 4, 5, 6) });
  });

  it('does not drop to a worse row only to avoid stranding a seat', () => {
    const seats = new SeatAvailability([row(1, 'A', 3), row(2, 'B', 10)], []);
    expect(bestAvailable(seats, 2, together)).toEqual({ ok: true, seatIds: ids('A', 1, 2) });
  });

  it('never puts a together block across an aisle (a gap in the numbering)', () => {
    const seats = new SeatAvailability([row(1, 'A', 6, [3])], []); // A-1..A-3 | A-5..A-7
    const answer = bestAvailable(seats, 4, together);
    expect(answer).toEqual({ ok: false, reason: 'not_together_available' });
    expect(bestAvailable(seats, 3, together)).toEqual({ ok: true, seatIds: ids('A', 1, 2, 3) });
  });

  it('splits across rows only when allowed, best-ranked seats first and whole runs kept together', () => {
    const seats = new SeatAvailability([row(1, 'A', 6), row(2, 'B', 6)], ids('A', 3, 4));
    // B-2..B-4 would be central but strand B-1; B-1..B-3 and B-4..B-6 strand none.
    expect(bestAvailable(seats, 3, together)).toEqual({ ok: true, seatIds: ids('B', 1, 2, 3) });
    seats.take(ids('B', 1, 2, 3, 4, 5));
    expect(bestAvailable(seats, 3, together)).toEqual({ ok: false, reason: 'not_together_available' });
    expect(bestAvailable(seats, 3, splitOk)).toEqual({ ok: true, seatIds: ids('A', 1, 2, 5) });
    expect(bestAvailable(seats, 6, splitOk)).toEqual({ ok: false, reason: 'sold_out' });
  });

  it('gives the best-ranked seats when together is not asked', () => {
    const seats = new SeatAvailability([row(1, 'A', 4), row(2, 'B', 8)], ids('A', 1, 2));
    expect(bestAvailable(seats, 4, anySeats)).toEqual({ ok: true, seatIds: [...ids('A', 3, 4), ...ids('B', 4, 5)] });
  });

  it('answers sold_out when fewer seats are free than asked, however they are spread', () => {
    const seats = new SeatAvailability([row(1, 'A', 3)], ids('A', 2));
    expect(bestAvailable(seats, 3, splitOk)).toEqual({ ok: false, reason: 'sold_out' });
    expect(bestAvailable(seats, 2, anySeats)).toEqual({ ok: true, seatIds: ids('A', 1, 3) });
  });

  it('does not take the seats it answers with', () => {
    const seats = new SeatAvailability([row(1, 'A', 4)], []);
    const first = bestAvailable(seats, 2, together);
    expect(bestAvailable(seats, 2, together)).toEqual(first);
    expect(seats.freeCount).toBe(4);
  });
});

describe('exactSeats', () => {
  const map = () => new SeatAvailability([row(1, 'A', 5), row(2, 'B', 5)], ids('A', 3));

  it('gives exactly the named seats, in the order named', () => {
    expect(exactSeats(map(), ['B-2', 'A-1'])).toEqual({ ok: true, seatIds: ['B-2', 'A-1'] });
  });

  it('refuses all of them when one is taken, naming the taken ones', () => {
    const seats = map();
    seats.take(['B-5']);
    expect(exactSeats(seats, ['A-1', 'A-3', 'B-5', 'B-4'])).toEqual({
      ok: false,
      reason: 'seats_taken',
      takenLabels: ['A-3', 'B-5'],
    });
    expect(seats.isFree('A-1')).toBe(true);
  });

  it('refuses labels the map does not have, naming them', () => {
    expect(exactSeats(map(), ['A-1', 'Z-9', 'A-3', 'Q-1'])).toEqual({
      ok: false,
      reason: 'unknown_seats',
      unknownLabels: ['Z-9', 'Q-1'],
    });
  });

  it('counts a repeated label once', () => {
    expect(exactSeats(map(), ['A-1', 'A-1'])).toEqual({ ok: true, seatIds: ['A-1'] });
  });

  it('sees seats returned to sale', () => {
    const seats = map();
    seats.release(['A-3']);
    expect(exactSeats(seats, ['A-3'])).toEqual({ ok: true, seatIds: ['A-3'] });
  });
});

describe('SeatAvailability', () => {
  it('counts free seats through takes and releases', () => {
    const seats = new SeatAvailability([row(1, 'A', 4)], ['A-1']);
    expect(seats.freeCount).toBe(3);
    seats.take(['A-2', 'A-3']);
    expect(seats.freeCount).toBe(1);
    seats.release(['A-1', 'A-2']);
    expect(seats.freeCount).toBe(3);
    expect([seats.isFree('A-1'), seats.isFree('A-3')]).toEqual([true, false]);
  });

  it('refuses, changing nothing, to take a taken seat, free a free one or touch an unknown one', () => {
    const seats = new SeatAvailability([row(1, 'A', 4)], ['A-1']);
    expect(() => seats.take(['A-2', 'A-1'])).toThrow(/already taken/);
    expect(() => seats.release(['A-1', 'A-2'])).toThrow(/already free/);
    expect(() => seats.take(['A-9'])).toThrow(/unknown seat/);
    expect(() => seats.take(['A-3', 'A-3'])).toThrow(/twice/);
    expect(seats.freeCount).toBe(3);
    expect(seats.isFree('A-2')).toBe(true);
  });

  it('refuses a map with a duplicate label (when it first looks a label up)', () => {
    const duplicate = { rank: 1, seats: [{ id: 'x', label: 'A-1', number: 1 }, { id: 'y', label: 'A-1', number: 2 }] };
    expect(() => exactSeats(new SeatAvailability([duplicate], []), ['A-1'])).toThrow(/duplicate seat label/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based tests against a brute-force reference allocator.

/**
 * The reference: the definitions of the module comment applied by enumerating every block of
 * every row on a plain free set, with no cached runs, row pointer or candidate shortcuts.
 */
class ReferenceAllocator {
  readonly free = new Set<string>();
  private readonly ordered: AllocatorRow[];

  constructor(rows: readonly AllocatorRow[]) {
    this.ordered = rows
      .map((r, inputOrder) => ({ r, inputOrder }))
      .sort((a, b) => a.r.rank - b.r.rank || a.inputOrder - b.inputOrder)
      .map(({ r }) => r);
    for (const r of rows) for (const seat of r.seats) this.free.add(seat.id);
  }

  bestAvailable(quantity: number, options: { together: boolean; allowSplit: boolean }): Allocation {
    if (this.free.size < quantity) return { ok: false, reason: 'sold_out' };
    if (options.together) {
      const block = this.bestBlock(quantity);
      if (block) return { ok: true, seatIds: block };
      if (!options.allowSplit) return { ok: false, reason: 'not_together_available' };
    }
    const seatIds: string[] = [];
    for (const r of this.ordered) {
      const gone = new Set<string>();
      while (seatIds.length < quantity) {
        const runs = this.runs(r, gone);
        if (runs.length === 0) break;
        const wanted = quantity - seatIds.length;
        const longest = Math.max(...runs.map(([a, b]) => b - a + 1));
        if (longest >= wanted) {
          const blocks = this.blocksOf(r, wanted, gone).sort((x, y) => x.stranded - y.stranded || x.offset - y.offset || x.start - y.start);
          seatIds.push(...r.seats.slice(blocks[0]!.start, blocks[0]!.start + wanted).map((s) => s.id));
          break;
        }
        const whole = runs
          .filter(([a, b]) => b - a + 1 === longest)
          .sort(([a1, b1], [a2, b2]) => Math.abs(a1 + b1 - (r.seats.length - 1)) - Math.abs(a2 + b2 - (r.seats.length - 1)) || a1 - a2)[0]!;
        for (const s of r.seats.slice(whole[0], whole[1] + 1)) {
          seatIds.push(s.id);
          gone.add(s.id);
        }
      }
    }
    return { ok: true, seatIds };
  }

  /** Every together block of `quantity` seats, ordered by the module's definition of best. */
  private bestBlock(quantity: number): string[] | undefined {
    const all = this.ordered.flatMap((r, order) => this.blocksOf(r, quantity, new Set()).map((b) => ({ ...b, order, rank: r.rank, r })));
    all.sort((x, y) => x.rank - y.rank || x.stranded - y.stranded || x.offset - y.offset || x.order - y.order || x.start - y.start);
    const best = all[0];
    return best && best.r.seats.slice(best.start, best.start + quantity).map((s) => s.id);
  }

  isFreeIn(r: AllocatorRow, position: number, gone: Set<string>): boolean {
    const seat = r.seats[position];
    return seat !== undefined && this.free.has(seat.id) && !gone.has(seat.id);
  }

  private blocksOf(r: AllocatorRow, quantity: number, gone: Set<string>) {
    const blocks: { start: number; stranded: number; offset: number }[] = [];
    for (let start = 0; start + quantity <= r.seats.length; start++) {
      const positions = Array.from({ length: quantity }, (_, k) => start + k);
      if (!positions.every((p) => this.isFreeIn(r, p, gone))) continue;
      if (!positions.slice(1).every((p) => adjacent(r, p - 1, p))) continue;
      const freeBefore = this.freeStretch(r, start, -1, gone);
      const freeAfter = this.freeStretch(r, start + quantity - 1, 1, gone);
      blocks.push({
        start,
        stranded: (freeBefore === 1 ? 1 : 0) + (freeAfter === 1 ? 1 : 0),
        offset: Math.abs(2 * start + quantity - r.seats.length),
      });
    }
    return blocks;
  }

  private freeStretch(r: AllocatorRow, from: number, step: 1 | -1, gone: Set<string>): number {
    let count = 0;
    for (let p = from + step; this.isFreeIn(r, p, gone) && adjacent(r, p - step, p); p += step) count++;
    return count;
  }

  private runs(r: AllocatorRow, gone: Set<string>): [number, number][] {
    const runs: [number, number][] = [];
    for (let p = 0; p < r.seats.length; p++) {
      if (!this.isFreeIn(r, p, gone)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === p - 1 && adjacent(r, p - 1, p)) last[1] = p;
      else runs.push([p, p]);
    }
    return runs;
  }
}

function adjacent(r: AllocatorRow, a: number, b: number): boolean {
  return Math.abs(r.seats[a]!.number - r.seats[b]!.number) === 1;
}

/** Rows with random ranks (ties allowed), lengths and aisles (numbering gaps). */
const mapArbitrary = (maxRows: number, maxSeats: number) =>
  fc
    .array(
      fc.record({
        rank: fc.integer({ min: 0, max: 4 }),
        steps: fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }), {
          maxLength: maxSeats,
        }),
      }),
      { minLength: 1, maxLength: maxRows },
    )
    .map((specs) =>
      specs.map(({ rank, steps }, r): AllocatorRow => {
        let number = 1;
        const seats = steps.map((step) => {
          const seat = { id: `r${r}s${number}`, label: `R${r}-${number}`, number };
          number += step;
          return seat;
        });
        return { rank, seats };
      }),
    );

type Operation =
  | { kind: 'best'; quantity: number; together: boolean; allowSplit: boolean; hold: boolean }
  | { kind: 'exact'; picks: number[]; hold: boolean }
  | { kind: 'end'; pick: number };

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('best' as const),
      quantity: fc.integer({ min: 1, max: 6 }),
      together: fc.boolean(),
      allowSplit: fc.boolean(),
      hold: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('exact' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), hold: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }) },
);

/** Runs a sequence of requests, holds and ended holds (cancel or expiry) on both allocators. */
function replay(rows: AllocatorRow[], taken: string[], operations: Operation[], compareWithReference: boolean) {
  const seats = new SeatAvailability(rows, taken);
  const reference = new ReferenceAllocator(rows);
  for (const id of taken) reference.free.delete(id);
  const allSeats = rows.flatMap((r) => r.seats);
  const holds: string[][] = [];
  const held = new Set(taken);

  const hold = (seatIds: string[]) => {
    for (const id of seatIds) {
      expect(held.has(id)).toBe(false); // no seat given twice
      held.add(id);
      reference.free.delete(id);
    }
    seats.take(seatIds);
    holds.push(seatIds);
  };

  for (const operation of operations) {
    if (operation.kind === 'best') {
      const options = { together: operation.together, allowSplit: operation.allowSplit };
      const answer = bestAvailable(seats, operation.quantity, options);
      if (compareWithReference) expect(answer).toEqual(reference.bestAvailable(operation.quantity, options));
      checkAnswer(rows, held, operation.quantity, options, answer);
      if (answer.ok && operation.hold) hold(answer.seatIds);
    } else if (operation.kind === 'exact') {
      if (allSeats.length === 0) continue;
      const labels = operation.picks.map((p) => allSeats[p % allSeats.length]!.label);
      const answer = exactSeats(seats, labels);
      const named = [...new Set(labels)].map((label) => allSeats.find((s) => s.label === label)!);
      const takenLabels = named.filter((seat) => held.has(seat.id)).map((seat) => seat.label);
      if (takenLabels.length > 0) expect(answer).toEqual({ ok: false, reason: 'seats_taken', takenLabels });
      else expect(answer).toEqual({ ok: true, seatIds: named.map((seat) => seat.id) });
      if (answer.ok && operation.hold) hold(answer.seatIds);
    } else if (holds.length > 0) {
      const [ended] = holds.splice(operation.pick % holds.length, 1);
      seats.release(ended!);
      for (const id of ended!) {
        held.delete(id);
        reference.free.add(id);
      }
    }
    expect(seats.freeCount).toBe(allSeats.length - held.size);
  }
}

/** The properties every answer has, checked directly rather than through the reference. */
function checkAnswer(rows: AllocatorRow[], held: Set<string>, quantity: number, options: { together: boolean; allowSplit: boolean }, answer: Allocation) {
  const freeCount = rows.reduce((n, r) => n + r.seats.filter((s) => !held.has(s.id)).length, 0);
  if (!answer.ok) {
    expect(answer.reason).toBe(freeCount < quantity ? 'sold_out' : 'not_together_available');
    if (answer.reason === 'not_together_available') expect(everyBlock(rows, held, quantity)).toEqual([]);
    return;
  }
  expect(answer.seatIds).toHaveLength(quantity);
  expect(new Set(answer.seatIds).size).toBe(quantity);
  for (const id of answer.seatIds) expect(held.has(id)).toBe(false);
  const blocks = everyBlock(rows, held, quantity);
  if (options.together && blocks.length > 0) {
    const chosen = blocks.find((b) => b.seatIds.join() === answer.seatIds.join());
    expect(chosen).toBeDefined(); // adjacent, in one row
    const bestRank = Math.min(...blocks.map((b) => b.rank));
    expect(chosen!.rank).toBe(bestRank);
    const fewestStranded = Math.min(...blocks.filter((b) => b.rank === bestRank).map((b) => b.stranded));
    expect(chosen!.stranded).toBe(fewestStranded); // no avoidable single-seat gap
  }
}

/** Every block of `quantity` free adjacent seats, with its rank and stranded-seat count. */
function everyBlock(rows: AllocatorRow[], held: Set<string>, quantity: number) {
  const isFree = (r: AllocatorRow, p: number) => r.seats[p] !== undefined && !held.has(r.seats[p].id);
  const stretch = (r: AllocatorRow, from: number, step: number) => {
    let n = 0;
    for (let p = from + step; isFree(r, p) && adjacent(r, p - step, p); p += step) n++;
    return n;
  };
  return rows.flatMap((r) =>
    r.seats.flatMap((_, start) => {
      const positions = Array.from({ length: quantity }, (_, k) => start + k);
      if (!positions.every((p) => isFree(r, p)) || !positions.slice(1).every((p) => adjacent(r, p - 1, p))) return [];
      const before = stretch(r, start, -1);
      const after = stretch(r, start + quantity - 1, 1);
      return [{ rank: r.rank, seatIds: positions.map((p) => r.seats[p]!.id), stranded: (before === 1 ? 1 : 0) + (after === 1 ? 1 : 0) }];
    }),
  );
}

const withTaken = (maxRows: number, maxSeats: number) =>
  mapArbitrary(maxRows, maxSeats).chain((rows) => {
    const all = rows.flatMap((r) => r.seats.map((s) => s.id));
    return fc.tuple(fc.constant(rows), fc.subarray(all));
  });

describe('bestAvailable and exactSeats (properties)', () => {
  it('answer exactly as the brute-force reference on small maps, through holds, cancels and expiries', () => {
    fc.assert(
      fc.property(withTaken(5, 12), fc.array(operationArbitrary, { maxLength: 40 }), ([rows, taken], operations) => {
        replay(rows, taken, operations, true);
      }),
      { numRuns: 400 },
    );
  });

  it('never give a seat twice and keep together blocks adjacent and gap-free on larger maps', () => {
    fc.assert(
      fc.property(withTaken(30, 40), fc.array(operationArbitrary, { maxLength: 150 }), ([rows, taken], operations) => {
        replay(rows, taken, operations, false);
      }),
      { numRuns: 60 },
    );
  });
});
