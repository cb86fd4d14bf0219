/**
 * The seat allocator: which seats of one seated ticket type a request gets. Pure and in memory;
 * the decision transaction builds a SeatAvailability from the seats under its lock, asks, and
 * takes what it hands out. PostgreSQL's constraint, not this module, is the last word on a seat.
 *
 * Definitions the answers follow (and the tests check against a brute-force reference):
 * - Adjacent: two seats next to each other in a row's `seats` array whose numbers differ by
 *   exactly 1. A numbering gap (an aisle, a pillar) breaks adjacency, so a together block never
 *   spans it. Rows numbered odd/even on each side (1, 3, 5...) therefore have no adjacent seats.
 * - A free run: a maximal stretch of free, pairwise adjacent seats. A row end or an aisle ends it.
 * - A stranded seat: a free run of exactly one seat that a choice creates by taking seats out of
 *   a longer run.
 * - Best block of `quantity` seats: the lowest `rank` among rows holding a free run that long;
 *   among the blocks of that rank, the fewest stranded seats, then the block whose middle is
 *   closest to its row's middle (by position in the row), then the earlier row (input order),
 *   then the leftmost block. The answer is therefore deterministic.
 * - Split (`together: false`, or `allowSplit` when no block fits): rows in rank order, each giving
 *   as many seats as it can: while the row's longest free run is shorter than what is still
 *   wanted, that run goes whole (ties: closest to the row's middle, then leftmost); the rest is the
 *   row's best block. The seats are so the best-ranked ones possible and whole runs never strand.
 */

/** One seat of a row, in physical order. */
export interface AllocatorSeat {
  id: string;
  label: string;
  number: number;
}

/** One row of one seated ticket type's map, seats in physical order (left to right). */
export interface AllocatorRow {
  /** Section order then row order: lower is better. */
  rank: number;
  seats: readonly AllocatorSeat[];
}

export type Allocation =
  | { ok: true; seatIds: string[] }
  | { ok: false; reason: 'not_together_available' | 'sold_out' };

export type ExactAllocation =
  | { ok: true; seatIds: string[] }
  | { ok: false; reason: 'seats_taken'; takenLabels: string[] }
  | { ok: false; reason: 'unknown_seats'; unknownLabels: string[] };

export interface BestAvailableOptions {
  together: boolean;
  allowSplit: boolean;
}

/** Free runs of one row as parallel arrays of first and last positions. */
interface FreeRuns {
  starts: number[];
  ends: number[];
  longest: number;
}

/** One row's seats and their free/taken state; its free runs are recomputed only after a change. */
class RowState {
  readonly free: Uint8Array;
  readonly adjacentToNext: Uint8Array;
  freeCount: number;
  private runs: FreeRuns | undefined;

  constructor(
    readonly order: number,
    readonly rank: number,
    readonly seats: readonly AllocatorSeat[],
  ) {
    this.free = new Uint8Array(seats.length).fill(1);
    this.freeCount = seats.length;
    this.adjacentToNext = new Uint8Array(seats.length);
    for (let i = 0; i + 1 < seats.length; i++) {
      this.adjacentToNext[i] = Math.abs(seats[i + 1]!.number - seats[i]!.number) === 1 ? 1 : 0;
    }
  }

  get size(): number {
    return this.seats.length;
  }

  setFree(position: number, free: boolean): void {
    this.free[position] = free ? 1 : 0;
    this.freeCount += free ? 1 : -1;
    this.runs = undefined;
  }

  freeRuns(): FreeRuns {
    this.runs ??= this.computeFreeRuns();
    return this.runs;
  }

  private computeFreeRuns(): FreeRuns {
    const runs: FreeRuns = { starts: [], ends: [], longest: 0 };
    let start = -1;
    for (let i = 0; i < this.free.length; i++) {
      if (this.free[i] === 0) continue;
      if (start < 0) start = i;
      if (i + 1 === this.free.length || this.adjacentToNext[i] === 0 || this.free[i + 1] === 0) {
        runs.starts.push(start);
        runs.ends.push(i);
        runs.longest = Math.max(runs.longest, i - start + 1);
        start = -1;
      }
    }
    return runs;
  }
}

/** A candidate block: `length` seats of `row` from position `start`. */
interface Block {
  row: RowState;
  start: number;
  length: number;
  strandedSeats: number;
  /** Twice the distance between the block's middle and the row's middle (kept integral). */
  centreOffset: number;
}

/** The state behind a SeatAvailability, reachable only from this module. */
class SeatState {
  readonly rows: RowState[];
  readonly rowOf: Int32Array;
  readonly positionOf: Int32Array;
  readonly seatIndexById = new Map<string, number>();
  private labelIndex: Map<string, number> | undefined;
  freeCount = 0;
  /** No row before this one has a free seat. */
  firstOpenRow = 0;

