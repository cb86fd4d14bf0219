import type { QueuedReservationInput } from '@onsale/db';
import type { AdmissionSettings } from '../event-state/event-state';
import type { EventStates } from '../event-state/event-states';

export type { AdmissionSettings } from '../event-state/event-state';

/**
 * Admission control of reservation requests, from each event's state in this process: refuses a
 * request for more tickets than are left (409 sold_out, nothing recorded) and, while the event's
 * backlog would take longer than the configured wait to decide, any request (503 backlog_full
 * with Retry-After). When the event's state cannot be had (Redis or PostgreSQL away), requests
 * go through unchecked.
 */
export class EventAdmissions {
  constructor(
    private readonly states: EventStates,
    private readonly settings: AdmissionSettings,
  ) {}

  get enabled(): boolean {
    return this.settings.soldOutImmediate || this.settings.maxWaitSeconds > 0;
  }

  /** Throws SoldOut or BacklogFull if the request must not be queued; resolves otherwise. */
  async check(request: QueuedReservationInput): Promise<void> {
    if (!this.enabled) return;
    const state = await this.states.get(request.eventId).catch(() => undefined);
    state?.checkAdmission(request.items, this.settings, Date.now());
  }

  /** The event's estimated wait in seconds, as this process sees it (0 if it is not open here). */
  estimatedWaitSeconds(eventId: string): number {
    return this.states.peek(eventId)?.estimatedWaitSeconds(Date.now()) ?? 0;
  }
}
