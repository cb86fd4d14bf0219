import { findEvent, type Database, type EventWithTicketTypes } from '@onsale/db';

/**
 * Events as the API needs them to validate a request (does it exist, which codes does it sell),
 * cached briefly: a burst of requests for one event reads it once. The worker re-reads
 * everything under the event lock, so a stale entry can delay a 404, never a wrong decision.
 */
export class EventCatalog {
  private readonly entries = new Map<string, { event: EventWithTicketTypes; expiresAt: number }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 2_000,
  ) {}

  async get(eventId: string): Promise<EventWithTicketTypes | undefined> {
    const cached = this.entries.get(eventId);
    if (cached && cached.expiresAt > Date.now()) return cached.event;
    const event = await findEvent(this.db, eventId);
    if (event) this.entries.set(eventId, { event, expiresAt: Date.now() + this.ttlMs });
    else this.entries.delete(eventId);
    return event;
  }
}
