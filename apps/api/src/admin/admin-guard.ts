import { Forbidden, Unauthorized } from '@onsale/shared';
import type { Request, RequestHandler } from 'express';
import type { AdminSessions } from './admin-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A browser navigating to a page (rather than a script or a client asking for JSON). */
const isPageNavigation = (req: Request) => req.method === 'GET' && req.accepts(['json', 'html']) === 'html';

/**
 * Lets through only requests carrying a valid admin session cookie. A page navigation without one
 * is sent to the login page, which brings the admin back here; anything else gets a 401 problem.
 */
export function requireAdminSession(sessions: AdminSessions, loginPath: string): RequestHandler {
  return (req, res, next) => {
    try {
      sessions.verify(req.headers.cookie);
    } catch (error) {
      if (!(error instanceof Unauthorized) || !isPageNavigation(req)) throw error;
      res.redirect(303, `${loginPath}?${new URLSearchParams({ next: req.originalUrl }).toString()}`);
      return;
    }
    next();
  };
}

/**
 * CSRF defence in depth behind SameSite=Strict: an unsafe request must come from our own pages.
 * Browsers say where a request comes from in `Sec-Fetch-Site`, older ones in `Origin`; a client
 * that sends neither is not a browser, so it has no ambient cookie to abuse.
 */
export const refuseCrossSiteWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') throw new Forbidden(`A ${site} ${req.method} to the admin pages is refused.`);
  const origin = req.get('origin');
  if (origin !== undefined && !ownOrigins(req).includes(origin)) throw new Forbidden(`A ${req.method} from ${origin} to the admin pages is refused.`);
  next();
};

/** Our host over http or https: behind a TLS-terminating proxy we see http while the browser says https. */
const ownOrigins = (req: Request) => [`http://${req.get('host')}`, `https://${req.get('host')}`];
