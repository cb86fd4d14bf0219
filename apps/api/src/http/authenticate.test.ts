/**
 * Bearer token verification: the header's exact form, pinned algorithms, `exp`, the optional
 * lifetime, issuer and audience, with a shared secret and with a JWKS served by a local server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Forbidden, ServiceUnavailable, Unauthorized, type Principal } from '@onsale/shared';
import type { Request } from 'express';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import jwt from 'jsonwebtoken';
import { createAuthenticate, type Authenticate, type BearerTokenPolicy } from './authenticate';
import { VERIFIED_TOKEN_MAX_AGE_MS, VerifiedTokens } from './verified-tokens';

const SECRET = 'a-shared-secret-of-32-characters';
const now = () => Math.floor(Date.now() / 1000);
const requestWith = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as Request;
const bearer = (token: string) => requestWith(`Bearer ${token}`);

/** What authenticating the request comes to: the principal, or the error's class name. */
async function outcome(authenticate: Authenticate, req: Request, access: 'customer' | 'admin' = 'customer'): Promise<Principal | string> {
  try {
    return await authenticate(req, access);
  } catch (error) {
    return (error as Error).constructor.name;
  }
}

const hs256 = (claims: Record<string, unknown>, secret = SECRET) => jwt.sign({ role: 'customer', ...claims }, secret, { algorithm: 'HS256' });