  constructor(rows: readonly AllocatorRow[]) {
    const ranked = rows.map((row, inputOrder) => ({ row, inputOrder }));
    ranked.sort((a, b) => a.row.rank - b.row.rank || a.inputOrder - b.inputOrder);
    this.rows = ranked.map(({ row }, order) => new RowState(order, row.rank, row.seats));
    const seatCount = this.rows.reduce((sum, row) => sum + row.size, 0);
    this.rowOf = new Int32Array(seatCount);
    this.positionOf = new Int32Array(seatCount);
    let index = 0;
    for (const row of this.rows) {
      row.seats.forEach((seat, position) => {
        if (this.seatIndexById.has(seat.id)) throw new Error(`seat map: duplicate seat id ${seat.id}`);
        this.seatIndexById.set(seat.id, index);
        this.rowOf[index] = row.order;
        this.positionOf[index] = position;
        index++;
      });
    }
    this.freeCount = seatCount;
  }

  /** Seat indexes by label, built on the first exact-seats request: best available never needs it. */
  get seatIndexByLabel(): Map<string, number> {
    if (!this.labelIndex) {
      const byLabel = new Map<string, number>();
      for (let index = 0; index < this.rowOf.length; index++) {
        const { label } = this.seatAt(index);
        if (byLabel.has(label)) throw new Error(`seat map: duplicate seat label ${label}`);
        byLabel.set(label, index);
      }
      this.labelIndex = byLabel;
    }
    return this.labelIndex;
  }

  isFree(index: number): boolean {
    return this.rows[this.rowOf[index]!]!.free[this.positionOf[index]!] === 1;
  }

  indexOfId(seatId: string): number {
    const index = this.seatIndexById.get(seatId);
    if (index === undefined) throw new Error(`seat map: unknown seat id ${seatId}`);
    return index;
  }

  seatAt(index: number): AllocatorSeat {
    return this.rows[this.rowOf[index]!]!.seats[this.positionOf[index]!]!;
  }

  /** Sets every seat's state at once, after checking that each one changes (all or nothing). */
  setFree(seatIds: readonly string[], free: boolean): void {
    const indexes = seatIds.map((id) => this.indexOfId(id));
    const distinct = new Set(indexes);
    if (distinct.size !== indexes.length) throw new Error('seat map: a seat id is listed twice');
    for (const index of indexes) {
      // A seat taken twice (or released twice) means this state has drifted from the database's.
      if (this.isFree(index) === free) {
        throw new Error(`seat map: seat ${this.seatAt(index).id} is already ${free ? 'free' : 'taken'}`);
      }
    }
    for (const index of indexes) {
      const row = this.rows[this.rowOf[index]!]!;
      row.setFree(this.positionOf[index]!, free);
      if (free) this.firstOpenRow = Math.min(this.firstOpenRow, row.order);
    }
    this.freeCount += free ? indexes.length : -indexes.length;
    while (this.firstOpenRow < this.rows.length && this.rows[this.firstOpenRow]!.freeCount === 0) {
      this.firstOpenRow++;
    }
  }
}

const seatStates = new WeakMap<SeatAvailability, SeatState>();

function stateOf(availability: SeatAvailability): SeatState {
  const state = seatStates.get(availability);
  if (!state) throw new TypeError('not a SeatAvailability');
  return state;
}

/**
 * The free/taken state of one ticket type's seats, kept between requests of one batch.
 * Rows and seats are fixed for its lifetime; only free/taken changes, through take and release.
 */
export class SeatAvailability {
  constructor(rows: readonly AllocatorRow[], takenSeatIds: Iterable<string>) {
    const state = new SeatState(rows);
    seatStates.set(this, state);
    state.setFree([...takenSeatIds], false);
  }

  isFree(seatId: string): boolean {
    const state = stateOf(this);
    return state.isFree(state.indexOfId(seatId));
  }

  /** Marks the seats taken; throws (changing nothing) if one is unknown, listed twice or already taken. */
  take(seatIds: readonly string[]): void {
    stateOf(this).setFree(seatIds, false);
  }

  /** Marks the seats free; throws (changing nothing) if one is unknown, listed twice or already free. */
  release(seatIds: readonly string[]): void {
    stateOf(this).setFree(seatIds, true);
  }

  get freeCount(): number {
    return stateOf(this).freeCount;
  }
}

/**
 * The best free seats for `quantity` seats (see the module comment for "best"). Does not take
 * them: the caller takes the answer once the whole request is accepted.
 */
