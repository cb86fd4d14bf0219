import type { PartitionQueues } from '@onsale/queue';
import { Router, type RequestHandler } from 'express';
import { requireAdminSession, refuseCrossSiteWrites } from './admin-guard';
import type { AdminSessions } from './admin-session';
import { LOGIN_PAGE, LOGIN_PAGE_CSP } from './login-page';
import { queuesBoard } from './queues-board';

const LOGIN_PATH = '/admin/login';
const QUEUES_PATH = '/admin/queues';

/** The board shows what only an admin may see: no cache keeps it, nor its refusals. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** The browser admin pages: the login page, and bull-board for the admins holding a session cookie. */
export function adminRouter(sessions: AdminSessions, queues: PartitionQueues): Router {
  const router = Router();
  router.get(LOGIN_PATH, (_req, res) => {
    res.set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': LOGIN_PAGE_CSP }).type('html').send(LOGIN_PAGE);
  });
  router.use(QUEUES_PATH, noStore, requireAdminSession(sessions, LOGIN_PATH), refuseCrossSiteWrites, ...queuesBoard(queues, QUEUES_PATH));
  return router;
}
