import { createSecretKey } from 'node:crypto';
import { OnsaleApiError, type OnsaleClient } from '@onsale/client';
import jwt from 'jsonwebtoken';
import { CliFailure } from './failure';

export type Role = 'admin' | 'customer';

export interface MintedToken {
  token: string;
  sub: string;
  role: Role;
  expiresAt: string;
}

/** An HS256 bearer token as the API verifies it, signed with the deployment's JWT_SECRET: for local use. */
export function mintToken(secret: string | undefined, claims: { sub: string; role: string; ttlSeconds: number }): MintedToken {
  if (!secret) throw new CliFailure('minting a token needs the API\'s secret: pass --jwt-secret or set JWT_SECRET');
  if (claims.role !== 'admin' && claims.role !== 'customer') throw new CliFailure(`--role must be admin or customer, not ${claims.role}`);
  if (!Number.isInteger(claims.ttlSeconds) || claims.ttlSeconds <= 0) throw new CliFailure('--ttl must be a positive number of seconds');
  const token = jwt.sign({ sub: claims.sub, role: claims.role }, createSecretKey(Buffer.from(secret)), {
    algorithm: 'HS256',
    expiresIn: claims.ttlSeconds,
  });
  const expiresAt = new Date(Date.now() + claims.ttlSeconds * 1000).toISOString();
  return { token, sub: claims.sub, role: claims.role, expiresAt };
}

/**
 * Checks a token given with --token before it is used: it must be a JWT (three base64url parts,
 * the first two JSON) and the API must accept it on a route that needs one (the customer's own
 * reservations, one at most), else the CLI fails rather than quietly calling public routes
 * without it. The API, not the CLI, checks its signature and claims.
 */
export async function verifiedToken(client: OnsaleClient, token: string): Promise<void> {
  const parts = token.split('.');
  const json = (part: string | undefined) => {
    try {
      return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  };
  if (parts.length !== 3 || typeof json(parts[0]) !== 'object' || typeof json(parts[1]) !== 'object' || json(parts[1]) === null) {
    throw new CliFailure('--token (or ONSALE_TOKEN) is not a JWT: give the bearer token the API accepts, or --jwt-secret/JWT_SECRET to mint an admin one');
  }
  const answer = await client.api.GET('/v1/customers/me/reservations', { params: { query: { limit: 1 } } });
  if (answer.response.status === 401) {
    const refusal = new OnsaleApiError(401, answer.error as ConstructorParameters<typeof OnsaleApiError>[1], 'check --token');
    throw new CliFailure(`the API refused --token (or ONSALE_TOKEN): ${refusal.message}`);
  }
}
