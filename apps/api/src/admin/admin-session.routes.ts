import { z } from 'zod';
import type { RouteTable } from '../http/route';
import type { AdminSessions } from './admin-session';
import { cameOverHttps } from './https';

const tags = ['admin'];

const adminSessionView = z
  .object({ expiresAt: z.iso.datetime().describe('When the session cookie stops being accepted') })
  .meta({ id: 'AdminSession' });

/** Trading an admin bearer token for the browser session cookie of `/admin`, and dropping it. */
export function addAdminSessionRoutes(routes: RouteTable, sessions: AdminSessions): void {
  routes.add({
    method: 'post',
    path: '/v1/admin/session',
    operationId: 'startAdminSession',
    summary: 'Start a browser admin session: sets an HttpOnly, SameSite=Strict cookie for /admin',
    tags,
    access: 'admin',
    standalone: true,
    responses: {
      200: { description: 'Session started; the cookie is in Set-Cookie', schema: adminSessionView, headers: { 'Set-Cookie': 'The HttpOnly session cookie' } },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
    },
    handle: async ({ principal, req }) => {
      const session = sessions.issue(principal);
      return {
        status: 200,
        headers: { 'Set-Cookie': sessions.setCookie(session.token, cameOverHttps(req)), 'Cache-Control': 'no-store' },
        body: { expiresAt: session.expiresAt.toISOString() },
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/v1/admin/session/logout',
    operationId: 'endAdminSession',
    summary: 'End the browser admin session: clears its cookie',
    tags,
    access: 'public',
    standalone: true,
    responses: { 204: { description: 'Cookie cleared', headers: { 'Set-Cookie': 'The session cookie, expired' } } },
    handle: async ({ req }) => ({ status: 204, headers: { 'Set-Cookie': sessions.clearCookie(cameOverHttps(req)) } }),
  });
}
