import { availableOf, findEvent, readEventBacklog, type Database, type EventBacklog, type SqlClient } from '@onsale/db';
import type { EventActivity, EventActivityUpdates } from '@onsale/queue';
import { NotFound, ServiceUnavailable, withTimeout, type Logger } from '@onsale/shared';
import type { Response } from 'express';
import { DecisionWindow } from './decision-window';
import type { LiveEventView } from './live-view';
import { openEventStream, writeToStream } from '../http/sse';

export interface LiveEventsDeps {
  db: Database;
  sql: SqlClient;
  activity: EventActivityUpdates;
  partitionOf: (eventId: string) => number;
  logger: Logger;
  /** How often viewers get the event's state, and its backlog is read: once per event, for all its viewers. */
  tickMs?: number;
  /** The sliding window of decisions per second and latency percentiles. */
  windowMs?: number;
}

const SUBSCRIBE_WAIT_MS = 2_000;

/**
 * One event's live state in this API process, shared by all its viewers: one Redis subscription
 * to the workers' activity, one backlog query per tick, one serialised message per tick written
 * to every viewer.
 */
class LiveEvent {
  private readonly viewers = new Set<Response>();
  private readonly window: DecisionWindow;
  private backlog: EventBacklog = { queued: 0, oldestQueuedMs: null };
  private readingBacklog = false;
  private timer: NodeJS.Timeout | undefined;
  closed = false;

  constructor(
    private readonly deps: Required<LiveEventsDeps>,
    private readonly header: LiveEventView['event'],
    private ticketTypes: LiveEventView['ticketTypes'],
    private readonly unsubscribe: () => Promise<void>,
    private readonly onClosed: () => void,
  ) {
    this.window = new DecisionWindow(deps.windowMs);
  }

  /** Subscribes to the event's activity, then reads the event once; undefined if there is no such event. */
  static async open(deps: Required<LiveEventsDeps>, eventId: string, onClosed: () => void): Promise<LiveEvent | undefined> {
    // Subscribed before the read, so no commit is missed; what arrives meanwhile is applied after it.
    const early: EventActivity[] = [];
    let live: LiveEvent | undefined;
    const subscribing = deps.activity.subscribe(eventId, (activity) => (live ? live.apply(activity) : early.push(activity)));
    const unsubscribe = await withTimeout(subscribing, SUBSCRIBE_WAIT_MS).catch((error: unknown) => {
      void subscribing.then((off) => off());
      throw new ServiceUnavailable('Live updates are unavailable right now; try again.', {}, { cause: error });
    });
    const event = await findEvent(deps.db, eventId).catch(async (error: unknown) => {
      await unsubscribe();
      throw error;
    });
    if (!event) {
      await unsubscribe();
      return undefined;
    }
    const ticketTypes = event.ticketTypes.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      capacity: t.capacity,
      available: availableOf(t),
      held: t.held,
      sold: t.sold,
    }));
    live = new LiveEvent(deps, { id: event.id, name: event.name, status: event.status }, ticketTypes, unsubscribe, onClosed);
    for (const activity of early) live.apply(activity);
    await live.readBacklog();
    live.timer = setInterval(() => void live.tick(), deps.tickMs);
    live.timer.unref();
    return live;
  }

  apply(activity: EventActivity): void {
    const counters = new Map(activity.ticketTypes.map((line) => [line.id, line]));
    this.ticketTypes = this.ticketTypes.map((line) => {
      const after = counters.get(line.id);
      return after ? { ...line, capacity: after.capacity, held: after.held, sold: after.sold, available: availableOf(after) } : line;
    });
    this.window.add(Date.now(), activity.decisionLatenciesMs);
  }

  /** Adds a viewer and sends it the current state at once; it leaves when its connection closes. */
  add(res: Response): void {
    // A viewer that left while the event was being opened must not keep it open.
    if (res.destroyed) return this.closeIfUnwatched();
    this.viewers.add(res);
    res.on('close', () => this.remove(res));
    writeToStream(res, this.message());
  }

  private remove(res: Response): void {
    if (this.viewers.delete(res)) this.closeIfUnwatched();
  }

  private closeIfUnwatched(): void {
    if (this.viewers.size > 0 || this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.onClosed();
    this.unsubscribe().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'live event unsubscribe failed'));
  }

  private async tick(): Promise<void> {
    await this.readBacklog();
    if (this.closed) return;
    // Serialised once, written to every viewer; it doubles as the stream's heartbeat.
    const message = this.message();
    for (const viewer of this.viewers) writeToStream(viewer, message);
  }

  /** At most one query in flight per event; a failed read keeps the last figures. */
  private async readBacklog(): Promise<void> {
    if (this.readingBacklog) return;
    this.readingBacklog = true;
    try {
      this.backlog = await readEventBacklog(this.deps.sql, this.header.id, this.deps.partitionOf(this.header.id));
    } catch (error) {
      this.deps.logger.warn({ err: error, eventId: this.header.id }, 'reading the live backlog failed');
    } finally {
      this.readingBacklog = false;
    }
  }

  private message(): string {
    const { decisionsPerSecond, latencyMs } = this.window.summary(Date.now());
    const view: LiveEventView = {
      event: this.header,
      ticketTypes: this.ticketTypes,
      decisionsPerSecond,
      decisionLatencyMs: latencyMs,
      backlog: this.backlog,
      windowSeconds: Math.round(this.deps.windowMs / 1000),
      at: new Date().toISOString(),
    };
    return `event: live\ndata: ${JSON.stringify(view)}\n\n`;
  }
}

/** The live events this API process serves, each opened by its first viewer and closed after its last. */
export class LiveEvents {
  private readonly events = new Map<string, Promise<LiveEvent | undefined>>();
  private readonly deps: Required<LiveEventsDeps>;

  constructor(deps: LiveEventsDeps) {
    this.deps = { tickMs: 1_000, windowMs: 10_000, ...deps };
  }

  /** Streams the event's live state to `res` until it closes; NotFound (before any byte is written) if there is no such event. */
  async watch(eventId: string, res: Response): Promise<void> {
    for (;;) {
      const live = await this.open(eventId);
      if (!live) throw new NotFound(`No event ${eventId}.`);
      if (live.closed) continue; // its last viewer left while this one waited: open it again
      openEventStream(res);
      live.add(res);
      return;
    }
  }

  /** NotFound if there is no such event (HEAD of the stream). */
  async exists(eventId: string): Promise<void> {
    if (!(await findEvent(this.deps.db, eventId))) throw new NotFound(`No event ${eventId}.`);
  }

  /** How many events this process is streaming (one Redis subscription each). */
  get size(): number {
    return this.events.size;
  }

  private open(eventId: string): Promise<LiveEvent | undefined> {
    let opening = this.events.get(eventId);
    if (!opening) {
      const forget = () => {
        if (this.events.get(eventId) === opening) this.events.delete(eventId);
      };
      opening = LiveEvent.open(this.deps, eventId, forget);
      this.events.set(eventId, opening);
      opening.then(
        (live) => live || forget(),
        () => forget(),
      );
    }
    return opening;
  }
}
