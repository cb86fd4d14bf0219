import type { EventView, ReservationView } from '@onsale/shared';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Pool, type Dispatcher } from 'undici';

/**
 * The benchmark's load driver: raw requests over a fixed keep-alive connection pool. It measures
 * the server, so it stays thinner than @onsale/client (which the demo and the e2e test use).
 */
export class OnsaleClient {
  private readonly pool: Pool;
  /** Derived once: given a string, jsonwebtoken tries to parse it as a PEM key on every sign. */
  private readonly key: KeyObject;

  constructor(baseUrl: string, jwtSecret: string, connections = 64) {
    this.pool = new Pool(baseUrl, { connections, pipelining: 1 });
    this.key = createSecretKey(Buffer.from(jwtSecret));
  }

  token(sub: string, role: 'admin' | 'customer' = 'customer'): string {
    return jwt.sign({ sub, role }, this.key, { algorithm: 'HS256', expiresIn: '1h' });
  }

  async send<T>(method: 'GET' | 'POST' | 'PATCH', path: string, token: string | undefined, body?: unknown) {
    const response = await this.pool.request({
      method,
      path,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async createEvent(body: unknown): Promise<EventView> {
    const response = await this.send<EventView>('POST', '/v1/events', this.token('onsale-admin', 'admin'), body);
    if (response.status !== 201) throw new Error(`create event: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  reserve(eventId: string, customer: string, items: { ticketType: string; quantity: number }[]) {
    return this.send<ReservationView>('POST', `/v1/events/${eventId}/reservations`, this.token(customer), { items });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * A `fetch` for @onsale/client over a pool of `connections` keep-alive connections, on undici's
 * request API: a third of the CPU of a WHATWG fetch (its Request, Response and web streams) per
 * request, which the demo's rush would otherwise take from the API it shares the machine with.
 * Answers are read whole, so it is not for event streams.
 */
export function pooledFetch(baseUrl: string, connections: number): { fetch: typeof fetch; close: () => Promise<void> } {
  const pool = new Pool(baseUrl, { connections, pipelining: 1 });
  const pooled: typeof fetch = async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const answer = await pool.request({
      method: request.method as Dispatcher.HttpMethod,
      path: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      body: request.body ? await request.text() : undefined,
      signal: request.signal,
    });
    const body = await answer.body.arrayBuffer();
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return new Response(answer.statusCode === 204 || answer.statusCode === 304 ? null : body, { status: answer.statusCode, headers });
  };
  return { fetch: pooled, close: () => pool.close() };
}
