import { accessTokenClaims, Forbidden, ServiceUnavailable, Unauthorized, type ApiConfig, type Principal } from '@onsale/shared';
import { createSecretKey } from 'node:crypto';
import type { Request } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { VerifiedTokens, VERIFIED_TOKENS_LIMIT, type VerifiedClaims } from './verified-tokens';

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

/** How a token's verification is reused: the cache's size, and the clock it is checked against. */
export interface VerifiedTokenOptions {
  /** The most tokens remembered as verified (default VERIFIED_TOKENS_LIMIT). */
  verifiedTokenLimit?: number;
  /** Milliseconds since the epoch: what `exp` is checked against, by the verifiers and the cache (default Date.now). */
  clock?: () => number;
}

/** The claims of a verified payload, if they are complete and live no longer than allowed; the role is checked per route. */
function claimsOf(payload: unknown, maxLifetimeSeconds: number | undefined): VerifiedClaims {
  const claims = accessTokenClaims.safeParse(payload);
  if (!claims.success) throw new Unauthorized('The token needs a `sub` and an `exp` claim, and `role` admin or customer.');
  const { sub, role, exp, iat } = claims.data;
  if (maxLifetimeSeconds !== undefined && (iat === undefined || exp - iat > maxLifetimeSeconds)) {
    throw new Unauthorized(`The token must carry \`iat\` and live at most ${maxLifetimeSeconds} s.`);
  }
  // Frozen: the same principal is handed to every request that sends the token.
  return { principal: Object.freeze({ sub, role }), exp };
}

/** The principal, if it carries the route's role: checked on every request, cached token or not. */
function principalFor(claims: VerifiedClaims, access: 'customer' | 'admin'): Principal {
  if (access === 'admin' && claims.principal.role !== 'admin') throw new Forbidden('This route needs the admin role.');
  return claims.principal;
}

function sharedSecretAuthenticate(secret: string, policy: BearerTokenPolicy, tokens: VerifiedTokens, clock: () => number): Authenticate {
  // A KeyObject made once: given a string, jsonwebtoken re-derives the key on every verify.
  const key = createSecretKey(Buffer.from(secret));
  const options: jwt.VerifyOptions = {
    algorithms: ['HS256'],
    ...(policy.issuer ? { issuer: policy.issuer } : {}),
    ...(policy.audience ? { audience: policy.audience } : {}),
  };
  const verify = (token: string): VerifiedClaims => {
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, { ...options, clockTimestamp: Math.floor(clock() / 1000) });
    } catch (error) {
      throw new Unauthorized(error instanceof jwt.TokenExpiredError ? 'The token has expired.' : 'The token is not valid.');
    }
    return claimsOf(payload, policy.maxLifetimeSeconds);
  };
  return (req, access) => {
    const token = bearerToken(req);
    return principalFor(tokens.get(token) ?? tokens.add(token, verify(token)), access);
  };
}

function jwksAuthenticate(jwksUrl: string, policy: BearerTokenPolicy, tokens: VerifiedTokens, clock: () => number): Authenticate {
  // jose caches the key set, and fetches it again (at most every 30 s) for a key id it does not know.
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  const options = {
    algorithms: JWKS_ALGORITHMS,
    requiredClaims: ['exp'],
    ...(policy.issuer ? { issuer: policy.issuer } : {}),
    ...(policy.audience ? { audience: policy.audience } : {}),
  };
  const verify = async (token: string): Promise<VerifiedClaims> => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, { ...options, currentDate: new Date(clock()) }));
    } catch (error) {
      throw refusalOf(error);
    }
    return claimsOf(payload, policy.maxLifetimeSeconds);
  };
  // A token verified before is answered without a promise, as with a shared secret.
  return (req, access) => {
    const token = bearerToken(req);
    const verified = tokens.get(token);
    if (verified) return principalFor(verified, access);
    return verify(token).then((claims) => principalFor(tokens.add(token, claims), access));
  };
}

/** A token at fault is a 401; a key set we cannot fetch or read is our problem, a 503. */
function refusalOf(error: unknown): Error {
  if (error instanceof joseErrors.JWTExpired) return new Unauthorized('The token has expired.');
  const unreachable = error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || !(error instanceof joseErrors.JOSEError);
  if (unreachable) return new ServiceUnavailable('The keys that verify tokens cannot be fetched right now; try again.');
  return new Unauthorized('The token is not valid.');
}

/**
 * Verifies `Authorization: Bearer <JWT>` (`exp` required, algorithms pinned) and the route's role.
 * A token verified once is remembered until its `exp` (VerifiedTokens): a poller's repeated token
 * costs a Map lookup, not an HMAC or a signature check; its role is still checked per route.
 */
export function createAuthenticate(policy: BearerTokenPolicy, options: VerifiedTokenOptions = {}): Authenticate {
  const clock = options.clock ?? Date.now;
  const tokens = new VerifiedTokens(options.verifiedTokenLimit ?? VERIFIED_TOKENS_LIMIT, clock);
  if (policy.jwksUrl) return jwksAuthenticate(policy.jwksUrl, policy, tokens, clock);
  if (policy.secret) return sharedSecretAuthenticate(policy.secret, policy, tokens, clock);
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
