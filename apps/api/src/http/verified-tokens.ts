import { Unauthorized, type Principal } from '@onsale/shared';

/** What a bearer token proved once its signature and claims were verified: who sends it, and its `exp` (seconds). */
export interface VerifiedClaims {
  principal: Principal;
  exp: number;
}

interface Entry extends VerifiedClaims {
  /** When the entry stops being used (ms), expired or not: the token is verified again. */
  reverifyAt: number;
}

/**
 * Twice the 100,000 pollers the API is sized for: the load balancer sends every poller's token to
 * every instance, and evicting the oldest first keeps nothing once the tokens polled in turn
 * outnumber the entries. Some 0.7 KB an entry (the token, its principal), 140 MB when full.
 */
export const VERIFIED_TOKENS_LIMIT = 200_000;

/**
 * How long a verification is reused at most, whatever the token's `exp`: as long as jose keeps a
 * fetched JWKS (its `cacheMaxAge`), so a signing key withdrawn from the key set stops being
 * honoured here as soon as it would be without this cache.
 */
export const VERIFIED_TOKEN_MAX_AGE_MS = 600_000;

/**
 * Bearer tokens already verified, by their exact string, so that a poller's token (the same one
 * every two seconds) is verified once rather than on every request. Holds only what verification
 * proved: the principal and `exp`. The route's role is checked on every request by the caller,
 * and an entry is never used at or after the token's `exp` (the same second jsonwebtoken and jose
 * call it expired), nor past VERIFIED_TOKEN_MAX_AGE_MS.
 *
 * Bounded: at most `limit` entries, the oldest evicted first (a Map iterates in insertion order).
 * What can get in: only a token whose verification succeeded, so a garbage or forged token is
 * verified, and refused, every time, and never evicts anything; filling the cache takes tokens
 * our issuer signed. Only tokens in canonical base64url get in, so that one signed token cannot
 * become many entries: jose accepts a signature with trailing `=` (as many as sent) or with other
 * values in the unused low bits of its last character, and the same token spelled each of those
 * ways would otherwise be an entry of its own. Such a spelling is still accepted, and verified
 * every time, as before.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limit = VERIFIED_TOKENS_LIMIT,
    /** Milliseconds since the epoch; a test's own clock. */
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The claims `token` was verified to carry, if it was verified here and may still be used.
   * Throws Unauthorized (as the verifier would) once the token's `exp` has come.
   */
  get(token: string): VerifiedClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = this.clock();
    if (now >= entry.exp * 1000) {
      this.entries.delete(token);
      throw new Unauthorized('The token has expired.');
    }
    if (now >= entry.reverifyAt) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  /** Remembers `token`'s verified claims (returned as given), evicting the oldest entry when full. */
  add(token: string, claims: VerifiedClaims): VerifiedClaims {
    if (!isCanonical(token)) return claims;
    if (this.entries.size >= this.limit && !this.entries.has(token)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { ...claims, reverifyAt: this.clock() + VERIFIED_TOKEN_MAX_AGE_MS });
    return claims;
  }
}

/** Three segments, each spelled as its bytes encode: no padding, no stray bits. */
function isCanonical(token: string): boolean {
  const segments = token.split('.');
  return segments.length === 3 && segments.every(isCanonicalSegment);
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Whether decoding `segment` and encoding the bytes again gives it back, without doing either (a
 * new buyer's token is checked once, a few µs saved a buy): base64url's alphabet only, no padding,
 * no length that leaves a lone character, and none of the low bits of its last character set that
 * decoding drops (4 of them when 2 characters are left over, 2 when 3 are).
 */
function isCanonicalSegment(segment: string): boolean {
  if (!BASE64URL.test(segment)) return false;
  const leftOver = segment.length % 4;
  if (leftOver === 0) return true;
  if (leftOver === 1) return false;
  const last = BASE64URL_ALPHABET.indexOf(segment[segment.length - 1]!);
  return (last & (leftOver === 2 ? 0b1111 : 0b11)) === 0;
}