describe('the Authorization header', () => {
  const authenticate = createAuthenticate({ secret: SECRET });
  const token = hs256({ sub: 'buyer-1', exp: now() + 60 });

  it('accepts exactly `Bearer <token>`', async () => {
    expect(await outcome(authenticate, bearer(token))).toEqual({ sub: 'buyer-1', role: 'customer' });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a lowercase scheme', `bearer ${token}`],
    ['two spaces', `Bearer  ${token}`],
    ['a trailing space', `Bearer ${token} `],
    ['two tokens', `Bearer ${token} ${token}`],
    ['Basic credentials', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['the scheme alone', 'Bearer'],
    ['a token with a character outside b64token', `Bearer ${token}\u00e9`],
  ])('answers 401 for %s', async (_what, header) => {
    expect(await outcome(authenticate, requestWith(header))).toBe('Unauthorized');
  });
});

describe('HS256 with the shared secret', () => {
  it('requires exp, refuses an expired token, another secret and alg none', async () => {
    const authenticate = createAuthenticate({ secret: SECRET });
    expect(await outcome(authenticate, bearer(hs256({ sub: 'b' })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(hs256({ sub: 'b', exp: now() - 10 })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(hs256({ sub: 'b', exp: now() + 60 }, 'another-secret-of-32-characters!')))).toBe('Unauthorized');
    const unsigned = jwt.sign({ sub: 'b', role: 'admin', exp: now() + 60 }, '', { algorithm: 'none' });
    expect(await outcome(authenticate, bearer(unsigned))).toBe('Unauthorized');
  });

  it('refuses an HS384 token signed with the right secret: the algorithm is pinned', async () => {
    const hs384 = jwt.sign({ sub: 'b', exp: now() + 60 }, SECRET, { algorithm: 'HS384' });
    expect(await outcome(createAuthenticate({ secret: SECRET }), bearer(hs384))).toBe('Unauthorized');
  });

  it('checks iss and aud when configured', async () => {
    const authenticate = createAuthenticate({ secret: SECRET, issuer: 'https://issuer.example/', audience: 'onsale' });
    const claims = { sub: 'b', exp: now() + 60 };
    expect(await outcome(authenticate, bearer(hs256({ ...claims, iss: 'https://issuer.example/', aud: 'onsale' })))).toEqual({ sub: 'b', role: 'customer' });
    expect(await outcome(authenticate, bearer(hs256({ ...claims, iss: 'https://evil.example/', aud: 'onsale' })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(hs256({ ...claims, iss: 'https://issuer.example/', aud: 'other-api' })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(hs256(claims)))).toBe('Unauthorized');
  });

  it('refuses a token that lives longer than the maximum lifetime, or does not say when it was issued', async () => {
    const authenticate = createAuthenticate({ secret: SECRET, maxLifetimeSeconds: 3600 });
    const iat = now();
    expect(await outcome(authenticate, bearer(hs256({ sub: 'b', iat, exp: iat + 3600 })))).toEqual({ sub: 'b', role: 'customer' });
    expect(await outcome(authenticate, bearer(hs256({ sub: 'b', iat, exp: iat + 3601 })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(jwt.sign({ sub: 'b', exp: iat + 60 }, SECRET, { noTimestamp: true })))).toBe('Unauthorized');
  });

  it('verifies synchronously: no promise on the hot path', () => {
    const principal = createAuthenticate({ secret: SECRET })(bearer(hs256({ sub: 'b', exp: now() + 60 })), 'customer');
    expect(principal).toEqual({ sub: 'b', role: 'customer' });
  });

  it('answers 403 for a customer on an admin route', async () => {
    expect(await outcome(createAuthenticate({ secret: SECRET }), bearer(hs256({ sub: 'b', exp: now() + 60 })), 'admin')).toBe('Forbidden');
  });
});

describe('RS256 and ES256 against a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let fetches = 0;
  const keys: Record<'RS256' | 'ES256' | 'other', { privateKey: KeyLike; publicKey: KeyLike; jwk: JWK }> = {} as never;

  beforeAll(async () => {
    for (const [name, alg] of [['RS256', 'RS256'], ['ES256', 'ES256'], ['other', 'RS256']] as const) {
      const pair = await generateKeyPair(alg);
      keys[name] = { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid: name, alg, use: 'sig' } };
    }
    // Serves the RS256 and ES256 public keys; the "other" key is never published.
    server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [keys.RS256.jwk, keys.ES256.jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const sign = (name: 'RS256' | 'ES256' | 'other', claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
    new SignJWT({ role: 'customer', sub: `signed-with-${name}`, iat: now(), exp: now() + 300, ...claims })
      .setProtectedHeader({ alg: keys[name].jwk.alg!, kid: name, ...header })
      .sign(keys[name].privateKey);

  const jwks = (policy: Partial<BearerTokenPolicy> = {}) => createAuthenticate({ jwksUrl, ...policy });

  it('accepts RS256 and ES256 tokens signed with a published key, fetching the key set once', async () => {
    const authenticate = jwks();
    const before = fetches;
    expect(await outcome(authenticate, bearer(await sign('RS256')))).toEqual({ sub: 'signed-with-RS256', role: 'customer' });
    expect(await outcome(authenticate, bearer(await sign('ES256', { role: 'admin' })), 'admin')).toEqual({ sub: 'signed-with-ES256', role: 'admin' });
    expect(await outcome(authenticate, bearer(await sign('RS256')))).toEqual({ sub: 'signed-with-RS256', role: 'customer' });
    expect(fetches - before).toBe(1);
  });

  it('refuses an RS256 token signed with a key the JWKS does not publish, whatever kid it names', async () => {
    const authenticate = jwks();
    expect(await outcome(authenticate, bearer(await sign('other')))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(await sign('other', {}, { kid: 'RS256' })))).toBe('Unauthorized');
  });

  it('refuses an HS256 token, alg none, and the public key used as an HMAC secret (algorithm confusion)', async () => {
    const authenticate = jwks();
    expect(await outcome(authenticate, bearer(hs256({ sub: 'b', exp: now() + 60 })))).toBe('Unauthorized');
    const unsigned = jwt.sign({ sub: 'b', role: 'admin', exp: now() + 60 }, '', { algorithm: 'none', header: { alg: 'none', kid: 'RS256' } });
    expect(await outcome(authenticate, bearer(unsigned))).toBe('Unauthorized');
    const publicPem = await exportSPKI(keys.RS256.publicKey);
    const confused = jwt.sign({ sub: 'b', role: 'admin', exp: now() + 60 }, publicPem, { algorithm: 'HS256', header: { alg: 'HS256', kid: 'RS256' } });
    expect(await outcome(authenticate, bearer(confused), 'admin')).toBe('Unauthorized');
  });

  it('requires exp, and refuses an expired token', async () => {
    const authenticate = jwks();
    const eternal = await new SignJWT({ sub: 'b' }).setProtectedHeader({ alg: 'RS256', kid: 'RS256' }).sign(keys.RS256.privateKey);
    expect(await outcome(authenticate, bearer(eternal))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(await sign('ES256', { exp: now() - 10 })))).toBe('Unauthorized');
  });

  it('checks iss, aud and the maximum lifetime when configured', async () => {
    const authenticate = jwks({ issuer: 'https://issuer.example/', audience: 'onsale', maxLifetimeSeconds: 600 });
    const good = { iss: 'https://issuer.example/', aud: 'onsale' };
    expect(await outcome(authenticate, bearer(await sign('RS256', good)))).toEqual({ sub: 'signed-with-RS256', role: 'customer' });
    expect(await outcome(authenticate, bearer(await sign('RS256', { ...good, iss: 'https://evil.example/' })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(await sign('ES256', { ...good, aud: 'another-api' })))).toBe('Unauthorized');
    expect(await outcome(authenticate, bearer(await sign('ES256', { ...good, exp: now() + 601 })))).toBe('Unauthorized');
  });

  it('remembers a verified token: answered without a promise, still 403 on an admin route, refused from its exp on', async () => {
    const clock = { ms: Date.now() };
    const authenticate = createAuthenticate({ jwksUrl }, { clock: () => clock.ms });
    const exp = Math.floor(clock.ms / 1000) + 5;
    const token = await sign('ES256', { exp });
    expect(await authenticate(bearer(token), 'customer')).toEqual({ sub: 'signed-with-ES256', role: 'customer' });
    const again = authenticate(bearer(token), 'customer');
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toEqual({ sub: 'signed-with-ES256', role: 'customer' });
    expect(() => authenticate(bearer(token), 'admin')).toThrow(Forbidden);
    clock.ms = exp * 1000;
    expect(() => authenticate(bearer(token), 'customer')).toThrow(new Unauthorized('The token has expired.'));
    expect(await outcome(authenticate, bearer(token))).toBe('Unauthorized');
  });

  it('accepts, but verifies every time, a token spelled otherwise than canonically (jose reads `=` and stray bits)', async () => {
    const authenticate = jwks();
    const token = await sign('RS256');
    for (const spelling of [`${token}=`, `${token}==`, withStrayBit(token)]) {
      for (let poll = 0; poll < 2; poll += 1) {
        const answer = authenticate(bearer(spelling), 'customer');
        expect(answer).toBeInstanceOf(Promise);
        expect(await answer).toEqual({ sub: 'signed-with-RS256', role: 'customer' });
      }
    }
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const unreachable = createAuthenticate({ jwksUrl: 'http://127.0.0.1:1/jwks.json' });
    expect(await outcome(unreachable, bearer(await sign('RS256')))).toBe(ServiceUnavailable.name);
    expect(Unauthorized.name).toBe('Unauthorized');
  });
});

/** The principal `authenticate` answered without a promise, as HS256 does: the hot path never waits. */
function synchronously(answer: Principal | Promise<Principal>): Principal {
  if (answer instanceof Promise) throw new Error('answered with a promise');
  return answer;
}

describe('verified tokens, remembered until exp', () => {
  let verifications: jest.SpyInstance;
  beforeEach(() => {
    verifications = jest.spyOn(jwt, 'verify');
  });
  afterEach(() => {
    verifications.mockRestore();
  });

  /** A clock the test moves: milliseconds since the epoch. */
  const testClock = () => {
    const clock = { ms: Date.now(), now: () => clock.ms };
    return clock;
  };

  it('verifies a token once: the same token again is answered without verifying it, synchronously', () => {
    const authenticate = createAuthenticate({ secret: SECRET });
    const token = hs256({ sub: 'poller', exp: now() + 60 });
    for (let poll = 0; poll < 5; poll += 1) expect(synchronously(authenticate(bearer(token), 'customer'))).toEqual({ sub: 'poller', role: 'customer' });
    expect(verifications).toHaveBeenCalledTimes(1);
    synchronously(authenticate(bearer(hs256({ sub: 'another', exp: now() + 60 })), 'customer'));
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it("refuses a remembered token from its exp on, with today's 401, and verifies it again to say so", async () => {
    const clock = testClock();
    const authenticate = createAuthenticate({ secret: SECRET }, { clock: clock.now });
    const exp = Math.floor(clock.ms / 1000) + 2;
    const token = hs256({ sub: 'b', exp });
    expect(await outcome(authenticate, bearer(token))).toEqual({ sub: 'b', role: 'customer' });
    clock.ms = exp * 1000 - 1;
    expect(await outcome(authenticate, bearer(token))).toEqual({ sub: 'b', role: 'customer' });
    expect(verifications).toHaveBeenCalledTimes(1);

    clock.ms = exp * 1000;
    expect(() => authenticate(bearer(token), 'customer')).toThrow(new Unauthorized('The token has expired.'));
    // Forgotten once expired: the next request is the verifier's to refuse, with the same words.
    expect(() => authenticate(bearer(token), 'customer')).toThrow(new Unauthorized('The token has expired.'));
    expect(verifications).toHaveBeenCalledTimes(2);
    expect(() => createAuthenticate({ secret: SECRET })(bearer(hs256({ sub: 'b', exp: now() - 1 })), 'customer')).toThrow(
      new Unauthorized('The token has expired.'),
    );
  });

  it('checks the role on every request: a customer token remembered from a customer route is 403 on an admin route', async () => {
    const authenticate = createAuthenticate({ secret: SECRET });
    const token = hs256({ sub: 'b', exp: now() + 60 });
    expect(await outcome(authenticate, bearer(token), 'customer')).toEqual({ sub: 'b', role: 'customer' });
    expect(await outcome(authenticate, bearer(token), 'admin')).toBe('Forbidden');
    expect(await outcome(authenticate, bearer(token), 'admin')).toBe('Forbidden');
    expect(await outcome(authenticate, bearer(token), 'customer')).toEqual({ sub: 'b', role: 'customer' });
    expect(verifications).toHaveBeenCalledTimes(1);
  });

  it('holds at most its limit of tokens, forgetting the oldest first', () => {
    const authenticate = createAuthenticate({ secret: SECRET }, { verifiedTokenLimit: 2 });
    const [first, second, third] = ['t1', 't2', 't3'].map((sub) => hs256({ sub, exp: now() + 60 }));
    for (const token of [first!, second!, third!]) synchronously(authenticate(bearer(token), 'customer'));
    expect(verifications).toHaveBeenCalledTimes(3);
    synchronously(authenticate(bearer(third!), 'customer'));
    synchronously(authenticate(bearer(second!), 'customer'));
    expect(verifications).toHaveBeenCalledTimes(3);
    synchronously(authenticate(bearer(first!), 'customer')); // evicted by the third
    expect(verifications).toHaveBeenCalledTimes(4);
  });

  it('refuses forged and altered tokens every time, verifying each, and they evict nothing', async () => {
    const authenticate = createAuthenticate({ secret: SECRET }, { verifiedTokenLimit: 1 });
    const token = hs256({ sub: 'buyer', exp: now() + 60 });
    expect(await outcome(authenticate, bearer(token))).toEqual({ sub: 'buyer', role: 'customer' });
    const [header, , signature] = token.split('.');
    const admin = Buffer.from(JSON.stringify({ sub: 'buyer', role: 'admin', exp: now() + 60 })).toString('base64url');
    const flipped = `${signature!.slice(0, -2)}${signature!.at(-2) === 'A' ? 'B' : 'A'}${signature!.at(-1)}`;
    const forgeries = [
      `${header}.${admin}.${signature}`,
      `${token.split('.').slice(0, 2).join('.')}.${flipped}`,
      hs256({ sub: 'buyer', role: 'admin', exp: now() + 60 }, 'another-secret-of-32-characters!'),
      jwt.sign({ sub: 'buyer', role: 'admin', exp: now() + 60 }, '', { algorithm: 'none' }),
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const forged of forgeries) expect(await outcome(authenticate, bearer(forged), 'admin')).toBe('Unauthorized');
    }
    expect(verifications).toHaveBeenCalledTimes(1 + 3 * forgeries.length);
    // The one genuine token is still remembered.
    expect(await outcome(authenticate, bearer(token))).toEqual({ sub: 'buyer', role: 'customer' });
    expect(verifications).toHaveBeenCalledTimes(1 + 3 * forgeries.length);
  });

  it('does not remember a token the lifetime, issuer or audience checks refuse', async () => {
    const authenticate = createAuthenticate({ secret: SECRET, issuer: 'https://issuer.example/', audience: 'onsale', maxLifetimeSeconds: 60 });
    const iat = now();
    const good = { sub: 'b', iat, exp: iat + 60, iss: 'https://issuer.example/', aud: 'onsale' };
    const refused = [hs256({ ...good, exp: iat + 61 }), hs256({ ...good, iss: 'https://evil.example/' }), hs256({ ...good, aud: 'other-api' })];
    for (const token of [...refused, ...refused]) expect(await outcome(authenticate, bearer(token))).toBe('Unauthorized');
    expect(verifications).toHaveBeenCalledTimes(6);
    expect(await outcome(authenticate, bearer(hs256(good)))).toEqual({ sub: 'b', role: 'customer' });
  });

  it('verifies a remembered token again after VERIFIED_TOKEN_MAX_AGE_MS, whatever its exp', () => {
    const clock = testClock();
    const authenticate = createAuthenticate({ secret: SECRET }, { clock: clock.now });
    const token = hs256({ sub: 'b', exp: Math.floor(clock.ms / 1000) + 3600 });
    synchronously(authenticate(bearer(token), 'customer'));
    clock.ms += VERIFIED_TOKEN_MAX_AGE_MS - 1;
    synchronously(authenticate(bearer(token), 'customer'));
    expect(verifications).toHaveBeenCalledTimes(1);
    clock.ms += 1;
    synchronously(authenticate(bearer(token), 'customer'));
    expect(verifications).toHaveBeenCalledTimes(2);
  });
});

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The token with its signature's last character's lowest (unused) bit set: the same bytes, spelled otherwise. */
const withStrayBit = (token: string) => `${token.slice(0, -1)}${BASE64URL[BASE64URL.indexOf(token.at(-1)!) ^ 1]}`;

describe('VerifiedTokens', () => {
  const claims = { principal: { sub: 'b', role: 'customer' as const }, exp: now() + 60 };

  it('never holds more than its limit', () => {
    const tokens = new VerifiedTokens(10);
    for (let index = 0; index < 100; index += 1) tokens.add(hs256({ sub: `b${index}`, exp: now() + 60 }), claims);
    expect(tokens.size).toBe(10);
  });

  it('remembers only canonical spellings: one signed token is at most one entry', () => {
    const tokens = new VerifiedTokens(10);
    const token = hs256({ sub: 'b', exp: now() + 60 });
    for (const spelling of [`${token}=`, `${token}==`, withStrayBit(token), `${token}.`]) tokens.add(spelling, claims);
    expect(tokens.size).toBe(0);
    tokens.add(token, claims);
    tokens.add(token, claims);
    expect(tokens.size).toBe(1);
    expect(tokens.get(token)).toMatchObject(claims);
  });
});
