import type { CreateEvent, OnsaleClient, ReservationRequest, SeatMap } from '@onsale/client';

/*
 * `./onsale demo --seated`: the on-sale with assigned seats. The event sells a standing floor
 * and seated sections of 20 rows of 25 seats (an aisle after seat 12); buyers ask for the best
 * available seats together, for exact seats, or for the floor.
 */

const ROWS = 20;
const SEATS_PER_ROW = 25;
const AISLE = 13;
const SEATS_PER_SECTION = ROWS * (SEATS_PER_ROW - 1);

/** An event of at least `tickets` seats (whole sections), and a floor of half as many standing tickets. */
export function seatedEvent(tickets: number): { body: CreateEvent; seatCount: number; sections: number } {
  const sections = Math.max(1, Math.ceil(tickets / SEATS_PER_SECTION));
  const seatCount = sections * SEATS_PER_SECTION;
  const body: CreateEvent = {
    name: 'Arena tour — seated opening night',
    startsAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    maxTicketsPerCustomer: 6,
    ticketTypes: [
      { code: 'FLOOR', name: 'Standing floor', priceCents: 6900, capacity: Math.ceil(tickets / 2) },
      { code: 'SEAT', name: 'Seated', priceCents: 11900, capacity: seatCount },
    ],
    seatMap: {
      sections: Array.from({ length: sections }, (_, index) => ({
        code: `S${index + 1}`,
        ticketType: 'SEAT',
        rows: [
          { labels: { from: 1, to: ROWS - 1 }, seats: [{ from: 1, to: SEATS_PER_ROW, skip: [AISLE] }] },
          { label: String(ROWS), seats: [{ from: 1, to: SEATS_PER_ROW, skip: [AISLE], accessible: true }] },
        ],
      })),
    },
  };
  return { body, seatCount, sections };
}

/** Buyer `index`'s request: mostly best available together (1–4 seats), some exact seats, some standing. */
export function seatedRequest(index: number, sections: number): ReservationRequest {
  if (index % 10 === 0) {
    const section = `S${(index % sections) + 1}`;
    const row = (index % ROWS) + 1;
    // Popular seats: many buyers ask for the same pair near the centre of a front row.
    return { seats: [`${section}-${(row % 3) + 1}-11`, `${section}-${(row % 3) + 1}-12`] };
  }
  if (index % 5 === 1) return { items: [{ ticketType: 'FLOOR', quantity: 1 + (index % 4) }] };
  return { items: [{ ticketType: 'SEAT', quantity: 1 + (index % 4), together: true }], allowSplit: index % 3 === 0 };
}

/** Seat states counted from the map's run-length rows. */
export function seatStateCounts(map: SeatMap): Record<'free' | 'held' | 'sold', number> {
  const counts = { free: 0, held: 0, sold: 0 };
  const names = { f: 'free', h: 'held', s: 'sold' } as const;
  for (const row of map.sections.flatMap((section) => section.rows)) {
    for (const [, run, letter] of row.states.matchAll(/(\d+)([fhs])/g)) counts[names[letter as 'f' | 'h' | 's']] += Number(run);
  }
  return counts;
}

/** Prints the seat map's states next to the counters, and says whether they agree. */
export async function verifySeats(admin: OnsaleClient, eventId: string, say: (line: string) => void): Promise<boolean> {
  const [map, event] = await Promise.all([admin.events.seats(eventId), admin.events.get(eventId)]);
  const seat = event.ticketTypes.find((type) => type.code === 'SEAT')!;
  const states = seatStateCounts(map);
  say(`Seat map (GET …/seats, version ${map.version}): free ${states.free}, held ${states.held}, sold ${states.sold}`);
  const agrees = states.held === seat.held && states.sold === seat.sold && states.free === seat.available;
  say(agrees ? 'Verified: every seat held or sold once, the map agrees with the counters.' : 'FAILED: the seat map disagrees with the counters');
  return agrees;
}
