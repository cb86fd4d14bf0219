import { SEAT_STATE_LETTERS, type SeatMapView } from '@onsale/shared';
import type { Connection, Database } from './client';

type SeatState = keyof typeof SEAT_STATE_LETTERS;

/**
 * The version of an event's seat map and seat states: a digest of its seated ticket types'
 * inventory versions, which every decision, release and map replacement bumps under the event
 * lock. Undefined when the event has no seated ticket type (or does not exist). One index scan
 * of the event's ticket types: cheap enough to ask on every poll.
 */
export function findSeatMapVersion({ sql }: Database, eventId: string): Promise<string | undefined> {
  return seatMapVersion(sql, eventId);
}

async function seatMapVersion(sql: Connection, eventId: string): Promise<string | undefined> {
  const [row] = await sql<{ version: string | null }[]>`
    SELECT left(md5(string_agg(id::text || ':' || inventory_version, ',' ORDER BY id)), 16) AS version
    FROM ticket_types WHERE event_id = ${eventId} AND seated`;
  return row?.version ?? undefined;
}

interface RowRecord {
  section: string;
  ticketType: string;
  row: string;
  numbers: number[];
  states: SeatState[];
  accessible: boolean[];
  restrictedView: boolean[];
}

/** Inclusive ranges of the numbers (ascending) for which `keep` holds. */
function rangesOf(numbers: readonly number[], keep: (index: number) => boolean): [number, number][] {
  const ranges: [number, number][] = [];
  numbers.forEach((number, index) => {
    if (!keep(index)) return;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === number - 1 && keep(index - 1)) last[1] = number;
    else ranges.push([number, number]);
  });
  return ranges;
}

/** `12f3h5s`: the states run-length encoded. */
function runLengths(states: readonly SeatState[]): string {
  let encoded = '';
  for (let start = 0; start < states.length; ) {
    let end = start;
    while (end < states.length && states[end] === states[start]) end++;
    encoded += `${end - start}${SEAT_STATE_LETTERS[states[start]!]}`;
    start = end;
  }
  return encoded;
}

/**
 * An event's seat map with every seat's state (free, held, sold), and its version, read in one
 * snapshot so that the version names exactly that state. Undefined without seated ticket types.
 */
export async function readSeatMap({ sql }: Database, eventId: string): Promise<SeatMapView | undefined> {
  return (await sql.begin('isolation level repeatable read read only', async (tx) => {
    const version = await seatMapVersion(tx, eventId);
    if (version === undefined) return undefined;
    const rows = await tx<RowRecord[]>`
      SELECT sec.code AS section, t.code AS "ticketType", r.label AS row,
        array_agg(s.number ORDER BY s.number) AS numbers,
        array_agg(CASE WHEN a.seat_id IS NULL THEN 'free' WHEN res.status = 'confirmed' THEN 'sold' ELSE 'held' END ORDER BY s.number) AS states,
        array_agg(s.accessible ORDER BY s.number) AS accessible,
        array_agg(s.restricted_view ORDER BY s.number) AS "restrictedView"
      FROM seats s
        JOIN seat_rows r ON r.id = s.row_id
        JOIN seat_sections sec ON sec.id = r.section_id
        JOIN ticket_types t ON t.id = sec.ticket_type_id
        LEFT JOIN seat_assignments a ON a.seat_id = s.id AND a.released_at IS NULL
        LEFT JOIN reservations res ON res.id = a.reservation_id
      WHERE s.event_id = ${eventId}
      GROUP BY sec.position, sec.code, t.code, r.position, r.label
      ORDER BY sec.position, r.position`;
    const sections: SeatMapView['sections'] = [];
    for (const record of rows) {
      let section = sections[sections.length - 1];
      if (section?.code !== record.section) sections.push((section = { code: record.section, ticketType: record.ticketType, rows: [] }));
      const accessible = rangesOf(record.numbers, (index) => record.accessible[index] === true);
      const restrictedView = rangesOf(record.numbers, (index) => record.restrictedView[index] === true);
      section.rows.push({
        label: record.row,
        numbers: rangesOf(record.numbers, () => true),
        states: runLengths(record.states),
        ...(accessible.length > 0 ? { accessible } : {}),
        ...(restrictedView.length > 0 ? { restrictedView } : {}),
      });
    }
    return { eventId, version, sections };
  })) as SeatMapView | undefined;
}