export function bestAvailable(
  availability: SeatAvailability,
  quantity: number,
  options: BestAvailableOptions,
): Allocation {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive integer: ${quantity}`);
  const state = stateOf(availability);
  if (state.freeCount < quantity) return { ok: false, reason: 'sold_out' };
  if (options.together) {
    const block = bestBlock(state, quantity);
    if (block) return { ok: true, seatIds: blockSeatIds(block.row, block.start, block.length) };
    if (!options.allowSplit) return { ok: false, reason: 'not_together_available' };
  }
  return { ok: true, seatIds: splitAcrossRows(state, quantity) };
}

/** Exactly the seats named by `labels`, all or nothing. Does not take them. Repeated labels count once. */
export function exactSeats(availability: SeatAvailability, labels: readonly string[]): ExactAllocation {
  const state = stateOf(availability);
  const distinctLabels = [...new Set(labels)];
  const unknownLabels = distinctLabels.filter((label) => !state.seatIndexByLabel.has(label));
  if (unknownLabels.length > 0) return { ok: false, reason: 'unknown_seats', unknownLabels };
  const indexes = distinctLabels.map((label) => state.seatIndexByLabel.get(label)!);
  const takenLabels = indexes.filter((index) => !state.isFree(index)).map((index) => state.seatAt(index).label);
  if (takenLabels.length > 0) return { ok: false, reason: 'seats_taken', takenLabels };
  return { ok: true, seatIds: indexes.map((index) => state.seatAt(index).id) };
}

/** The best block of `length` adjacent free seats, or undefined if no row has a free run that long. */
function bestBlock(state: SeatState, length: number): Block | undefined {
  let best: Block | undefined;
  for (let order = state.firstOpenRow; order < state.rows.length; order++) {
    const row = state.rows[order]!;
    if (best && row.rank !== best.row.rank) break;
    if (row.freeCount < length) continue;
    const runs = row.freeRuns();
    if (runs.longest < length) continue;
    const candidate = bestBlockInRuns(row, runs.starts, runs.ends, length);
    if (candidate && (!best || compareBlocks(candidate, best) < 0)) best = candidate;
  }
  return best;
}

/**
 * The best block of `length` seats within the given free runs of one row. Only a few starts per
 * run can win: the ones that strand a seat (second from either end), the run's two ends, and the
 * start nearest the row's middle among those that leave at least two seats on both sides.
 */
function bestBlockInRuns(row: RowState, starts: readonly number[], ends: readonly number[], length: number): Block | undefined {
  let best: Block | undefined;
  const centredStart = (row.size - length) / 2;
  for (let r = 0; r < starts.length; r++) {
    const first = starts[r]!;
    const lastStart = ends[r]! - length + 1;
    if (lastStart < first) continue;
    const candidates = [first, first + 1, lastStart - 1, lastStart];
    // Of two starts equally near the middle the left one wins, so the floor is the only one needed.
    if (first + 2 <= lastStart - 2) candidates.push(clamp(Math.floor(centredStart), first + 2, lastStart - 2));
    for (const start of candidates) {
      if (start < first || start > lastStart) continue;
      const candidate = blockAt(row, start, length, start - first, lastStart - start);
      if (!best || compareBlocks(candidate, best) < 0) best = candidate;
    }
  }
  return best;
}

function blockAt(row: RowState, start: number, length: number, freeBefore: number, freeAfter: number): Block {
  return {
    row,
    start,
    length,
    strandedSeats: (freeBefore === 1 ? 1 : 0) + (freeAfter === 1 ? 1 : 0),
    centreOffset: Math.abs(2 * start + length - row.size),
  };
}

/** Orders blocks of equal rank: fewest stranded seats, nearest the middle, earlier row, leftmost. */
function compareBlocks(a: Block, b: Block): number {
  return (
    a.strandedSeats - b.strandedSeats ||
    a.centreOffset - b.centreOffset ||
    a.row.order - b.row.order ||
    a.start - b.start
  );
}

function splitAcrossRows(state: SeatState, quantity: number): string[] {
  const seatIds: string[] = [];
  for (let order = state.firstOpenRow; order < state.rows.length && seatIds.length < quantity; order++) {
    const row = state.rows[order]!;
    if (row.freeCount === 0) continue;
    const runs = row.freeRuns();
    takeFromRow(row, [...runs.starts], [...runs.ends], quantity - seatIds.length, seatIds);
  }
  return seatIds;
}

/** Adds up to `wanted` seats of one row to `seatIds`: whole longest runs, then the best block. */
function takeFromRow(row: RowState, starts: number[], ends: number[], wanted: number, seatIds: string[]): void {
  while (wanted > 0 && starts.length > 0) {
    const longest = longestRun(row, starts, ends);
    const longestLength = ends[longest]! - starts[longest]! + 1;
    if (longestLength >= wanted) {
      const block = bestBlockInRuns(row, starts, ends, wanted)!;
      seatIds.push(...blockSeatIds(row, block.start, wanted));
      return;
    }
    seatIds.push(...blockSeatIds(row, starts[longest]!, longestLength));
    wanted -= longestLength;
    starts.splice(longest, 1);
    ends.splice(longest, 1);
  }
}

/** The index of the longest run; ties go to the one nearest the row's middle, then the leftmost. */
function longestRun(row: RowState, starts: readonly number[], ends: readonly number[]): number {
  let best = 0;
  for (let r = 1; r < starts.length; r++) {
    const length = ends[r]! - starts[r]! + 1;
    const bestLength = ends[best]! - starts[best]! + 1;
    const offset = Math.abs(starts[r]! + ends[r]! - (row.size - 1));
    const bestOffset = Math.abs(starts[best]! + ends[best]! - (row.size - 1));
    if (length > bestLength || (length === bestLength && offset < bestOffset)) best = r;
  }
  return best;
}

function blockSeatIds(row: RowState, start: number, length: number): string[] {
  return row.seats.slice(start, start + length).map((seat) => seat.id);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
