import { DEFAULT_DB_WAIT_MS, EVENT_CATALOG_TTL_MS, withDeadline } from '@onsale/shared';
import { findEvent, type Database, type EventWithTicketTypes } from '@onsale/db';

interface Entry {
  event: Promise<EventWithTicketTypes | undefined>;
  expiresAt: number;
}

/**
 * Events as the API needs them to validate a request (does it exist, which codes does it sell),
 * cached for ten seconds: a burst of requests for one event reads it once, and requests arriving
 * while it is being read wait for that one read; a shorter life makes a rush spread over many
 * events re-read them (docs/benchmarks.md#measurements-behind-the-code). The worker re-reads
 * everything under the event lock, so a stale entry can delay a 404, never a wrong decision.
 */
export class EventCatalog {
  private readonly entries = new Map<string, Entry>();

  private readonly ttlMs: number;
  private readonly waitMs: number;

  /** `waitMs`: a read with no answer by then fails as the database being unavailable (a 503). */
  constructor(
    private readonly database: Database,
    options: { ttlMs?: number; waitMs?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? EVENT_CATALOG_TTL_MS;
    this.waitMs = options.waitMs ?? DEFAULT_DB_WAIT_MS;
  }

  get(eventId: string): Promise<EventWithTicketTypes | undefined> {
    const cached = this.entries.get(eventId);
    if (cached && cached.expiresAt > Date.now()) return cached.event;
    const event = withDeadline(findEvent(this.database, eventId), this.waitMs, { what: 'reading the event' });
    this.entries.set(eventId, { event, expiresAt: Date.now() + this.ttlMs });
    // Only found events stay cached, and a failed read is not remembered.
    event.then(
      (found) => found || this.forget(eventId, event),
      () => this.forget(eventId, event),
    );
    return event;
  }

  private forget(eventId: string, event: Entry['event']): void {
    if (this.entries.get(eventId)?.event === event) this.entries.delete(eventId);
  }
}
