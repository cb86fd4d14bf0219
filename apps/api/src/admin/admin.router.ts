import type { PartitionQueues } from '@onsale/queue';
import { Router } from 'express';
import { requireAdminSession, refuseCrossSiteWrites } from './admin-guard';
import type { AdminSessions } from './admin-session';
import { LOGIN_PAGE } from './login-page';
import { queuesBoard } from './queues-board';

const LOGIN_PATH = '/admin/login';
const QUEUES_PATH = '/admin/queues';

/** The browser admin pages: the login page, and bull-board for the admins holding a session cookie. */
export function adminRouter(sessions: AdminSessions, queues: PartitionQueues): Router {
  const router = Router();
  router.get(LOGIN_PATH, (_req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(LOGIN_PAGE);
  });
  router.use(QUEUES_PATH, requireAdminSession(sessions, LOGIN_PATH), refuseCrossSiteWrites, ...queuesBoard(queues, QUEUES_PATH));
  return router;
}
