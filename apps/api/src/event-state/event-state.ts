import {
  type EventSnapshot,
  type EventWithTicketTypes,
  type QueuePlaceOf,
  type QueueProgress,
  type SnapshotStock,
} from '@onsale/db';
import { availableOf, type Stock } from '@onsale/domain';
import type { EventActivity } from '@onsale/queue';
import { BacklogFull, SoldOut, type QueuePlace } from '@onsale/shared';
import type { LiveEventView } from '../live/live-view';
import { DecisionStats } from './decision-stats';

export interface AdmissionSettings {
  /** Refuse (503) while the event's backlog would take longer than this to decide; 0: never. */
  maxWaitSeconds: number;
  /** Answer 409 sold_out at once when fewer tickets are left than a request asks for. */
  soldOutImmediate: boolean;
}

/** A queued request, as much of it as its place in the queue needs (items by ticket type code, as in its view). */
export interface WaitingRequest {
  place: QueuePlaceOf;
  items: readonly { ticketType: string; quantity: number }[];
}

type Progress = Omit<QueueProgress, 'eventId'>;

/** A ticket type's `inventory_version` as last learnt (undefined: not known now) and whether it is seated. */
interface InventoryVersion {
  version: number | undefined;
  seated: boolean;
}

/**
 * The ETA to tell a buyer who was last told `toldMs`: a nearer one at once, a later one only when
 * it is later by more than a quarter of the wait left (or 2 s), that is when the rate really fell,
 * not because the batches came a little unevenly or time passed between two batches.
 */
export function steadyEta(toldMs: number | undefined, computedMs: number, nowMs: number): number {
  if (toldMs === undefined || computedMs <= toldMs) return computedMs;
  return computedMs - toldMs > Math.max(2_000, (toldMs - nowMs) / 4) ? computedMs : toldMs;
}

/** The decision rate is trusted once the event's commits span this long (see DecisionStats). */
const MIN_RATE_SPAN_MS = 1_000;

/**
 * What this API process knows of one event, kept current by the workers' commits (the event's
 * activity channel) and re-read from PostgreSQL once a second while it is used: its ticket types'
 * counters and inventory versions, its decision rate and latency, and how far its queue is
 * decided. Admission control, the live page, queued buyers' positions and ETAs, and seat map
 * polls all read this one view.
 */
export class EventState {
  private readonly stock = new Map<string, Stock>();
  private readonly inventoryVersions = new Map<string, InventoryVersion>();
  private readonly decisions: DecisionStats;
  /** Per ticket type: waitlist entries waiting and offers out, as of the last re-read (commits do not carry them). */
  private readonly waitlist = new Map<string, { waiting: number; offered: number }>();
  private progress: Progress | undefined;
  private oldestQueued: { ms: number; readAtMs: number } | undefined;
  /** Bumped by every activity: a re-read that started before one must not overwrite its counters. */
  private activitySeen = 0;
  /**
   * Changed (`EventStates` hands out a new number, unique in the process) when this state starts
   * and whenever activity may have been missed (the subscriber connection was lost): what was
   * learnt of the event's reservations under another epoch must be checked again.
   */
  epoch = 0;

  constructor(
    readonly event: EventWithTicketTypes,
    readonly windowMs: number,
  ) {
    this.decisions = new DecisionStats({ windowMs, minSpanMs: MIN_RATE_SPAN_MS });
    for (const { id, capacity, held, sold } of event.ticketTypes) this.stock.set(id, { id, capacity, held, sold });
    this.inventoryRead(event.ticketTypes);
  }

  get eventId(): string {
    return this.event.id;
  }

  apply(activity: EventActivity, nowMs = Date.now()): void {
    this.activitySeen++;
    for (const line of activity.ticketTypes) {
      const known = this.inventoryVersions.get(line.id);
      // A message older than what is known (commits' messages may cross on their way): its counters are too.
      const older = line.inventoryVersion !== undefined && known?.version !== undefined && line.inventoryVersion < known.version;
      if (!older) this.stock.set(line.id, { id: line.id, capacity: line.capacity, held: line.held, sold: line.sold });
      // A worker older than the field: the version moved by an unknown amount, until the next re-read.
      if (line.inventoryVersion === undefined) this.inventoryVersions.set(line.id, { version: undefined, seated: known?.seated ?? false });
      else if (known?.version === undefined || line.inventoryVersion > known.version) {
        this.inventoryVersions.set(line.id, { version: line.inventoryVersion, seated: known?.seated ?? false });
      }
    }
    if (activity.queue) this.advance(activity.queue);
    this.decisions.record(nowMs, activity.decisionLatenciesMs);
  }

  /** Marks the start of a re-read: `applySnapshot` takes its counters only if no activity came in between. */
  startRead(): number {
    return this.activitySeen;
  }

