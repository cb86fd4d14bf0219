import { readEventAdmission, type QueuedReservationInput, type SqlClient } from '@onsale/db';
import type { EventActivity, EventActivityUpdates } from '@onsale/queue';
import { BacklogFull, SoldOut, withTimeout, type Logger } from '@onsale/shared';
import { DecisionRate } from './decision-rate';

export interface AdmissionSettings {
  /** Refuse (503) while the event's backlog would take longer than this to decide; 0: never. */
  maxWaitSeconds: number;
  /** Answer 409 sold_out at once when fewer tickets are left than a request asks for. */
  soldOutImmediate: boolean;
}

export interface EventAdmissionDeps {
  sql: SqlClient;
  activity: EventActivityUpdates;
  partitionOf: (eventId: string) => number;
  logger: Logger;
  settings: AdmissionSettings;
  /** How often an event's counters and backlog are re-read from PostgreSQL while it gets requests. */
  refreshMs?: number;
  /** An event that got no request for this long is forgotten (its subscription closed). */
  idleMs?: number;
  /** The window over which the decision rate is measured. */
  rateWindowMs?: number;
}

const OPEN_WAIT_MS = 2_000;
/** The decision rate is trusted once the event's commits span this long (see DecisionRate). */
const MIN_RATE_SPAN_MS = 1_000;
/** After failing to open an event (Redis or PostgreSQL away), its requests are let through unchecked this long. */
const RETRY_OPEN_AFTER_MS = 5_000;

/**
 * What this API process knows of one event, kept without a query per request: tickets left per
 * ticket type and decisions per second, both from the workers' commits (the event-activity
 * channel), and the queued backlog, re-read with the counters once a second (one statement per
 * event per process) and moved between reads by what this process accepts and what is decided.
 */
class EventAdmission {
  private available = new Map<string, number>();
  private queued = 0;
  private oldestQueuedMs: number | null = null;
  private readAtMs = 0;
  private readonly decisions: DecisionRate;
  /** Bumped by every activity: a re-read that started before one must not overwrite its counters. */
  private activitySeen = 0;
  private reading = false;
  lastUsedMs = Date.now();

  constructor(
    readonly eventId: string,
    private readonly deps: Required<EventAdmissionDeps>,
  ) {
    this.decisions = new DecisionRate({ windowMs: deps.rateWindowMs, minSpanMs: MIN_RATE_SPAN_MS });
  }

  apply(activity: EventActivity): void {
    this.activitySeen++;
    for (const line of activity.ticketTypes) this.available.set(line.id, line.capacity - line.held - line.sold);
    const decided = activity.decisionLatenciesMs.length;
    if (decided === 0) return;
    this.queued = Math.max(0, this.queued - decided);
    this.decisions.record(Date.now(), decided);
  }

  /** Re-reads counters and backlog; a failed read keeps the last figures. */
  async refresh(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    const seen = this.activitySeen;
    try {
      const snapshot = await readEventAdmission(this.deps.sql, this.eventId, this.deps.partitionOf(this.eventId));
      if (seen === this.activitySeen) this.available = snapshot.available;
      this.queued = snapshot.queued;
      this.oldestQueuedMs = snapshot.oldestQueuedMs;
      this.readAtMs = Date.now();
    } finally {
      this.reading = false;
    }
  }

  accepted(): void {
    this.queued++;
  }

  /**
   * How long the backlog would take to decide: backlog ÷ decision rate; while no rate is measured
   * (the workers stopped, have not started on the event, or have only just started), the age of
   * the oldest queued request.
   */
  estimatedWaitSeconds(nowMs: number): number {
    if (this.queued === 0) return 0;
    const rate = this.decisions.perSecond(nowMs);
    if (rate) return this.queued / rate;
    return this.oldestQueuedMs === null ? 0 : (this.oldestQueuedMs + nowMs - this.readAtMs) / 1000;
  }

  /** Throws SoldOut or BacklogFull if the request must not be queued. */
  check(request: QueuedReservationInput): void {
    const now = Date.now();
    this.lastUsedMs = now;
    const { settings } = this.deps;
    if (settings.soldOutImmediate) {
      const short = request.items.filter((item) => (this.available.get(item.ticketTypeId) ?? Infinity) < item.quantity);
      if (short.length > 0) {
        throw new SoldOut('Fewer tickets are left than this request asks for; nothing was recorded.', {
          ticketTypes: short.map((item) => ({ id: item.ticketTypeId, available: this.available.get(item.ticketTypeId) })),
        });
      }
    }
    if (settings.maxWaitSeconds > 0) {
      const wait = this.estimatedWaitSeconds(now);
      if (wait > settings.maxWaitSeconds) {
        throw new BacklogFull(
          `About ${Math.ceil(wait)} s of requests are waiting for this event, more than ${settings.maxWaitSeconds} s; try again later.`,
          Math.max(1, Math.ceil(wait - settings.maxWaitSeconds)),
        );
      }
    }
  }
}

