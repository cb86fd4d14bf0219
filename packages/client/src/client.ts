import createClient, { type Client } from 'openapi-fetch';
import { OnsaleApiError, OnsaleUnreachable, rejectionOf, SoldOut, type Problem } from './errors';
import type { paths } from './openapi';
import { checkDraw, drawEntryOf, type DrawCheck } from './fair-draw';
import { recency } from './reservation-order';
import { reservationEvents } from './reservation-stream';
import { backoff, fetchHonouringRetryAfter, pollWaitMs, sleep } from './retry';
import {
  isSettled,
  type Backlog,
  type CreateEvent,
  type DeadLetterPage,
  type Draw,
  type DrawEntry,
  type DrawEntryPage,
  type Event,
  type EventPage,
  type HeldReservation,
  type Redrive,
  type Reservation,
  type ReservationItem,
  type ReservationRequest,
  type SalesPage,
  type SeatMap,
  type SettledReservation,
  type UpdateEvent,
  type CreateWebhookEndpoint,
  type UpdateWebhookEndpoint,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WaitlistEntry,
  type WaitlistEntryList,
} from './types';

export interface OnsaleClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** The bearer token (a customer's for reservations, an admin's for events and admin reads). */
  token?: string;
  /** Follow reservations over Server-Sent Events (default); false: poll only. */
  stream?: boolean;
  /**
   * Polling: the first wait between two reads, doubled up to `maxPollIntervalMs`, when the API
   * does not say (`Retry-After`); also the shortest wait, whatever it says.
   */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** How many attempts a read (or a write with an Idempotency-Key) gets on 429/503 or a failed connection. */
  retryAttempts?: number;
  fetch?: typeof fetch;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

export interface WatchOptions {
  /**
   * Stops the watch (its stream, or its poll and the wait before the next) at once: the watch
   * (or the decision awaited) rejects with the signal's reason, an `AbortError` unless one was given.
   */
  signal?: AbortSignal;
}

export interface DecisionOptions extends WatchOptions {
  /**
   * Called with each newer state seen while waiting: while queued, each new place in the queue
   * (`reservation.queue`: position, ETA, outlook; absent when the API cannot tell yet), then the
   * decision.
   */
  onUpdate?: (reservation: Reservation) => void;
}

/** The data of a successful answer; an OnsaleApiError with the problem+json otherwise. */
function dataOf<T>(operation: string, answer: Answer<T>): T {
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  throw new OnsaleApiError(answer.response.status, answer.error as Problem | undefined, operation);
}

/**
 * A reservation the API sent: the document describes one object with every field optional that
 * some status lacks; the API sends each status with its own fields (`Reservation`'s union).
 */
const asReservation = (body: unknown): Reservation => body as Reservation;

/** Resolves with the hold; throws SoldOut or ReservationRejected for a rejection. */
function holdOrThrow(decision: Reservation): HeldReservation {
  if (decision.status === 'rejected') throw rejectionOf(decision);
  if (decision.status !== 'held') throw new Error(`reservation ${decision.id} left the queue as ${decision.status}, neither held nor rejected`);
  return decision;
}

/**
 * A typed client of the Onsale API. Reservations are accepted at once and decided later by a
 * partition writer: `reserve` hides that, resolving with the decision, which it learns from the
 * reservation's event stream or, when the stream is not available, by polling as the API asks.
 */
export class OnsaleClient {
  /** The raw typed calls, one per operation of /openapi.json. */
  readonly api: Client<paths>;
  private readonly fetchImpl: typeof fetch;
  /** The ETag each accepted request's `202` carried: its first poll sends it back. */
  private readonly acceptedEtags = new WeakMap<Reservation, string>();

