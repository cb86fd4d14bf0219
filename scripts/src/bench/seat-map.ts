import type { AllocatorRow } from '@onsale/domain';
import type { SeatMapSpec } from '@onsale/shared';

/*
 * The benchmark's seat map: 4 sections of 25 rows, each row cut by aisles (a skipped seat number)
 * into blocks of 50 seats. The same map for the seated scenarios (through the API, as a compact
 * spec) and for the allocator measured alone (as allocator rows), so their costs compare.
 */

export const SEATED_TICKET_TYPE = 'SEAT';

export interface BenchSeatMap {
  seats: number;
  sections: number;
  rowsPerSection: number;
  seatsPerRow: number;
  aisleEvery: number;
}

const SECTIONS = 4;
const ROWS_PER_SECTION = 25;
const AISLE_EVERY = 50;

/** The map for (about) `seats` seats: rows of seats / 100 seats, rounded up. */
export function benchSeatMap(seats: number): BenchSeatMap {
  const seatsPerRow = Math.max(1, Math.ceil(seats / (SECTIONS * ROWS_PER_SECTION)));
  return { sections: SECTIONS, rowsPerSection: ROWS_PER_SECTION, seatsPerRow, aisleEvery: AISLE_EVERY, seats: seatsPerRow * SECTIONS * ROWS_PER_SECTION };
}

/** The numbers skipped for aisles, and the highest seat number of a row. */
function rowNumbering(map: BenchSeatMap): { skip: number[]; last: number } {
  const aisles = Math.floor((map.seatsPerRow - 1) / map.aisleEvery);
  return {
    skip: Array.from({ length: aisles }, (_, k) => (k + 1) * (map.aisleEvery + 1)),
    last: map.seatsPerRow + aisles,
  };
}

const sectionCode = (section: number) => `S${section + 1}`;

/** The map as `POST /v1/events` takes it: each section one range of rows sharing one seat range. */
export function seatMapSpec(map: BenchSeatMap): SeatMapSpec {
  const { skip, last } = rowNumbering(map);
  return {
    sections: Array.from({ length: map.sections }, (_, section) => ({
      code: sectionCode(section),
      ticketType: SEATED_TICKET_TYPE,
      rows: [{ labels: { from: 1, to: map.rowsPerSection }, seats: [{ from: 1, to: last, ...(skip.length ? { skip } : {}) }] }],
    })),
  };
}

/** The same map as allocator rows, labelled as the API labels them (`S1-12-5`), ranked section then row. */
export function allocatorRows(map: BenchSeatMap): AllocatorRow[] {
  const { skip, last } = rowNumbering(map);
  const skipped = new Set(skip);
  const numbers = Array.from({ length: last }, (_, n) => n + 1).filter((number) => !skipped.has(number));
  return Array.from({ length: map.sections * map.rowsPerSection }, (_, rank) => {
    const row = `${sectionCode(Math.floor(rank / map.rowsPerSection))}-${(rank % map.rowsPerSection) + 1}`;
    return { rank, seats: numbers.map((number) => ({ id: `${row}-${number}`, label: `${row}-${number}`, number })) };
  });
}
