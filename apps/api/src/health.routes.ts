import { ServiceUnavailable, withDeadline } from '@onsale/shared';
import { z } from 'zod';
import type { RouteTable } from './http/route';

const status = z.object({ status: z.literal('ok') });

export function addHealthRoutes(routes: RouteTable, checks: { postgres: () => Promise<void>; redis: () => Promise<unknown> }): void {
  routes.add({
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness: the process serves HTTP',
    tags: ['health'],
    access: 'public',
    standalone: true,
    responses: { 200: { description: 'Alive', schema: status } },
    handle: async () => ({ status: 200, body: { status: 'ok' } }),
  });

  routes.add({
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness: PostgreSQL and Redis answer',
    tags: ['health'],
    access: 'public',
    responses: { 200: { description: 'Ready', schema: status }, 503: { description: 'A dependency is down' } },
    handle: async () => {
      const results = await Promise.allSettled([withDeadline(checks.postgres(), 2_000), withDeadline(checks.redis(), 2_000)]);
      const down = ['postgres', 'redis'].filter((_, index) => results[index]!.status === 'rejected');
      if (down.length > 0) throw new ServiceUnavailable(`Unreachable: ${down.join(', ')}.`);
      return { status: 200, body: { status: 'ok' } };
    },
  });
}

