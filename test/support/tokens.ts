import { createHmac, randomUUID } from 'node:crypto';

/** The JWT secret of the API that test/support/api-app.ts starts. */
export const TEST_JWT_SECRET = 'test-secret-at-least-16';

export type Role = 'admin' | 'customer';

const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A bearer token as the API accepts it: HS256-signed `sub` and `role`, valid for an hour. Signed
 * here with node:crypto, as `jwt.sign({ sub, role }, secret, { expiresIn: '1h' })` would, because
 * jsonwebtoken is a dependency of the API, not of test/support.
 */
export function tokenFor(sub: string, role: Role = 'customer', secret = TEST_JWT_SECRET): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const header = base64urlJson({ alg: 'HS256', typ: 'JWT' });
  const payload = base64urlJson({ sub, role, iat: issuedAt, exp: issuedAt + 3600 });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** A token with exactly this header and payload, HMAC-signed with `secret` (an empty secret: no signature). */
export function signedToken(payload: unknown, secret = TEST_JWT_SECRET, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const signingInput = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  const signature = secret ? createHmac('sha256', secret).update(signingInput).digest('base64url') : '';
  return `${signingInput}.${signature}`;
}

/** A fresh customer: its id (the token's `sub`) and a token. */
export function newCustomer(): { sub: string; token: string } {
  const sub = `customer-${randomUUID()}`;
  return { sub, token: tokenFor(sub) };
}

export const adminToken = () => tokenFor('admin-1', 'admin');
