import { Forbidden, Unauthorized, type Principal } from '@onsale/shared';
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

const AUDIENCE = 'onsale:reservation-stream';

const streamTokenClaims = z.object({ sub: z.string().min(1), rid: z.uuid(), aud: z.literal(AUDIENCE), exp: z.number() });

export const streamTokenView = z.object({
  streamToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type StreamTokenView = z.infer<typeof streamTokenView>;

/**
 * Short-lived tokens that let a browser's EventSource (which cannot send an Authorization header)
 * follow one reservation: `GET /v1/reservations/:id/events?streamToken=…`. Signed with a key
 * derived from JWT_SECRET for this purpose alone and carrying their own audience, so one is
 * refused as a bearer token, and a bearer token is refused as one.
 */
export class StreamTokens {
  private readonly key: KeyObject;

  constructor(
    jwtSecret: string,
    private readonly ttlSeconds = 60,
  ) {
    this.key = createSecretKey(createHmac('sha256', jwtSecret).update(AUDIENCE).digest());
  }

  issue(owner: Principal, reservationId: string): StreamTokenView {
    const exp = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const streamToken = jwt.sign({ sub: owner.sub, rid: reservationId, aud: AUDIENCE, exp }, this.key, { algorithm: 'HS256' });
    return { streamToken, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The customer the token was issued to, if it is valid and for this reservation. */
  verify(token: string, reservationId: string): Principal {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'], audience: AUDIENCE });
    } catch (error) {
      throw new Unauthorized(error instanceof jwt.TokenExpiredError ? 'The stream token has expired.' : 'The stream token is not valid.');
    }
    const claims = streamTokenClaims.safeParse(payload);
    if (!claims.success) throw new Unauthorized('The stream token is not valid.');
    if (claims.data.rid !== reservationId) throw new Forbidden('This stream token is for another reservation.');
    return { sub: claims.data.sub, role: 'customer' };
  }
}