  constructor(private readonly options: OnsaleClientOptions) {
    const baseFetch = options.fetch ?? globalThis.fetch;
    this.fetchImpl = async (input, init) => {
      try {
        return await baseFetch(input, init);
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        throw new OnsaleUnreachable(options.baseUrl, error);
      }
    };
    this.api = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/$/, ''),
      headers: this.authorization(),
      fetch: fetchHonouringRetryAfter(this.fetchImpl, options.retryAttempts ?? 5),
    });
  }

  private authorization(): Record<string, string> {
    return this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
  }

  /** A client of the same API with another token. */
  as(token: string): OnsaleClient {
    return new OnsaleClient({ ...this.options, token });
  }

  readonly events = {
    create: async (body: CreateEvent): Promise<Event> =>
      // The API defaults holdTtlSeconds (600 s); see CreateEvent.
      dataOf('create event', await this.api.POST('/v1/events', { body: body as paths['/v1/events']['post']['requestBody']['content']['application/json'] })),
    list: async (query: { limit?: number; cursor?: string } = {}): Promise<EventPage> =>
      dataOf('list events', await this.api.GET('/v1/events', { params: { query } })),
    get: async (eventId: string): Promise<Event> =>
      dataOf(`event ${eventId}`, await this.api.GET('/v1/events/{eventId}', { params: { path: { eventId } } })),
    update: async (eventId: string, body: UpdateEvent): Promise<Event> =>
      dataOf(`update event ${eventId}`, await this.api.PATCH('/v1/events/{eventId}', { params: { path: { eventId } }, body })),
    /** The event's fair draw (an event with a pre-queue): commitment and method; once it ran, the seed. */
    draw: async (eventId: string): Promise<Draw> =>
      dataOf(`draw of ${eventId}`, await this.api.GET('/v1/events/{eventId}/draw', { params: { path: { eventId } } })),
    /** A page of the drawn pre-queue's entries, position 1 first. */
    drawEntries: async (eventId: string, query: { limit?: number; cursor?: string } = {}): Promise<DrawEntryPage> =>
      dataOf(`draw entries of ${eventId}`, await this.api.GET('/v1/events/{eventId}/draw/entries', { params: { path: { eventId }, query } })),
    /**
     * Checks the event's drawn pre-queue from what the API publishes (every page of entries; see
     * `checkDraw`), and, given a reservation id, finds its entry's position.
     */
    checkDraw: async (eventId: string, reservationId?: string): Promise<DrawCheck & { draw: Draw; position?: number }> => {
      const draw = await this.events.draw(eventId);
      const entries: DrawEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.events.drawEntries(eventId, { limit: 100, ...(cursor ? { cursor } : {}) });
        entries.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const check = await checkDraw(draw, entries);
      const mine = reservationId === undefined ? undefined : await drawEntryOf(reservationId);
      const position = entries.find((entry) => entry.entry === mine)?.position;
      return { ...check, draw, ...(position === undefined ? {} : { position }) };
    },
    /** The seat map with each seat's state (an event with seated ticket types). */
    seats: async (eventId: string): Promise<SeatMap> =>
      dataOf(`seats of ${eventId}`, await this.api.GET('/v1/events/{eventId}/seats', { params: { path: { eventId } } })),
  };

  readonly admin = {
    backlog: async (): Promise<Backlog> => dataOf('backlog', await this.api.GET('/v1/admin/backlog')),
    sales: async (eventId: string, query: { limit?: number; cursor?: string } = {}): Promise<SalesPage> =>
      dataOf(`sales of ${eventId}`, await this.api.GET('/v1/admin/events/{eventId}/sales', { params: { path: { eventId }, query } })) as SalesPage,
    deadLetters: async (query: { limit?: number; cursor?: string } = {}): Promise<DeadLetterPage> =>
      dataOf('dead letters', await this.api.GET('/v1/admin/dead-letters', { params: { query } })),
    redrive: async (id: string): Promise<Redrive> =>
      dataOf(`redrive ${id}`, await this.api.POST('/v1/admin/dead-letters/{id}/redrive', { params: { path: { id } } })),
    deleteDeadLetter: async (id: string): Promise<void> => {
      const answer = await this.api.DELETE('/v1/admin/dead-letters/{id}', { params: { path: { id } } });
      if (!answer.response.ok) throw new OnsaleApiError(answer.response.status, answer.error as Problem | undefined, `delete dead letter ${id}`);
    },
  };

  /**
   * Webhook endpoints (admin): register one (its secret is in the answer, and only there), list,
   * change, disable, delete; rotate its secret; read its deliveries with every attempt, and send one
   * again under the same `webhook-id`. What receivers get: docs/webhooks.md.
   */
  readonly webhooks = {
    create: async (body: CreateWebhookEndpoint): Promise<WebhookEndpointWithSecret> =>
      dataOf('register webhook endpoint', await this.api.POST('/v1/admin/webhooks/endpoints', { body })),
    list: async (): Promise<WebhookEndpoint[]> => dataOf('webhook endpoints', await this.api.GET('/v1/admin/webhooks/endpoints')).items,
    get: async (id: string): Promise<WebhookEndpoint> =>
      dataOf(`webhook endpoint ${id}`, await this.api.GET('/v1/admin/webhooks/endpoints/{id}', { params: { path: { id } } })),
    /** Changes the endpoint; `{ enabled: false }` disables it, `{ enabled: true }` enables it again (its pending deliveries resume). */
    update: async (id: string, body: UpdateWebhookEndpoint): Promise<WebhookEndpoint> =>
      dataOf(`update webhook endpoint ${id}`, await this.api.PATCH('/v1/admin/webhooks/endpoints/{id}', { params: { path: { id } }, body })),
    delete: async (id: string): Promise<void> => {
      const answer = await this.api.DELETE('/v1/admin/webhooks/endpoints/{id}', { params: { path: { id } } });
      if (!answer.response.ok) throw new OnsaleApiError(answer.response.status, answer.error as Problem | undefined, `delete webhook endpoint ${id}`);
    },
    /** A new secret (generated unless given); the old one keeps signing too for `previousValidForSeconds` (default one day). */
    rotateSecret: async (id: string, body: { secret?: string; previousValidForSeconds?: number } = {}): Promise<WebhookEndpointWithSecret> =>
      dataOf(`rotate the secret of webhook endpoint ${id}`, await this.api.POST('/v1/admin/webhooks/endpoints/{id}/rotate-secret', { params: { path: { id } }, body })),
    /** A page of the endpoint's deliveries, newest first, each with every attempt. */
    deliveries: async (id: string, query: { state?: WebhookDelivery['state']; limit?: number; cursor?: string } = {}): Promise<WebhookDeliveryPage> =>
      dataOf(`deliveries of webhook endpoint ${id}`, await this.api.GET('/v1/admin/webhooks/endpoints/{id}/deliveries', { params: { path: { id }, query } })),
    /** Sends the delivery again now, same `webhook-id`, with a fresh retry schedule. */
    redeliver: async (id: string, deliveryId: string): Promise<WebhookDelivery> =>
      dataOf(
        `redeliver ${deliveryId}`,
        await this.api.POST('/v1/admin/webhooks/endpoints/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } }),
      ),
  };

  /**
   * The waitlist of sold-out ticket types: join (once the type is sold out, or the queue will
   * likely sell it out), follow the entry, and take the offer the event's writer makes when
   * tickets come back: a hold, confirmed with `confirm` like any other.
   */
  readonly waitlist = {
    /**
     * Joins the ticket type's waitlist, or answers the customer's active entry for it (the same
     * join repeated). A `409` (tickets still on sale; already waiting for another quantity) throws
     * an OnsaleApiError whose problem says which (`reason`).
     */
    join: async (eventId: string, ticketType: string, quantity: number): Promise<WaitlistEntry> =>
      dataOf(`join the waitlist of ${eventId}`, await this.api.POST('/v1/events/{eventId}/waitlist', { params: { path: { eventId } }, body: { ticketType, quantity } })),
    /** The customer's entries for the event (an admin's token: everyone's, with each ticket type's counters). */
    list: async (eventId: string, query: { limit?: number } = {}): Promise<WaitlistEntryList> =>
      dataOf(`waitlist of ${eventId}`, await this.api.GET('/v1/events/{eventId}/waitlist', { params: { path: { eventId }, query } })),
    get: async (eventId: string, entryId: string): Promise<WaitlistEntry> =>
      dataOf(`waitlist entry ${entryId}`, await this.api.GET('/v1/events/{eventId}/waitlist/{entryId}', { params: { path: { eventId, entryId } } })),
    /** Leaves the waitlist; with an offer out, declines it (the tickets go to the next entry). */
    leave: async (eventId: string, entryId: string): Promise<WaitlistEntry> =>
      dataOf(`leave waitlist entry ${entryId}`, await this.api.DELETE('/v1/events/{eventId}/waitlist/{entryId}', { params: { path: { eventId, entryId } } })),
    /**
     * Waits for the entry's offer and resolves with its hold (confirm it before `expiresAt`).
     * Polls the entry (backing off to `maxPollIntervalMs`); throws if the entry closes without an
     * offer it can still take (left, lapsed, declined, accepted).
     */
    offer: async (eventId: string, entryId: string, options: WatchOptions = {}): Promise<HeldReservation> => {
      const minMs = this.options.pollIntervalMs ?? 100;
      const delays = backoff(minMs, this.options.maxPollIntervalMs ?? 2_000);
      for (;;) {
        const entry = await this.waitlist.get(eventId, entryId);
        if (entry.status === 'offered' && entry.offer) {
          const hold = await this.get(entry.offer.reservationId);
          if (hold.status === 'held') return hold;
        } else if (entry.status !== 'waiting') {
          throw new Error(`waitlist entry ${entryId} is ${entry.status}: no offer to take`);
        }
        await sleep(delays.next().value, options.signal);
      }
    },
  };

  /**
   * Records a request for tickets and answers at once: the reservation, still `queued` (or, for a
   * retry under an Idempotency-Key, as it is now). Throws SoldOut when the API refuses it at once
   * (`409 sold_out`, nothing recorded).
   */
  async request(
    eventId: string,
    /** Items (best available; `together` for adjacent seats), or the whole body: `{ items, allowSplit }` or exact `{ seats }`. */
    request: ReservationItem[] | ReservationRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<Reservation> {
    const answer = await this.api.POST('/v1/events/{eventId}/reservations', {
      params: { path: { eventId }, header: { 'Idempotency-Key': options.idempotencyKey } },
      body: Array.isArray(request) ? { items: request } : request,
    });
    const problem = answer.error as Problem | undefined;
    if (answer.response.status === 409 && problem?.type.endsWith(':sold_out')) throw new SoldOut(eventId, undefined, problem.detail);
    const reservation = asReservation(dataOf(`reserve on ${eventId}`, answer));
    const etag = answer.response.headers.get('etag');
    if (etag) this.acceptedEtags.set(reservation, etag);
    return reservation;
  }

  /**
   * Asks for tickets and resolves with the hold (its `expiresAt` says until when it is kept), once
   * the event's partition writer has decided it. A rejection throws, one way whoever decided it:
   * `SoldOut` (a `ReservationRejected`) when the API refused the request at once (`409`, nothing
   * recorded) or the writer rejected it `sold_out`; `ReservationRejected` with its `reason` for
   * any other. `onUpdate` sees the request's place in the queue as it moves.
   */
  async reserve(
    eventId: string,
    request: ReservationItem[] | ReservationRequest,
    options: { idempotencyKey?: string } & DecisionOptions = {},
  ): Promise<HeldReservation> {
    return this.decision(await this.request(eventId, request, options), options);
  }

  /**
   * The decision on a request `request` accepted: the hold, once it is no longer queued; a
   * rejection throws as in `reserve`.
   */
  async decision(reservation: Reservation, options: DecisionOptions = {}): Promise<HeldReservation> {
    options.onUpdate?.(reservation);
    return holdOrThrow(await this.settledFrom(reservation, (state) => state.status !== 'queued', options));
  }

  async get(reservationId: string): Promise<Reservation> {
    return asReservation(dataOf(`reservation ${reservationId}`, await this.api.GET('/v1/reservations/{id}', { params: { path: { id: reservationId } } })));
  }

  /** Turns a hold into a sale; when the API queues the command (202), waits for its outcome. */
  async confirm(reservationId: string): Promise<Reservation> {
    const answer = await this.api.POST('/v1/reservations/{id}/confirm', { params: { path: { id: reservationId } } });
    const reservation = asReservation(dataOf(`confirm ${reservationId}`, answer));
    return answer.response.status === 202 ? this.settledFrom(reservation, (r) => r.status !== 'held') : reservation;
  }

  /** Releases a request, hold or sale; when the API queues the command (202), waits for its outcome. */
  async cancel(reservationId: string): Promise<Reservation> {
    const answer = await this.api.POST('/v1/reservations/{id}/cancel', { params: { path: { id: reservationId } } });
    const reservation = asReservation(dataOf(`cancel ${reservationId}`, answer));
    return answer.response.status === 202 ? this.settledFrom(reservation, isSettled) : reservation;
  }

  /**
   * The reservation's states as they change, from its current one: each new version and, while it
   * is queued, each new place in the queue; never one older than a state already yielded.
   *
   * What ends it: a settled state (rejected, confirmed, cancelled, expired), yielded last and
   * also the generator's return value; or `signal`, which rejects it with the signal's reason; or
   * an `OnsaleApiError` (the reservation is not the token's, or does not exist). A `held`
   * reservation is not settled: the watch goes on to its confirmation, cancellation or expiry.
   */
  watch(reservationId: string, options: WatchOptions = {}): AsyncGenerator<Reservation, SettledReservation, undefined> {
    return this.follow(reservationId, undefined, options.signal);
  }

  /** `watch`, yielding only states newer than `known`. */
  private async *follow(reservationId: string, known: Reservation | undefined, signal: AbortSignal | undefined): AsyncGenerator<Reservation, SettledReservation, undefined> {
    let last = known;
    const seen = (reservation: Reservation) => {
      const order = recency(reservation, last);
      if (order === 'newer') last = reservation;
      return order;
    };
    if (this.options.stream !== false) {
      const controller = new AbortController();
      try {
        const url = `${this.options.baseUrl.replace(/\/$/, '')}/v1/reservations/${reservationId}/events`;
        const streamSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
        for await (const reservation of reservationEvents(this.fetchImpl, url, this.authorization(), streamSignal)) {
          if (seen(reservation) === 'newer') yield reservation;
          if (isSettled(reservation)) return reservation;
        }
      } catch (error) {
        // The stream is a convenience: without it (a proxy that buffers, a dropped connection), poll.
        if (error instanceof OnsaleApiError || signal?.aborted) throw error;
      } finally {
        controller.abort();
      }
    }
    return yield* this.poll(reservationId, seen, signal, known && this.acceptedEtags.get(known));
  }

  /**
   * Reads the reservation until it is settled, yielding each newer state. Waits as the API asks
   * (`Retry-After`, within bounds), else backs off; sends the last ETag (at first, the `202`'s)
   * as `If-None-Match`, to which the API answers `304` while nothing changed.
   */
  private async *poll(
    reservationId: string,
    seen: (reservation: Reservation) => ReturnType<typeof recency>,
    signal: AbortSignal | undefined,
    knownEtag: string | undefined,
  ): AsyncGenerator<Reservation, SettledReservation, undefined> {
    const minMs = this.options.pollIntervalMs ?? 100;
    const delays = backoff(minMs, this.options.maxPollIntervalMs ?? 2_000);
    let etag = knownEtag;
    for (;;) {
      const answer = await this.api.GET('/v1/reservations/{id}', {
        params: { path: { id: reservationId }, header: etag ? { 'If-None-Match': etag } : {} },
        signal,
      });
      if (answer.response.status !== 304) {
        const reservation = asReservation(dataOf(`reservation ${reservationId}`, answer));
        const order = seen(reservation);
        // An older answer's ETag would name a state the client is past.
        if (order !== 'older') etag = answer.response.headers.get('etag') ?? etag;
        if (order === 'newer') yield reservation;
        if (isSettled(reservation)) return reservation;
      }
      await sleep(pollWaitMs(answer.response, delays.next().value, minMs), signal);
    }
  }

  /** `reservation` if it already is `done`, else the first state of its watch that is; `onUpdate` sees each state on the way. */
  private async settledFrom(
    reservation: Reservation,
    done: (reservation: Reservation) => boolean,
    { onUpdate, signal }: DecisionOptions = {},
  ): Promise<Reservation> {
    if (done(reservation)) return reservation;
    let last = reservation;
    for await (const state of this.follow(reservation.id, reservation, signal)) {
      last = state;
      onUpdate?.(state);
      if (done(state)) return state;
    }
    throw new Error(`reservation ${reservation.id} ended its stream as ${last.status} without the awaited change`);
  }
}

/** A client of the Onsale API at `baseUrl`, calling with `token`. */
export function createOnsaleClient(options: OnsaleClientOptions): OnsaleClient {
  return new OnsaleClient(options);
}
