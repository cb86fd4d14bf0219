import { findEvent, readEventSnapshot, type Database } from '@onsale/db';
import type { EventActivity, EventActivityUpdates } from '@onsale/queue';
import { EVENT_STATE_IDLE_MS, NotFound, ServiceUnavailable, withDeadline, type Logger } from '@onsale/shared';
import { EventState } from './event-state';

export interface EventStatesDeps {
  database: Database;
  activity: EventActivityUpdates;
  logger: Logger;
  /** How often an event in use is re-read from PostgreSQL (one read per event per process). */
  refreshMs?: number;
  /** An event nobody used for this long, and nobody holds, is forgotten (its subscription closed). */
  idleMs?: number;
  /** The window of the decision rate and latency. */
  windowMs?: number;
}

const OPEN_WAIT_MS = 2_000;
/** After failing to open an event (Redis or PostgreSQL away), it is not tried again for this long. */
const RETRY_OPEN_AFTER_MS = 5_000;

interface Open {
  kind: 'open';
  state: EventState;
  close: () => Promise<void>;
  lastUsedMs: number;
  /** Live viewers keep their event open however long nobody else uses it. */
  holders: number;
  reading: boolean;
}

type Entry = { kind: 'opening'; ready: Promise<void> } | Open | { kind: 'unavailable'; untilMs: number; error: unknown };

/**
 * The events this API process keeps a view of (`EventState`), each opened by its first use (a
 * subscription to its activity, then one read), re-read once a second while it is used, and
 * forgotten when it is not.
 */
export class EventStates {
  private readonly entries = new Map<string, Entry>();
  private readonly deps: Required<EventStatesDeps>;
  private readonly timer: NodeJS.Timeout;
  private readonly activityListeners = new Set<(activity: EventActivity) => void>();
  private watchingReconnects = false;
  /** The last `EventState.epoch` handed out: a state opened again, or one that missed activity, gets a new one. */
  private lastEpoch = 0;

  constructor(deps: EventStatesDeps) {
    this.deps = { refreshMs: 1_000, idleMs: EVENT_STATE_IDLE_MS, windowMs: 10_000, ...deps };
    this.timer = setInterval(() => void this.tick(), this.deps.refreshMs);
    this.timer.unref();
  }

  /** Calls `listener` with every activity of every open event, after its state took it. */
  onActivity(listener: (activity: EventActivity) => void): void {
    this.activityListeners.add(listener);
  }

  /** The event's state, opened if need be: NotFound for no such event, ServiceUnavailable when it cannot be opened now. */
  async get(eventId: string): Promise<EventState> {
    const entry = await this.opened(eventId);
    entry.lastUsedMs = Date.now();
    return entry.state;
  }

  private async opened(eventId: string): Promise<Open> {
    let entry = this.entries.get(eventId);
    if (!entry || (entry.kind === 'unavailable' && entry.untilMs < Date.now())) {
      const ready = this.open(eventId);
      entry = { kind: 'opening', ready };
      this.entries.set(eventId, entry);
    }
    if (entry.kind === 'opening') {
      await entry.ready;
      entry = this.entries.get(eventId);
    }
    if (entry?.kind === 'open') return entry;
    if (entry?.kind === 'unavailable' && entry.error instanceof NotFound) throw entry.error;
    throw new ServiceUnavailable('Event updates are unavailable right now; try again.', {}, { cause: entry?.kind === 'unavailable' ? entry.error : undefined });
  }

  /** The event's state if it is open in this process, without waiting. */
  peek(eventId: string): EventState | undefined {
    const entry = this.entries.get(eventId);
    if (entry?.kind !== 'open') return undefined;
    entry.lastUsedMs = Date.now();
    return entry.state;
  }

