import createClient, { type Client } from 'openapi-fetch';
import { OnsaleApiError, OnsaleUnreachable, type Problem } from './errors';
import type { paths } from './openapi';
import { reservationEvents } from './reservation-stream';
import { backoff, fetchHonouringRetryAfter, retryAfterMs, sleep } from './retry';
import {
  SETTLED,
  type Backlog,
  type CreateEvent,
  type DeadLetterPage,
  type Event,
  type EventPage,
  type Redrive,
  type Reservation,
  type ReservationItem,
  type ReservationRequest,
  type SalesPage,
  type SeatMap,
  type UpdateEvent,
} from './types';

export interface OnsaleClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** The bearer token (a customer's for reservations, an admin's for events and admin reads). */
  token?: string;
  /** Follow reservations over Server-Sent Events (default); false: poll only. */
  stream?: boolean;
  /** Polling: the first wait between two reads, doubled up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** How many attempts a read (or a write with an Idempotency-Key) gets on 429/503 or a failed connection. */
  retryAttempts?: number;
  fetch?: typeof fetch;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer; an OnsaleApiError with the problem+json otherwise. */
function dataOf<T>(operation: string, answer: Answer<T>): T {
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  throw new OnsaleApiError(answer.response.status, answer.error as Problem | undefined, operation);
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
    create: async (body: CreateEvent): Promise<Event> => dataOf('create event', await this.api.POST('/v1/events', { body })),
    list: async (query: { limit?: number; cursor?: string } = {}): Promise<EventPage> =>
      dataOf('list events', await this.api.GET('/v1/events', { params: { query } })),
    get: async (eventId: string): Promise<Event> =>
      dataOf(`event ${eventId}`, await this.api.GET('/v1/events/{eventId}', { params: { path: { eventId } } })),
    update: async (eventId: string, body: UpdateEvent): Promise<Event> =>
      dataOf(`update event ${eventId}`, await this.api.PATCH('/v1/events/{eventId}', { params: { path: { eventId } }, body })),
    /** The seat map with each seat's state (an event with seated ticket types). */
    seats: async (eventId: string): Promise<SeatMap> =>
      dataOf(`seats of ${eventId}`, await this.api.GET('/v1/events/{eventId}/seats', { params: { path: { eventId } } })),
  };

  readonly admin = {
    backlog: async (): Promise<Backlog> => dataOf('backlog', await this.api.GET('/v1/admin/backlog')),
    sales: async (eventId: string, query: { limit?: number; cursor?: string } = {}): Promise<SalesPage> =>
      dataOf(`sales of ${eventId}`, await this.api.GET('/v1/admin/events/{eventId}/sales', { params: { path: { eventId }, query } })),
    deadLetters: async (query: { limit?: number; cursor?: string } = {}): Promise<DeadLetterPage> =>
      dataOf('dead letters', await this.api.GET('/v1/admin/dead-letters', { params: { query } })),
    redrive: async (id: string): Promise<Redrive> =>
      dataOf(`redrive ${id}`, await this.api.POST('/v1/admin/dead-letters/{id}/redrive', { params: { path: { id } } })),
    deleteDeadLetter: async (id: string): Promise<void> => {
      const answer = await this.api.DELETE('/v1/admin/dead-letters/{id}', { params: { path: { id } } });
      if (!answer.response.ok) throw new OnsaleApiError(answer.response.status, answer.error as Problem | undefined, `delete dead letter ${id}`);
    },
  };

  /** Records a request for tickets and answers at once: the reservation, still `queued`. */
  async request(
    eventId: string,
    /** Items, or the whole body: best available (`together`, `allowSplit`) or exact `seats`. */
    items: ReservationItem[] | ReservationRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<Reservation> {
    const answer = await this.api.POST('/v1/events/{eventId}/reservations', {
      params: { path: { eventId }, header: { 'Idempotency-Key': options.idempotencyKey } },
      body: Array.isArray(items) ? { items } : items,
    });
    return dataOf(`reserve on ${eventId}`, answer);
  }

  /** Asks for tickets and resolves with the decision: `held` (with its expiry) or `rejected` (with its reason). */
  async reserve(eventId: string, items: ReservationItem[], options: { idempotencyKey?: string } = {}): Promise<Reservation> {
    return this.decision(await this.request(eventId, items, options));
  }

  /** The decision on a request `request` accepted: the reservation once it is no longer queued. */
  async decision(reservation: Reservation): Promise<Reservation> {
    return this.settledFrom(reservation, (state) => state.status !== 'queued');
  }

  async get(reservationId: string): Promise<Reservation> {
    return dataOf(`reservation ${reservationId}`, await this.api.GET('/v1/reservations/{id}', { params: { path: { id: reservationId } } }));
  }

  /** Turns a hold into a sale; when the API queues the command (202), waits for its outcome. */
  async confirm(reservationId: string): Promise<Reservation> {
    const answer = await this.api.POST('/v1/reservations/{id}/confirm', { params: { path: { id: reservationId } } });
    const reservation = dataOf(`confirm ${reservationId}`, answer);
    return answer.response.status === 202 ? this.settledFrom(reservation, (r) => r.status !== 'held') : reservation;
  }

  /** Releases a request, hold or sale; when the API queues the command (202), waits for its outcome. */
  async cancel(reservationId: string): Promise<Reservation> {
    const answer = await this.api.POST('/v1/reservations/{id}/cancel', { params: { path: { id: reservationId } } });
    const reservation = dataOf(`cancel ${reservationId}`, answer);
    return answer.response.status === 202 ? this.settledFrom(reservation, (r) => SETTLED.includes(r.status)) : reservation;
  }

  /** The reservation's states as they change, from its current one until a settled one. */
  async *watch(reservationId: string): AsyncGenerator<Reservation> {
    let version = 0;
    const fresh = (reservation: Reservation) => {
      if (reservation.version <= version) return false;
      version = reservation.version;
      return true;
    };
    if (this.options.stream !== false) {
      const controller = new AbortController();
      try {
        const url = `${this.options.baseUrl.replace(/\/$/, '')}/v1/reservations/${reservationId}/events`;
        for await (const reservation of reservationEvents(this.fetchImpl, url, this.authorization(), controller.signal)) {
          if (fresh(reservation)) yield reservation;
          if (SETTLED.includes(reservation.status)) return;
        }
      } catch (error) {
        // The stream is a convenience: without it (a proxy that buffers, a dropped connection), poll.
        if (error instanceof OnsaleApiError) throw error;
      } finally {
        controller.abort();
      }
    }
    yield* this.poll(reservationId, fresh);
  }

  /** Reads the reservation until it is settled, yielding each new version; waits as the API asks. */
  private async *poll(reservationId: string, fresh: (reservation: Reservation) => boolean): AsyncGenerator<Reservation> {
    const delays = backoff(this.options.pollIntervalMs ?? 100, this.options.maxPollIntervalMs ?? 2_000);
    for (;;) {
      const answer = await this.api.GET('/v1/reservations/{id}', { params: { path: { id: reservationId } } });
      const reservation = dataOf(`reservation ${reservationId}`, answer);
      if (fresh(reservation)) yield reservation;
      if (SETTLED.includes(reservation.status)) return;
      await sleep(retryAfterMs(answer.response, delays.next().value));
    }
  }

  /** `reservation` if it already is `done`, else the first state of its watch that is. */
  private async settledFrom(reservation: Reservation, done: (reservation: Reservation) => boolean): Promise<Reservation> {
    if (done(reservation)) return reservation;
    let last = reservation;
    for await (const state of this.watch(reservation.id)) {
      last = state;
      if (done(state)) return state;
    }
    throw new Error(`reservation ${reservation.id} ended its stream as ${last.status} without the awaited change`);
  }
}

/** A client of the Onsale API at `baseUrl`, calling with `token`. */
export function createOnsaleClient(options: OnsaleClientOptions): OnsaleClient {
  return new OnsaleClient(options);
}
