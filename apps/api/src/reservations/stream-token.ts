import { Forbidden, Unauthorized, type Principal } from '@onsale/shared';
import { z } from 'zod';
import { PurposeTokens } from '../http/purpose-tokens';

const AUDIENCE = 'onsale:reservation-stream';

const streamTokenClaims = z.object({ sub: z.string().min(1), rid: z.uuid(), aud: z.literal(AUDIENCE), exp: z.number() });

export const streamTokenView = z.object({
  streamToken: z.string(),
  expiresAt: z.iso.datetime(),
}).meta({ id: 'StreamToken' });
export type StreamTokenView = z.infer<typeof streamTokenView>;

/**
 * Short-lived tokens that let a browser's EventSource (which cannot send an Authorization header)
 * follow one reservation: `GET /v1/reservations/:id/events?streamToken=…` (purpose tokens: refused
 * as a bearer token, and a bearer token is refused as one).
 */
export class StreamTokens {
  private readonly tokens: PurposeTokens;

  constructor(
    jwtSecret: string,
    private readonly ttlSeconds = 60,
  ) {
    this.tokens = new PurposeTokens(jwtSecret, AUDIENCE, 'stream token');
  }

  issue(owner: Principal, reservationId: string): StreamTokenView {
    const exp = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const streamToken = this.tokens.sign({ sub: owner.sub, rid: reservationId }, exp);
    return { streamToken, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The customer the token was issued to, if it is valid and for this reservation. */
  verify(token: string, reservationId: string): Principal {
    const claims = streamTokenClaims.safeParse(this.tokens.verify(token));
    if (!claims.success) throw new Unauthorized('The stream token is not valid.');
    if (claims.data.rid !== reservationId) throw new Forbidden('This stream token is for another reservation.');
    return { sub: claims.data.sub, role: 'customer' };
  }
}