  applySnapshot(snapshot: EventSnapshot, startedAt: number, nowMs = Date.now()): void {
    if (startedAt === this.activitySeen) for (const line of snapshot.ticketTypes) this.stock.set(line.id, line);
    this.inventoryRead(snapshot.ticketTypes);
    if (snapshot.queue) this.advance(snapshot.queue);
    this.oldestQueued = snapshot.oldestQueuedMs === null ? undefined : { ms: snapshot.oldestQueuedMs, readAtMs: nowMs };
    for (const { ticketTypeId, waiting, offered } of snapshot.waitlist ?? []) this.waitlist.set(ticketTypeId, { waiting, offered });
  }

  /**
   * Ticket types' inventory versions read from PostgreSQL (a re-read, or the event read after its
   * seat map was replaced here). Versions only grow: an older read does not undo a newer commit's.
   */
  inventoryRead(lines: readonly Pick<SnapshotStock, 'id' | 'inventoryVersion' | 'seated'>[]): void {
    for (const { id, inventoryVersion, seated } of lines) {
      const known = this.inventoryVersions.get(id)?.version;
      if (known === undefined || inventoryVersion >= known) this.inventoryVersions.set(id, { version: inventoryVersion, seated });
    }
  }

  /**
   * The seated ticket types' inventory versions in id order (what the seat map's version is a
   * digest of: `findSeatMapVersion`); null when the event sells no seats; undefined when a version
   * is not known now (a message without one: until the next re-read).
   */
  seatVersions(): { id: string; version: number }[] | null | undefined {
    const seated = [...this.inventoryVersions].filter(([, inventory]) => inventory.seated);
    if (seated.length === 0) return null;
    const known = seated.flatMap(([id, { version }]) => (version === undefined ? [] : [{ id, version }]));
    if (known.length < seated.length) return undefined;
    return known.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A request this process recorded: the queue is at least that long. */
  accepted(place: QueuePlaceOf, tickets: number): void {
    const progress = this.progress ?? { settledThrough: 0, ticketsSettledThrough: 0, lastSeq: 0, lastTickets: 0, settledOutOfTurn: [] };
    this.progress = {
      ...progress,
      lastSeq: Math.max(progress.lastSeq, place.seq),
      lastTickets: Math.max(progress.lastTickets, place.ticketsBefore + tickets),
    };
  }

  /**
   * Takes progress that is not older than what is known: places are decided in order, so the
   * queue only moves forward, whichever worker's message or re-read arrives first. A withdrawn
   * place stays withdrawn, so the places settled out of turn are the union of both.
   */
  private advance(next: Progress): void {
    const known = this.progress;
    if (known && next.settledThrough < known.settledThrough) return;
    const outOfTurn = new Map([...(known?.settledOutOfTurn ?? []), ...next.settledOutOfTurn].map((settled) => [settled.seq, settled]));
    this.progress = {
      ...next,
      lastSeq: Math.max(next.lastSeq, known?.lastSeq ?? 0),
      lastTickets: Math.max(next.lastTickets, known?.lastTickets ?? 0),
      settledOutOfTurn: [...outOfTurn.values()].filter((settled) => settled.seq > next.settledThrough).sort((a, b) => a.seq - b.seq),
    };
  }

  /** Requests recorded and not yet decided, as far as this process knows. */
  queued(): number {
    const progress = this.progress;
    return progress ? progress.lastSeq - progress.settledThrough - progress.settledOutOfTurn.length : 0;
  }

  /** How long the oldest queued request has waited, as of the last re-read plus the time since. */
  oldestQueuedMs(nowMs: number): number | null {
    if (this.queued() === 0 || !this.oldestQueued) return null;
    return this.oldestQueued.ms + nowMs - this.oldestQueued.readAtMs;
  }

  /** Whether the request with this place is decided (or withdrawn) already, as far as this process knows. */
  isSettled(place: QueuePlaceOf): boolean {
    const progress = this.progress;
    if (!progress) return false;
    return place.seq <= progress.settledThrough || progress.settledOutOfTurn.some((settled) => settled.seq === place.seq);
  }

  /**
   * A waiting request's place in the queue: undefined when this process does not know the queue
   * yet or the request is settled already. Exact as of the last progress received.
   */
  placeOf(request: WaitingRequest, nowMs: number): QueuePlace | undefined {
    const progress = this.progress;
    if (!progress || this.isSettled(request.place)) return undefined;
    const ahead = progress.settledOutOfTurn.filter((settled) => settled.seq < request.place.seq);
    const requestsAhead = request.place.seq - progress.settledThrough - 1 - ahead.length;
    const ticketsAhead = Math.max(0, request.place.ticketsBefore - progress.ticketsSettledThrough - ahead.reduce((sum, s) => sum + s.tickets, 0));
    const rate = this.decisions.smoothedPerSecond(nowMs);
    return {
      position: requestsAhead + 1,
      requestsAhead,
      ticketsAhead,
      estimatedDecisionAt: rate ? new Date(nowMs + ((requestsAhead + 1) / rate) * 1000).toISOString() : null,
      outlook: this.outlookOf(request, ticketsAhead),
    };
  }

  /**
   * The outlook a request for `items` would have if it were recorded now, behind every request
   * still waiting (the waitlist's join rule); undefined when this process does not know the queue yet.
   */
  outlookAtTail(items: WaitingRequest['items']): QueuePlace['outlook'] | undefined {
    const progress = this.progress;
    if (!progress) return undefined;
    const outOfTurn = progress.settledOutOfTurn.reduce((sum, settled) => sum + settled.tickets, 0);
    const ticketsAhead = Math.max(0, progress.lastTickets - progress.ticketsSettledThrough - outOfTurn);
    return this.outlookOf({ place: { seq: progress.lastSeq + 1, ticketsBefore: progress.lastTickets }, items }, ticketsAhead);
  }

  /**
   * Bands, not stock: `likely_available` when even if every request ahead were granted its types
   * would have enough left, `likely_sold_out` when the tickets asked for ahead already exceed what
   * the whole event has left.
   */
  private outlookOf(request: WaitingRequest, ticketsAhead: number): QueuePlace['outlook'] {
    const available = (code: string) => {
      const stock = this.stock.get(this.event.ticketTypes.find((type) => type.code === code)?.id ?? '');
      return stock ? availableOf(stock) : undefined;
    };
    const left = [...this.stock.values()].reduce((sum, stock) => sum + availableOf(stock), 0);
    if (ticketsAhead >= left) return 'likely_sold_out';
    const enough = request.items.every((item) => {
      const typeLeft = available(item.ticketType);
      return typeLeft !== undefined && ticketsAhead + item.quantity <= typeLeft;
    });
    return enough ? 'likely_available' : 'unknown';
  }

  /**
   * How long the backlog would take to decide: backlog ÷ decision rate; while no rate is measured
   * (the workers stopped, have not started on the event, or have only just started), the age of
   * the oldest queued request.
   */
  estimatedWaitSeconds(nowMs: number): number {
    const queued = this.queued();
    if (queued === 0) return 0;
    const rate = this.decisions.perSecond(nowMs);
    if (rate) return queued / rate;
    return (this.oldestQueuedMs(nowMs) ?? 0) / 1000;
  }

  /** Throws SoldOut or BacklogFull if a request for `items` must not be queued. */
  checkAdmission(items: readonly { ticketTypeId: string; quantity: number }[], settings: AdmissionSettings, nowMs: number): void {
    if (settings.soldOutImmediate) {
      const short = items.filter((item) => {
        const stock = this.stock.get(item.ticketTypeId);
        return stock !== undefined && availableOf(stock) < item.quantity;
      });
      if (short.length > 0) {
        throw new SoldOut('Fewer tickets are left than this request asks for; nothing was recorded.', {
          ticketTypes: short.map((item) => ({ id: item.ticketTypeId, available: availableOf(this.stock.get(item.ticketTypeId)!) })),
        });
      }
    }
    if (settings.maxWaitSeconds > 0) {
      const wait = this.estimatedWaitSeconds(nowMs);
      if (wait > settings.maxWaitSeconds) {
        throw new BacklogFull(
          `About ${Math.ceil(wait)} s of requests are waiting for this event, more than ${settings.maxWaitSeconds} s; try again later.`,
          Math.max(1, Math.ceil(wait - settings.maxWaitSeconds)),
        );
      }
    }
  }

  /** What a live viewer is sent. */
  liveView(nowMs: number): LiveEventView {
    const { event } = this;
    return {
      event: { id: event.id, name: event.name, status: event.status },
      ticketTypes: event.ticketTypes.map(({ id, code, name }) => {
        const stock = this.stock.get(id)!;
        const waitlist = this.waitlist.get(id) ?? { waiting: 0, offered: 0 };
        return { id, code, name, capacity: stock.capacity, available: availableOf(stock), held: stock.held, sold: stock.sold, waitlist };
      }),
      decisionsPerSecond: Math.round((this.decisions.perSecond(nowMs) ?? 0) * 10) / 10,
      decisionLatencyMs: this.decisions.latencyMs(nowMs),
      backlog: { queued: this.queued(), oldestQueuedMs: this.oldestQueuedMs(nowMs) },
      windowSeconds: Math.round(this.windowMs / 1000),
      at: new Date(nowMs).toISOString(),
    };
  }
}
