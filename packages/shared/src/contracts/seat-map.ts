import { z } from 'zod';
import { ticketTypeCode } from './ticket-type-code';

/*
 * Assigned seating: the compact seat map an event is created with (sections → rows → ranges of
 * seat numbers), what it expands to, and the seat state clients draw.
 */

/** Section codes and row labels: letters and digits, so that `<section>-<row>-<number>` reads back unambiguously. */
const labelPart = z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'letters and digits, at most 8');
const seatNumber = z.int().min(1).max(9_999);

/** The most seats one event's map may have. */
export const MAX_SEATS_PER_EVENT = 200_000;

export const seatRange = z
  .strictObject({
    from: seatNumber,
    to: seatNumber,
    /** Numbers inside the range with no seat (an aisle, a pillar). */
    skip: z.array(seatNumber).max(1_000).optional(),
    accessible: z.boolean().optional(),
    restrictedView: z.boolean().optional(),
  })
  .refine((range) => range.to >= range.from, { path: ['to'], message: 'must not be below from' });

/** One row (`label`), or as many rows as `labels` counts (`{ from: 1, to: 40 }` → rows "1" to "40"), each with the same seats. */
export const seatRowSpec = z
  .strictObject({
    label: labelPart.optional(),
    labels: z.strictObject({ from: z.int().min(1).max(999), to: z.int().min(1).max(999) }).optional(),
    seats: z.array(seatRange).min(1).max(100),
  })
  .superRefine((row, ctx) => {
    if ((row.label === undefined) === (row.labels === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: 'give exactly one of label and labels' });
    }
    if (row.labels && row.labels.to < row.labels.from) {
      ctx.addIssue({ code: 'custom', path: ['labels', 'to'], message: 'must not be below from' });
    }
  });

export const seatSectionSpec = z.strictObject({
  code: labelPart,
  /** The ticket type its seats are sold as. */
  ticketType: ticketTypeCode,
  rows: z.array(seatRowSpec).min(1).max(500),
});

export const seatMapSpec = z.strictObject({ sections: z.array(seatSectionSpec).min(1).max(500) });
export type SeatMapSpec = z.infer<typeof seatMapSpec>;

export interface ExpandedSeat {
  number: number;
  label: string;
  accessible: boolean;
  restrictedView: boolean;
}
export interface ExpandedRow {
  label: string;
  seats: ExpandedSeat[];
}
export interface ExpandedSection {
  code: string;
  ticketType: string;
  rows: ExpandedRow[];
}

export const seatLabelOf = (section: string, row: string, number: number) => `${section}-${row}-${number}`;

/** A problem found while expanding a map, at a path inside the map. */
export interface SeatMapIssue {
  path: (string | number)[];
  message: string;
}

const MAX_ISSUES = 20;

function expandRow(section: string, label: string, ranges: z.infer<typeof seatRange>[], issue: (at: (string | number)[], message: string) => void) {
  const seats = new Map<number, ExpandedSeat>();
  ranges.forEach((range, index) => {
    const skipped = new Set(range.skip);
    for (let number = range.from; number <= range.to; number++) {
      if (skipped.has(number)) continue;
      const seatLabel = seatLabelOf(section, label, number);
      if (seats.has(number)) issue(['seats', index], `seat ${seatLabel} is listed twice`);
      seats.set(number, { number, label: seatLabel, accessible: range.accessible ?? false, restrictedView: range.restrictedView ?? false });
    }
  });
  return { label, seats: [...seats.values()].sort((a, b) => a.number - b.number) };
}

/**
 * Every seat of a map, sections and rows in the order given (their rank), seats by number, with
 * the problems that make it invalid (duplicate section codes, row labels or seats; too many seats).
 */
