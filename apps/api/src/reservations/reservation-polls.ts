import { findReservation, type Database, type QueuePlaceOf, type ReservationWithItems } from '@onsale/db';
import type { EventActivity } from '@onsale/queue';
import { NotFound, type PreQueuePlace, type Principal, type QueuePlace, type ReservationView } from '@onsale/shared';
import { steadyEta, type EventState } from '../event-state/event-state';
import type { EventStates } from '../event-state/event-states';
import { cachedOf, type CachedReservation, type ReservationCache } from './reservation-cache';

/** A poll's answer: the reservation (with its queue place while queued) and its validator, or "unchanged" for a matching `If-None-Match`. */
export type PollAnswer =
  | { kind: 'current'; reservation: ReservationView; etag: string; retryAfterSeconds?: number }
  | { kind: 'not_modified'; etag: string; retryAfterSeconds?: number };

/** Without a place, a queued reservation is worth polling again after this long. */
const DEFAULT_POLL_AFTER_SECONDS = 2;

/**
 * The longest a queued buyer is told to wait before polling again. Far back, the tail of a big
 * queue is what makes the poll load (20,000 waiting buyers polling every 20 s are 1,000 polls/s,
 * every 30 s 667/s), and their positions move slowly; their page shows the ETA meanwhile.
 */
export const LONGEST_POLL_AFTER_SECONDS = 30;

/**
 * Seconds until a poll of a queued request is worth making: half its ETA (without a rate, as if
 * 100 were decided a second), 1 s at the front, LONGEST_POLL_AFTER_SECONDS far back. From the
 * place just told, so the decision rate is not worked out twice per poll.
 */
export function pollAfterSeconds(place: Pick<QueuePlace, 'position' | 'estimatedDecisionAt'>, nowMs: number): number {
  const etaSeconds = place.estimatedDecisionAt ? (Date.parse(place.estimatedDecisionAt) - nowMs) / 1000 : place.position / 100;
  return Math.min(LONGEST_POLL_AFTER_SECONDS, Math.max(1, Math.round(etaSeconds / 2)));
}

/** `"<version>"`, or `"<version>.<position>"` while queued: a new decision or a new position is a new ETag. */
export const etagOf = (view: { version: number; queue?: { position: number | null } }) =>
  view.queue?.position ? `"${view.version}.${view.queue.position}"` : `"${view.version}"`;

/**
 * A queued request without a place in an event with a pre-queue waits for the draw: told when it
 * runs. Undefined for any other request.
 */
function preQueuePlaceOf(entry: CachedReservation, state: EventState | undefined): PreQueuePlace | undefined {
  const { preQueueOpensAt, salesStartAt } = state?.event ?? {};
  if (entry.view.status !== 'queued' || entry.place || !preQueueOpensAt || !salesStartAt) return undefined;
  return { position: null, drawAt: salesStartAt.toISOString() };
}

/** The draw this request waits for is due (it may have run): its place may be there to read. */
const isDrawDue = (place: PreQueuePlace | undefined) => place !== undefined && Date.parse(place.drawAt) <= Date.now();

/** A request waiting for the draw polls again when it is due, at most LONGEST_POLL_AFTER_SECONDS on. */
const pollAfterDrawSeconds = (place: PreQueuePlace, nowMs: number) =>
  Math.min(LONGEST_POLL_AFTER_SECONDS, Math.max(1, Math.ceil((Date.parse(place.drawAt) - nowMs) / 1000)));

/** A client claiming a version newer than the one kept is believed (a PostgreSQL read) at most this often per reservation. */
const NEWER_CLAIM_CHECK_MS = 1_000;

/** The version and position an `If-None-Match` names (the first of a list), if it is one of ours. */
function toldOf(ifNoneMatch: string | undefined): { version: number; position?: number } | undefined {
  const match = /^\s*(?:W\/)?"(\d+)(?:\.(\d+))?"/.exec(ifNoneMatch ?? '');
  return match ? { version: Number(match[1]), ...(match[2] ? { position: Number(match[2]) } : {}) } : undefined;
}

/**
 * `GET /v1/reservations/:id` served from memory: the reservations this process learnt (recorded
 * here, or read once from PostgreSQL) and their events' states, kept current by the workers'
 * commits. PostgreSQL is read again only when the state says the reservation changed (its place
 * was decided, a command changed it, its hold is past expiry, messages may have been missed) or
 * the client shows a newer version than the one kept.
 */
export class ReservationPolls {
  constructor(private readonly deps: { database: Database; states: EventStates; cache: ReservationCache }) {
    deps.states.onActivity((activity) => this.forgetChanged(activity));
  }