type Entry = { kind: 'opening'; ready: Promise<void> } | { kind: 'open'; admission: EventAdmission; close: () => Promise<void> } | { kind: 'unchecked'; untilMs: number };

/**
 * Admission control of reservation requests, per event, in memory: an event is opened by its
 * first request in this process (a subscription to its activity and one read), refreshed once a
 * second while requests come, and forgotten when they stop. Refuses a request for more tickets
 * than are left (409 sold_out, nothing recorded) and, while the event's backlog would take longer
 * than the configured wait to decide, any request (503 backlog_full with Retry-After). When the
 * event cannot be opened (Redis or PostgreSQL away), requests go through unchecked.
 */
export class EventAdmissions {
  private readonly entries = new Map<string, Entry>();
  private readonly deps: Required<EventAdmissionDeps>;
  private readonly timer: NodeJS.Timeout;

  constructor(deps: EventAdmissionDeps) {
    this.deps = { refreshMs: 1_000, idleMs: 60_000, rateWindowMs: 10_000, ...deps };
    this.timer = setInterval(() => void this.tick(), this.deps.refreshMs);
    this.timer.unref();
  }

  get enabled(): boolean {
    return this.deps.settings.soldOutImmediate || this.deps.settings.maxWaitSeconds > 0;
  }

  /** Throws SoldOut or BacklogFull if the request must not be queued; resolves otherwise. */
  async check(request: QueuedReservationInput): Promise<void> {
    if (!this.enabled) return;
    const admission = await this.admissionOf(request.eventId);
    admission?.check(request);
  }

  /** Told of each request recorded as queued, so the backlog counts it before the next re-read. */
  accepted(eventId: string): void {
    const entry = this.entries.get(eventId);
    if (entry?.kind === 'open') entry.admission.accepted();
  }

  /** The event's estimated wait in seconds, as this process sees it (0 if it is not open here). */
  estimatedWaitSeconds(eventId: string): number {
    const entry = this.entries.get(eventId);
    return entry?.kind === 'open' ? entry.admission.estimatedWaitSeconds(Date.now()) : 0;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const open = [...this.entries.values()].flatMap((entry) => (entry.kind === 'open' ? [entry.close()] : []));
    this.entries.clear();
    await Promise.all(open);
  }

  private async admissionOf(eventId: string): Promise<EventAdmission | undefined> {
    let entry = this.entries.get(eventId);
    if (!entry || (entry.kind === 'unchecked' && entry.untilMs < Date.now())) {
      entry = { kind: 'opening', ready: this.open(eventId) };
      this.entries.set(eventId, entry);
    }
    if (entry.kind === 'opening') {
      await entry.ready;
      entry = this.entries.get(eventId);
    }
    return entry?.kind === 'open' ? entry.admission : undefined;
  }

  /** Subscribes before the first read, so no commit between the two is missed. */
  private async open(eventId: string): Promise<void> {
    const admission = new EventAdmission(eventId, this.deps);
    const subscribing = this.deps.activity.subscribe(eventId, (activity) => admission.apply(activity));
    try {
      const unsubscribe = await withTimeout(subscribing, OPEN_WAIT_MS);
      try {
        await withTimeout(admission.refresh(), OPEN_WAIT_MS);
      } catch (error) {
        await unsubscribe();
        throw error;
      }
      this.entries.set(eventId, { kind: 'open', admission, close: unsubscribe });
    } catch (error) {
      void subscribing.then((off) => off()).catch(() => undefined);
      this.deps.logger.warn({ err: error, eventId }, 'admission control unavailable for the event; its requests go through unchecked');
      this.entries.set(eventId, { kind: 'unchecked', untilMs: Date.now() + RETRY_OPEN_AFTER_MS });
    }
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.entries].map(async ([eventId, entry]) => {
        if (entry.kind !== 'open') return;
        if (now - entry.admission.lastUsedMs > this.deps.idleMs) {
          this.entries.delete(eventId);
          await entry.close().catch(() => undefined);
          return;
        }
        await entry.admission.refresh().catch((error: unknown) => this.deps.logger.warn({ err: error, eventId }, 'admission re-read failed'));
      }),
    );
  }
}