export function expandSeatMap(spec: SeatMapSpec): { sections: ExpandedSection[]; issues: SeatMapIssue[]; seatCount: number } {
  // A few KiB of ranges can describe billions of seats: refuse those before expanding any.
  const described = seatsDescribed(spec);
  if (described > MAX_SEATS_PER_EVENT) {
    return { sections: [], issues: [{ path: [], message: `up to ${described} seats; at most ${MAX_SEATS_PER_EVENT}` }], seatCount: described };
  }
  const issues: SeatMapIssue[] = [];
  const codes = new Set<string>();
  let seatCount = 0;
  const sections = spec.sections.map((section, sectionIndex): ExpandedSection => {
    const at = (path: (string | number)[], message: string) => {
      if (issues.length < MAX_ISSUES) issues.push({ path: ['sections', sectionIndex, ...path], message });
    };
    if (codes.has(section.code)) at(['code'], `section ${section.code} is listed twice`);
    codes.add(section.code);
    const labels = new Set<string>();
    const rows = section.rows.flatMap((row, rowIndex) => {
      // Also called by the event's own refinement on a map whose rows failed theirs (zod runs both): a row without a label has none.
      const rowLabels = row.label !== undefined ? [row.label] : row.labels ? labelsOf(row.labels) : [];
      return rowLabels.map((label) => {
        if (labels.has(label)) at(['rows', rowIndex], `row ${section.code}-${label} is listed twice`);
        labels.add(label);
        const expanded = expandRow(section.code, label, row.seats, (path, message) => at(['rows', rowIndex, ...path], message));
        seatCount += expanded.seats.length;
        return expanded;
      });
    });
    return { code: section.code, ticketType: section.ticketType, rows };
  });
  if (seatCount > MAX_SEATS_PER_EVENT) issues.push({ path: [], message: `${seatCount} seats; at most ${MAX_SEATS_PER_EVENT}` });
  return { sections, issues, seatCount };
}

/** How many seats the ranges describe, skipped numbers included: an upper bound, counted without expanding. */
function seatsDescribed(spec: SeatMapSpec): number {
  return spec.sections.reduce(
    (total, section) =>
      total +
      section.rows.reduce((rows, row) => {
        const copies = row.labels ? row.labels.to - row.labels.from + 1 : 1;
        return rows + copies * row.seats.reduce((seats, range) => seats + (range.to - range.from + 1), 0);
      }, 0),
    0,
  );
}

function labelsOf(range: { from: number; to: number }): string[] {
  const labels: string[] = [];
  for (let label = range.from; label <= range.to; label++) labels.push(String(label));
  return labels;
}

/** Seat counts per ticket type code. */
export function seatCountsByTicketType(sections: readonly ExpandedSection[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const section of sections) {
    const seats = section.rows.reduce((sum, row) => sum + row.seats.length, 0);
    counts.set(section.ticketType, (counts.get(section.ticketType) ?? 0) + seats);
  }
  return counts;
}

/** A seat's label as requests name it: `<section>-<row>-<number>`. */
export const seatLabel = z.string().regex(/^[A-Za-z0-9]{1,8}-[A-Za-z0-9]{1,8}-[0-9]{1,4}$/, 'a seat label such as A-12-5');

/**
 * The seat part of a recorded request: exact seats grouped by ticket type id, or best available
 * with the ticket type ids whose seats must be adjacent.
 */
export type StoredSeatRequest =
  | { kind: 'exact'; labels: Record<string, string[]> }
  | { kind: 'best'; together: string[]; allowSplit: boolean };

/** A seat as a reservation lists it. */
export const reservationSeatView = z
  .object({ section: z.string(), row: z.string(), number: z.int(), label: z.string() })
  .meta({ id: 'ReservationSeat' });
export type ReservationSeatView = z.infer<typeof reservationSeatView>;

/** Seat states, as the run-length strings of `GET /v1/events/:eventId/seats` spell them. */
export const SEAT_STATE_LETTERS = { free: 'f', held: 'h', sold: 's' } as const;

/** Inclusive ranges `[from, to]`. */
const numberRanges = z.array(z.array(z.int()).length(2));

export const seatMapView = z.object({
  eventId: z.uuid(),
  /** Changes whenever a seat's state or the map changes; also the ETag. */
  version: z.string(),
  sections: z.array(
    z.object({
      code: z.string(),
      ticketType: z.string(),
      rows: z.array(
        z.object({
          label: z.string(),
          /** The row's seat numbers, as inclusive ranges, left to right. */
          numbers: numberRanges,
          /** One state per seat in `numbers` order, run-length encoded: `12f3h5s` = 12 free, 3 held, 5 sold. */
          states: z.string(),
          accessible: numberRanges.optional(),
          restrictedView: numberRanges.optional(),
        }),
      ),
    }),
  ),
}).meta({ id: 'SeatMap' });
export type SeatMapView = z.infer<typeof seatMapView>;

/** A seat's section, row and number, read back from its label. */
export function seatOfLabel(label: string): ReservationSeatView {
  const [section = '', row = '', number = '0'] = label.split('-');
  return { section, row, number: Number(number), label };
}