  async poll(principal: Principal, id: string, ifNoneMatch?: string): Promise<PollAnswer> {
    const told = toldOf(ifNoneMatch);
    let entry = this.deps.cache.get(id);
    let state = entry && (this.deps.states.peek(entry.view.eventId) ?? (await this.stateOf(entry.view.eventId)));
    const readNow = !entry || !state || this.isStale(entry, state, told?.version);
    if (readNow) ({ entry, state } = await this.load(id));
    if (!entry || (entry.view.customerId !== principal.sub && principal.role !== 'admin')) throw new NotFound(`No reservation ${id}.`);
    const now = Date.now();
    const queue = state && entry.place && entry.view.status === 'queued' ? this.placeOf(entry, state, now) : undefined;
    const preQueue = preQueuePlaceOf(entry, state);
    const reservation = queue ? { ...entry.view, queue } : preQueue ? { ...entry.view, queue: preQueue } : entry.view;
    const retryAfterSeconds =
      reservation.status === 'queued'
        ? queue
          ? pollAfterSeconds(queue, now)
          : preQueue
            ? pollAfterDrawSeconds(preQueue, now)
            : DEFAULT_POLL_AFTER_SECONDS
        : undefined;
    // The client already has this version at this place or nearer the front (told by another
    // instance a moment ahead): unchanged for it, and so is its ETag. So is a newer version than
    // this process knows, until its claim may be checked in PostgreSQL (NEWER_CLAIM_CHECK_MS):
    // answering what is kept here would take the client back.
    const unchanged =
      (told !== undefined && told.version > reservation.version && !readNow) ||
      (told?.version === reservation.version && (!queue || (told.position !== undefined && told.position <= queue.position)));
    if (!unchanged) return { kind: 'current', reservation, etag: etagOf(reservation), retryAfterSeconds };
    const kept = told.position === undefined ? {} : { queue: { position: told.position } };
    return { kind: 'not_modified', etag: etagOf({ version: told.version, ...kept }), retryAfterSeconds };
  }

  /**
   * Learns a request this process just recorded, so that its first polls need no read; returns
   * its view with its place in the queue (the event's state is opened here by its first request).
   */
  async remember(view: ReservationView, place: QueuePlaceOf | null, drawAt?: Date): Promise<ReservationView> {
    const state = this.deps.states.peek(view.eventId) ?? (await this.stateOf(view.eventId));
    if (place) state?.accepted(place, view.items.reduce((sum, item) => sum + item.quantity, 0));
    const entry: CachedReservation = { view, place, epoch: state?.epoch ?? -1, readAtMs: Date.now() };
    this.deps.cache.set(entry);
    if (!place) return drawAt ? { ...view, queue: { position: null, drawAt: drawAt.toISOString() } } : view;
    const queue = state && this.placeOf(entry, state, Date.now());
    return queue ? { ...view, queue } : view;
  }

  /** Learns a reservation read from PostgreSQL (a stream's first state), opening its event's state so that its place can be told. */
  async learn(reservation: ReservationWithItems): Promise<void> {
    const state = this.deps.states.peek(reservation.eventId) ?? (await this.stateOf(reservation.eventId));
    this.deps.cache.set(cachedOf(reservation, state?.epoch ?? -1));
  }

  /** The reservation's place as this process knows it now, from memory only; undefined when it is not queued here. */
  placeNow(id: string): QueuePlace | PreQueuePlace | undefined {
    const entry = this.deps.cache.get(id);
    const state = entry && this.deps.states.peek(entry.view.eventId);
    if (!entry || !state || entry.view.status !== 'queued' || entry.epoch !== state.epoch) return undefined;
    if (entry.place) return this.placeOf(entry, state, Date.now());
    // Waiting for the draw: once it is due, read again in the background (at most once a second)
    // until the draw's place is there, for a stream's next tick.
    if (this.isStale(entry, state, undefined)) void this.load(id).catch(() => undefined);
    return preQueuePlaceOf(entry, state);
  }

  /** Whether what is kept of the reservation may be older than what PostgreSQL has. */
  private isStale(entry: CachedReservation, state: EventState, toldVersion: number | undefined): boolean {
    const { view } = entry;
    return (
      entry.epoch !== state.epoch ||
      (toldVersion !== undefined && toldVersion > view.version && Date.now() - entry.readAtMs > NEWER_CLAIM_CHECK_MS) ||
      (view.status === 'queued' && entry.place !== null && state.isSettled(entry.place)) ||
      // Waiting for the draw, once it is due: the draw gives it a place (read again at most once a second).
      (isDrawDue(preQueuePlaceOf(entry, state)) && Date.now() - entry.readAtMs > NEWER_CLAIM_CHECK_MS) ||
      (view.status === 'held' && view.expiresAt !== undefined && Date.parse(view.expiresAt) <= Date.now())
    );
  }

  /**
   * Reads the reservation from PostgreSQL and keeps it. Its event's state is opened first when it
   * was not open, so that no change committed after the read can go unheard; when it had to be
   * opened, the reservation is read again under it.
   */
  private async load(id: string): Promise<{ entry?: CachedReservation; state?: EventState }> {
    const found = await findReservation(this.deps.database, id);
    if (!found) return {};
    let state = this.deps.states.peek(found.eventId);
    let reservation = found;
    if (!state) {
      state = await this.stateOf(found.eventId);
      if (state) reservation = (await findReservation(this.deps.database, id)) ?? found;
    }
    const entry = cachedOf(reservation, state?.epoch ?? -1);
    this.deps.cache.set(entry);
    return { entry: this.deps.cache.get(id) ?? entry, state };
  }

  /** The event's state; undefined when it cannot be had now (its polls are then read from PostgreSQL, without a place). */
  private stateOf(eventId: string): Promise<EventState | undefined> {
    return this.deps.states.get(eventId).catch(() => undefined);
  }

  /** The place, with an ETA that only moves later when the decision rate really fell (not for one uneven batch). */
  private placeOf(entry: CachedReservation, state: EventState, nowMs: number): QueuePlace | undefined {
    const place = state.placeOf({ place: entry.place!, items: entry.view.items }, nowMs);
    if (!place?.estimatedDecisionAt) return place;
    const eta = steadyEta(entry.toldEtaMs, Date.parse(place.estimatedDecisionAt), nowMs);
    entry.toldEtaMs = eta;
    return { ...place, estimatedDecisionAt: new Date(eta).toISOString() };
  }

  private forgetChanged(activity: EventActivity): void {
    for (const { id, version } of activity.changed ?? []) this.deps.cache.drop(id, version);
  }
}
