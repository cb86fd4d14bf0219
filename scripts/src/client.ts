import type { EventView, ReservationView } from '@onsale/shared';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Pool } from 'undici';

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
