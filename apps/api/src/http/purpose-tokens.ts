import { Unauthorized } from '@onsale/shared';
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Short-lived HS256 tokens for one purpose (a browser admin session, a reservation's stream).
 * Each purpose signs with its own key, derived from the API secret, and names itself as the
 * audience: a token of one purpose is refused for any other, and as a bearer token, and a bearer
 * token is refused as one of these.
 */
export class PurposeTokens {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    /** The audience claim, and the label the key is derived with. */
    readonly purpose: string,
    /** How the token is named in refusals ("the admin session has expired"). */
    private readonly name: string,
  ) {
    this.key = createSecretKey(createHmac('sha256', secret).update(purpose).digest());
  }

  /** A token with these claims, the purpose as its audience, expiring at `exp` (seconds). */
  sign(claims: Record<string, unknown>, exp: number): string {
    return jwt.sign({ ...claims, aud: this.purpose, exp }, this.key, { algorithm: 'HS256' });
  }

  /** The token's payload if it is this purpose's, signed and unexpired; `Unauthorized` otherwise. */
  verify(token: string): unknown {
    try {
      return jwt.verify(token, this.key, { algorithms: ['HS256'], audience: this.purpose });
    } catch (error) {
      throw new Unauthorized(error instanceof jwt.TokenExpiredError ? `The ${this.name} has expired.` : `The ${this.name} is not valid.`);
    }
  }
}