  /**
   * Opens the event and keeps it open until the returned function is called (a live viewer). An
   * event only its holders used is forgotten when the last lets go.
   */
  async hold(eventId: string): Promise<{ state: EventState; release: () => void }> {
    const entry = await this.opened(eventId);
    entry.holders++;
    let released = false;
    return {
      state: entry.state,
      release: () => {
        if (released) return;
        released = true;
        entry.holders--;
        if (entry.holders === 0 && Date.now() - entry.lastUsedMs > this.deps.idleMs) void this.forget(eventId, entry);
      },
    };
  }

  private async forget(eventId: string, entry: Open): Promise<void> {
    if (this.entries.get(eventId) === entry) this.entries.delete(eventId);
    await entry.close().catch(() => undefined);
  }

  /** How many events this process keeps (one Redis subscription each). */
  get size(): number {
    return [...this.entries.values()].filter((entry) => entry.kind === 'open').length;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const open = [...this.entries.values()].flatMap((entry) => (entry.kind === 'open' ? [entry.close()] : []));
    this.entries.clear();
    await Promise.all(open);
  }

  /** Subscribes before the first read, so no commit between the two is missed; what arrives meanwhile is applied after it. */
  private async open(eventId: string): Promise<void> {
    if (!this.watchingReconnects) {
      this.watchingReconnects = true;
      this.deps.activity.onReconnected(() => this.missedActivity());
    }
    const early: EventActivity[] = [];
    let state: EventState | undefined;
    const subscribing = this.deps.activity.subscribe(eventId, (activity) => {
      if (!state) {
        early.push(activity);
        return;
      }
      state.apply(activity);
      for (const listener of this.activityListeners) listener(activity);
    });
    try {
      const unsubscribe = await withDeadline(subscribing, OPEN_WAIT_MS);
      try {
        const event = await withDeadline(findEvent(this.deps.database, eventId), OPEN_WAIT_MS);
        if (!event) throw new NotFound(`No event ${eventId}.`);
        const opened = new EventState(event, this.deps.windowMs);
        opened.epoch = ++this.lastEpoch;
        const startedAt = opened.startRead();
        opened.applySnapshot(await withDeadline(readEventSnapshot(this.deps.database, eventId), OPEN_WAIT_MS), startedAt);
        state = opened;
        for (const activity of early) opened.apply(activity);
      } catch (error) {
        await unsubscribe();
        throw error;
      }
      // Not used yet: `get` and `peek` mark a use, `hold` does not.
      this.entries.set(eventId, { kind: 'open', state, close: unsubscribe, lastUsedMs: 0, holders: 0, reading: false });
    } catch (error) {
      void subscribing.then((off) => off()).catch(() => undefined);
      if (!(error instanceof NotFound)) this.deps.logger.warn({ err: error, eventId }, 'event state unavailable; tried again in 5 s');
      this.entries.set(eventId, { kind: 'unavailable', untilMs: error instanceof NotFound ? 0 : Date.now() + RETRY_OPEN_AFTER_MS, error });
    }
  }

  /** The subscriber connection came back: every open event may have missed commits, so each is read again now. */
  private missedActivity(): void {
    for (const [eventId, entry] of this.entries) {
      if (entry.kind !== 'open') continue;
      entry.state.epoch = ++this.lastEpoch;
      void this.refresh(eventId, entry);
    }
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.entries].map(async ([eventId, entry]) => {
        if (entry.kind !== 'open') return;
        if (entry.holders === 0 && now - entry.lastUsedMs > this.deps.idleMs) return this.forget(eventId, entry);
        await this.refresh(eventId, entry);
      }),
    );
  }

  /** At most one read in flight per event; a failed read keeps the last figures. */
  private async refresh(eventId: string, entry: Open): Promise<void> {
    if (entry.reading) return;
    entry.reading = true;
    try {
      const startedAt = entry.state.startRead();
      entry.state.applySnapshot(await readEventSnapshot(this.deps.database, eventId), startedAt);
    } catch (error) {
      this.deps.logger.warn({ err: error, eventId }, 'event state re-read failed');
    } finally {
      entry.reading = false;
    }
  }
}
