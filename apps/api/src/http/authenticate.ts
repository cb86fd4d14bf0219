import { accessTokenClaims, Forbidden, ServiceUnavailable, Unauthorized, type ApiConfig, type Principal } from '@onsale/shared';
import { createSecretKey } from 'node:crypto';
import type { Request } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';

/** A promise only when the token's key comes from a JWKS; HS256 verification stays synchronous. */
export type Authenticate = (req: Request, access: 'customer' | 'admin') => Principal | Promise<Principal>;

/** How bearer tokens are verified: HS256 with `secret`, or RS256/ES256 with a key of `jwksUrl`. */
export interface BearerTokenPolicy {
  secret?: string;
  jwksUrl?: string;
  /** When set, `iss` / `aud` must match. */
  issuer?: string;
  audience?: string;
  /** When set, the token needs `iat`, and `exp - iat` at most this many seconds. */
  maxLifetimeSeconds?: number;
}

/** RFC 6750's `Bearer <b64token>`, exactly: one space, one token, the scheme as written. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

function bearerToken(req: Request): string {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) throw new Unauthorized('Send Authorization: Bearer <token>.');
  return token;
}

/** The principal of verified claims, if they are complete, live no longer than allowed and carry the route's role. */
function principalOf(payload: unknown, access: 'customer' | 'admin', maxLifetimeSeconds: number | undefined): Principal {
  const claims = accessTokenClaims.safeParse(payload);
  if (!claims.success) throw new Unauthorized('The token needs a `sub` and an `exp` claim, and `role` admin or customer.');
  const { sub, role, exp, iat } = claims.data;
  if (maxLifetimeSeconds !== undefined && (iat === undefined || exp - iat > maxLifetimeSeconds)) {
    throw new Unauthorized(`The token must carry \`iat\` and live at most ${maxLifetimeSeconds} s.`);
  }
  if (access === 'admin' && role !== 'admin') throw new Forbidden('This route needs the admin role.');
  return { sub, role };
}

function sharedSecretAuthenticate(secret: string, policy: BearerTokenPolicy): Authenticate {
  // A KeyObject made once: given a string, jsonwebtoken re-derives the key on every verify.
  const key = createSecretKey(Buffer.from(secret));
  const options: jwt.VerifyOptions = {
    algorithms: ['HS256'],
    ...(policy.issuer ? { issuer: policy.issuer } : {}),
    ...(policy.audience ? { audience: policy.audience } : {}),
  };
  return (req, access) => {
    let payload: unknown;
    try {
      payload = jwt.verify(bearerToken(req), key, options);
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      throw new Unauthorized(error instanceof jwt.TokenExpiredError ? 'The token has expired.' : 'The token is not valid.');
    }
    return principalOf(payload, access, policy.maxLifetimeSeconds);
  };
}

function jwksAuthenticate(jwksUrl: string, policy: BearerTokenPolicy): Authenticate {
  // jose caches the key set, and fetches it again (at most every 30 s) for a key id it does not know.
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  const options = {
    algorithms: JWKS_ALGORITHMS,
    requiredClaims: ['exp'],
    ...(policy.issuer ? { issuer: policy.issuer } : {}),
    ...(policy.audience ? { audience: policy.audience } : {}),
  };
  return async (req, access) => {
    const token = bearerToken(req);
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, options));
    } catch (error) {
      throw refusalOf(error);
    }
    return principalOf(payload, access, policy.maxLifetimeSeconds);
  };
}

/** A token at fault is a 401; a key set we cannot fetch or read is our problem, a 503. */
function refusalOf(error: unknown): Error {
  if (error instanceof joseErrors.JWTExpired) return new Unauthorized('The token has expired.');
  const unreachable = error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || !(error instanceof joseErrors.JOSEError);
  if (unreachable) return new ServiceUnavailable('The keys that verify tokens cannot be fetched right now; try again.');
  return new Unauthorized('The token is not valid.');
}

/** Verifies `Authorization: Bearer <JWT>` (`exp` required, algorithms pinned) and the route's role. */
export function createAuthenticate(policy: BearerTokenPolicy): Authenticate {
  if (policy.jwksUrl) return jwksAuthenticate(policy.jwksUrl, policy);
  if (policy.secret) return sharedSecretAuthenticate(policy.secret, policy);
  throw new Error('bearer tokens need a secret or a JWKS URL');
}

/** The bearer token settings of the API's configuration. */
export const bearerTokenPolicyOf = (config: ApiConfig): BearerTokenPolicy => ({
  secret: config.JWT_SECRET,
  jwksUrl: config.JWT_JWKS_URL,
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
});

/** What signs the API's own tokens: SESSION_SECRET, else JWT_SECRET (the configuration has one of them). */
export function sessionSecretOf(config: ApiConfig): string {
  const secret = config.SESSION_SECRET ?? config.JWT_SECRET;
  if (!secret) throw new Error('SESSION_SECRET or JWT_SECRET is required');
  return secret;
}
