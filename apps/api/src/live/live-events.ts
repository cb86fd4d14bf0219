import { findEvent, type Database } from '@onsale/db';
import { NotFound } from '@onsale/shared';
import type { Response } from 'express';
import type { EventState } from '../event-state/event-state';
import type { EventStates } from '../event-state/event-states';
import { openEventStream, writeToStream } from '../http/sse';

/** How often viewers get the event's state: once per event, for all its viewers. */
const TICK_MS = 1_000;

/** One event's viewers in this API process: one serialised message per tick, written to every viewer. */
class LiveEvent {
  private readonly viewers = new Set<Response>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly state: EventState,
    private readonly onUnwatched: () => void,
  ) {
    this.timer = setInterval(() => this.broadcast(), TICK_MS);
    this.timer.unref();
  }

  /** Adds a viewer and sends it the current state at once; it leaves when its connection closes. */
  add(res: Response): void {
    this.viewers.add(res);
    res.on('close', () => {
      if (this.viewers.delete(res) && this.viewers.size === 0) {
        clearInterval(this.timer);
        this.onUnwatched();
      }
    });
    writeToStream(res, this.message());
  }

  private broadcast(): void {
    // Serialised once, written to every viewer; it doubles as the stream's heartbeat.
    const message = this.message();
    for (const viewer of this.viewers) writeToStream(viewer, message);
  }

  private message(): string {
    return `event: live\ndata: ${JSON.stringify(this.state.liveView(Date.now()))}\n\n`;
  }
}

/** The live events this API process streams, each kept while it has viewers; the state is the event's one view (`EventStates`). */
export class LiveEvents {
  private readonly events = new Map<string, LiveEvent>();

  constructor(private readonly deps: { database: Database; states: EventStates }) {}

  /** Streams the event's live state to `res` until it closes; NotFound or ServiceUnavailable before any byte is written. */
  async watch(eventId: string, res: Response): Promise<void> {
    const { state, release } = await this.deps.states.hold(eventId);
    // A viewer that left while the event was being opened must not keep it open.
    if (res.destroyed) return release();
    let live = this.events.get(eventId);
    if (!live) {
      const created = new LiveEvent(state, () => {
        if (this.events.get(eventId) === created) this.events.delete(eventId);
      });
      this.events.set(eventId, (live = created));
    }
    res.on('close', release);
    openEventStream(res);
    live.add(res);
  }

  /** NotFound if there is no such event (HEAD of the stream). */
  async exists(eventId: string): Promise<void> {
    if (!(await findEvent(this.deps.database, eventId))) throw new NotFound(`No event ${eventId}.`);
  }

  /** How many events this process is streaming. */
  get size(): number {
    return this.events.size;
  }
}
