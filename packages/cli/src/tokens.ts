import { createSecretKey } from 'node:crypto';
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
