import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { OnsaleApiError, type Backlog, type CreateEvent, type Event, type OnsaleClient, type Reservation } from '@onsale/client';
import { SingleBar } from 'cli-progress';
import { parse as parseYaml } from 'yaml';
import { CliFailure } from './failure';
import { csvLine, duration, json, table, type Output } from './output';

/** What every command gets: a client of the API, where to write, whether to write JSON, and what stops a repeating one. */
export interface CommandContext {
  client: OnsaleClient;
  output: Output;
  asJson: boolean;
  signal?: AbortSignal;
}

/** An event definition from a .json, .yaml or .yml file, as `POST /v1/events` takes it. */
export async function readEventFile(path: string): Promise<CreateEvent> {
  const text = await readFile(path, 'utf8');
  try {
    return (['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text)) as CreateEvent;
  } catch (error) {
    throw new CliFailure(`${path} is not valid ${extname(path).slice(1) || 'JSON'}: ${(error as Error).message}`);
  }
}

const ticketTypeRows = (event: Event) =>
  event.ticketTypes.map((t) => [t.code, t.name, (t.priceCents / 100).toFixed(2), t.capacity, t.available, t.held, t.sold]);
const TICKET_TYPE_HEAD = ['code', 'name', 'price', 'capacity', 'available', 'held', 'sold'];

/** Whether the event's sales window has ended (its status stays what it was: held tickets can still be confirmed). */
const salesEnded = (event: Event): boolean => event.salesEndAt !== null && Date.parse(event.salesEndAt) <= Date.now();

function describeEvent(event: Event, queued?: Backlog['events'][number]): string {
  const window = `sales ${event.salesStartAt ?? 'open'} → ${event.salesEndAt ?? 'open-ended'}${salesEnded(event) ? ' (ended)' : ''}`;
  const backlog = queued ? `queued: ${queued.queued} (oldest ${duration(queued.oldestQueuedAgeMs)}) on partition ${queued.partition}` : 'queued: 0';
  return `${event.name}  [${event.status}]  ${event.id}\nstarts ${event.startsAt}; ${window}; holds ${event.holdTtlSeconds} s\n${backlog}\n${table(TICKET_TYPE_HEAD, ticketTypeRows(event))}`;
}

export async function createEventFromFile({ client, output, asJson }: CommandContext, file: string): Promise<void> {
  const event = await client.events.create(await readEventFile(file));
  output.out(asJson ? json(event) : `created ${describeEvent(event)}`);
}

export async function listEvents({ client, output, asJson }: CommandContext): Promise<void> {
  const events: Event[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.events.list({ limit: 100, cursor });
    events.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (asJson) return output.out(json(events));
  const total = (event: Event, count: 'capacity' | 'held' | 'sold' | 'available') => event.ticketTypes.reduce((sum, t) => sum + t[count], 0);
  output.out(
    table(
      ['id', 'name', 'status', 'starts', 'capacity', 'available', 'held', 'sold'],
      events.map((e) => [e.id, e.name, e.status, e.startsAt, total(e, 'capacity'), total(e, 'available'), total(e, 'held'), total(e, 'sold')]),
    ),
  );
}

/** The event's queued backlog; undefined without an admin token (the event itself is public). */
async function queuedFor(client: OnsaleClient, eventId: string): Promise<Backlog['events'][number] | null | undefined> {
  try {
    return (await client.admin.backlog()).events.find((event) => event.eventId === eventId) ?? null;
  } catch (error) {
    if (error instanceof OnsaleApiError && (error.status === 401 || error.status === 403)) return undefined;
    throw error;
  }
}

/** Clears a terminal and puts the cursor home: the next drawing replaces the last. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J';

/**
 * The event with its live counters; with `watchSeconds`, again every so often until interrupted
 * (or `signal`): redrawn in place on a terminal, appended with a timestamp otherwise (a log, a pipe).
 */
export async function showEvent({ client, output, asJson, signal }: CommandContext, eventId: string, watchSeconds?: number): Promise<void> {
  const redraw = watchSeconds !== undefined && !asJson && output.terminal === true;
  for (;;) {
    const [event, queued] = await Promise.all([client.events.get(eventId), queuedFor(client, eventId)]);
    if (asJson) output.out(json({ ...event, backlog: queued ?? null }));
    else {
      const heading = watchSeconds ? `${redraw ? CLEAR_SCREEN : '\n'}${new Date().toISOString()}${redraw ? ` (every ${watchSeconds} s; Ctrl-C to stop)` : ''}\n` : '';
      output.out(`${heading}${describeEvent(event, queued ?? undefined)}`);
    }
    if (!watchSeconds) return;
    const stopped = await new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(true);
      const abort = () => (clearTimeout(timer), resolve(true));
      const timer = setTimeout(() => (signal?.removeEventListener('abort', abort), resolve(false)), watchSeconds * 1000);
      signal?.addEventListener('abort', abort, { once: true });
    });
    if (stopped) return;
  }
}

/** pause, resume, cancel (status), close (sales end now: held tickets can still be paid for). */
export const EVENT_ACTIONS = {
  pause: () => ({ status: 'paused' as const }),
  resume: () => ({ status: 'on_sale' as const }),
  cancel: () => ({ status: 'cancelled' as const }),
  close: () => ({ salesEndAt: new Date().toISOString() }),
};

export async function changeEvent(
  { client, output, asJson }: CommandContext,
  action: keyof typeof EVENT_ACTIONS,
  eventId: string,
): Promise<void> {
  const event = await client.events.update(eventId, EVENT_ACTIONS[action]());
  if (asJson) return output.out(json(event));
  // Closing ends the sales window, not the status: the event stays on_sale for its holders to pay.
  const outcome =
    action === 'close'
      ? `sales closed at ${event.salesEndAt}: new requests are rejected sales_closed, held tickets can still be confirmed`
      : `${event.status}${event.salesEndAt ? `, sales ${salesEnded(event) ? 'ended' : 'end'} ${event.salesEndAt}` : ''}`;
  output.out(`${action}: ${event.name} is now ${outcome}\n`);
}

export async function showBacklog({ client, output, asJson }: CommandContext): Promise<void> {
  const backlog = await client.admin.backlog();
  if (asJson) return output.out(json(backlog));
  const total = backlog.partitions.reduce((sum, p) => sum + p.queued, 0);
  output.out(
    `${total} requests queued at ${backlog.readAt}\n` +
      table(['partition', 'events', 'queued', 'oldest queued'], backlog.partitions.map((p) => [p.partition, p.events, p.queued, duration(p.oldestQueuedAgeMs)])) +
      table(['event', 'name', 'partition', 'queued', 'oldest queued'], backlog.events.map((e) => [e.eventId, e.eventName, e.partition, e.queued, duration(e.oldestQueuedAgeMs)])),
  );
}

/** An event's waitlist as an admin sees it: each ticket type's counters, then the entries in join order. */
export async function showWaitlist({ client, output, asJson }: CommandContext, eventId: string, limit: number): Promise<void> {
  const waitlist = await client.waitlist.list(eventId, { limit });
  if (asJson) return output.out(json(waitlist));
  output.out(
    table(['ticket type', 'waiting', 'tickets asked', 'offers out'], waitlist.lines.map((line) => [line.ticketType, line.waiting, line.waitingTickets, line.offered])) +
      table(
        ['entry', 'customer', 'ticket type', 'quantity', 'status', 'position', 'offer', 'offer expires'],
        waitlist.items.map((entry) => [entry.id, entry.customerId, entry.ticketType, entry.quantity, entry.status, entry.position, entry.offer?.reservationId, entry.offer?.expiresAt]),
      ),
  );
}

export async function showReservation({ client, output, asJson }: CommandContext, reservationId: string): Promise<void> {
  const reservation: Reservation = await client.get(reservationId);
  if (asJson) return output.out(json(reservation));
  const { items, ...fields } = reservation;
  output.out(
    table(['field', 'value'], Object.entries(fields).map(([name, value]) => [name, String(value)])) +
      table(['ticket type', 'quantity'], items.map((item) => [item.ticketType, item.quantity])),
  );
}

const SALES_CSV_HEAD = ['reservation_id', 'customer_id', 'ticket_type', 'quantity', 'reserved_at', 'confirmed_at'];

/**
 * Every confirmed reservation of the event, one CSV line per ticket type bought, read a page at a
 * time (with a progress bar on a terminal).
 */
export async function exportSales({ client, output, asJson }: CommandContext, eventId: string, format: 'csv' | 'table'): Promise<void> {
  // The sales route answers an empty page for an event that does not exist: ask for the event first (404).
  await client.events.get(eventId);
  const bar = output.interactive ? new SingleBar({ stream: process.stderr, format: 'exporting sales [{bar}] {value}/{total}' }) : undefined;
  const sales: Reservation[] = [];
  let cursor: string | undefined;
  try {
    do {
      const page = await client.admin.sales(eventId, { limit: 500, cursor });
      if (!cursor) bar?.start(page.total, 0);
      sales.push(...page.items);
      bar?.update(sales.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  } finally {
    bar?.stop();
  }
  if (asJson) return output.out(json(sales));
  const rows = sales.flatMap((sale) => sale.items.map((item) => [sale.id, sale.customerId, item.ticketType, item.quantity, sale.createdAt, sale.updatedAt]));
  output.out(format === 'csv' ? [SALES_CSV_HEAD, ...rows].map(csvLine).join('') : table(SALES_CSV_HEAD, rows));
  output.err(`${sales.length} sales exported\n`);
}
