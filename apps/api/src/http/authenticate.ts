import { accessTokenClaims, Forbidden, Unauthorized, type Principal } from '@onsale/shared';
import { createSecretKey } from 'node:crypto';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';

export type Authenticate = (req: Request, access: 'customer' | 'admin') => Principal;

/** Verifies `Authorization: Bearer <JWT>` (HS256, `exp` required) and the route's role. */
export function createAuthenticate(secret: string): Authenticate {
  // A KeyObject made once: given a string, jsonwebtoken re-derives the key on every verify.
  const key = createSecretKey(Buffer.from(secret));
  return (req, access) => {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new Unauthorized('Send Authorization: Bearer <token>.');
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, { algorithms: ['HS256'] });
    } catch (error) {
      throw new Unauthorized(error instanceof jwt.TokenExpiredError ? 'The token has expired.' : 'The token is not valid.');
    }
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) throw new Unauthorized('The token needs a `sub` and an `exp` claim, and `role` admin or customer.');
    if (access === 'admin' && claims.data.role !== 'admin') throw new Forbidden('This route needs the admin role.');
    return { sub: claims.data.sub, role: claims.data.role };
  };
}
