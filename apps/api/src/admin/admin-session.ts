import { Unauthorized, type Principal } from '@onsale/shared';
import { parseCookie, stringifySetCookie } from 'cookie';
import { z } from 'zod';
import { PurposeTokens } from '../http/purpose-tokens';

export const ADMIN_SESSION_COOKIE = 'onsale_admin_session';
/** The cookie is sent to the admin pages and nowhere else. */
export const ADMIN_COOKIE_PATH = '/admin';
const AUDIENCE = 'onsale:admin-session';

const sessionClaims = z.object({ sub: z.string().min(1).max(200), role: z.literal('admin'), aud: z.literal(AUDIENCE), exp: z.number() });

/**
 * The browser admin login: a short-lived HS256 JWT in an HttpOnly, SameSite=Strict cookie scoped
 * to `/admin`, issued to the holder of an admin bearer token (docs/admin.md).
 */
export class AdminSessions {
  private readonly tokens: PurposeTokens;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.tokens = new PurposeTokens(secret, AUDIENCE, 'admin session');
  }

  /** A session token for an admin; `issuedAt` (seconds) backdates it. */
  issue(admin: Principal, issuedAt = Math.floor(Date.now() / 1000)): { token: string; expiresAt: Date } {
    const exp = issuedAt + this.ttlSeconds;
    const token = this.tokens.sign({ sub: admin.sub, role: 'admin', iat: issuedAt }, exp);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The admin whose valid session the request's cookie holds; `Unauthorized` otherwise. */
  verify(cookieHeader: string | undefined): Principal {
    const token = parseCookie(cookieHeader ?? '')[ADMIN_SESSION_COOKIE];
    if (!token) throw new Unauthorized('Log in at /admin/login first.');
    const claims = sessionClaims.safeParse(this.tokens.verify(token));
    if (!claims.success) throw new Unauthorized('The admin session is not valid.');
    return { sub: claims.data.sub, role: claims.data.role };
  }

  /** `Set-Cookie` for a new session; `Secure` when the browser reached us over https. */
  setCookie(token: string, secure: boolean): string {
    return stringifySetCookie(ADMIN_SESSION_COOKIE, token, { ...cookieAttributes(secure), maxAge: this.ttlSeconds });
  }

  /** `Set-Cookie` that removes the session. */
  clearCookie(secure: boolean): string {
    return stringifySetCookie(ADMIN_SESSION_COOKIE, '', { ...cookieAttributes(secure), maxAge: 0 });
  }
}

const cookieAttributes = (secure: boolean) => ({ httpOnly: true, sameSite: 'strict' as const, path: ADMIN_COOKIE_PATH, secure });
